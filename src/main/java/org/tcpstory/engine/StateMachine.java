package org.tcpstory.engine;

import static org.tcpstory.engine.TcpState.CLOSED;
import static org.tcpstory.engine.TcpState.CLOSE_WAIT;
import static org.tcpstory.engine.TcpState.CLOSING;
import static org.tcpstory.engine.TcpState.ESTABLISHED;
import static org.tcpstory.engine.TcpState.FIN_WAIT_1;
import static org.tcpstory.engine.TcpState.FIN_WAIT_2;
import static org.tcpstory.engine.TcpState.LAST_ACK;
import static org.tcpstory.engine.TcpState.LISTEN;
import static org.tcpstory.engine.TcpState.SYN_RECEIVED;
import static org.tcpstory.engine.TcpState.SYN_SENT;
import static org.tcpstory.engine.TcpState.TIME_WAIT;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's state table as data: every arc it takes, with the event that takes it, what the peer
 * sends and the rule behind it. {@link #EDGES} are the arcs of the RFC 9293 state diagram (Figure 5 with
 * its notes), which state diagrams draw; {@link #ALL_EDGES} adds the ones the figure leaves out, the
 * aborts and resets of §3.10.5 and §3.10.7 in every state, so state pages list exactly what the engine
 * does, under every profile (the arcs only one profile takes say so).
 */
public final class StateMachine {

    /**
     * One arc: in {@code from}, on {@code event}, the peer sends {@code sends} and enters {@code to}.
     *
     * @param inFigure whether RFC 9293's Figure 5, as tcpstory draws it, shows this arc
     */
    public record Edge(TcpState from, TcpState to, String event, String sends, Rule rule, boolean inFigure) {
    }

    /** The arcs of the figure, in the order the state diagram draws them. */
    public static final List<Edge> EDGES = List.of(
            figure(CLOSED, LISTEN, "passive OPEN", "", Rule.PASSIVE_OPEN),
            figure(CLOSED, SYN_SENT, "active OPEN", "SYN", Rule.ACTIVE_OPEN),
            figure(LISTEN, SYN_RECEIVED, "rcv SYN", "SYN,ACK", Rule.SYN_IN_LISTEN),
            figure(LISTEN, SYN_SENT, "SEND", "SYN", Rule.ACTIVE_OPEN),
            figure(LISTEN, CLOSED, "CLOSE", "", Rule.CLOSE_SILENT),
            figure(SYN_SENT, ESTABLISHED, "rcv SYN,ACK", "ACK", Rule.SYN_ACK_ESTABLISHES),
            figure(SYN_SENT, SYN_RECEIVED, "rcv SYN", "SYN,ACK", Rule.SIMULTANEOUS_OPEN),
            figure(SYN_SENT, CLOSED, "CLOSE", "", Rule.CLOSE_SILENT),
            figure(SYN_SENT, CLOSED, "rcv RST,ACK", "", Rule.SYN_SENT_RST),
            figure(SYN_RECEIVED, ESTABLISHED, "rcv ACK of SYN", "", Rule.ACK_ESTABLISHES),
            figure(SYN_RECEIVED, LISTEN, "rcv RST", "", Rule.RST_RESETS),
            figure(SYN_RECEIVED, FIN_WAIT_1, "CLOSE", "FIN", Rule.CLOSE_SENDS_FIN),
            figure(ESTABLISHED, FIN_WAIT_1, "CLOSE", "FIN", Rule.CLOSE_SENDS_FIN),
            figure(ESTABLISHED, CLOSE_WAIT, "rcv FIN", "ACK", Rule.FIN_RECEIVED),
            figure(FIN_WAIT_1, FIN_WAIT_2, "rcv ACK of FIN", "", Rule.FIN_ACKED_IN_FIN_WAIT_1),
            figure(FIN_WAIT_1, CLOSING, "rcv FIN", "ACK", Rule.SIMULTANEOUS_CLOSE),
            figure(FIN_WAIT_1, TIME_WAIT, "rcv FIN,ACK of FIN", "ACK", Rule.FIN_AND_ACK_IN_FIN_WAIT_1),
            figure(FIN_WAIT_2, TIME_WAIT, "rcv FIN", "ACK", Rule.FIN_IN_FIN_WAIT_2),
            figure(CLOSE_WAIT, LAST_ACK, "CLOSE", "FIN", Rule.CLOSE_SENDS_FIN),
            figure(CLOSING, TIME_WAIT, "rcv ACK of FIN", "", Rule.FIN_ACKED_IN_CLOSING),
            figure(LAST_ACK, CLOSED, "rcv ACK of FIN", "", Rule.FIN_ACKED_IN_LAST_ACK),
            figure(TIME_WAIT, CLOSED, "2MSL timeout", "", Rule.TIME_WAIT_TIMEOUT),
            figure(ESTABLISHED, CLOSED, "ABORT or rcv RST", "RST", Rule.ABORT_SENDS_RST));

    /** Every arc the engine takes: the figure's, then the ones it leaves out, by state. */
    public static final List<Edge> ALL_EDGES = withFigure(
            beyondFigure(LISTEN, CLOSED, "ABORT", "", Rule.ABORT_SILENT),
            beyondFigure(SYN_SENT, CLOSED, "ABORT", "", Rule.ABORT_SILENT),
            beyondFigure(SYN_RECEIVED, CLOSED, "ABORT", "RST", Rule.ABORT_SENDS_RST),
            // After an active OPEN (simultaneous open) there is no LISTEN to go back to: the attempt is refused.
            beyondFigure(SYN_RECEIVED, CLOSED, "rcv RST", "", Rule.RST_RESETS),
            beyondFigure(SYN_RECEIVED, LISTEN, "rcv SYN", "", Rule.SYN_RETURNS_TO_LISTEN),
            beyondFigure(ESTABLISHED, CLOSED, "rcv RST", "", Rule.RST_RESETS),
            beyondFigure(FIN_WAIT_1, CLOSED, "ABORT", "RST", Rule.ABORT_SENDS_RST),
            beyondFigure(FIN_WAIT_1, CLOSED, "rcv RST", "", Rule.RST_RESETS),
            beyondFigure(FIN_WAIT_2, CLOSED, "ABORT", "RST", Rule.ABORT_SENDS_RST),
            beyondFigure(FIN_WAIT_2, CLOSED, "rcv RST", "", Rule.RST_RESETS),
            beyondFigure(CLOSE_WAIT, CLOSED, "ABORT", "RST", Rule.ABORT_SENDS_RST),
            beyondFigure(CLOSE_WAIT, CLOSED, "rcv RST", "", Rule.RST_RESETS),
            beyondFigure(CLOSING, CLOSED, "ABORT", "", Rule.ABORT_SILENT),
            beyondFigure(CLOSING, CLOSED, "rcv RST", "", Rule.RST_RESETS),
            beyondFigure(LAST_ACK, CLOSED, "ABORT", "", Rule.ABORT_SILENT),
            beyondFigure(LAST_ACK, CLOSED, "rcv RST", "", Rule.RST_RESETS),
            beyondFigure(TIME_WAIT, CLOSED, "ABORT", "", Rule.ABORT_SILENT),
            beyondFigure(TIME_WAIT, CLOSED, "rcv RST", "", Rule.RST_RESETS),
            beyondFigure(TIME_WAIT, SYN_RECEIVED, "rcv new SYN (linux, freebsd)", "SYN,ACK", Rule.TIME_WAIT_REOPENED));

    private StateMachine() {
    }

    private static Edge figure(TcpState from, TcpState to, String event, String sends, Rule rule) {
        return new Edge(from, to, event, sends, rule, true);
    }

    private static Edge beyondFigure(TcpState from, TcpState to, String event, String sends, Rule rule) {
        return new Edge(from, to, event, sends, rule, false);
    }

    private static List<Edge> withFigure(Edge... beyond) {
        List<Edge> all = new ArrayList<>(EDGES);
        all.addAll(List.of(beyond));
        return List.copyOf(all);
    }

    /** The arcs that leave a state, in the figure or not. */
    public static List<Edge> leaving(TcpState state) {
        return ALL_EDGES.stream().filter(edge -> edge.from() == state).toList();
    }

    /** The arcs that enter a state, in the figure or not. */
    public static List<Edge> entering(TcpState state) {
        return ALL_EDGES.stream().filter(edge -> edge.to() == state).toList();
    }
}
