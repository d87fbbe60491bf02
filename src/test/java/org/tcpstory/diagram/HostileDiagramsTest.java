package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.StoryEngine;
import org.tcpstory.story.ChapterParser;
import org.tcpstory.story.ParseResult;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * The whole way from story text to SVG (parser, engine, {@link SequenceDiagram} and {@link StateDiagram},
 * {@link DiagramRenderer}) with hostile text in every place an author's words reach a diagram: peer
 * labels (the participants, the state diagram's legend), notes, {@code data="..."} payloads, {@code wait}
 * labels and, for a broken line, the line itself. Each diagram must show the text as typed, and hold no
 * file content, no environment value, no script, no event handler and no script URL.
 */
class HostileDiagramsTest {

    private static final DiagramRenderer RENDERER = new DiagramRenderer();

    /** PlantUML preprocessor, line syntax and creole, HTML and XML: each must stay text. */
    static Stream<String> hostile() {
        return Stream.of(
                "first line\nsecond line", "@enduml", "@enduml\n@startuml\n!include /etc/passwd", "!include /etc/passwd",
                "!include_many /etc/passwd", "!includeurl http://127.0.0.1/x", "%getenv(\"HOME\")",
                "%getenv(\"PLANTUML_LIMIT_SIZE\")", "%getenv(\"PLANTUML_SECURITY_PROFILE\")", "%load_json(\"/etc/passwd\")",
                "%dirpath()", "%filename()", "!define X Y", "!theme spacelab", "!pragma layout elk", "<<stereo>>",
                "**b**", "<color:red>red</color>", "[[javascript:alert(1)]]", "[[http://127.0.0.1/x{tip} label]]",
                "<img:file:///etc/passwd>", "<img /etc/passwd>", "<script>alert(1)</script>",
                "<svg onload=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>", "\"><script>alert(1)</script>",
                "--><script>alert(1)</script><!--", "&lt;script&gt; &amp; &#60;",
                "\\n not a break", "\\", "<&folder> <:1f600:> <$sprite>", "$x = 1", "' comment", "/' block '/",
                "end note", "@startuml\nA -> B\n@enduml", "周屿 · 客户端 😀", "ﬁ ǅ ẞ ⅷ", "\u202Eevil\u202C right-to-left");
    }

    /** A one-chapter story that puts {@code text} in every place a diagram shows authored text; it is valid. */
    static String story(String text) {
        String oneLine = text.replace('\n', ' ');
        return "---\n"
                + "title: " + yaml(text) + "\n"
                + "peers:\n"
                + "  A: { label: " + yaml(text) + ", state: ESTABLISHED, seq: u }\n"
                + "  B: { label: " + yaml("B " + text) + ", state: ESTABLISHED, seq: v }\n"
                + "---\n\n"
                + "```tcp\n"
                + "note A, B: " + oneLine + "\n"
                + "A -> B: ACK, PSH, seq=u, ack=v, data=" + quoted(text) + "\n"
                + "B -> A: ACK, seq=v, ack=w\n"
                + "wait " + oneLine + "\n"
                + "```\n";
    }

    static String yaml(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                .replace("\u202E", "\\u202E").replace("\u202C", "\\u202C") + "\"";
    }

    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static ChapterResult run(String story) {
        ParseResult parsed = new ChapterParser().parse("hostile.md", story.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), parsed.diagnostics(), story);
        return new StoryEngine().validate(List.of(parsed.chapter().orElseThrow())).get(0);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void everyPlaceShowsTheTextAsTyped(String text) {
        ChapterResult result = run(story(text));
        assertEquals(List.of(), result.diagnostics().stream().filter(Diagnostic::isError).toList());

        String sequence = RENDERER.svg(SequenceDiagram.source(result, Theme.LIGHT));
        assertSafe(sequence);
        List<String> texts = TestChapters.texts(sequence);
        String shown = String.join("\n", texts);
        String oneLine = text.replace('\n', ' ').strip();
        // Participants (drawn at the top and the bottom), payload, note and wait, line breaks and all.
        assertTrue(count(texts, text.strip()) >= 2 || shown.contains(text.strip()), () -> "label " + text + " in " + texts);
        assertTrue(shown.contains("B " + text.strip()), () -> "label B " + text + " in " + texts);
        assertTrue(shown.contains("PSH=1, ACK=1, seq=u, ack=v, data=\"" + text + "\""), () -> "payload in " + texts);
        assertTrue(texts.stream().anyMatch(t -> t.strip().equals(oneLine)), () -> "note and wait " + oneLine + " in " + texts);

        String states = RENDERER.svg(StateDiagram.source(result, Theme.LIGHT));
        assertSafe(states);
        String legend = String.join("\n", TestChapters.texts(states));
        for (String line : text.split("\n")) {
            assertTrue(legend.contains(line.strip()), () -> "legend line " + line + " in " + legend);
        }
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void aBrokenLineIsDrawnAsTyped(String text) {
        // An expect that names no state: the diagram shows the line itself, in the error colour.
        String oneLine = text.replace('\n', ' ');
        String story = "---\ntitle: x\npeers:\n  A: { state: ESTABLISHED, seq: u }\n  B: { state: ESTABLISHED, seq: v }\n"
                + "---\n```tcp\nexpect A ESTABLISHED-" + oneLine.replaceAll("[\\s,]", "_") + "\n```\n";
        ChapterResult result = run(story);
        assertFalse(result.isValid());
        String svg = RENDERER.svg(SequenceDiagram.source(result, Theme.LIGHT));
        assertSafe(svg);
        String line = "expect A ESTABLISHED-" + oneLine.replaceAll("[\\s,]", "_");
        assertTrue(TestChapters.texts(svg).stream().anyMatch(t -> t.strip().equals(line.strip())),
                () -> line + " in " + TestChapters.texts(svg));
    }

    @Test
    void everyHostileStringAtOnceInOneDiagram() {
        List<String> all = hostile().toList();
        List<String> events = new ArrayList<>();
        for (String text : all) {
            events.add("note A: " + text.replace('\n', ' '));
        }
        String story = "---\ntitle: x\npeers:\n  A: { label: " + yaml(String.join("\n", all)) + ", state: ESTABLISHED, "
                + "seq: u }\n  B: { state: ESTABLISHED, seq: v }\n---\n```tcp\n" + String.join("\n", events) + "\n```\n";
        ChapterResult result = run(story);
        String svg = RENDERER.svg(SequenceDiagram.source(result, Theme.LIGHT));
        assertSafe(svg);
        List<String> texts = TestChapters.texts(svg);
        for (String text : all) {
            String oneLine = text.replace('\n', ' ').strip();
            assertTrue(texts.stream().anyMatch(t -> t.strip().equals(oneLine)), () -> oneLine + " in " + texts);
        }
        assertSafe(RENDERER.svg(StateDiagram.source(result, Theme.LIGHT)));
    }

    /**
     * PlantUML 1.2026.9 escapes {@code <} and {@code &} in SVG text but not {@code >}, so text with
     * {@code ]]>} once gave an SVG that was not well-formed XML, and a valid story could not be built.
     * DiagramRenderer now writes {@code ]]>} outside CDATA sections as {@code ]]&gt;}.
     */
    @Test
    void cdataEndInTextIsDrawnAsTyped() {
        String text = "]]><script>alert(1)</script> a[b[0]]>c";
        ChapterResult result = run(story(text));
        String svg = RENDERER.svg(SequenceDiagram.source(result, Theme.LIGHT));
        assertSafe(svg);
        assertTrue(TestChapters.texts(svg).stream().anyMatch(t -> t.strip().equals(text)), svg);
    }

    private static long count(List<String> texts, String text) {
        return texts.stream().filter(t -> t.strip().equals(text)).count();
    }

    /**
     * No file content, no environment value, no script element, no event-handler attribute, no script,
     * data or outside URL in any attribute, and no element that links or embeds.
     */
    static void assertSafe(String svg) {
        PlantUmlTextTest.assertNoLeak(svg);
        assertFalse(svg.contains("root:x:"), "/etc/passwd in the SVG");
        for (String value : System.getenv().values()) {
            if (value.length() >= 12 || value.length() >= 6 && value.contains("/")) {
                assertFalse(svg.contains(value), () -> "an environment value in the SVG: " + value);
            }
        }
        assertFalse(svg.toLowerCase(Locale.ROOT).contains("<script"), "a script element");
        Document document = TestChapters.xml(svg);
        NodeList elements = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            String name = element.getLocalName().toLowerCase(Locale.ROOT);
            assertFalse(List.of("script", "a", "image", "use", "foreignobject", "iframe", "object", "embed", "set",
                    "animate").contains(name), "<" + name + "> in the SVG");
            NamedNodeMap attributes = element.getAttributes();
            for (int j = 0; j < attributes.getLength(); j++) {
                Attr attribute = (Attr) attributes.item(j);
                String attr = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
                String value = attribute.getValue().replaceAll("\\s", "").toLowerCase(Locale.ROOT);
                assertFalse(attr.toLowerCase(Locale.ROOT).startsWith("on"), "event handler " + attr + " on <" + name + ">");
                assertFalse(value.contains("javascript:") || value.contains("vbscript:") || value.contains("data:")
                        || value.contains("file:"), attr + "=\"" + attribute.getValue() + "\" on <" + name + ">");
                if (attr.equalsIgnoreCase("href")) {
                    assertTrue(value.startsWith("#"), "a link out of the SVG: " + value);
                }
            }
        }
    }
}
