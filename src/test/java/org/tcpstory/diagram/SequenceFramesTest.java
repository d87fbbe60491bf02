package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpstory.diagram.TestChapters.CLIENT;
import static org.tcpstory.diagram.TestChapters.HANDSHAKE;
import static org.tcpstory.diagram.TestChapters.OPEN_A;
import static org.tcpstory.diagram.TestChapters.OPEN_B;
import static org.tcpstory.diagram.TestChapters.SERVER;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tcpstory.OptionalPackages;
import org.tcpstory.engine.ChapterResult;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The build-up frames of a sequence diagram: {@link SequenceDiagram#frame} and {@link SequenceDiagram#frameSteps}. */
class SequenceFramesTest {

    private final DiagramRenderer renderer = new DiagramRenderer();

    private static final String[] CROSSING = {
        "A ~> B: FIN=1, ACK=1, seq=u, ack=v as fin1",
        "B ~> A: FIN=1, ACK=1, seq=v, ack=u as fin2",
        "expect A FIN-WAIT-1, B FIN-WAIT-1",
        "fin1 arrives",
        "fin2 arrives",
        "expect A CLOSING, B CLOSING",
        "A -> B: ACK=1, seq=u+1, ack=v+1",
        "B -> A: ACK=1, seq=v+1, ack=u+1",
        "wait 2MSL",
    };

    /** Options, a loss, a timeout on A's lifeline and the retransmission. */
    private static final String[] RECOVERY = {
        "B: listen",
        "A -> B: SYN, seq=x, mss=1000, sackOK",
        "B -> A: SYN, ACK, seq=y, ack=x+1, mss=1000, sackOK",
        "A -> B: ACK, seq=x+1, ack=y+1",
        "A -x B: ACK, PSH, seq=x+1, ack=y+1, len=1000",
        "wait RTO",
        "A -> B: ACK, PSH, seq=x+1, ack=y+1, len=1000",
        "B -> A: ACK, seq=y+1, ack=x+1001",
    };

    @Test
    void aTimerMarkAndTheMarksOfAnArrowWaitForTheirFrame() {
        ChapterResult result = TestChapters.runValid(CLIENT, SERVER, RECOVERY);
        List<String> before = TestChapters.texts(renderer.svg(SequenceDiagram.frame(result, Theme.LIGHT, 4)));
        assertTrue(before.contains("MSS 1000 · SACK"), before::toString);
        assertFalse(before.contains("RTO expired") || before.contains("retransmission"), before::toString);
        String at = renderer.svg(SequenceDiagram.frame(result, Theme.LIGHT, 5));
        assertEquals("700", text(at, "RTO expired").getAttribute("font-weight"), "the newest mark is bold");
        assertFalse(TestChapters.texts(at).contains("retransmission"), TestChapters.texts(at)::toString);
        List<String> after = TestChapters.texts(renderer.svg(SequenceDiagram.frame(result, Theme.LIGHT, 6)));
        assertTrue(after.contains("RTO expired") && after.contains("retransmission"), after::toString);
    }

    @Test
    void everyEventThatDrawsSomethingGetsAFrameAndCleanExpectsDoNot() {
        ChapterResult handshake = TestChapters.runValid(CLIENT, SERVER, HANDSHAKE);
        // listen, SYN, SYN-ACK, ACK; the two expect lines draw nothing.
        assertEquals(List.of(0, 1, 3, 4), SequenceDiagram.frameSteps(handshake));
        ChapterResult crossing = TestChapters.runValid(OPEN_A, OPEN_B, CROSSING);
        assertEquals(List.of(0, 1, 3, 4, 6, 7, 8), SequenceDiagram.frameSteps(crossing));
        assertThrows(IndexOutOfBoundsException.class, () -> SequenceDiagram.frame(handshake, Theme.LIGHT, 6));
    }

    @Test
    void aFrameShowsTheConversationUpToItsEventWithTheNewestArrowEmphasised() {
        ChapterResult result = TestChapters.runValid(CLIENT, SERVER, HANDSHAKE);
        String source = SequenceDiagram.frame(result, Theme.LIGHT, 3); // the SYN,ACK
        String svg = renderer.svg(source);
        List<String> texts = TestChapters.texts(svg);

        assertTrue(texts.contains("SYN=1, seq=x"), texts::toString);
        assertTrue(texts.contains("SYN=1, ACK=1, seq=y, ack=x+1"), texts::toString);
        assertFalse(texts.contains("ACK=1, seq=x+1, ack=y+1"), "the last ACK comes later: " + texts);
        assertEquals(1, texts.stream().filter("ESTABLISHED"::equals).count(), "only the client is ESTABLISHED: " + texts);
        assertTrue(texts.contains("SYN-RECEIVED") && texts.contains("SYN-SENT"), texts::toString);

        List<Element> arrows = arrows(svg);
        assertEquals(2, arrows.size(), "two arrows so far");
        String server = Theme.LIGHT.peer(1);
        assertTrue(style(arrows.get(1)).contains("stroke:" + server) && style(arrows.get(1)).contains("stroke-width:"
                + SequenceDiagram.NEWEST_THICKNESS), "the newest arrow is thick, in its sender's colour: "
                + style(arrows.get(1)));
        assertTrue(style(arrows.get(0)).contains("stroke:" + Theme.LIGHT.muted())
                && style(arrows.get(0)).contains("stroke-width:1.2"), "the earlier one is muted: " + style(arrows.get(0)));
        Element newestLabel = text(svg, "SYN=1, ACK=1, seq=y, ack=x+1");
        assertEquals("700", newestLabel.getAttribute("font-weight"), "the newest label is bold");
        assertEquals(server, newestLabel.getAttribute("fill"));
        assertEquals(Theme.LIGHT.muted(), text(svg, "SYN=1, seq=x").getAttribute("fill"));
        assertEquals("700", text(svg, "ESTABLISHED").getAttribute("font-weight"), "the new state is bold");
        assertEquals("", text(svg, "SYN-RECEIVED").getAttribute("font-weight"), "earlier states are not");
    }

    /**
     * Measured with the CJK font the labels need. Without one PlantUML falls back on Java's logical SansSerif,
     * whose bold italic face (a frame's newest call, such as {@code listen}) is a fraction of a pixel taller
     * than its italic one, and that frame comes out a pixel taller.
     */
    @Test
    void everyFrameHasTheSizeAndLayoutOfTheWholeDiagram() {
        OptionalPackages.requireCjkFont();
        for (ChapterResult result : List.of(TestChapters.runValid(CLIENT, SERVER, HANDSHAKE),
                TestChapters.runValid(OPEN_A, OPEN_B, CROSSING), TestChapters.runValid(CLIENT, SERVER, RECOVERY))) {
            for (Theme theme : Theme.values()) {
                List<String> geometry = new ArrayList<>();
                for (int step : SequenceDiagram.frameSteps(result)) {
                    geometry.add(geometry(renderer.svg(SequenceDiagram.frame(result, theme, step))));
                }
                assertEquals(1, geometry.stream().distinct().count(), theme + ": " + geometry);
            }
        }
    }

    @Test
    void theArrivalOfASegmentInFlightEmphasisesItsArrow() {
        ChapterResult result = TestChapters.runValid(OPEN_A, OPEN_B, CROSSING);
        String source = SequenceDiagram.frame(result, Theme.DARK, 3); // fin1 arrives
        assertTrue(source.contains("p0 -[" + Theme.DARK.peer(0) + "]>(" + SequenceDiagram.FLIGHT_SLANT + ") p1 <<"
                + SequenceDiagram.NEWEST + ">>"), source);
        assertTrue(source.contains("& p1 -[" + Theme.DARK.muted() + "]>("), "fin2 is muted: " + source);
        String svg = renderer.svg(source);
        List<String> texts = TestChapters.texts(svg);
        assertEquals(1, texts.stream().filter("CLOSING"::equals).count(), "B is CLOSING, A not yet: " + texts);
        assertEquals("700", text(svg, "CLOSING").getAttribute("font-weight"), "the state it enters is bold");
        assertEquals("", text(svg, "FIN-WAIT-1").getAttribute("font-weight"), "what the send did back then is not");
    }

    @Test
    void aFrameOnPaperMutesInGreyAndTheWholeDiagramIsUnchanged() {
        ChapterResult result = TestChapters.runValid(CLIENT, SERVER, HANDSHAKE);
        String frame = SequenceDiagram.frame(result, Theme.PRINT, 4);
        assertTrue(frame.contains("-[" + SequenceDiagram.PRINT_FADED + "]>"), frame);
        assertTrue(frame.contains("-[" + Theme.PRINT.text() + "]>(" + SequenceDiagram.SLANT + ") p1 <<"), frame);
        String whole = SequenceDiagram.source(result, Theme.LIGHT);
        assertFalse(whole.contains(SequenceDiagram.NEWEST) || whole.contains("transparent;")
                || whole.contains("<b>") || whole.contains("hidden"), "no frame markup in the whole diagram: " + whole);
    }

    /** The message arrows' lines, in document order. */
    private static List<Element> arrows(String svg) {
        List<Element> lines = new ArrayList<>();
        NodeList groups = TestChapters.xml(svg).getElementsByTagNameNS("*", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element group = (Element) groups.item(i);
            if (group.getAttribute("class").equals("message")) {
                NodeList children = group.getElementsByTagNameNS("*", "line");
                for (int j = 0; j < children.getLength(); j++) {
                    lines.add((Element) children.item(j));
                }
            }
        }
        return lines;
    }

    private static String style(Element element) {
        return element.getAttribute("style");
    }

    private static Element text(String svg, String content) {
        NodeList nodes = TestChapters.xml(svg).getElementsByTagNameNS("*", "text");
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getTextContent().equals(content)) {
                return (Element) nodes.item(i);
            }
        }
        throw new AssertionError(content + " not in the SVG");
    }

    /** The SVG's size and the x of every lifeline. */
    private static String geometry(String svg) {
        StringBuilder out = new StringBuilder();
        Matcher size = Pattern.compile("width=\"(\\d+)px\" height=\"(\\d+)px\"").matcher(svg);
        assertTrue(size.find());
        out.append(size.group(1)).append('x').append(size.group(2));
        NodeList groups = TestChapters.xml(svg).getElementsByTagNameNS("*", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element group = (Element) groups.item(i);
            if (group.getAttribute("class").equals("participant-lifeline")) {
                Element line = (Element) group.getElementsByTagNameNS("*", "line").item(0);
                out.append(' ').append(line.getAttribute("x1"));
            }
        }
        return out.toString();
    }
}
