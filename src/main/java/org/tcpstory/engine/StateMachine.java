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

import java.util.List;

/**
 * The state diagram of RFC 9293 (Figure 5 with its notes, and the resets of §3.10.7) as data: every
 * arc the engine can take, with the event that takes it and the rule behind it. State pages and state
 * diagrams are drawn from this list, so they show exactly what the engine does.
 */
public final class StateMachine {

    /** One arc: in {@code from}, on {@code event}, the peer sends {@code sends} and enters {@code to}. */
    public record Edge(TcpState from, TcpState to, String event, String sends, Rule rule) {
    }

    public static final List<Edge> EDGES = List.of(
            new Edge(CLOSED, LISTEN, "passive OPEN", "", Rule.PASSIVE_OPEN),
            new Edge(CLOSED, SYN_SENT, "active OPEN", "SYN", Rule.ACTIVE_OPEN),
            new Edge(LISTEN, SYN_RECEIVED, "rcv SYN", "SYN,ACK", Rule.SYN_IN_LISTEN),
            new Edge(LISTEN, SYN_SENT, "SEND", "SYN", Rule.ACTIVE_OPEN),
            new Edge(LISTEN, CLOSED, "CLOSE", "", Rule.CLOSE_SILENT),
            new Edge(SYN_SENT, ESTABLISHED, "rcv SYN,ACK", "ACK", Rule.SYN_ACK_ESTABLISHES),
            new Edge(SYN_SENT, SYN_RECEIVED, "rcv SYN", "SYN,ACK", Rule.SIMULTANEOUS_OPEN),
            new Edge(SYN_SENT, CLOSED, "CLOSE", "", Rule.CLOSE_SILENT),
            new Edge(SYN_SENT, CLOSED, "rcv RST,ACK", "", Rule.SYN_SENT_RST),
            new Edge(SYN_RECEIVED, ESTABLISHED, "rcv ACK of SYN", "", Rule.ACK_ESTABLISHES),
            new Edge(SYN_RECEIVED, LISTEN, "rcv RST", "", Rule.RST_RESETS),
            new Edge(SYN_RECEIVED, FIN_WAIT_1, "CLOSE", "FIN", Rule.CLOSE_SENDS_FIN),
            new Edge(ESTABLISHED, FIN_WAIT_1, "CLOSE", "FIN", Rule.CLOSE_SENDS_FIN),
            new Edge(ESTABLISHED, CLOSE_WAIT, "rcv FIN", "ACK", Rule.FIN_RECEIVED),
            new Edge(FIN_WAIT_1, FIN_WAIT_2, "rcv ACK of FIN", "", Rule.FIN_ACKED_IN_FIN_WAIT_1),
            new Edge(FIN_WAIT_1, CLOSING, "rcv FIN", "ACK", Rule.SIMULTANEOUS_CLOSE),
            new Edge(FIN_WAIT_1, TIME_WAIT, "rcv FIN,ACK of FIN", "ACK", Rule.FIN_AND_ACK_IN_FIN_WAIT_1),
            new Edge(FIN_WAIT_2, TIME_WAIT, "rcv FIN", "ACK", Rule.FIN_IN_FIN_WAIT_2),
            new Edge(CLOSE_WAIT, LAST_ACK, "CLOSE", "FIN", Rule.CLOSE_SENDS_FIN),
            new Edge(CLOSING, TIME_WAIT, "rcv ACK of FIN", "", Rule.FIN_ACKED_IN_CLOSING),
            new Edge(LAST_ACK, CLOSED, "rcv ACK of FIN", "", Rule.FIN_ACKED_IN_LAST_ACK),
            new Edge(TIME_WAIT, CLOSED, "2MSL timeout", "", Rule.TIME_WAIT_TIMEOUT),
            new Edge(ESTABLISHED, CLOSED, "ABORT or rcv RST", "RST", Rule.ABORT_SENDS_RST));

    private StateMachine() {
    }

    /** The arcs that leave a state. */
    public static List<Edge> leaving(TcpState state) {
        return EDGES.stream().filter(edge -> edge.from() == state).toList();
    }

    /** The arcs that enter a state. */
    public static List<Edge> entering(TcpState state) {
        return EDGES.stream().filter(edge -> edge.to() == state).toList();
    }
}
