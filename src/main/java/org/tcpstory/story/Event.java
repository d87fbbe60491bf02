package org.tcpstory.story;

import java.util.List;
import org.tcpstory.diagnostic.SourcePosition;

/**
 * One line of a {@code tcp} block: what happens on the wire or to a peer at one moment of the story.
 * Every event knows where it was written.
 */
public sealed interface Event {

    SourcePosition position();

    /** How a sent segment travels. */
    enum Delivery {
        /** {@code A -> B}: B receives it at once. */
        DELIVERED("->"),
        /** {@code A ~> B ... as NAME}: it stays in flight until {@code NAME arrives}. */
        IN_FLIGHT("~>"),
        /** {@code A -x B} (or {@code A ->x B}): nobody receives it. */
        LOST("-x");

        private final String arrow;

        Delivery(String arrow) {
            this.arrow = arrow;
        }

        public String arrow() {
            return arrow;
        }
    }

    /**
     * {@code A -> B: SEGMENT}. With {@code old} in front, the segment is an old duplicate (or any segment
     * the sender's current connection did not send): only the receiver processes it.
     *
     * @param flightName the {@code as NAME} of an in-flight segment, else {@code null}
     */
    record Send(SourcePosition position, PeerRef from, PeerRef to, Delivery delivery, Segment segment,
                String flightName, boolean old) implements Event {
    }

    /** {@code NAME arrives}: the in-flight segment called NAME reaches its receiver. */
    record Arrival(SourcePosition position, String flightName) implements Event {
    }

    /** A user call that sends nothing: {@code A: listen}, {@code A: close}, {@code A: abort}. */
    record Call(SourcePosition position, PeerRef peer, Kind kind) implements Event {
        public enum Kind { LISTEN, CLOSE, ABORT }
    }

    /**
     * {@code wait 2MSL} (TIME-WAIT ends), {@code wait RTO} or {@code wait RTO A} (retransmission timers
     * expire), {@code wait PTO} or {@code wait PTO A} (probe timeouts, RFC 8985 §7), or {@code wait LABEL}
     * (time passes).
     *
     * @param timerOf the peer of {@code wait RTO A} or {@code wait PTO A}, or {@code null} for every peer (or
     *                another label)
     */
    record Wait(SourcePosition position, String label, PeerRef timerOf) implements Event {
        public Wait(SourcePosition position, String label) {
            this(position, label, null);
        }

        public boolean isTwoMsl() {
            return label.equalsIgnoreCase("2MSL");
        }

        /** {@code wait RTO}, for every peer, or {@code wait RTO A}, for one. */
        public boolean isRto() {
            return label.split(" ", 2)[0].equalsIgnoreCase("RTO");
        }

        /** {@code wait PTO}, for every peer, or {@code wait PTO A}, for one: a tail loss probe may go. */
        public boolean isPto() {
            return label.split(" ", 2)[0].equalsIgnoreCase("PTO");
        }
    }

    /** {@code expect A STATE[, B STATE]}: the author's claim of where peers stand. */
    record Expect(SourcePosition position, List<Claim> claims) implements Event {
        public Expect {
            claims = List.copyOf(claims);
        }
    }

    /** One claim of an {@code expect} line; the state is kept as written and resolved by the engine. */
    record Claim(PeerRef peer, String state, SourcePosition statePosition) {
    }

    /** {@code note A: text} or {@code note A, B: text}: shown in diagrams, no effect on state. */
    record Note(SourcePosition position, List<PeerRef> peers, String text) implements Event {
        public Note {
            peers = List.copyOf(peers);
        }
    }
}
