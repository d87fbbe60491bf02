package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlantUmlTextTest {

    /** Strings that mean something to PlantUML's preprocessor, line parser or creole. */
    static final List<String> HOSTILE = List.of(
            "@enduml", "@startuml", "!include /etc/passwd", "!define X Y", "!theme spacelab",
            "%getenv(\"HOME\")", "%getenv(\"PLANTUML_SECURITY_PROFILE\")", "%date()", "%load_json(\"/etc/passwd\")",
            "<script>alert(1)</script>", "<<stereo>>", "**bold**", "//italic//", "\"\"mono\"\"", "--strike--",
            "__under__", "~~wave~~", "<b>b</b>", "<color:red>red</color>", "<img /etc/passwd>", "[[http://x]]",
            "[[http://x{tip} label]]", "{{ }}", "a\\nb", "\"quoted\"", "a : b ; c", "~escaped", "&#42; &amp;",
            "<U+0041>", "$var = 1", "'comment", "/' block '/", "..dots..", "==sep==", "|||", "||45||",
            "<&folder>", "<:1f600:>", "<$sprite>", "\\", "#red", "-> arrow", "end note", "}", "+-- tree",
            "* bullet", "# numbered", "|= table |", "<size:40>big</size>", "<back:red>x</back>", "<u:red>x</u>",
            "<w>x</w>", "<s>x</s>", "<plain>x</plain>", "<font:Arial>x</font>", "<latex>x</latex>",
            "emoji 😀 and 周屿 · 客户端", "ends with backslash \\");

    @Test
    void lettersDigitsAndSpacesStay() {
        assertEquals("SYN 1 周屿 客户端 Ünïcode", PlantUmlText.escape("SYN 1 周屿 客户端 Ünïcode"));
    }

    @Test
    void everyOtherCharacterBecomesAReference() {
        assertEquals("SYN<U+003D>1<U+002C> seq<U+003D>x<U+002B>1", PlantUmlText.escape("SYN=1, seq=x+1"));
        assertEquals("<U+0040>enduml", PlantUmlText.escape("@enduml"));
        assertEquals("<U+1F600>", PlantUmlText.escape("😀"));
        assertEquals("<U+00B7>", PlantUmlText.escape("·"));
    }

    @Test
    void lineBreaksBecomePlantUmlBreaksAndControlsAreReplaced() {
        assertEquals("a\\nb\\nc\\nd", PlantUmlText.escape("a\nb\r\nc\rd"));
        assertEquals("a b", PlantUmlText.escape("a\tb"));
        assertEquals("a<U+FFFD>b", PlantUmlText.escape("a\u0000b"));
        assertEquals("a<U+FFFD>b", PlantUmlText.escape("a\uD800b"));
        assertEquals("trimmed", PlantUmlText.escape("  trimmed \n"));
        assertEquals("", PlantUmlText.escape(null));
    }

    @Test
    void noMarkupCharacterSurvives() {
        for (String hostile : HOSTILE) {
            String escaped = PlantUmlText.escape(hostile);
            String bare = escaped.replaceAll("<U\\+[0-9A-F]{4,6}>", "").replace("\\n", "");
            assertTrue(bare.codePoints().allMatch(cp -> cp == ' ' || Character.isLetterOrDigit(cp)),
                    () -> hostile + " escaped to " + escaped);
        }
    }

    @Test
    void hostileTextRendersVerbatimEverywhereWeWriteText() {
        // Every place the diagrams put authored text: participant, message, notes, delay, legend.
        StringBuilder source = new StringBuilder("@startuml\n!pragma teoz true\n");
        source.append("participant \"").append(PlantUmlText.escape("<b>A</b> %getenv(\"HOME\")")).append("\" as p0\n");
        source.append("participant \"B\" as p1\n");
        for (String hostile : HOSTILE) {
            String text = PlantUmlText.escape(hostile);
            source.append("p0 ->(10) p1 : ").append(text).append('\n');
            source.append("note over p0, p1 : ").append(text).append('\n');
            source.append("hnote left of p0 : ").append(text).append('\n');
            source.append("...").append(text).append("...\n");
        }
        source.append("legend\n");
        HOSTILE.forEach(hostile -> source.append(PlantUmlText.escape(hostile)).append('\n'));
        source.append("endlegend\n@enduml\n");

        String svg = new DiagramRenderer().svg(source.toString());

        List<String> texts = TestChapters.texts(svg);
        for (String hostile : HOSTILE) {
            long shown = texts.stream().filter(hostile.strip()::equals).count();
            assertEquals(5, shown, () -> "\"" + hostile + "\" should show verbatim 5 times; texts: " + texts);
        }
        assertTrue(texts.contains("<b>A</b> %getenv(\"HOME\")"));
        assertNoLeak(svg);
    }

    @Test
    void aLineBreakInAuthoredTextIsALineBreakAndNothingElse() {
        String source = "@startuml\nparticipant \"" + PlantUmlText.escape("first line\n@enduml\nthird") + "\" as p0\n"
                + "p0 -> p0 : " + PlantUmlText.escape("one\n!include /etc/passwd") + "\n@enduml\n";
        List<String> texts = TestChapters.texts(new DiagramRenderer().svg(source));
        String joined = String.join("\n", texts);
        assertTrue(joined.contains("first line\n@enduml\nthird"), joined);
        assertTrue(joined.contains("one\n!include /etc/passwd"), joined);
    }

    /** Nothing read from the file system or the environment, no script. */
    static void assertNoLeak(String svg) {
        assertFalse(svg.contains("root:"), "contents of /etc/passwd in the SVG");
        String home = System.getenv("HOME");
        if (home != null && home.length() > 1) {
            assertFalse(svg.contains(home), "the value of $HOME in the SVG");
        }
        assertFalse(svg.contains(">SANDBOX<"), "a PLANTUML variable was read");
        assertFalse(svg.contains("<script"), "a script element in the SVG");
    }
}
