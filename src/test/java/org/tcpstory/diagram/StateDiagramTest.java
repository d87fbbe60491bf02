package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpstory.diagram.TestChapters.CLIENT;
import static org.tcpstory.diagram.TestChapters.HANDSHAKE;
import static org.tcpstory.diagram.TestChapters.OPEN_A;
import static org.tcpstory.diagram.TestChapters.OPEN_B;
import static org.tcpstory.diagram.TestChapters.SERVER;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.StateMachine;
import org.tcpstory.engine.TcpState;

class StateDiagramTest {

    private final DiagramRenderer renderer = new DiagramRenderer();

    @Test
    void showsAllElevenStatesAndEveryArcOfTheFigure() {
        ChapterResult result = TestChapters.runValid(CLIENT, SERVER, HANDSHAKE);
        String source = StateDiagram.source(result, Theme.LIGHT);
        assertTrue(source.startsWith("@startuml\n!pragma layout smetana\n"), "Smetana, so no Graphviz is needed");

        List<String> texts = TestChapters.texts(renderer.svg(source));
        for (TcpState state : TcpState.values()) {
            assertTrue(texts.contains(state.displayName()), () -> state + " missing from " + texts);
        }
        assertEquals(2, texts.stream().filter("CLOSED"::equals).count(), "CLOSED at the top and at the bottom");
        for (StateMachine.Edge edge : StateMachine.EDGES) {
            String label = edge.sends().isEmpty() ? edge.event() : edge.event() + " / " + edge.sends();
            assertTrue(texts.contains(label), () -> label + " missing from " + texts);
        }
    }

    @Test
    void eachPeersPathIsDrawnInItsColourWithALegend() {
        ChapterResult result = TestChapters.runValid(CLIENT, SERVER, HANDSHAKE);
        String source = StateDiagram.source(result, Theme.LIGHT);
        String blue = Theme.LIGHT.peer(0);
        String orange = Theme.LIGHT.peer(1);
        assertTrue(source.contains("CLOSED -[" + blue + ",thickness=3]-> SYN_SENT"), source);
        assertTrue(source.contains("SYN_SENT -[" + blue + ",thickness=3]-> ESTABLISHED"), source);
        assertTrue(source.contains("CLOSED -[" + orange + ",thickness=3]-> LISTEN"), source);
        assertTrue(source.contains("SYN_RECEIVED -[" + orange + ",thickness=3]-> ESTABLISHED"), source);
        assertTrue(source.contains("state \"ESTABLISHED\" as ESTABLISHED " + Theme.LIGHT.background() + ";line:"
                + Theme.LIGHT.bothPeers().substring(1)), "a state both peers reach is in the shared colour");

        List<String> texts = TestChapters.texts(renderer.svg(source));
        assertTrue(texts.stream().anyMatch(t -> t.endsWith("周屿 · 客户端")), texts::toString);
        assertTrue(texts.stream().anyMatch(t -> t.endsWith("林晚 · 服务器")), texts::toString);
    }

    @Test
    void arcsOutsideTheFigureAreAddedDashed() {
        ChapterResult result = TestChapters.runValid(OPEN_A, OPEN_B,
                "A -> B: FIN, ACK, seq=u, ack=v",
                "B -> A: RST, seq=v",
                "expect A CLOSED, B CLOSED");
        String source = StateDiagram.source(result, Theme.LIGHT);
        assertTrue(source.contains("FIN_WAIT_1 -[" + Theme.LIGHT.peer(0) + ",dashed,thickness=3]-> "
                + StateDiagram.CLOSED_END), source);
        assertTrue(source.contains("CLOSE_WAIT -[" + Theme.LIGHT.peer(1) + ",dashed,thickness=3]-> "
                + StateDiagram.CLOSED_END), source);
        List<String> texts = TestChapters.texts(renderer.svg(source));
        assertTrue(texts.contains("rcv RST") && texts.contains("ABORT / RST"), texts::toString);
    }

    @Test
    void printHasNoColourFills() {
        ChapterResult result = TestChapters.runValid(CLIENT, SERVER, HANDSHAKE);
        String svg = renderer.svg(StateDiagram.source(result, Theme.PRINT));
        List<String> fills = java.util.regex.Pattern.compile("fill=\"(#[0-9A-Fa-f]{6})\"").matcher(svg).results()
                .map(m -> m.group(1).toUpperCase()).distinct().toList();
        assertTrue(fills.stream().allMatch(f -> f.equals("#FFFFFF") || f.equals("#000000")), fills::toString);
        assertFalse(StateDiagram.source(result, Theme.PRINT).contains(Theme.LIGHT.peer(0)));
    }

    @Test
    void theLandscapeFigureShowsOnlyTheStatesTheChapterTouchesLeftToRight() {
        DiagramRenderer renderer = new DiagramRenderer();
        ChapterResult goodbye = TestChapters.bundled("03-goodbye.md");
        for (Theme theme : Theme.values()) {
            String source = StateDiagram.landscape(goodbye, theme);
            String svg = renderer.svg(source);
            List<String> texts = TestChapters.texts(svg);
            for (String state : List.of("ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSE-WAIT",
                    "LAST-ACK", "CLOSED")) {
                assertEquals(1, texts.stream().filter(state::equals).count(), theme + " " + state + ": " + texts);
            }
            for (String untouched : List.of("LISTEN", "SYN-SENT", "SYN-RECEIVED", "CLOSING")) {
                assertFalse(texts.contains(untouched), theme + " " + untouched + ": " + texts);
            }
            Matcher size = Pattern.compile("width=\"(\\d+)px\" height=\"(\\d+)px\"")
                    .matcher(svg);
            assertTrue(size.find());
            assertTrue(Integer.parseInt(size.group(1)) > 2 * Integer.parseInt(size.group(2)),
                    "landscape: " + size.group());
            // Each peer's arcs in its colour: the closer's FIN-WAIT-1, the other's CLOSE-WAIT.
            assertTrue(source.contains("ESTABLISHED -[" + theme.peer(0) + ","), source);
            assertTrue(source.contains("ESTABLISHED -[" + theme.peer(1) + ","), source);
            assertTrue(texts.stream().anyMatch(t -> t.contains("周屿")), "the legend names the peers: " + texts);
        }
        // The full figure is still the whole RFC figure, portrait.
        String full = renderer.svg(StateDiagram.source(goodbye, Theme.LIGHT));
        assertTrue(TestChapters.texts(full).contains("SYN-SENT"));
    }
}
