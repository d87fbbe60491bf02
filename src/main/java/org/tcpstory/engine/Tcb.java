package org.tcpstory.engine;

import java.util.ArrayList;
import java.util.List;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Text;

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
     * @param order    when it was last put on the wire, in the sender's own count of transmissions, for RACK
     */
    record Sent(Value seq, long sequenceLength, boolean syn, boolean fin, long length, byte[] data, int line,
                boolean lossSeen, long order) {
        Sent(Value seq, long sequenceLength, boolean syn, boolean fin, long length, byte[] data, int line, long order) {
            this(seq, sequenceLength, syn, fin, length, data, line, false, order);
        }

        Value end() {
            return seq.plus(sequenceLength);
        }

        Sent withLossSeen() {
            return lossSeen ? this : new Sent(seq, sequenceLength, syn, fin, length, data, line, true, order);
        }

        /** Sent again, as transmission {@code again}: the next retransmission waits for a new sign of loss. */
        Sent resent(long again) {
            return new Sent(seq, sequenceLength, syn, fin, length, data, line, false, again);
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
     * @param advertised the {@code win=} as written
     * @param shift      the window scale shift it was read with (RFC 7323 §2.3), 0 when not scaled
     * @param line       the line of the segment that carried it
     */
    record Edge(Value end, long advertised, int shift, int line) {

        /** The window in octets. */
        long octets() {
            return advertised << shift;
        }

        /** {@code win=512 at line 9}, or with scaling {@code win=512 (<< 8 = 131072 octets) at line 9}. */
        Text describe() {
            return shift == 0 ? Text.of("engine.window", advertised, line)
                    : Text.of("engine.window.scaled", advertised, shift, octets(), line);
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
    /** Where a chapter that starts ESTABLISHED put this peer's next octet; with a SYN, ISS+1 says it. */
    Value declaredStart;
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
    /** Whether the last segment this peer received was a RST and it has sent nothing since. */
    boolean lastReceivedRst;
    List<Sent> unacknowledged = new ArrayList<>();
    /**
     * The text and FIN that came with the other side's SYN, from SEG.SEQ+1 on, queued until the connection
     * is established (§3.10.7.2, §3.10.7.3); {@code null} when there is none.
     */
    WireSegment queuedWithSyn;
    /** Segments that arrived ahead of RCV.NXT, kept until the gap is filled. */
    List<WireSegment> outOfOrder = new ArrayList<>();
    List<Answer> owed = new ArrayList<>();
    /** The options this peer put on its SYN, and those it read on the other's: null or false when absent. */
    SynOptions ownSyn = SynOptions.NONE;
    SynOptions peerSyn = SynOptions.NONE;
    /** TS.Recent (RFC 7323 §4.3): the TSval this peer echoes; and the last TSval it sent. */
    Value tsRecent;
    Value tsLastSent;
    /** Last.ACK.sent: the ack number of the last segment this peer sent with ACK, for TS.Recent. */
    Value lastAckSent;
    /** Duplicate ACKs received in a row for SND.UNA (RFC 5681 §2), and the window they repeat. */
    int duplicateAcks;
    Long lastWindowReceived;
    /** The third duplicate ACK called for a fast retransmit that this peer has not sent yet. */
    boolean fastRetransmitDue;
    /**
     * While this peer is in loss recovery (RFC 6675 §5, RFC 6582 §3.2), SND.NXT when it entered: recovery is
     * entered once, so a duplicate ACK in it calls for no second retransmission of SND.UNA. {@code null}
     * outside recovery.
     */
    Value recoveryPoint;
    /** Octets the other peer reported in SACK blocks, above SND.UNA: the sender's scoreboard. */
    List<WireOptions.Range> sacked = new ArrayList<>();
    /** Octets that arrived here twice, for D-SACK blocks (RFC 2883). */
    List<WireOptions.Range> duplicates = new ArrayList<>();
    /** The segment held out of order that arrived last, which the first SACK block reports (RFC 2018 §4). */
    WireOptions.Range lastHeld;
    /** Segments this peer put on the wire, resends included: the order of {@link Sent#order}. */
    long transmissions;
    /**
     * RACK.xmit_ts of RFC 8985 §6.2 as an order: the latest transmission among the segments delivered
     * (cumulatively acknowledged or SACKed); -1 before any.
     */
    long latestDelivered = -1;
    /** The {@link #latestDelivered} whose earlier segments were last marked lost: each is marked once. */
    long lossMarkedBelow = -1;
    /** Congestion control (RFC 5681), when the chapter turns it on: cwnd and ssthresh in octets. */
    Congestion congestion;

    /** What a SYN said of options; the window scale capped at 14. */
    record SynOptions(Long mss, Integer wscale, boolean sackOk, boolean timestamps) {
        static final SynOptions NONE = new SynOptions(null, null, false, false);
    }

    /** Window scaling is in effect once both SYNs carried a shift count. */
    boolean scaling() {
        return ownSyn.wscale() != null && peerSyn.wscale() != null;
    }

    /** The shift this peer's own windows are sent with (never on a SYN). */
    int ownShift() {
        return scaling() ? ownSyn.wscale() : 0;
    }

    /** The shift the other peer's windows are read with (never on a SYN). */
    int peerShift() {
        return scaling() ? peerSyn.wscale() : 0;
    }

    boolean sackPermitted() {
        return ownSyn.sackOk() && peerSyn.sackOk();
    }

    boolean timestamps() {
        return ownSyn.timestamps() && peerSyn.timestamps();
    }

    /** Whether this peer opened actively and got the other side's SYN in SYN-SENT (a simultaneous open). */
    boolean simultaneousOpen;
    /** The last decision a profile made for this peer that another profile would have made otherwise. */
    Text profileDecision;
    /** Why the peer is in its state: the rule and the line of the last change, for diagnostics. */
    private Rule lastRule;
    private SourcePosition lastChange;

    /** Octets from {@code from} on that the peer did not take, and why, in the words of a diagnostic. */
    record Refusal(Value from, Text why) {
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
        copy.declaredStart = declaredStart;
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
        copy.ownSyn = ownSyn;
        copy.peerSyn = peerSyn;
        copy.tsRecent = tsRecent;
        copy.tsLastSent = tsLastSent;
        copy.lastAckSent = lastAckSent;
        copy.duplicateAcks = duplicateAcks;
        copy.lastWindowReceived = lastWindowReceived;
        copy.fastRetransmitDue = fastRetransmitDue;
        copy.recoveryPoint = recoveryPoint;
        copy.transmissions = transmissions;
        copy.latestDelivered = latestDelivered;
        copy.lossMarkedBelow = lossMarkedBelow;
        copy.sacked = new ArrayList<>(sacked);
        copy.duplicates = new ArrayList<>(duplicates);
        copy.lastHeld = lastHeld;
        copy.congestion = congestion == null ? null : congestion.copy();
        copy.finSeq = finSeq;
        copy.lastReceivedRst = lastReceivedRst;
        copy.unacknowledged = new ArrayList<>(unacknowledged);
        copy.outOfOrder = new ArrayList<>(outOfOrder);
        copy.queuedWithSyn = queuedWithSyn;
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
            if (next == TcpState.ESTABLISHED && congestion != null && !congestion.started()) {
                congestion.start(peerSyn.mss());
            }
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
        recoveryPoint = null; // the timeout ends any recovery (RFC 6675 §5.1): the next third duplicate ACK starts one
        timerExpired = !unacknowledged.isEmpty();
    }

    /** The next transmission's place in {@link Sent#order}. */
    long transmission() {
        return ++transmissions;
    }

    /**
     * The probe timeout fired (RFC 8985 §7.3): the last segment sent may go again as the probe.
     *
     * @return whether anything was outstanding
     */
    boolean probeTimeout() {
        if (unacknowledged.isEmpty()) {
            return false;
        }
        int last = unacknowledged.size() - 1;
        unacknowledged.set(last, unacknowledged.get(last).withLossSeen());
        return true;
    }

    /** The first data octet of this peer's connection: ISS+1, or where the chapter declared it; null without one. */
    Value sendStart() {
        return iss != null ? iss.plus(1) : declaredStart;
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
        declaredStart = null;
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
        ownSyn = SynOptions.NONE;
        peerSyn = SynOptions.NONE;
        tsRecent = null;
        tsLastSent = null;
        lastAckSent = null;
        duplicateAcks = 0;
        lastWindowReceived = null;
        fastRetransmitDue = false;
        recoveryPoint = null;
        latestDelivered = -1;
        lossMarkedBelow = -1;
        sacked = new ArrayList<>();
        duplicates = new ArrayList<>();
        lastHeld = null;
        if (congestion != null) {
            congestion = new Congestion(congestion.choices());
        }
        finSeq = null;
        unacknowledged = new ArrayList<>();
        outOfOrder = new ArrayList<>();
        queuedWithSyn = null;
    }
}
