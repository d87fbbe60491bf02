package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpstory.diagram.TestChapters.CLIENT;
import static org.tcpstory.diagram.TestChapters.HANDSHAKE;
import static org.tcpstory.diagram.TestChapters.OPEN_A;
import static org.tcpstory.diagram.TestChapters.OPEN_B;
import static org.tcpstory.diagram.TestChapters.SERVER;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.tcpstory.engine.ChapterResult;

class StateHighlightTest {

    private final DiagramRenderer renderer = new DiagramRenderer();

    private static final String[] RESET_WHILE_CLOSING = {
        "A -> B: FIN, ACK, seq=u, ack=v",
        "B -> A: RST, seq=v",
        "expect A CLOSED, B CLOSED",
    };

    /** The painted layout looks exactly as PlantUML draws the chapter's own source, but for where things are. */
    @ParameterizedTest
    @EnumSource(Theme.class)
    void paintedLayoutLooksAsPlantUmlDrawsTheChapter(Theme theme) {
        for (ChapterResult result : List.of(TestChapters.runValid(CLIENT, SERVER, HANDSHAKE),
                TestChapters.runValid(OPEN_A, OPEN_B, RESET_WHILE_CLOSING))) {
            StateDiagram.Figure figure = StateDiagram.figure(result, theme, DiagramWords.ENGLISH);
            String painted = figure.highlight(renderer.svg(figure.layout().orElseThrow())).orElseThrow();
            String drawn = renderer.svg(figure.source());
            assertEquals(look(drawn), look(painted));
            SvgSafety.check(painted);
        }
    }

    @Test
    void chaptersWithTheSameArcsShareOneLayoutAndDifferInTheirHighlights() {
        StateDiagram.Figure handshake = StateDiagram.figure(TestChapters.runValid(CLIENT, SERVER, HANDSHAKE),
                Theme.LIGHT, DiagramWords.ENGLISH);
        StateDiagram.Figure other = StateDiagram.figure(TestChapters.runValid(
                "label: \"甲\", state: ESTABLISHED, seq: u", "label: \"乙\", state: ESTABLISHED, seq: v",
                "A -> B: FIN, ACK, seq=u, ack=v", "B -> A: ACK, seq=v, ack=u+1",
                "expect A FIN-WAIT-2, B CLOSE-WAIT"), Theme.LIGHT, DiagramWords.ENGLISH);
        assertEquals(handshake.layout(), other.layout());
        String layoutSvg = renderer.svg(handshake.layout().orElseThrow());
        String first = handshake.highlight(layoutSvg).orElseThrow();
        String second = other.highlight(layoutSvg).orElseThrow();
        assertNotEquals(first, second);
        assertEquals(paths(layoutSvg), paths(first), "painting moves nothing");
        assertEquals(paths(layoutSvg), paths(second));
        assertTrue(second.contains(">甲</text>") && second.contains(">乙</text>"), second);
        assertFalse(second.contains(StateHighlight.placeholder(0)), second);

        StateDiagram.Figure extra = StateDiagram.figure(TestChapters.runValid(OPEN_A, OPEN_B, RESET_WHILE_CLOSING),
                Theme.LIGHT, DiagramWords.ENGLISH);
        assertNotEquals(handshake.layout(), extra.layout(), "an arc outside the figure is laid out with it");
    }

    @Test
    void aLegendWiderThanTheFigureWidensTheDiagram() {
        String name = "一个名字非常非常长的客户端".repeat(8);
        StateDiagram.Figure figure = StateDiagram.figure(TestChapters.runValid("label: \"" + name
                + "\", state: CLOSED, isn: x", SERVER, HANDSHAKE), Theme.LIGHT, DiagramWords.ENGLISH);
        String painted = figure.highlight(renderer.svg(figure.layout().orElseThrow())).orElseThrow();
        String drawn = renderer.svg(figure.source());
        assertEquals(look(drawn), look(painted));
        int width = pixels(painted, "width");
        assertTrue(width > pixels(renderer.svg(figure.layout().orElseThrow()), "width"), painted);
        assertTrue(Math.abs(width - pixels(drawn, "width")) <= 1, width + " against PlantUML's " + pixels(drawn, "width"));
    }

    @Test
    void aNameOnTwoLinesIsDrawnByPlantUmlFromTheChaptersSource() {
        StateDiagram.Figure figure = StateDiagram.figure(TestChapters.runValid(
                "label: \"周屿\\n客户端\", state: CLOSED, isn: x", SERVER, HANDSHAKE), Theme.LIGHT, DiagramWords.ENGLISH);
        assertTrue(figure.layout().isEmpty());
        ChapterDiagrams.Rendered rendered = new ChapterDiagrams(DiagramCache.none()).render(
                TestChapters.runValid("label: \"周屿\\n客户端\", state: CLOSED, isn: x", SERVER, HANDSHAKE), "states");
        assertEquals(renderer.svg(figure.source()), rendered.svg());
    }

    @Test
    void aLayoutDrawnOtherwiseThanExpectedGivesNoDrawing() {
        StateDiagram.Figure figure = StateDiagram.figure(TestChapters.runValid(CLIENT, SERVER, HANDSHAKE),
                Theme.LIGHT, DiagramWords.ENGLISH);
        String layoutSvg = renderer.svg(figure.layout().orElseThrow());
        int lastLink = layoutSvg.lastIndexOf("<g class=\"link\"");
        String oneArcShort = layoutSvg.substring(0, lastLink) + layoutSvg.substring(layoutSvg.indexOf("</g>", lastLink) + 4);
        assertTrue(figure.highlight(oneArcShort).isEmpty());
        assertTrue(figure.highlight(layoutSvg.replace(">LISTEN<", ">LISTENING<")).isEmpty());
        assertTrue(figure.highlight(layoutSvg.replace("<g class=\"legend\"", "<g class=\"key\"")).isEmpty());
    }

    @Test
    void namesArePaintedAsTextNotMarkup() {
        for (String name : List.of("<script>&", "]]> onload=x", "<![CDATA[ a", "javascript:x url(http://x)")) {
            StateDiagram.Figure figure = StateDiagram.figure(TestChapters.runValid("label: '" + name
                    + "', state: CLOSED, isn: x", SERVER, HANDSHAKE), Theme.LIGHT, DiagramWords.ENGLISH);
            String painted = figure.highlight(renderer.svg(figure.layout().orElseThrow())).orElseThrow();
            SvgSafety.check(painted);
            assertEquals(look(renderer.svg(figure.source())), look(painted), name);
        }
        StateDiagram.Figure figure = StateDiagram.figure(TestChapters.runValid(
                "label: \"<script>&\", state: CLOSED, isn: x", SERVER, HANDSHAKE), Theme.LIGHT, DiagramWords.ENGLISH);
        assertTrue(figure.highlight(renderer.svg(figure.layout().orElseThrow())).orElseThrow()
                .contains(">&lt;script&gt;&amp;</text>"));
    }

    @Test
    void numbersAreWrittenAsPlantUmlWritesThem() {
        assertEquals("83.824", StateHighlight.decimal(83.8240966796875));
        assertEquals("39", StateHighlight.decimal(39.0));
        assertEquals("0.5", StateHighlight.decimal(0.5000001));
    }

    @Test
    void onlyOneLineNamesArePaintable() {
        assertTrue(StateHighlight.paintable("周屿 · 客户端"));
        assertTrue(StateHighlight.paintable(" padded "));
        assertFalse(StateHighlight.paintable("two\nlines"));
        assertFalse(StateHighlight.paintable("wide  gap"));
        assertFalse(StateHighlight.paintable("tab\there"));
        assertFalse(StateHighlight.paintable("   "));
        assertFalse(StateHighlight.paintable("not\uFFFExml"));
    }

    private static final Pattern ELEMENT = Pattern.compile("<(rect|text|path|polygon)\\b([^>]*)>([^<]*)");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");
    private static final List<String> GEOMETRY = List.of("x", "y", "width", "height", "d", "points", "rx", "ry");

    /**
     * Every drawn element with what it looks like: its colours, widths, dashes, weight, text and text width;
     * not where it is.
     */
    private static List<String> look(String svg) {
        List<String> looks = new ArrayList<>();
        Matcher element = ELEMENT.matcher(svg);
        while (element.find()) {
            StringBuilder look = new StringBuilder(element.group(1));
            Matcher attribute = ATTRIBUTE.matcher(element.group(2));
            while (attribute.find()) {
                String name = attribute.group(1);
                String value = attribute.group(2);
                if (GEOMETRY.contains(name)) {
                    continue;
                }
                if (name.equals("textLength")) {
                    value = String.format(Locale.ROOT, "%.2f", Double.parseDouble(value));
                }
                look.append(' ').append(name).append('=').append(colours(value));
            }
            // PlantUML leaves > unescaped in text, where XML allows either.
            looks.add(look.append(" | ").append(element.group(3).replace("&gt;", ">")).toString());
        }
        return looks;
    }

    /** Colours in one spelling: PlantUML shortens #FFFFFF to #FFF. */
    private static String colours(String value) {
        return Pattern.compile("#([0-9A-Fa-f])([0-9A-Fa-f])([0-9A-Fa-f])\\b").matcher(value)
                .replaceAll("#$1$1$2$2$3$3").toUpperCase(Locale.ROOT);
    }

    private static List<String> paths(String svg) {
        return Pattern.compile(" (?:d|points)=\"([^\"]*)\"").matcher(svg).results().map(m -> m.group(1)).toList();
    }

    private static int pixels(String svg, String attribute) {
        Matcher m = Pattern.compile("<svg [^>]*? " + attribute + "=\"(\\d+)px\"").matcher(svg);
        assertTrue(m.find(), svg);
        return Integer.parseInt(m.group(1));
    }
}
