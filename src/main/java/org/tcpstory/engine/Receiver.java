package org.tcpstory.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.story.Flag;

/**
 * What a peer does with a segment it receives: RFC 9293 §3.10.7 ("SEGMENT ARRIVES") step by step, for
 * one segment at one peer. What happened is collected as {@link PeerChange}s and answers owed.
 *
 * <p>The RFC writes the synchronized states' processing (§3.10.7.4) as eight steps, each listing what
 * every state does in it. This class keeps that shape: it follows the steps in order and switches on the
 * receiver's state inside a step, so each method reads beside its paragraph of the RFC, the order of
 * the steps is visible in one place, and control never goes from a step into a state and back.
 * {@link TcpState} stays a plain value, which diagrams and pages use without any engine behaviour.
 */
final class Receiver {

    private final Tcb me;
    private final WireSegment seg;
    private final Numbers numbers;
    private final Profile profile;
    private final RuleChoices choices;
    private final OptionRules options;
    private final Marks marks;
    private final List<PeerChange> changes = new ArrayList<>(2);
    private Rule note;
    /** Whether this segment moved SND.UNA, so that a window it opens is not a window update alone. */
    private boolean acknowledgedNew;

    private Receiver(Tcb me, WireSegment seg, Numbers numbers, Profile profile, OptionRules options, Marks marks) {
        this.me = me;
        this.seg = seg;
        this.numbers = numbers;
        this.profile = profile;
        this.choices = profile.choices();
        this.options = options;
        this.marks = marks;
    }

    /** Delivers a segment to a peer and returns what it did to that peer. */
    static List<PeerChange> receive(Tcb receiver, WireSegment segment, Numbers numbers, Profile profile,
                                    OptionRules options, Marks marks) {
        Receiver in = new Receiver(receiver, segment, numbers, profile, options, marks);
        TcpState before = receiver.state();
        receiver.lastReceivedRst = segment.has(Flag.RST);
        switch (before) {
            case CLOSED -> in.closedPort();
            case LISTEN -> in.listen();
            case SYN_SENT -> in.synSent();
            default -> in.otherStates();
        }
        if (in.changes.isEmpty()) {
            Rule rule = in.note != null ? in.note : Rule.ACK_RECEIVED;
            in.changes.add(receiver.enter(before, rule, segment.event().position()));
        }
        return in.changes;
    }

    private void transition(TcpState next, Rule rule) {
        changes.add(me.enter(next, rule, seg.event().position()));
    }

    /** Records what happened when the state does not change. */
    private void note(Rule rule) {
        note = rule;
    }

    private void owe(Answer.Kind kind, Value seq, Value ack, Rule rule) {
        me.owed.add(new Answer(kind, seq, ack, rule, seg.event().position(), seg.from()));
        note(rule);
    }

    private void oweAck(Rule rule) {
        owe(Answer.Kind.ACK, null, null, rule);
    }

    // ---- §3.10.7.1 to §3.10.7.3: the states without a synchronized connection

    private void closedPort() {
        if (seg.has(Flag.RST)) {
            note(Rule.CLOSED_ANSWERS_RST);
        } else if (seg.ack() == null) {
            owe(Answer.Kind.RST, Value.of(0), seg.seq().plus(seg.sequenceLength()), Rule.CLOSED_ANSWERS_RST);
        } else {
            owe(Answer.Kind.RST, seg.ack(), null, Rule.CLOSED_ANSWERS_RST);
        }
    }

    private void listen() {
        if (seg.has(Flag.RST)) {
            note(Rule.LISTEN_IGNORES_RST);
        } else if (seg.ack() != null) {
            if (seg.has(Flag.SYN) && choices.synAckInListen() == RuleChoices.SynAckInListen.DROPPED) {
                note(Rule.LISTEN_DROPS_SYN_ACK);
                decided(Text.of("engine.profile.synAckInListenDropped"));
            } else {
                owe(Answer.Kind.RST, seg.ack(), null, Rule.LISTEN_ANSWERS_ACK);
            }
        } else if (seg.has(Flag.SYN)) {
            me.rcvNxt = seg.seq().plus(1);
            // The ISS is the declared one, or whatever the SYN,ACK will carry: a fresh number until then.
            me.issOpen = me.nextIss == null;
            me.iss = me.nextIss != null ? me.nextIss : numbers.fresh();
            me.nextIss = null;
            me.sndUna = me.iss;
            me.sndNxt = me.iss;
            me.passiveOrigin = true;
            OptionRules.learnSyn(me, seg);
            learnWindowOfSyn();
            owe(Answer.Kind.SYN_ACK, null, null, Rule.SYN_IN_LISTEN);
            transition(TcpState.SYN_RECEIVED, Rule.SYN_IN_LISTEN);
            queueTextOfSyn(choices.textOnSynInListen() == RuleChoices.TextOnSynInListen.QUEUED);
        } else {
            note(Rule.LISTEN_DROPS);
        }
    }

    private void synSent() {
        boolean ackAcceptable = false;
        if (seg.ack() != null) {
            ackAcceptable = numbers.before(me.iss, seg.ack()) && numbers.notAfter(seg.ack(), me.sndNxt);
            if (!ackAcceptable) {
                if (!seg.has(Flag.RST)) {
                    owe(Answer.Kind.RST, seg.ack(), null, Rule.SYN_SENT_BAD_ACK);
                } else {
                    note(Rule.SYN_SENT_BAD_ACK);
                }
                return;
            }
        }
        if (seg.has(Flag.RST)) {
            if (ackAcceptable) {
                me.owed.clear();
                transition(TcpState.CLOSED, Rule.SYN_SENT_RST);
            } else {
                note(Rule.SYN_SENT_DROPS);
            }
            return;
        }
        if (!seg.has(Flag.SYN)) {
            note(Rule.SYN_SENT_DROPS);
            return;
        }
        me.rcvNxt = seg.seq().plus(1);
        OptionRules.learnSyn(me, seg);
        if (me.synWindow != null) {
            // Our SYN advertised a window before we knew where the other side's data would start.
            me.rcvEdge = new Tcb.Edge(me.rcvNxt.plus(me.synWindow.advertised()), me.synWindow.advertised(), 0,
                    me.synWindow.line());
            me.synWindow = null;
        }
        if (ackAcceptable) {
            acknowledge(seg.ack());
            learnWindow(seg.ack());
            oweAck(Rule.SYN_ACK_ESTABLISHES);
            transition(TcpState.ESTABLISHED, Rule.SYN_ACK_ESTABLISHES);
            WireSegment rest = afterSynAck(); // "continue processing at the sixth step"
            if (rest != null) {
                textAndFin(rest);
            }
        } else {
            me.passiveOrigin = false;
            me.simultaneousOpen = true;
            learnWindowOfSyn();
            owe(Answer.Kind.SYN_ACK, null, null, Rule.SIMULTANEOUS_OPEN);
            transition(TcpState.SYN_RECEIVED, Rule.SIMULTANEOUS_OPEN);
            queueTextOfSyn(choices.textOnSynInSynSent() == RuleChoices.TextOnSynInSynSent.TAKEN);
        }
    }

    /**
     * What a SYN,ACK that establishes the connection carries after its SYN, for the steps from the sixth on
     * (§3.10.7.3: "if there are other controls or text in the segment, then continue processing at the
     * sixth step"); {@code null} when it carries nothing, or when the profile's stacks drop it.
     */
    private WireSegment afterSynAck() {
        if (seg.length() == 0 && !seg.has(Flag.FIN)) {
            return null;
        }
        if (choices.textOnSynInSynSent() == RuleChoices.TextOnSynInSynSent.DROPPED) {
            dropTextOfSyn("engine.profile.synAckTextDropped");
            return null;
        }
        return seg.afterSyn();
    }

    /**
     * The text and FIN that came with a SYN, queued until the connection is established (§3.10.7.2 and
     * §3.10.7.3: "queue them for processing after the ESTABLISHED state has been reached"), or dropped
     * where the profile's stacks drop them.
     */
    private void queueTextOfSyn(boolean queued) {
        if (seg.length() == 0 && !seg.has(Flag.FIN)) {
            return;
        }
        if (queued) {
            me.queuedWithSyn = seg.afterSyn();
        } else {
            dropTextOfSyn("engine.profile.synTextDropped");
        }
    }

    private void dropTextOfSyn(String key) {
        Text dropped = Text.of(key);
        refuse(me.rcvNxt, Text.of("engine.refused.textOfSyn", profile.id(), dropped));
        decided(dropped);
    }

    /** Once established, the text and FIN that came with the other side's SYN are processed. */
    private void takeTextQueuedWithSyn() {
        WireSegment queued = me.queuedWithSyn;
        me.queuedWithSyn = null;
        if (queued != null && numbers.same(queued.seq(), me.rcvNxt)) {
            textAndFin(queued);
        }
    }

    /**
     * A SYN without ACK advertises the window for the data its receiver will send, which starts just after
     * the receiver's own SYN (ISS+1), as stacks count it.
     */
    private void learnWindowOfSyn() {
        if (seg.window() != null && me.iss != null) {
            me.sndEdge = new Tcb.Edge(me.iss.plus(1 + seg.window()), seg.window(), 0, seg.event().position().line());
            me.lastWindowReceived = seg.window();
            me.sndWl1 = seg.seq();
            me.sndWl2 = me.iss;
        }
    }

    /**
     * Step five's window update (§3.10.7.4): a segment that acknowledges something in SND.UNA..SND.NXT and
     * is not older than the one that last set the window moves the right edge to SEG.ACK + SEG.WND, the
     * window shifted by the sender's scale once both SYNs carried one (never on a SYN). A segment that
     * does not write {@code win=} leaves the edge where it was.
     */
    private void learnWindow(Value ack) {
        if (seg.window() == null || ack == null || !numbers.notAfter(me.sndUna, ack) || !numbers.notAfter(ack, me.sndNxt)) {
            return;
        }
        boolean newer = me.sndWl1 == null || numbers.before(me.sndWl1, seg.seq())
                || (numbers.same(me.sndWl1, seg.seq()) && numbers.notAfter(me.sndWl2, ack));
        if (newer) {
            int shift = seg.has(Flag.SYN) ? 0 : me.peerShift();
            Tcb.Edge edge = new Tcb.Edge(ack.plus(seg.window() << shift), seg.window(), shift,
                    seg.event().position().line());
            boolean opens = me.sndEdge != null && numbers.before(me.sndEdge.end(), edge.end());
            if (opens && seg.sequenceLength() == 0 && !acknowledgedNew && !seg.has(Flag.SYN)) {
                marks.add(StepMark.Kind.WINDOW_UPDATE, me.id);
            }
            me.sndEdge = edge;
            me.sndWl1 = seg.seq();
            me.sndWl2 = ack;
        }
        me.lastWindowReceived = seg.window();
    }

    // ---- §3.10.7.4, "Other States": SYN-RECEIVED and the synchronized states, in the RFC's eight steps

    private void otherStates() {
        boolean crossingSynAck = isCrossingSynAck();
        if (isFinAgainInClosing()) {
            finAgainInClosing();
            return;
        }
        if (isNewSynInTimeWait()) {
            reopenTimeWait();
            return;
        }
        if (!crossingSynAck && options.failsPaws(me, seg)) { // RFC 7323 §5.3, before the first step
            oweAck(Rule.PAWS);
            return;
        }
        if (!crossingSynAck && !acceptable()) { // first
            if (seg.has(Flag.RST)) {
                note(Rule.SEGMENT_NOT_ACCEPTABLE);
            } else if (me.state() == TcpState.TIME_WAIT && seg.has(Flag.FIN)) {
                oweAck(Rule.FIN_AGAIN_IN_TIME_WAIT); // the old FIN again: our last ACK was lost
            } else if (me.state() == TcpState.SYN_RECEIVED && seg.has(Flag.SYN) && seg.ack() == null) {
                synAgainInSynReceived();
            } else {
                if (seg.length() > 0 && me.rcvWnd(numbers) == 0) {
                    refuse(seg.seq(), Text.of("engine.refused.zeroWindow", me.id, me.rcvEdge.describe()));
                }
                rememberDuplicate(seg.seq(), seg.seq().plus(seg.length()));
                oweAck(Rule.SEGMENT_NOT_ACCEPTABLE);
            }
            return;
        }
        if (seg.has(Flag.RST)) { // second; the third, security, is not modelled
            rst();
            return;
        }
        options.updateTsRecent(me, seg);
        if (seg.has(Flag.SYN) && !crossingSynAck) { // fourth
            syn();
            return;
        }
        if (seg.ack() == null) { // fifth
            note(Rule.ACK_BIT_OFF);
            return;
        }
        if (crossingSynAck) {
            note(Rule.CROSSING_SYN_ACK);
        }
        if (!ackArrived()) {
            return;
        }
        learnWindow(seg.ack());
        options.learnSack(me, seg);
        options.detectLossByOrder(me);
        WireSegment rest = crossingSynAck ? afterSynAck() : seg; // a crossing SYN's text comes after it
        if (rest != null) {
            textAndFin(rest);
        }
    }

    /** Steps seven and eight: the text, then the FIN once the text before it is taken; the sixth, URG, is not modelled. */
    private void textAndFin(WireSegment segment) {
        boolean textTaken = segment.length() == 0 || text(segment);
        if (segment.has(Flag.FIN) && textTaken) {
            fin(segment);
        }
    }

    /** Step one: Table 6 of §3.4, with the receiver's window. */
    private boolean acceptable() {
        Integer d = numbers.distance(seg.seq(), me.rcvNxt);
        if (d == null) {
            return false;
        }
        long window = me.rcvWnd(numbers);
        long length = seg.sequenceLength();
        if (length == 0) {
            return window == 0 ? d == 0 : d >= 0 && d < window;
        }
        if (window == 0 && d == 0 && seg.length() == 0 && seg.has(Flag.FIN)
                && choices.finIntoZeroWindow() == RuleChoices.FinIntoZeroWindow.ACCEPTED) {
            decided(Text.of("engine.profile.finIntoZeroWindow"));
            return true;
        }
        return window > 0 && ((d >= 0 && d < window) || (d + length - 1 >= 0 && d + length - 1 < window));
    }

    /**
     * The FIN of the other side again, in CLOSING, now acknowledging our FIN: our ACK of its FIN was lost,
     * and so was its ACK of ours. Table 6 read literally drops it as old and CLOSING would wait for ever;
     * Appendix A.2 names the problem, and stacks take the ACK it carries.
     */
    private boolean isFinAgainInClosing() {
        return me.state() == TcpState.CLOSING && seg.has(Flag.FIN) && !seg.has(Flag.RST) && !seg.has(Flag.SYN)
                && seg.ack() != null && numbers.same(seg.end(), me.rcvNxt)
                && numbers.before(me.sndUna, seg.ack()) && numbers.notAfter(seg.ack(), me.sndNxt);
    }

    private void finAgainInClosing() {
        acknowledge(seg.ack());
        oweAck(Rule.FIN_AGAIN_IN_CLOSING);
        if (ourFinAcked()) {
            transition(TcpState.TIME_WAIT, Rule.FIN_ACKED_IN_CLOSING);
        }
    }

    /** A SYN in TIME-WAIT above everything the old connection received, which some profiles reopen on. */
    private boolean isNewSynInTimeWait() {
        return me.state() == TcpState.TIME_WAIT && seg.has(Flag.SYN) && seg.ack() == null && !seg.has(Flag.RST)
                && numbers.before(me.rcvNxt, seg.seq())
                && choices.synInTimeWait() == RuleChoices.SynInTimeWait.REOPENS;
    }

    /** TIME-WAIT reopened (MAY-2, RFC 6191): the old connection is gone, and the SYN is taken as in LISTEN. */
    private void reopenTimeWait() {
        transition(TcpState.SYN_RECEIVED, Rule.TIME_WAIT_REOPENED);
        OptionRules.learnSyn(me, seg);
        me.rcvNxt = seg.seq().plus(1);
        me.issOpen = true;
        me.iss = numbers.fresh();
        me.sndUna = me.iss;
        me.sndNxt = me.iss;
        learnWindowOfSyn();
        owe(Answer.Kind.SYN_ACK, null, null, Rule.TIME_WAIT_REOPENED);
        queueTextOfSyn(choices.textOnSynInListen() == RuleChoices.TextOnSynInListen.QUEUED); // taken as in LISTEN
        decided(Text.of("engine.profile.timeWaitReopened"));
    }

    /**
     * The SYN again in SYN-RECEIVED: our SYN,ACK was lost. RFC 9293 sees an old segment and answers it
     * with an empty ACK, leaving the SYN,ACK to its retransmission timer; stacks send the SYN,ACK again
     * at once, and under their profiles only that answers it.
     */
    private void synAgainInSynReceived() {
        me.timeOut(); // the SYN again says our SYN,ACK was lost: resending it now is timely
        if (choices.synAgainInSynReceived() == RuleChoices.SynAgainInSynReceived.SYN_ACK) {
            owe(Answer.Kind.SYN_ACK, null, null, Rule.SYN_AGAIN_IN_SYN_RECEIVED);
            decided(Text.of("engine.profile.synAckAgain"));
        } else {
            oweAck(Rule.SYN_AGAIN_IN_SYN_RECEIVED);
        }
    }

    /** Notes a decision this peer's profile made that another would have made otherwise, for diagnostics. */
    private void decided(Text what) {
        me.profileDecision = Text.of("engine.profile.decided", profile.id(), what);
    }

    /** Notes octets this peer did not take, so that acknowledging them later is explained. */
    private void refuse(Value from, Text why) {
        me.refused = new Tcb.Refusal(from, why);
    }

    /** The SYN,ACK of a simultaneous open, which Table 6 read literally would drop (Appendix A.2). */
    private boolean isCrossingSynAck() {
        return me.state() == TcpState.SYN_RECEIVED
                && seg.has(Flag.SYN) && seg.ack() != null
                && numbers.same(seg.seq().plus(1), me.rcvNxt) && numbers.same(seg.ack(), me.sndNxt);
    }

    /** Step two: a RST at RCV.NXT resets; one elsewhere in the window is challenged (RFC 5961). */
    private void rst() {
        if (me.state() == TcpState.SYN_RECEIVED && me.passiveOrigin && seg.ack() != null && !synAcknowledged()
                && choices.rstWithBadAckInSynReceived() == RuleChoices.RstWithBadAckInSynReceived.IGNORED) {
            note(Rule.RST_WITH_BAD_ACK_IGNORED);
            decided(Text.of("engine.profile.rstWithBadAckIgnored"));
            return;
        }
        if (!numbers.same(seg.seq(), me.rcvNxt)) {
            if (me.state() == TcpState.TIME_WAIT
                    && choices.rstInWindowInTimeWait() == RuleChoices.RstInWindowInTimeWait.DROPPED) {
                note(Rule.RST_DROPPED_IN_TIME_WAIT);
                decided(Text.of("engine.profile.rstInTimeWaitWindowDropped"));
                return;
            }
            oweAck(Rule.RST_CHALLENGED);
            return;
        }
        if (me.state() == TcpState.TIME_WAIT && choices.rstInTimeWait() == RuleChoices.RstInTimeWait.IGNORED) {
            note(Rule.RST_IGNORED_IN_TIME_WAIT);
            decided(Text.of("engine.profile.rstInTimeWaitIgnored"));
            return;
        }
        me.owed.clear(); // the reset flushes every queue: nothing is owed to a connection that is gone
        if (me.state() == TcpState.SYN_RECEIVED && me.passiveOrigin) {
            transition(TcpState.LISTEN, Rule.RST_RESETS);
        } else {
            transition(TcpState.CLOSED, Rule.RST_RESETS);
        }
    }

    /** Step four: a SYN in the window. */
    private void syn() {
        if (me.state() == TcpState.SYN_RECEIVED && me.passiveOrigin) {
            transition(TcpState.LISTEN, Rule.SYN_RETURNS_TO_LISTEN);
        } else {
            oweAck(Rule.SYN_CHALLENGED);
        }
    }

    /** Step five: the ACK field, per state. Returns whether processing goes on to the text and the FIN. */
    private boolean ackArrived() {
        return switch (me.state()) {
            case SYN_RECEIVED -> ackInSynReceived();
            case FIN_WAIT_1 -> ackInFinWait1();
            case CLOSING -> ackInClosing();
            case LAST_ACK -> ackInLastAck();
            default -> ackAdvances();
        };
    }

    /**
     * An acceptable ACK establishes the connection, and processing goes on as in ESTABLISHED. A SYN,ACK
     * still owed can no longer be sent; what it would have carried, the ACK of the other side's SYN, is.
     */
    private boolean ackInSynReceived() {
        if (synAcknowledged()) {
            transition(TcpState.ESTABLISHED, Rule.ACK_ESTABLISHES);
            me.owed.replaceAll(answer -> answer.kind() == Answer.Kind.SYN_ACK
                    ? new Answer(Answer.Kind.ACK, null, null, answer.rule(), answer.cause(), answer.from()) : answer);
            boolean goesOn = ackAdvances();
            takeTextQueuedWithSyn();
            return goesOn;
        }
        owe(Answer.Kind.RST, seg.ack(), null, Rule.SYN_RECEIVED_BAD_ACK);
        return false;
    }

    /** SND.UNA < SEG.ACK =< SND.NXT: the segment acknowledges what SYN-RECEIVED sent, its SYN first. */
    private boolean synAcknowledged() {
        return numbers.before(me.sndUna, seg.ack()) && numbers.notAfter(seg.ack(), me.sndNxt);
    }

    /**
     * FIN-WAIT-1 enters FIN-WAIT-2 once its FIN is acknowledged, unless this segment carries the other
     * side's FIN as well: step eight then takes both at once (Note 2).
     */
    private boolean ackInFinWait1() {
        if (!ackAdvances()) {
            return false;
        }
        if (ourFinAcked() && !finInOrder()) {
            transition(TcpState.FIN_WAIT_2, Rule.FIN_ACKED_IN_FIN_WAIT_1);
        }
        return true;
    }

    private boolean ackInClosing() {
        if (!ackAdvances()) {
            return false;
        }
        if (ourFinAcked()) {
            transition(TcpState.TIME_WAIT, Rule.FIN_ACKED_IN_CLOSING);
        }
        return true;
    }

    /** The ACK of our FIN deletes the connection, and nothing is left to process. */
    private boolean ackInLastAck() {
        if (!ackAdvances()) {
            return false;
        }
        if (ourFinAcked()) {
            transition(TcpState.CLOSED, Rule.FIN_ACKED_IN_LAST_ACK);
            return false;
        }
        return true;
    }

    /** Step five in the synchronized states: SND.UNA advances on an acceptable ACK. */
    private boolean ackAdvances() {
        Value ack = seg.ack();
        if (numbers.before(me.sndUna, ack) && numbers.notAfter(ack, me.sndNxt)) {
            acknowledge(ack);
            note(Rule.ACK_RECEIVED);
            return true;
        }
        if (numbers.same(ack, me.sndUna)) {
            countDuplicate();
        }
        if (numbers.notAfter(ack, me.sndUna)) {
            return true; // an old or duplicate ACK: the rest of the segment still counts
        }
        oweAck(Rule.ACK_OF_UNSENT);
        return false;
    }

    /**
     * RFC 5681 §2: an ACK is a duplicate when data is outstanding, it carries no data, SYN or FIN, repeats
     * SND.UNA and the window last advertised. The third calls for a fast retransmit (§3.2), unless the sender
     * is in loss recovery already (RFC 6675 §5: entered once, a SACK may have started it). While the
     * window is closed, the ACKs that answer probes say nothing of a loss, and are not counted.
     */
    private void countDuplicate() {
        boolean outstanding = false;
        for (Tcb.Sent sent : me.unacknowledged) {
            outstanding |= sent.length() > 0;
        }
        boolean bare = seg.length() == 0 && !seg.has(Flag.SYN) && !seg.has(Flag.FIN);
        boolean sameWindow = seg.window() == null || me.lastWindowReceived == null
                || seg.window().equals(me.lastWindowReceived);
        boolean windowOpen = me.sndEdge == null || numbers.before(me.sndUna, me.sndEdge.end());
        if (!outstanding || !bare || !sameWindow || !windowOpen) {
            return;
        }
        me.duplicateAcks++;
        marks.duplicateAck(me.id, me.duplicateAcks);
        note(Rule.DUPLICATE_ACK);
        int line = seg.event().position().line();
        if (me.duplicateAcks == 3 && me.recoveryPoint == null) {
            me.recoveryPoint = me.sndNxt;
            me.fastRetransmitDue = true;
            Tcb.Sent first = me.unacknowledged.get(0);
            me.unacknowledged.set(0, first.withLossSeen());
            if (me.congestion != null) {
                me.congestion.fastRetransmit(inFlight(), line, false);
            }
            marks.add(StepMark.Kind.FAST_RETRANSMIT_CALLED, me.id);
            note(Rule.FAST_RETRANSMIT);
        } else if (me.duplicateAcks >= 3 && me.congestion != null) {
            me.congestion.duplicateAck(line);
        }
    }

    private long inFlight() {
        Integer octets = numbers.distance(me.sndNxt, me.sndUna);
        return octets == null ? 0 : octets;
    }

    /**
     * SND.UNA moves to {@code ack}: what it covers leaves the retransmission queue, the duplicate ACK count
     * starts again, and congestion control counts the data octets acknowledged (a SYN's or a FIN's number
     * is no data, RFC 5681 §3.1).
     */
    private void acknowledge(Value ack) {
        Integer covered = numbers.distance(ack, me.sndUna);
        long octets = covered == null ? 0 : covered;
        if (me.iss != null && numbers.same(me.sndUna, me.iss)) {
            octets--;
        }
        if (me.finSeq != null && numbers.notAfter(me.sndUna, me.finSeq) && numbers.before(me.finSeq, ack)) {
            octets--;
        }
        me.sndUna = ack;
        acknowledgedNew = true;
        for (Iterator<Tcb.Sent> it = me.unacknowledged.iterator(); it.hasNext(); ) {
            Tcb.Sent sent = it.next();
            if (numbers.notAfter(sent.end(), ack)) {
                me.latestDelivered = Math.max(me.latestDelivered, sent.order());
                it.remove();
            }
        }
        me.sacked.removeIf(range -> numbers.notAfter(range.right(), ack));
        me.duplicateAcks = 0;
        me.fastRetransmitDue = false;
        if (me.recoveryPoint != null && numbers.before(ack, me.recoveryPoint)) {
            partialAck();
        } else {
            me.recoveryPoint = null;
        }
        if (me.congestion != null && octets > 0) {
            me.congestion.acknowledged(octets, seg.event().position().line());
        }
    }

    /**
     * An ACK in loss recovery that does not reach the recovery point: recovery goes on (RFC 6582 §3.2, RFC
     * 6675 §5). Without SACK it is also the sign that the segment now at SND.UNA was lost, which NewReno
     * resends at once (step 4 of §3.2; Linux does); with SACK, the blocks say what was lost.
     */
    private void partialAck() {
        if (!me.sackPermitted() && !me.unacknowledged.isEmpty()) {
            me.unacknowledged.set(0, me.unacknowledged.get(0).withLossSeen());
        }
    }

    private boolean ourFinAcked() {
        return me.finSeq != null && numbers.before(me.finSeq, me.sndUna);
    }

    /** Whether this segment's FIN comes right after what the receiver has, so step eight will take it. */
    private boolean finInOrder() {
        return seg.has(Flag.FIN) && numbers.notAfter(seg.seq(), me.rcvNxt)
                && numbers.notAfter(me.rcvNxt, seg.seq().plus(seg.length()));
    }

    /** Text is taken in ESTABLISHED, FIN-WAIT-1 and FIN-WAIT-2; after the other side's FIN there is none. */
    private boolean takesText() {
        return switch (me.state()) {
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2 -> true;
            default -> false;
        };
    }

    /**
     * Step seven: the segment text, as far as the receive window reaches. Octets beyond it are trimmed
     * (RFC 9293) or the whole segment dropped (Linux), unless the sender was already told it broke the
     * window ({@link WireSegment#forced}): the story then goes on as its author meant.
     *
     * @param segment the segment whose text it is: the one that arrived, or what follows the SYN in it
     * @return whether the text was taken up to its end, so that a FIN after it can be
     */
    private boolean text(WireSegment segment) {
        if (!takesText() && !segment.forced()) {
            note(Rule.DATA_AFTER_FIN_IGNORED);
            return true; // nothing to take; a FIN after it is judged on its own
        }
        Value dataEnd = segment.seq().plus(segment.length());
        if (me.rcvEdge != null && !segment.forced() && numbers.before(me.rcvEdge.end(), dataEnd)) {
            Text window = me.rcvEdge.describe();
            if (choices.dataBeyondWindow() == RuleChoices.DataBeyondWindow.DROPPED) {
                refuse(segment.seq(), Text.of("engine.refused.droppedWhole", profile.id(), me.id, window));
                oweAck(Rule.WINDOW_DROPPED);
                return false;
            }
            refuse(me.rcvEdge.end(), Text.of("engine.refused.beyondWindow", me.id, window));
            dataEnd = me.rcvEdge.end();
            note(Rule.WINDOW_TRIMMED);
            if (!numbers.before(me.rcvNxt, dataEnd)) {
                oweAck(Rule.WINDOW_TRIMMED);
                return false;
            }
        }
        boolean whole = numbers.same(dataEnd, segment.seq().plus(segment.length()));
        if (numbers.before(me.rcvNxt, segment.seq())) {
            me.outOfOrder.add(segment); // ahead of a gap: held until the gap is filled; a duplicate ACK now
            me.lastHeld = new WireOptions.Range(segment.seq(), dataEnd);
            oweAck(Rule.DATA_RECEIVED);
            return whole;
        }
        rememberDuplicate(segment.seq(), dataEnd);
        if (numbers.before(me.rcvNxt, dataEnd)) {
            me.rcvNxt = dataEnd;
            me.lastHeld = null; // this segment advanced the ack number: no block need report it (RFC 2018 §4)
        }
        oweAck(whole ? Rule.DATA_RECEIVED : Rule.WINDOW_TRIMMED);
        drainOutOfOrder();
        return whole;
    }

    /** Step eight: the FIN bit. */
    private void fin(WireSegment segment) {
        Value finSeq = segment.seq().plus(segment.length());
        if (numbers.before(me.rcvNxt, finSeq)) {
            if (segment.length() == 0) {
                me.outOfOrder.add(segment);
            }
            oweAck(Rule.FIN_RECEIVED);
            return;
        }
        if (!numbers.same(finSeq, me.rcvNxt)) {
            oweAck(Rule.FIN_RECEIVED); // a FIN we already have
            return;
        }
        me.rcvNxt = me.rcvNxt.plus(1);
        oweAck(Rule.FIN_RECEIVED);
        finArrived();
    }

    /**
     * Step eight, per state, once RCV.NXT has advanced over the FIN. CLOSE-WAIT, CLOSING and LAST-ACK
     * stay where they are; SYN-RECEIVED never gets here, as step five has made it ESTABLISHED.
     */
    private void finArrived() {
        switch (me.state()) {
            case ESTABLISHED -> transition(TcpState.CLOSE_WAIT, Rule.FIN_RECEIVED);
            case FIN_WAIT_1 -> finInFinWait1();
            case FIN_WAIT_2 -> transition(TcpState.TIME_WAIT, Rule.FIN_IN_FIN_WAIT_2);
            case TIME_WAIT -> note(Rule.FIN_AGAIN_IN_TIME_WAIT);
            default -> note(Rule.FIN_RECEIVED);
        }
    }

    private void finInFinWait1() {
        if (ourFinAcked()) {
            transition(TcpState.TIME_WAIT, Rule.FIN_AND_ACK_IN_FIN_WAIT_1);
        } else {
            transition(TcpState.CLOSING, Rule.SIMULTANEOUS_CLOSE);
        }
    }

    /** The octets from {@code from} up to {@code to} that had arrived before, for a D-SACK block (RFC 2883). */
    private void rememberDuplicate(Value from, Value to) {
        Value end = numbers.before(to, me.rcvNxt) ? to : me.rcvNxt;
        if (numbers.before(from, end)) {
            me.duplicates.add(new WireOptions.Range(from, end));
        }
    }

    /** Takes held segments that the new RCV.NXT has reached, FIN included. */
    private void drainOutOfOrder() {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Iterator<WireSegment> it = me.outOfOrder.iterator(); it.hasNext(); ) {
                WireSegment held = it.next();
                if (!numbers.notAfter(held.seq(), me.rcvNxt)) {
                    continue;
                }
                it.remove();
                progress = true;
                Value dataEnd = held.seq().plus(held.length());
                if (numbers.before(me.rcvNxt, dataEnd)) {
                    me.rcvNxt = dataEnd;
                }
                if (held.has(Flag.FIN) && numbers.same(dataEnd, me.rcvNxt)) {
                    me.rcvNxt = me.rcvNxt.plus(1);
                    finArrived();
                }
            }
        }
    }
}
