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

    @Test
    void bothFinsOfTheBundledSimultaneousCloseAreOnTheWireInOneFrame() {
        ChapterResult result = TestChapters.bundled("05-same-moment.md");
        List<Integer> frames = SequenceDiagram.frameSteps(result);
        // The second FIN is the second event; its frame is the second of the build-up.
        String svg = renderer.svg(SequenceDiagram.frame(result, Theme.LIGHT, frames.get(1)));
        double[] lifelines = lifelines(svg);
        List<Element> drawn = visible(arrows(svg));
        assertEquals(2, drawn.size(), "two arrows: both FINs");
        for (Element line : drawn) {
            double from = Double.parseDouble(line.getAttribute("x1"));
            double to = Double.parseDouble(line.getAttribute("x2"));
            boolean rightward = to > from;
            double sender = rightward ? lifelines[0] : lifelines[1];
            double receiver = rightward ? lifelines[1] : lifelines[0];
            assertEquals(sender, from, 2, "it has left its sender");
            assertTrue(Math.abs(to - receiver) > (lifelines[1] - lifelines[0]) / 4 && to > lifelines[0]
                    && to < lifelines[1], "it has not arrived: ends at " + to + " between " + lifelines[0] + " and "
                    + lifelines[1]);
        }
        assertTrue(Double.parseDouble(drawn.get(0).getAttribute("x2"))
                < Double.parseDouble(drawn.get(1).getAttribute("x2")), "they have not met yet");
        assertTrue(TestChapters.texts(svg).stream().filter(t -> t.startsWith("FIN=1")).count() == 2,
                "both labels show");

        // When the first FIN arrives, its arrow reaches the other side; the second is still on the wire.
        String arrived = renderer.svg(SequenceDiagram.frame(result, Theme.LIGHT, frames.get(2)));
        List<Element> now = visible(arrows(arrived));
        assertEquals(2, now.size());
        assertEquals(lifelines[1], Double.parseDouble(now.get(0).getAttribute("x2")), 3, "fin1 arrived");
        assertTrue(Double.parseDouble(now.get(1).getAttribute("x2")) > lifelines[0] + 20, "fin2 has not");
        // And the whole diagram still draws both as whole arrows.
        assertEquals(0, SequenceDiagram.source(result, Theme.LIGHT).split(SequenceDiagram.MIDWAY[0], -1).length - 1);
    }

    @Test
    void aLostSegmentStopsHalfWayAtItsCrossInEveryFrame() {
        ChapterResult result = TestChapters.runValid(OPEN_A, OPEN_B, "A -x B: ACK, PSH, seq=u, ack=v, len=5",
                "wait RTO", "A -> B: ACK, PSH, seq=u, ack=v, len=5", "B -> A: ACK, seq=v, ack=u+5");
        for (int step : SequenceDiagram.frameSteps(result)) {
            String source = SequenceDiagram.frame(result, Theme.LIGHT, step);
            assertTrue(source.contains(">x " + SequenceDiagram.MIDWAY[1]), source);
            List<Element> drawn = visible(arrows(renderer.svg(source)));
            double[] lifelines = lifelines(renderer.svg(source));
            double end = Double.parseDouble(drawn.get(0).getAttribute("x2"));
            assertTrue(end > lifelines[0] + 20 && end < lifelines[1] - 20, "lost on the way: " + end);
        }
    }

    @Test
    void timersAreLegibleInEveryThemeInEveryFrame() {
        ChapterResult result = TestChapters.runValid(OPEN_A, OPEN_B, "A -x B: ACK, PSH, seq=u, ack=v, len=5",
                "wait RTO", "A -> B: ACK, PSH, seq=u, ack=v, len=5", "B -> A: ACK, seq=v, ack=u+5",
                "A -> B: FIN, ACK, seq=u+5, ack=v", "B -> A: ACK, seq=v, ack=u+6", "B -> A: FIN, ACK, seq=v, ack=u+6",
                "A -> B: ACK, seq=u+6, ack=v+1", "wait 2MSL");
        List<Integer> frames = SequenceDiagram.frameSteps(result);
        for (Theme theme : Theme.values()) {
            for (int step : frames.subList(1, frames.size())) {
                String svg = renderer.svg(SequenceDiagram.frame(result, theme, step));
                String fill = text(svg, "RTO").getAttribute("fill");
                // WCAG AA for normal text: 4.5 to 1 against the page.
                assertTrue(contrast(fill, theme.background()) >= 4.5, theme + " frame " + step + ": RTO in " + fill
                        + " on " + theme.background());
            }
            String last = renderer.svg(SequenceDiagram.frame(result, theme, frames.get(frames.size() - 1)));
            assertTrue(contrast(text(last, "2MSL").getAttribute("fill"), theme.background()) >= 4.5, theme.name());
        }
    }

    /** The WCAG contrast ratio of two {@code #RRGGBB} colours. */
    private static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String colour) {
        // PlantUML writes #000 for #000000.
        String hex = colour.length() == 4 ? "#" + colour.substring(1).replaceAll("(.)", "$1$1") : colour;
        double sum = 0;
        double[] weights = {0.2126, 0.7152, 0.0722};
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            sum += weights[i] * (c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
        return sum;
    }

    /** The arrows whose line is drawn (the whole arrow of a segment on the wire is there, its line not). */
    private static List<Element> visible(List<Element> lines) {
        return lines.stream().filter(l -> !style(l).contains("stroke:none")).toList();
    }

    /** The x of the two peers' lifelines (the first and the last: the invisible ones lie between). */
    private static double[] lifelines(String svg) {
        List<Double> xs = new ArrayList<>();
        NodeList groups = TestChapters.xml(svg).getElementsByTagNameNS("*", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element group = (Element) groups.item(i);
            if (group.getAttribute("class").equals("participant-lifeline")) {
                xs.add(Double.parseDouble(((Element) group.getElementsByTagNameNS("*", "line").item(0))
                        .getAttribute("x1")));
            }
        }
        return new double[] {xs.get(0), xs.get(xs.size() - 1)};
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
