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
}
