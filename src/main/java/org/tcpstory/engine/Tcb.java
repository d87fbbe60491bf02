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

    /** A window large enough for any story; a segment's {@code win=} replaces it. */
    static final long DEFAULT_WINDOW = 1L << 30;

    /** A sequence-consuming segment this peer sent, kept until acknowledged so that a resend can be checked. */
    record Sent(Value seq, long sequenceLength, boolean syn, boolean fin, long length, String data) {
        Value end() {
            return seq.plus(sequenceLength);
        }
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
    long rcvWnd = DEFAULT_WINDOW;
    /** The sequence number of our FIN, once sent. */
    Value finSeq;
    boolean lastReceivedRst;
    List<Sent> unacknowledged = new ArrayList<>();
    /** Segments that arrived ahead of RCV.NXT, kept until the gap is filled. */
    List<WireSegment> outOfOrder = new ArrayList<>();
    List<Answer> owed = new ArrayList<>();
    /** Why the peer is in its state: the rule and the line of the last change, for diagnostics. */
    private Rule lastRule;
    private SourcePosition lastChange;

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
        copy.rcvWnd = rcvWnd;
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
     * (LISTEN has no connection), and the rule and position are kept for diagnostics. When {@code next}
     * is the current state nothing changes, and the step records the state held.
     */
    PeerChange enter(TcpState next, Rule rule, SourcePosition where) {
        TcpState before = state;
        if (next != before) {
            if (next == TcpState.CLOSED || (next == TcpState.LISTEN && before == TcpState.SYN_RECEIVED)) {
                forgetConnection();
            }
            state = next;
            lastRule = rule;
            lastChange = where;
        }
        return new PeerChange(id, before, next, rule);
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
        rcvWnd = DEFAULT_WINDOW;
        finSeq = null;
        unacknowledged = new ArrayList<>();
        outOfOrder = new ArrayList<>();
    }
}
