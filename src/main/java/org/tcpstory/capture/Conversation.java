package org.tcpstory.capture;

import java.util.List;
import org.tcpstory.diagnostic.Text;

/**
 * A connection retold as a story's events: what each side sent, in capture order, and what the other side
 * is inferred to have received (at once, later, or never). Sequence numbers stay as on the wire; a
 * writer renders them relative to each side's base.
 *
 * @param client       the side that sent the SYN
 * @param server       the other side
 * @param opening      how the capture begins
 * @param clientBase   the client's ISN (a handshake) or its first sequence number (mid-connection)
 * @param serverBase   the server's ISN or first sequence number; null when it never had one (refused)
 * @param clientScale  the client's window scale shift when both SYNs negotiated one, 0 when they did not, and
 *                     -1 when the capture does not show (no SYN, or only the SYN,ACK): then no window is written
 * @param serverScale  the server's, likewise
 * @param sack         whether both SYNs of the story offer SACK, so that ACKs carry their SACK blocks
 * @param timestamps   whether both SYNs of the story offer timestamps, so that every segment carries them
 * @param moves        the events, in story order
 * @param connection   the captured connection it retells
 */
public record Conversation(Endpoint client, Endpoint server, Opening opening, long clientBase, Long serverBase,
                           int clientScale, int serverScale, boolean sack, boolean timestamps, List<Move> moves,
                           CapturedConnection connection) {

    public Conversation {
        moves = List.copyOf(moves);
    }

    /** How the capture begins, which says where the peers start. */
    public enum Opening {
        /** The capture shows the SYN and the server answers it: CLOSED and LISTEN. */
        HANDSHAKE,
        /** The capture shows the SYN and nothing listens (a RST), or nothing answers: CLOSED and CLOSED. */
        REFUSED,
        /** No SYN: the capture begins in an established connection. */
        MID_CONNECTION
    }

    public enum Side {
        CLIENT, SERVER;

        public Side other() {
            return this == CLIENT ? SERVER : CLIENT;
        }
    }

    /** The part of the connection a move belongs to: each becomes a block of its own. */
    public enum Phase {
        HANDSHAKE, DATA, CLOSE
    }

    /** How a sent segment reaches the other side. */
    public enum Delivery {
        /** It arrives before anything else happens. */
        DELIVERED,
        /** It stays in flight until its {@link Arrival}. */
        IN_FLIGHT,
        /** It never arrives. */
        LOST,
        /** The sender's connection did not send it at its own next number (a keep-alive, a stale resend). */
        OLD
    }

    /** One event of the story. */
    public sealed interface Move permits Send, Arrival, Wait {
        Phase phase();
    }

    /**
     * A segment sent.
     *
     * @param packet   the captured packet, or null when it is inferred (the capture never shows it)
     * @param flags    its flags ({@link TcpPacket} constants)
     * @param seq      its sequence number as on the wire
     * @param ack      its acknowledgment number as on the wire (meaningful with ACK)
     * @param length   its payload octets
     * @param window   the window field as sent (unscaled), or -1 when it is not written
     * @param options  the options the story writes: on a SYN what it offers, then SACK blocks and timestamps
     *                 where the SYNs negotiated them (inferred for a segment the capture does not show)
     * @param flight   its in-flight name, for {@link Delivery#IN_FLIGHT}
     * @param note     why it is written as it is, when that was inferred, in the catalog's words; else null
     */
    public record Send(Side from, TcpPacket packet, int flags, long seq, long ack, int length, int window,
                       TcpOptions options, Delivery delivery, String flight, Text note, Phase phase) implements Move {

        public boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    /** An in-flight segment arriving. */
    public record Arrival(String flight, Side to, Phase phase) implements Move {
    }

    /**
     * Time passing before a resend that nothing the sender received called for: its timer expired.
     *
     * @param timer which timer: {@link Timer#RTO}, or the probe timeout of a tail loss probe
     * @param side  the peer whose timer it is
     */
    public record Wait(Timer timer, Side side, Text note, Phase phase) implements Move {
    }

    /** The timers that make a sender resend on its own. */
    public enum Timer {
        /** The retransmission timer (RFC 6298): the first unacknowledged segment is resent. */
        RTO,
        /** The probe timeout of a tail loss probe (RFC 8985 §7): the last segment sent is resent. */
        PTO
    }
}
