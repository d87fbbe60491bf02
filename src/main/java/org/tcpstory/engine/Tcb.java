package org.tcpstory.engine;

import java.util.ArrayList;
import java.util.List;
import org.tcpstory.diagnostic.SourcePosition;

/**
 * One peer's transmission control block (RFC 9293 §3.3.1): its state and variables, the segments it
 * may still retransmit, the out-of-order segments it holds, and the answers it owes. Mutable and
 * private to the engine, like a parser's tree builder; results leave the engine as records.
 */
final class Tcb {

    /** The window of a peer that never advertised one: large enough for any story. */
    static final long DEFAULT_WINDOW = 1L << 30;

    /**
     * A sequence-consuming segment this peer sent, kept until acknowledged so that a resend can be checked.
     *
     * @param data     the payload's bytes when the story wrote them ({@code data="..."}), else {@code null}
     * @param line     the line it was sent on
     * @param lossSeen whether there has been a sign of its loss since (a retransmission timeout), which
     *                 makes a retransmission of it timely
     */
    record Sent(Value seq, long sequenceLength, boolean syn, boolean fin, long length, byte[] data, int line,
                boolean lossSeen) {
        Sent(Value seq, long sequenceLength, boolean syn, boolean fin, long length, byte[] data, int line) {
            this(seq, sequenceLength, syn, fin, length, data, line, false);
        }

        Value end() {
            return seq.plus(sequenceLength);
        }

        Sent withLossSeen() {
            return lossSeen ? this : new Sent(seq, sequenceLength, syn, fin, length, data, line, true);
        }

        /** Sent again: the next retransmission waits for a new sign of loss. */
        Sent resent() {
            return lossSeen ? new Sent(seq, sequenceLength, syn, fin, length, data, line, false) : this;
        }

        /** Where its data starts: after the SYN, if it carries one. */
        Value dataStart() {
            return syn ? seq.plus(1) : seq;
        }
    }

    /**
     * The right edge of a window: the first octet beyond it (null while it cannot be counted yet), and the
     * advertisement that set it.
     *
     * @param advertised the {@code win=} as written (before any scaling)
     * @param line       the line of the segment that carried it
     */
    record Edge(Value end, long advertised, int line) {
    }

    final String id;
    String label;
    /** Written only by {@link #enter}, so every change is recorded and cleans up after itself. */
    private TcpState state;
    /** Whether SYN-RECEIVED was reached from LISTEN, so a reset returns to LISTEN (MUST-11). */
    boolean passiveOrigin;
    /** The ISS of the next connection this peer opens: declared in the front matter, or a fresh anchor. */
    Value nextIss;
    Value iss;
    /**
     * The ISS was taken on a SYN in LISTEN with no ISN declared: a fresh number that the SYN,ACK's seq (or
     * the first segment this peer sends) still defines. It is a number from the start, so whatever the
     * story does in between (a segment, a close, an abort) has an ISS to work with.
     */
    boolean issOpen;
    Value sndUna;
    Value sndNxt;
    Value rcvNxt;
    /** The right edge of the window this peer advertised, or {@code null} while it never did. */
    Edge rcvEdge;
    /** A window advertised on a SYN without ACK, waiting for RCV.NXT to count from; its end is not known yet. */
    Edge synWindow;
    /** The right edge of the other peer's window, as this peer knows it; {@code null} while unknown. */
    Edge sndEdge;
    /** SND.WL1 and SND.WL2: the segment that last set {@link #sndEdge}, so an older one cannot. */
    Value sndWl1;
    Value sndWl2;
    /**
     * What this peer last refused to take and why (octets beyond its window, a segment into a zero window),
     * so that a later acknowledgment of those octets is explained by the window, not by a loss.
     */
    Refusal refused;
    /** The sequence number of our FIN, once sent. */
    Value finSeq;
    boolean lastReceivedRst;
    List<Sent> unacknowledged = new ArrayList<>();
    /** Segments that arrived ahead of RCV.NXT, kept until the gap is filled. */
    List<WireSegment> outOfOrder = new ArrayList<>();
    List<Answer> owed = new ArrayList<>();
    /** Whether this peer opened actively and got the other side's SYN in SYN-SENT (a simultaneous open). */
    boolean simultaneousOpen;
    /** The last decision a profile made for this peer that another profile would have made otherwise. */
    String profileDecision;
    /** Why the peer is in its state: the rule and the line of the last change, for diagnostics. */
    private Rule lastRule;
    private SourcePosition lastChange;

    /** Octets from {@code from} on that the peer did not take, and why, in the words of a diagnostic. */
    record Refusal(Value from, String why) {
    }

    Tcb(String id, String label, TcpState state) {
        this.id = id;
        this.label = label;
        this.state = state;
    }

    Tcb copy() {
        Tcb copy = new Tcb(id, label, state);
        copy.passiveOrigin = passiveOrigin;
        copy.nextIss = nextIss;
        copy.iss = iss;
        copy.issOpen = issOpen;
        copy.sndUna = sndUna;
        copy.sndNxt = sndNxt;
        copy.rcvNxt = rcvNxt;
        copy.rcvEdge = rcvEdge;
        copy.synWindow = synWindow;
        copy.sndEdge = sndEdge;
        copy.sndWl1 = sndWl1;
        copy.sndWl2 = sndWl2;
        copy.refused = refused;
        copy.simultaneousOpen = simultaneousOpen;
        copy.profileDecision = profileDecision;
        copy.timerExpired = timerExpired;
        copy.finSeq = finSeq;
        copy.lastReceivedRst = lastReceivedRst;
        copy.unacknowledged = new ArrayList<>(unacknowledged);
        copy.outOfOrder = new ArrayList<>(outOfOrder);
        copy.owed = new ArrayList<>(owed);
        copy.lastRule = lastRule;
        copy.lastChange = lastChange;
        return copy;
    }

    TcpState state() {
        return state;
    }

    /** The rule behind the last change of state, or {@code null} while the peer is where it started. */
    Rule lastRule() {
        return lastRule;
    }

    /** Where the last change of state happened, or {@code null} while the peer is where it started. */
    SourcePosition lastChange() {
        return lastChange;
    }

    /**
     * Moves the peer to {@code next} by {@code rule}, at {@code where}, and returns the change for the
     * event's step. Every change of state goes through here, so none can forget what comes with it:
     * entering CLOSED deletes the TCB, SYN-RECEIVED going back to LISTEN forgets the attempt the same way
     * (LISTEN has no connection), TIME-WAIT reopened by a new SYN starts from nothing, and the rule and
     * position are kept for diagnostics. When {@code next} is the current state nothing changes, and the
     * step records the state held.
     */
    PeerChange enter(TcpState next, Rule rule, SourcePosition where) {
        TcpState before = state;
        if (next != before) {
            if (next == TcpState.CLOSED || (next == TcpState.LISTEN && before == TcpState.SYN_RECEIVED)
                    || (next == TcpState.SYN_RECEIVED && before == TcpState.TIME_WAIT)) {
                forgetConnection();
            }
            state = next;
            lastRule = rule;
            lastChange = where;
            profileDecision = null;
        }
        return new PeerChange(id, before, next, rule);
    }

    /**
     * Whether the retransmission timer expired with something unacknowledged, and the peer has not sent
     * since: its next segment resends from SND.UNA (RFC 6298 §5.4).
     */
    boolean timerExpired;

    /** The retransmission timer expired: everything not yet acknowledged may be resent, the first first. */
    void timeOut() {
        unacknowledged.replaceAll(Sent::withLossSeen);
        timerExpired = !unacknowledged.isEmpty();
    }

    /** RCV.WND: the octets the peer will still take, from RCV.NXT to the edge it advertised. */
    long rcvWnd(Numbers numbers) {
        if (rcvEdge == null || rcvNxt == null) {
            return DEFAULT_WINDOW;
        }
        Integer free = numbers.distance(rcvEdge.end(), rcvNxt);
        return free == null ? DEFAULT_WINDOW : Math.max(0, free);
    }

    /**
     * Deletes the connection's variables: the peer keeps its name, its next ISS, whether it last received
     * a RST, and what it still owes. Answers owed are a debt of the story, not TCB state, so they stay;
     * an abort or a reset forgets them itself.
     */
    private void forgetConnection() {
        passiveOrigin = false;
        iss = null;
        issOpen = false;
        sndUna = null;
        sndNxt = null;
        rcvNxt = null;
        rcvEdge = null;
        synWindow = null;
        sndEdge = null;
        sndWl1 = null;
        sndWl2 = null;
        refused = null;
        simultaneousOpen = false;
        timerExpired = false;
        finSeq = null;
        unacknowledged = new ArrayList<>();
        outOfOrder = new ArrayList<>();
    }
}
