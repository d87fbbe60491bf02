package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LifelineTitlesTest {

    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");

    private static List<String> titles(String svg) {
        Matcher m = TITLE.matcher(svg);
        List<String> titles = new java.util.ArrayList<>();
        while (m.find()) {
            titles.add(m.group(1));
        }
        return titles;
    }

    @Test
    void plantUmlsLifelineTitlesGetTheirChineseNamesBack() {
        String source = "@startuml\n!pragma teoz true\nparticipant \"白露 <U+00B7> 客户端\" as p0\n"
                + "participant \"Lin &amp; Wan\" as p1\np0 -> p1 : 你好\n... 过了一会儿 ...\np1 -> p0 : ok\n@enduml\n";
        String svg = new DiagramRenderer().svg(source);
        List<String> titles = titles(svg);
        assertFalse(titles.isEmpty(), "PlantUML titles its lifelines");
        assertTrue(titles.contains("白露 · 客户端"), titles.toString());
        for (String title : titles) {
            assertTrue(title.equals("白露 · 客户端") || title.equals("Lin &amp;amp; Wan"), title);
        }
    }

    @Test
    void onlyLifelineTitlesAreTouchedAndEachGetsItsOwnParticipant() {
        String svg = "<svg><g class=\"participant-lifeline\" data-qualified-name=\"p0\" id=\"a\"><g><title>..</title></g>"
                + "<g><title>..</title></g></g><g class=\"participant-lifeline\" data-qualified-name=\"p1\">"
                + "<g><title>?</title></g></g><g class=\"participant participant-head\" data-qualified-name=\"p0\">"
                + "<rect/><text x=\"1\">第一行</text><text>second</text></g>"
                + "<g class=\"participant participant-head\" data-qualified-name=\"p1\"><text>&lt;b&gt;</text></g>"
                + "<g class=\"message\"><title>a message</title></g></svg>";
        assertEquals(List.of("第一行 second", "第一行 second", "&lt;b&gt;", "a message"),
                titles(LifelineTitles.restore(svg)));
    }

    @Test
    void anSvgWithoutParticipantsIsReturnedAsItIs() {
        String svg = "<svg><g><title>state</title></g></svg>";
        assertEquals(svg, LifelineTitles.restore(svg));
    }
}
