package org.tcpstory.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.story.Event;
import org.tcpstory.story.Flag;
import org.tcpstory.story.Operand;
import org.tcpstory.story.PeerRef;
import org.tcpstory.story.Segment;

/**
 * Checks what a peer sends: whether its state allows the segment, and whether its seq and ack are the
 * sender's SND.NXT and RCV.NXT (or an unchanged resend). A wrong number is reported and replaced by
 * the right one, so the story goes on as the author meant.
 */
final class Sender {

    private final Numbers numbers;
    private final Profile profile;
    private final Map<String, WireSegment> flights;
    private final Findings findings;
    private final OptionRules options;
    private final Marks marks;

    Sender(Numbers numbers, Profile profile, Map<String, WireSegment> flights, Findings findings, OptionRules options,
           Marks marks) {
        this.numbers = numbers;
        this.profile = profile;
        this.flights = flights;
        this.findings = findings;
        this.options = options;
        this.marks = marks;
    }

    /** An old duplicate: the sender's connection did not send it, so only its numbers are read. */
    WireSegment oldSegment(Event.Send send, Tcb from, Tcb to) {
        Segment segment = send.segment();
        if (segment.seq() == null) {
            findings.error(Rule.UNBOUND_SYMBOL, send.position(), Text.of("engine.send.oldSegmentSeq"),
                    Text.of("engine.send.oldSegmentSeq.why"));
            return null;
        }
        Value seq = evaluate(segment.seq(), null);
        Value ack = segment.has(Flag.ACK) && segment.ack() != null ? evaluate(segment.ack(), null) : null;
        if (seq == null || (segment.has(Flag.ACK) && ack == null)) {
            return null;
        }
        return new WireSegment(from.id, to.id, segment.flags(), seq, ack, segment.length(), segment.window(), send, false,
                options.asWritten(send));
    }

    /** A segment from the sender's own connection: checked against its state and variables. */
    WireSegment checkedSend(Event.Send send, Tcb from, Tcb to, List<PeerChange> changes) {
        Segment segment = send.segment();
        TcpState before = from.state();
        if (before == TcpState.SYN_RECEIVED && from.issOpen && !(segment.has(Flag.SYN) && !segment.has(Flag.RST))) {
            // Anything but the SYN,ACK (an ACK, data, FIN, RST, even one with SYN) sent first starts at the
            // open ISS: its seq, when written, defines it, as the SYN,ACK's would have.
            from.issOpen = false;
        }
        Outgoing out;
        if (segment.has(Flag.RST)) {
            out = sendRst(send, from);
        } else if (segment.has(Flag.SYN)) {
            out = sendSyn(send, from);
        } else {
            out = sendInConnection(send, from);
        }
        if (out == null) {
            return null;
        }
        boolean syn = out.flags.contains(Flag.SYN);
        boolean rst = out.flags.contains(Flag.RST);
        WireOptions sentOptions = options.sent(send, from, syn, out.ack != null, rst, segment.length());
        if (segment.window() != null) {
            advertise(send, from, out.ack, segment.window(), syn ? 0 : from.ownShift());
        }
        if (out.ack != null && !rst) {
            from.lastAckSent = out.ack;
        }
        checkFirstAfterLoss(send, from, out.seq, segment.sequenceLength());
        markResend(send, from, out);
        WireSegment wire = new WireSegment(from.id, to.id, out.flags, out.seq, out.ack, segment.length(),
                segment.window(), send, out.forced, sentOptions);
        checkAnswerToSynAgain(send, from, wire);
        settle(from, wire);
        from.lastReceivedRst = false; // what it sends next answers no RST: this segment came in between
        changes.add(from.enter(out.after, out.rule, send.position()));
        return wire;
    }

    /**
     * The segment a call sends where the author wrote the call instead (CLOSE sends a FIN from SYN-RECEIVED,
     * ESTABLISHED or CLOSE-WAIT, §3.10.4; ABORT a RST from those and FIN-WAIT-1 and -2, §3.10.5): once the
     * call is reported, the story goes on as if the author had written that segment, delivered at once, so
     * one mistake gives one error. It is built from the sender's own variables and not judged again.
     */
    WireSegment impliedBy(Event.Call call, Tcb from, Tcb to, List<PeerChange> changes) {
        boolean abort = call.kind() == Event.Call.Kind.ABORT;
        Set<Flag> flags = abort ? EnumSet.of(Flag.RST) : EnumSet.of(Flag.FIN, Flag.ACK);
        Event.Send send = new Event.Send(call.position(), call.peer(), new PeerRef(to.id, call.position()),
                Event.Delivery.DELIVERED, new Segment(flags, null, null, 0, null, null), null, false);
        Value seq = from.sndNxt;
        Value ack = abort ? null : from.rcvNxt;
        WireSegment wire = new WireSegment(from.id, to.id, flags, seq, ack, 0, null, send, false, WireOptions.NONE);
        from.lastReceivedRst = false;
        if (abort) {
            from.owed.clear();
            changes.add(from.enter(TcpState.CLOSED, Rule.ABORT_SENDS_RST, call.position()));
            return wire;
        }
        from.finSeq = seq;
        from.unacknowledged.add(new Tcb.Sent(seq, 1, false, true, 0, null, call.position().line(), from.transmission()));
        from.sndNxt = seq.plus(1);
        from.lastAckSent = ack;
        settle(from, wire);
        TcpState after = from.state() == TcpState.CLOSE_WAIT ? TcpState.LAST_ACK : TcpState.FIN_WAIT_1;
        changes.add(from.enter(after, Rule.CLOSE_SENDS_FIN, call.position()));
        return wire;
    }

    /**
     * The window the sender advertises: its right edge is the segment's ack number plus the window, and
     * stays there until the next advertisement. A SYN without ACK does not know yet where the other side's
     * data will start; its window is counted from there once the SYN,ACK arrives.
     */
    private void advertise(Event.Send send, Tcb from, Value ack, long window, int shift) {
        int line = send.position().line();
        if (ack == null) {
            from.synWindow = new Tcb.Edge(null, window, 0, line);
            return;
        }
        Tcb.Edge edge = new Tcb.Edge(ack.plus(window << shift), window, shift, line);
        if (from.rcvEdge != null && numbers.before(edge.end(), from.rcvEdge.end())) {
            findings.warning(Rule.WINDOW_SHRUNK, send.position(), Text.of("engine.send.windowShrunk", from.id),
                    Text.of("engine.send.windowShrunk.why", numbers.render(from.rcvEdge.end()), from.rcvEdge.describe(),
                            window, numbers.render(edge.end())));
        }
        from.rcvEdge = edge;
    }

    /** What the sender put on the wire, once checked and corrected. */
    private static final class Outgoing {
        Set<Flag> flags;
        Value seq;
        Value ack;
        TcpState after;
        Rule rule;
        boolean forced;

        Outgoing(Set<Flag> flags, TcpState after, Rule rule) {
            this.flags = flags;
            this.after = after;
            this.rule = rule;
        }
    }

    /** A mutable copy of the segment's flags, for the corrections of error recovery. */
    private static Set<Flag> flagsOf(Segment segment) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        flags.addAll(segment.flags());
        return flags;
    }

    private Outgoing sendSyn(Event.Send send, Tcb from) {
        Segment segment = send.segment();
        TcpState state = from.state();
        Outgoing out = new Outgoing(flagsOf(segment), state, Rule.RETRANSMISSION);
        if (segment.has(Flag.ACK)) {
            if (state != TcpState.SYN_RECEIVED) {
                boolean openedItself = from.iss != null && !from.passiveOrigin;
                findings.error(Rule.SYN_STATE, send.position(), Text.of("engine.send.synAckState", from.id, state.toString()),
                        Text.of(openedItself ? "engine.send.synAckState.crossing" : "engine.send.synAckState.why"));
                return null;
            }
            boolean open = from.iss == null || from.issOpen;
            boolean first = open || from.unacknowledged.stream().noneMatch(Tcb.Sent::syn);
            if (open) {
                // A new ISN may be any number: an unbound symbol names the open one, anything else replaces it.
                Value placeholder = from.iss != null ? from.iss : numbers.fresh();
                Value written = segment.seq() == null ? null : evaluate(segment.seq(), placeholder);
                from.iss = written != null ? written : placeholder;
                from.issOpen = false;
                from.sndUna = from.iss;
                from.sndNxt = from.iss;
            }
            out.seq = checkSeq(send, segment.seq(), from.iss, first ? Rule.SEQ_NUMBER : Rule.RETRANSMISSION_CHANGED,
                    Text.of(first ? "engine.send.seq.synAck" : "engine.send.seq.synAckAgain"));
            boolean answersSyn = from.owed.stream().anyMatch(a -> a.kind() == Answer.Kind.SYN_ACK);
            if (!first && !answersSyn) {
                warnIfEarly(send, from, from.iss, from.iss.plus(1));
            }
            if (first) {
                from.unacknowledged.add(new Tcb.Sent(from.iss, 1, true, false, 0, null, send.position().line(),
                        from.transmission()));
                from.sndNxt = from.iss.plus(1);
                out.rule = Rule.SYN_ACK_SENT;
            }
            dataOnSynAck(send, from);
            out.ack = checkAck(send, from);
            return out;
        }
        if (state == TcpState.CLOSED || state == TcpState.LISTEN) {
            // The declared ISN, or a new one that the first number or symbol written here defines.
            Value iss = from.nextIss != null ? from.nextIss : numbers.fresh();
            Value written = segment.seq() == null ? null : evaluate(segment.seq(), iss);
            if (from.nextIss == null && written != null) {
                iss = written;
            } else if (written != null && !numbers.same(written, iss)) {
                findings.error(Rule.SEQ_NUMBER, segment.seq().position(),
                        Text.of("engine.send.wrongIsn", segment.seq().toString()),
                        Text.of("engine.send.wrongIsn.why", numbers.render(iss), from.id));
            }
            from.nextIss = null;
            from.iss = iss;
            from.sndUna = iss;
            // Data in a SYN takes sequence numbers after the SYN's own, as a RST,ACK that answers it counts.
            from.sndNxt = iss.plus(1 + segment.length());
            from.rcvNxt = null;
            from.passiveOrigin = false;
            from.unacknowledged.add(new Tcb.Sent(iss, 1 + segment.length(), true, false, segment.length(),
                    bytes(segment.data()), send.position().line(), from.transmission()));
            out.seq = iss;
            out.after = TcpState.SYN_SENT;
            out.rule = Rule.ACTIVE_OPEN;
            return out;
        }
        if (state == TcpState.SYN_SENT) {
            out.seq = checkSeq(send, segment.seq(), from.iss, Rule.RETRANSMISSION_CHANGED,
                    Text.of("engine.send.seq.synAgain"));
            warnIfEarly(send, from, from.iss, from.iss.plus(1));
            return out;
        }
        findings.error(Rule.SYN_STATE, send.position(), Text.of("engine.send.synState", from.id, state.toString()),
                Text.of("engine.send.synState.why"));
        return null;
    }

    /**
     * Data on a SYN,ACK takes numbers after its SYN, as on a SYN: what lies past SND.NXT is new (also on the
     * SYN,ACK of a simultaneous open, which repeats the SYN sent before).
     */
    private void dataOnSynAck(Event.Send send, Tcb from) {
        Segment segment = send.segment();
        Value dataEnd = from.iss.plus(1 + segment.length());
        Integer fresh = numbers.distance(dataEnd, from.sndNxt);
        if (fresh == null || fresh <= 0) {
            return;
        }
        byte[] data = bytes(segment.data());
        byte[] newOctets = data == null ? null : Arrays.copyOfRange(data, data.length - fresh, data.length);
        from.unacknowledged.add(new Tcb.Sent(from.sndNxt, fresh, false, false, fresh, newOctets,
                send.position().line(), from.transmission()));
        from.sndNxt = dataEnd;
    }

    private Outgoing sendInConnection(Event.Send send, Tcb from) {
        Segment segment = send.segment();
        TcpState state = from.state();
        if (!state.isSynchronized() && state != TcpState.SYN_RECEIVED) {
            findings.error(Rule.NOT_CONNECTED, send.position(),
                    Text.of("engine.send.notConnected", from.id, describe(segment), state.toString()),
                    state == TcpState.SYN_SENT ? Text.of("engine.send.notConnected.synSent", from.id)
                            : Text.of("engine.send.notConnected.why"));
            return null;
        }
        Outgoing out = new Outgoing(flagsOf(segment), state, Rule.SEND);
        if (!segment.has(Flag.ACK)) {
            findings.error(Rule.ACK_REQUIRED, send.position(), Text.of("engine.send.ackRequired", from.id, state.toString()),
                    Text.of("engine.send.ackRequired.why"));
            out.flags.add(Flag.ACK);
        }
        boolean fin = segment.has(Flag.FIN);
        long length = segment.length();
        Value seq = segment.seq() == null ? null : evaluate(segment.seq(), from.sndNxt);
        if (seq == null && fin && from.finSeq != null && resendFits(from, from.finSeq.plus(-length), segment)) {
            seq = from.finSeq.plus(-length); // an unnumbered FIN after our FIN, not yet acknowledged: the resend
        }
        // Unnumbered otherwise: at SND.NXT (a FIN whose own FIN is acknowledged already is a second FIN).
        Integer ahead = seq == null ? Integer.valueOf(0) : numbers.distance(seq, from.sndNxt);
        boolean resend = ahead != null && ahead < 0 && numbers.notAfter(from.sndUna, seq)
                && (length > 0 || fin);
        if (resend) {
            out.seq = seq;
            out.rule = Rule.RETRANSMISSION;
            resend(send, from, out);
        } else if (fin && from.finSeq != null
                && ((segment.seq() != null && (ahead == null || ahead != 0)) || finLossSeen(from))) {
            // The FIN it sent, at another number: a resend gone wrong, not a second CLOSE. At SND.NXT too, once
            // a sign of its loss makes a resend what the author meant (without one, it reads as a second CLOSE).
            finMoved(send, from, out, seq == null ? from.sndNxt : seq);
        } else {
            if (segment.seq() != null && (ahead == null || ahead != 0)) {
                seqError(segment.seq(), from, length > 0 || fin);
            }
            out.seq = from.sndNxt;
            sendNew(send, from, out, from.sndNxt);
        }
        out.ack = checkAck(send, from);
        return out;
    }

    /**
     * A retransmission, which RFC 9293 lets a sender repackage (§3.8.6): it resends octets it sent and that
     * are not yet acknowledged (from SND.UNA up to SND.NXT), split, merged or extended with new data or its
     * FIN. The octets it resends must be the ones sent (where the story wrote them) and a FIN sent before
     * keeps its number; octets past SND.NXT are new and judged as new data is.
     */
    private void resend(Event.Send send, Tcb from, Outgoing out) {
        Segment segment = send.segment();
        long length = segment.length();
        Value end = out.seq.plus(length);
        Value sentEnd = from.finSeq != null ? from.finSeq : from.sndNxt;
        checkSameOctets(send, from, out.seq);
        enterRecoveryOnSack(send, from, out.seq);
        if (!ackRepeatsFin(from, segment, out.seq)) {
            warnIfEarly(send, from, out.seq, segment.has(Flag.FIN) ? end.plus(1) : end);
        }
        if (segment.has(Flag.FIN) && from.finSeq != null && !numbers.same(end, from.finSeq)) {
            finMoved(send, from, out, out.seq);
            return;
        }
        if (segment.has(Flag.FIN) && from.finSeq == null && numbers.before(end, from.sndNxt)) {
            findings.error(Rule.SEQ_NUMBER, segment.seq() != null ? segment.seq().position() : send.position(),
                    Text.of("engine.send.finBeforeSndNxt", numbers.render(end), numbers.render(from.sndNxt)),
                    Text.of("engine.send.finBeforeSndNxt.fix", numbers.render(out.seq), numbers.render(from.sndNxt)));
            out.seq = from.sndNxt.plus(-length);
        }
        if (numbers.before(sentEnd, end) || (segment.has(Flag.FIN) && from.finSeq == null)) {
            // Extended past what was sent: new octets, and perhaps the FIN.
            sendNew(send, from, out, out.seq);
        }
    }

    /**
     * RFC 6675 §5: a sender enters loss recovery on the third duplicate ACK or once SACK blocks show SND.UNA
     * lost, whichever comes first. Resending SND.UNA on the blocks is that entry (with congestion control on,
     * cwnd and ssthresh change then, as on a third duplicate ACK), so a third duplicate ACK after it calls for
     * no second retransmission.
     */
    private void enterRecoveryOnSack(Event.Send send, Tcb from, Value seq) {
        if (from.recoveryPoint != null || from.timerExpired || from.sacked.isEmpty() || !numbers.same(seq, from.sndUna)
                || from.unacknowledged.isEmpty() || !from.unacknowledged.get(0).lossSeen()) {
            return;
        }
        from.recoveryPoint = from.sndNxt;
        Integer inFlight = numbers.distance(from.sndNxt, from.sndUna);
        if (from.congestion != null) {
            from.congestion.fastRetransmit(inFlight == null ? 0 : inFlight, send.position().line(), true);
        }
    }

    /**
     * A FIN sent again at another number, or after it was acknowledged: one error, and the story goes on with
     * the FIN where it was.
     */
    private void finMoved(Event.Send send, Tcb from, Outgoing out, Value written) {
        Segment segment = send.segment();
        long length = segment.length();
        SourcePosition at = segment.seq() != null ? segment.seq().position() : send.position();
        String seq = segment.seq() != null ? segment.seq().toString() : numbers.render(written);
        if (numbers.before(from.finSeq, from.sndUna)) {
            // No number would make it a resend: saying which one is expected would repeat what was written.
            findings.error(Rule.RETRANSMISSION_CHANGED, at, Text.of("engine.send.finAcknowledged", from.id, seq),
                    Text.of("engine.send.finAcknowledged.why", numbers.render(from.finSeq), numbers.render(from.sndUna)));
        } else {
            findings.error(Rule.RETRANSMISSION_CHANGED, at, Text.of("engine.send.finMoved", seq),
                    Text.of("engine.send.finMoved.why", numbers.render(from.finSeq.plus(-length)), from.id,
                            numbers.render(from.finSeq)));
        }
        out.seq = from.finSeq.plus(-length);
        out.rule = Rule.RETRANSMISSION;
    }

    /** Whether the sender's FIN is unacknowledged and there has been a sign of its loss since it was sent. */
    private static boolean finLossSeen(Tcb from) {
        return from.unacknowledged.stream().anyMatch(sent -> sent.fin() && sent.lossSeen());
    }

    /**
     * Under a profile whose stacks set the FIN on every segment they send while theirs is unacknowledged
     * (FreeBSD), the ACK a peer owes carries its FIN again at the FIN's number: not a retransmission before
     * its time.
     */
    private boolean ackRepeatsFin(Tcb from, Segment segment, Value seq) {
        return profile.choices().ackWhileFinUnacknowledged() == RuleChoices.AckWhileFinUnacknowledged.REPEATS_FIN
                && segment.has(Flag.FIN) && segment.length() == 0 && from.finSeq != null && numbers.same(seq, from.finSeq)
                && from.owed.stream().anyMatch(answer -> answer.kind() == Answer.Kind.ACK);
    }

    /**
     * Under a profile whose stacks answer the SYN again with the SYN,ACK again, an empty ACK is not what
     * they send (a warning: the RFC allows it, and the SYN,ACK may still follow).
     */
    private void checkAnswerToSynAgain(Event.Send send, Tcb from, WireSegment wire) {
        boolean synAckOwed = from.owed.stream().anyMatch(answer -> answer.kind() == Answer.Kind.SYN_ACK
                && answer.rule() == Rule.SYN_AGAIN_IN_SYN_RECEIVED);
        if (synAckOwed && wire.ack() != null && !wire.has(Flag.SYN) && !wire.has(Flag.RST)) {
            findings.warning(Rule.SYN_AGAIN_IN_SYN_RECEIVED, send.position(),
                    Text.of("engine.send.emptyAckToSynAgain", from.id),
                    Text.of("engine.send.emptyAckToSynAgain.why", profile.id()));
        }
    }

    /**
     * After its timer expired (RFC 6298 §5.4) or a third duplicate ACK (RFC 5681 §3.2), a peer's next
     * segment that takes sequence numbers resends from SND.UNA.
     */
    private void checkFirstAfterLoss(Event.Send send, Tcb from, Value seq, long sequenceLength) {
        if (!(from.timerExpired || from.fastRetransmitDue) || sequenceLength == 0 || send.segment().has(Flag.RST)) {
            return;
        }
        boolean timeout = from.timerExpired;
        from.timerExpired = false;
        from.fastRetransmitDue = false;
        if (from.sndUna == null || seq == null || numbers.same(seq, from.sndUna)) {
            return;
        }
        if (timeout) {
            findings.warning(Rule.FIRST_AFTER_TIMEOUT, send.position(),
                    Text.of("engine.send.firstAfterTimeout", from.id),
                    Text.of("engine.send.firstAfterTimeout.why", numbers.render(from.sndUna)));
        } else {
            findings.warning(Rule.FIRST_AFTER_FAST_RETRANSMIT, send.position(),
                    Text.of("engine.send.firstAfterFastRetransmit", from.id),
                    Text.of("engine.send.firstAfterFastRetransmit.why", numbers.render(from.sndUna)));
        }
    }

    /** Marks a segment sent again, and one octet sent into a closed window, for the page. */
    private void markResend(Event.Send send, Tcb from, Outgoing out) {
        if (out.rule == Rule.RETRANSMISSION) {
            marks.add(StepMark.Kind.RETRANSMISSION, from.id);
        }
        if (send.segment().length() == 1 && out.seq != null && isZeroWindowProbe(from, out.seq)) {
            marks.add(StepMark.Kind.ZERO_WINDOW_PROBE, from.id);
        }
    }

    /**
     * A retransmission of what was sent from {@code start} up to {@code end} before any sign of its loss is
     * not what a TCP does: it waits for its timer, duplicate ACKs or a SACK (a warning, once per segment).
     */
    private void warnIfEarly(Event.Send send, Tcb from, Value start, Value end) {
        boolean warned = false;
        long again = -1;
        for (int i = 0; i < from.unacknowledged.size(); i++) {
            Tcb.Sent sent = from.unacknowledged.get(i);
            if (!numbers.before(sent.seq(), end) || !numbers.before(start, sent.end())) {
                continue;
            }
            if (!sent.lossSeen() && !warned) {
                findings.warning(Rule.EARLY_RETRANSMISSION, send.position(),
                        Text.of("engine.send.earlyRetransmission", from.id, sent.line()),
                        Text.of("engine.send.earlyRetransmission.why"));
                warned = true;
            }
            if (again < 0) {
                again = from.transmission();
            }
            from.unacknowledged.set(i, sent.resent(again));
        }
    }

    /** Whether an unnumbered resend matches what the sender has outstanding: the FIN it sent, with its data. */
    private boolean resendFits(Tcb from, Value seq, Segment segment) {
        return from.finSeq != null && numbers.notAfter(from.sndUna, from.finSeq)
                && numbers.same(seq.plus(segment.length()), from.finSeq);
    }

    /** Resent octets the story wrote out must be those sent before, where those were written out too. */
    private void checkSameOctets(Event.Send send, Tcb from, Value seq) {
        byte[] data = bytes(send.segment().data());
        if (data == null) {
            return;
        }
        for (Tcb.Sent sent : from.unacknowledged) {
            if (sent.data() == null) {
                continue;
            }
            Integer offset = numbers.distance(seq, sent.dataStart());
            if (offset == null) {
                continue;
            }
            for (int i = 0; i < data.length; i++) {
                long at = offset + i;
                if (at >= 0 && at < sent.data().length && sent.data()[(int) at] != data[i]) {
                    findings.error(Rule.RETRANSMISSION_CHANGED, send.position(),
                            Text.of("engine.send.octetsChanged", sent.line()),
                            Text.of("engine.send.octetsChanged.why"));
                    return;
                }
            }
        }
    }

    /**
     * New data, a new FIN, or both, from SND.NXT on. {@code start} is where the segment starts: SND.NXT, or
     * before it for a retransmission extended with new octets (only those past SND.NXT are new).
     */
    private void sendNew(Event.Send send, Tcb from, Outgoing out, Value start) {
        Segment segment = send.segment();
        TcpState state = from.state();
        boolean fin = segment.has(Flag.FIN);
        Value dataEnd = start.plus(segment.length());
        Integer fresh = numbers.distance(dataEnd, from.sndNxt);
        long length = fresh == null ? segment.length() : Math.max(0, fresh);
        if (length > 0 && state.finSent()) {
            findings.error(Rule.CONNECTION_CLOSING, send.position(), Text.of("engine.send.dataAfterFin", from.id),
                    Text.of("engine.send.dataAfterFin.why", from.id, state.toString()));
            out.forced = true;
        } else if (length > 0 && state == TcpState.SYN_RECEIVED) {
            findings.error(Rule.NOT_CONNECTED, send.position(), Text.of("engine.send.dataInSynReceived", from.id),
                    Text.of("engine.send.dataInSynReceived.why"));
            out.forced = true;
        } else if (length > 0) {
            boolean fits = withinWindow(send, from, from.sndNxt, length);
            out.forced |= !fits;
            if (fits) {
                withinCongestionWindow(send, from, length);
            }
        }
        boolean probe = length == 1 && isZeroWindowProbe(from, from.sndNxt);
        if (fin) {
            if (state.finSent()) {
                findings.error(Rule.SECOND_FIN, send.position(), Text.of("engine.send.secondFin", from.id),
                        Text.of("engine.send.secondFin.why", from.id, state.toString(), numbers.render(from.finSeq)));
                from.finSeq = from.sndNxt.plus(length); // the story goes on with the FIN its author wrote
            } else if (state == TcpState.CLOSE_WAIT) {
                out.after = TcpState.LAST_ACK;
                out.rule = Rule.CLOSE_SENDS_FIN;
                from.finSeq = from.sndNxt.plus(length);
            } else {
                out.after = TcpState.FIN_WAIT_1;
                out.rule = Rule.CLOSE_SENDS_FIN;
                from.finSeq = from.sndNxt.plus(length);
            }
        }
        long sequenceLength = length + (fin ? 1 : 0);
        if (sequenceLength > 0) {
            byte[] data = bytes(segment.data());
            byte[] newOctets = data == null ? null : Arrays.copyOfRange(data, (int) (data.length - length), data.length);
            // A probe's octet is expected to be refused: sending it again later is no early retransmission.
            from.unacknowledged.add(new Tcb.Sent(from.sndNxt, sequenceLength, false, fin, length, newOctets,
                    send.position().line(), probe, from.transmission()));
            from.sndNxt = from.sndNxt.plus(sequenceLength);
        }
    }

    /**
     * New octets may not pass the right edge of the receiver's window (§3.8.6), but for one octet that
     * probes a zero window (§3.8.6.1). Reported once; the segment then goes on as the author meant.
     *
     * @return whether they fit
     */
    private boolean withinWindow(Event.Send send, Tcb from, Value start, long length) {
        Tcb.Edge edge = from.sndEdge;
        if (edge == null || numbers.notAfter(start.plus(length), edge.end())) {
            return true;
        }
        if (length == 1 && isZeroWindowProbe(from, start)) {
            return true;
        }
        String peer = send.to().id();
        findings.error(Rule.WINDOW, send.position(), Text.of("engine.send.beyondWindow", from.id, peer),
                Text.of("engine.send.beyondWindow.why", peer, edge.describe(), numbers.render(edge.end()), from.id,
                        numbers.render(edge.end().plus(-1))),
                Text.of("engine.send.beyondWindow.octets", numbers.render(start), numbers.render(start.plus(length - 1))));
        return false;
    }

    /**
     * With congestion control on, new octets may not take the octets in flight past cwnd (RFC 5681 §3.1).
     * Reported once; the segment goes on, since the receiver's window allows it.
     */
    private void withinCongestionWindow(Event.Send send, Tcb from, long length) {
        Congestion congestion = from.congestion;
        if (congestion == null || !congestion.started()) {
            return;
        }
        Integer sent = numbers.distance(from.sndNxt, from.sndUna);
        if (sent == null) {
            return;
        }
        long inFlight = sent + length;
        if (inFlight > congestion.cwnd() && congestion.firstOverrun()) {
            findings.error(Rule.CONGESTION_WINDOW, send.position(),
                    Text.of("engine.send.beyondCwnd", from.id, inFlight, congestion.cwnd()),
                    congestion.explain(),
                    Text.of("engine.send.beyondCwnd.may", from.id, Math.max(0, congestion.cwnd() - sent)));
        }
    }

    /** One octet at SND.UNA while the peer's window is closed: a probe (§3.8.6.1). */
    private boolean isZeroWindowProbe(Tcb from, Value start) {
        return from.sndEdge != null && from.sndUna != null && numbers.notAfter(from.sndEdge.end(), from.sndUna)
                && numbers.same(start, from.sndUna);
    }

    private static byte[] bytes(String data) {
        return data == null ? null : data.getBytes(StandardCharsets.UTF_8);
    }

    private Outgoing sendRst(Event.Send send, Tcb from) {
        Segment segment = send.segment();
        TcpState state = from.state();
        Outgoing out = new Outgoing(flagsOf(segment), state, Rule.RST_ANSWER);
        Answer owed = latestOwedRst(from);
        if (owed != null) {
            out.seq = checkSeq(send, segment.seq(), owed.seq(), Rule.RST_NUMBERS,
                    Text.of("engine.send.seq.rstAnswer", owed.cause().line()));
            if (owed.ack() != null) {
                if (!segment.has(Flag.ACK)) {
                    findings.error(Rule.RST_NUMBERS, send.position(), Text.of("engine.send.rstNeedsAck", numbers.render(owed.ack())),
                            Text.of("engine.send.rstNeedsAck.why", owed.cause().line()));
                    out.flags.add(Flag.ACK);
                } else if (segment.ack() != null) {
                    Value written = evaluate(segment.ack(), owed.ack());
                    if (written != null && !numbers.same(written, owed.ack())) {
                        findings.error(Rule.RST_NUMBERS, segment.ack().position(),
                                Text.of("engine.send.wrongAck", segment.ack().toString()),
                                Text.of("engine.send.wrongAck.rst", numbers.render(owed.ack()), owed.cause().line()));
                    }
                }
                out.ack = owed.ack();
            } else if (segment.has(Flag.ACK)) {
                findings.error(Rule.RST_NUMBERS, send.position(), Text.of("engine.send.rstWithoutAck"),
                        Text.of("engine.send.rstWithoutAck.why", owed.cause().line()));
                out.flags.remove(Flag.ACK);
            }
            return out;
        }
        switch (state) {
            case SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> {
                out.seq = checkSeq(send, segment.seq(), from.sndNxt, Rule.SEQ_NUMBER,
                        Text.of("engine.send.seq.rstAbort"));
                if (segment.has(Flag.ACK)) {
                    out.ack = checkAck(send, from);
                }
                out.after = TcpState.CLOSED;
                out.rule = Rule.ABORT_SENDS_RST;
                from.owed.clear();
                return out;
            }
            default -> {
                // Answering a RST, or from a listener, which has no connection to abort, the author answered a
                // segment: the peer stays where it is. Elsewhere a RST is an ABORT, which sends nothing here.
                boolean answer = from.lastReceivedRst || state == TcpState.CLOSED || state == TcpState.LISTEN;
                Text why = from.lastReceivedRst ? Text.of("engine.send.rstState.rst")
                        : state == TcpState.CLOSED ? Text.of("engine.send.rstState.closed")
                        : state == TcpState.LISTEN ? Text.of("engine.send.rstState.listen", from.id)
                        : Text.of("engine.send.rstState.abort", state.toString(), from.id);
                Text[] explanation = from.profileDecision == null ? new Text[] {why}
                        : new Text[] {why, from.profileDecision};
                findings.error(Rule.RST_STATE, send.position(), Text.of("engine.send.rstState", from.id, state.toString()),
                        explanation);
                Value seq = segment.seq() == null ? from.sndNxt : evaluate(segment.seq(), from.sndNxt);
                if (seq == null) {
                    return null;
                }
                out.seq = seq;
                out.ack = segment.has(Flag.ACK) && segment.ack() != null ? evaluate(segment.ack(), from.rcvNxt) : null;
                if (segment.has(Flag.ACK) && out.ack == null) {
                    out.flags.remove(Flag.ACK);
                }
                out.after = answer ? state : TcpState.CLOSED;
                out.rule = answer ? Rule.RST_ANSWER : Rule.ABORT_SILENT;
                return out;
            }
        }
    }

    private static Answer latestOwedRst(Tcb from) {
        for (int i = from.owed.size() - 1; i >= 0; i--) {
            if (from.owed.get(i).kind() == Answer.Kind.RST) {
                return from.owed.get(i);
            }
        }
        return null;
    }

    /** Removes the answers this segment carries from what the sender owes. */
    private void settle(Tcb from, WireSegment wire) {
        from.owed.removeIf(answer -> switch (answer.kind()) {
            case ACK -> wire.ack() != null && !wire.has(Flag.RST)
                    && (!wire.has(Flag.SYN) || answer.rule() != Rule.SEGMENT_NOT_ACCEPTABLE);
            case SYN_ACK -> wire.has(Flag.SYN) && wire.ack() != null;
            case RST -> wire.has(Flag.RST) && numbers.same(wire.seq(), answer.seq())
                    && (answer.ack() == null || (wire.ack() != null && numbers.same(wire.ack(), answer.ack())));
        });
    }

    // ---- numbers

    /** Checks a written seq against the expected value; returns the value the story goes on with. */
    private Value checkSeq(Event.Send send, Operand written, Value expected, Rule rule, Text why) {
        if (written == null) {
            return expected;
        }
        Value value = evaluate(written, expected);
        if (value != null && !numbers.same(value, expected)) {
            findings.error(rule, written.position(), Text.of("engine.send.wrongSeq", written.toString()),
                    Text.of("engine.send.expectedSeq", numbers.render(expected), why));
        }
        return expected;
    }

    /** @param consumes whether the segment takes sequence numbers (data or a FIN), so it could be a resend */
    private void seqError(Operand written, Tcb from, boolean consumes) {
        Value value = numbers.symbol(written.expr().symbol() == null ? "" : written.expr().symbol());
        Value writtenValue = written.expr().isNumber() ? Value.of(written.expr().offset())
                : value == null ? null : value.plus(written.expr().offset());
        Integer behind = writtenValue == null ? null : numbers.distance(writtenValue, from.sndNxt);
        Text hint;
        if (behind != null && behind < 0 && from.sndUna != null && numbers.before(writtenValue, from.sndUna)) {
            hint = Text.of("engine.send.seq.acknowledged", written.toString(), numbers.render(from.sndUna));
        } else if (behind != null && behind < 0 && !consumes) {
            hint = Text.of("engine.send.seq.bareAck");
        } else {
            hint = Text.of("engine.send.seq.lengths");
        }
        findings.error(Rule.SEQ_NUMBER, written.position(), Text.of("engine.send.wrongSeq", written.toString()),
                Text.of("engine.send.expectedSeq", numbers.render(from.sndNxt), Text.of("engine.send.seq.sndNxt", from.id)),
                hint);
    }

    /** Checks {@code ack=} against the sender's RCV.NXT; returns the value the story goes on with. */
    private Value checkAck(Event.Send send, Tcb from) {
        Operand written = send.segment().ack();
        Value expected = from.rcvNxt;
        if (written == null) {
            return expected;
        }
        Value value = evaluate(written, expected);
        if (value == null || numbers.same(value, expected)) {
            return expected;
        }
        Integer ahead = numbers.distance(value, expected);
        String peerName = send.to().id();
        Text hint;
        if (ahead != null && ahead > 0 && from.refused != null && numbers.notAfter(from.refused.from(), value)) {
            hint = Text.of("engine.send.ack.refused", from.id, numbers.render(from.refused.from()), from.refused.why());
        } else if (ahead != null && ahead > 0) {
            String flight = pendingFrom(peerName, from.id);
            hint = flight == null ? Text.of("engine.send.ack.notYet", from.id)
                    : Text.of("engine.send.ack.notYet.inFlight", from.id, flight);
        } else if (ahead != null && ahead == -1) {
            hint = Text.of("engine.send.ack.synFin");
        } else {
            hint = Text.of("engine.send.ack.before", from.id, numbers.render(expected));
        }
        findings.error(Rule.ACK_NUMBER, written.position(), Text.of("engine.send.wrongAck", written.toString()),
                Text.of("engine.send.expectedAck", numbers.render(expected), from.id, peerName), hint);
        return expected;
    }

    /** The name of a segment from {@code sender} to {@code receiver} still in flight, or {@code null}. */
    private String pendingFrom(String sender, String receiver) {
        for (Map.Entry<String, WireSegment> flight : flights.entrySet()) {
            if (flight.getValue().from().equals(sender) && flight.getValue().to().equals(receiver)) {
                return flight.getKey();
            }
        }
        return null;
    }

    /**
     * The value of a written expression. An unbound symbol is bound to {@code expected}; a number fixes
     * an anchor nobody had fixed. Returns {@code null} (after an error) when nothing can be expected.
     */
    private Value evaluate(Operand operand, Value expected) {
        var expr = operand.expr();
        if (expr.isNumber()) {
            Value value = Value.of(expr.offset());
            if (expected != null) {
                numbers.unify(value, expected);
            }
            return value;
        }
        Value bound = numbers.symbol(expr.symbol());
        if (bound != null) {
            return bound.plus(expr.offset());
        }
        if (expected == null) {
            findings.error(Rule.UNBOUND_SYMBOL, operand.position(), Text.of("engine.send.unboundSymbol", expr.symbol()),
                    Text.of("engine.send.unboundSymbol.why"));
            return null;
        }
        numbers.bind(expr.symbol(), expected.plus(-expr.offset()));
        return expected;
    }


    private static Text describe(Segment segment) {
        return Text.of(segment.length() > 0 ? "engine.send.data" : segment.has(Flag.FIN) ? "engine.send.aFin"
                : "engine.answer.ack");
    }
}
