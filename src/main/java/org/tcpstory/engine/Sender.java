package org.tcpstory.engine;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tcpstory.story.Event;
import org.tcpstory.story.Flag;
import org.tcpstory.story.Operand;
import org.tcpstory.story.Segment;

/**
 * Checks what a peer sends: whether its state allows the segment, and whether its seq and ack are the
 * sender's SND.NXT and RCV.NXT (or an unchanged resend). A wrong number is reported and replaced by
 * the right one, so the story goes on as the author meant.
 */
final class Sender {

    private final Numbers numbers;
    private final RuleChoices choices;
    private final Map<String, WireSegment> flights;
    private final Findings findings;

    Sender(Numbers numbers, RuleChoices choices, Map<String, WireSegment> flights, Findings findings) {
        this.numbers = numbers;
        this.choices = choices;
        this.flights = flights;
        this.findings = findings;
    }

    /** An old duplicate: the sender's connection did not send it, so only its numbers are read. */
    WireSegment oldSegment(Event.Send send, Tcb from, Tcb to) {
        Segment segment = send.segment();
        if (segment.seq() == null) {
            findings.error(Rule.UNBOUND_SYMBOL, send.position(), "an old segment needs its seq= written out",
                    "nothing can be expected of a segment the current connection did not send");
            return null;
        }
        Value seq = evaluate(segment.seq(), null);
        Value ack = segment.has(Flag.ACK) && segment.ack() != null ? evaluate(segment.ack(), null) : null;
        if (seq == null || (segment.has(Flag.ACK) && ack == null)) {
            return null;
        }
        return new WireSegment(from.id, to.id, segment.flags(), seq, ack, segment.length(), segment.window(), send, false);
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
        if (segment.window() != null) {
            from.rcvWnd = segment.window();
        }
        WireSegment wire = new WireSegment(from.id, to.id, out.flags, out.seq, out.ack, segment.length(),
                segment.window(), send, out.forced);
        settle(from, wire);
        changes.add(from.enter(out.after, out.rule, send.position()));
        return wire;
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
                findings.error(Rule.SYN_STATE, send.position(), from.id + " cannot send a SYN,ACK in " + state,
                        "a SYN,ACK answers a SYN; only a peer in SYN-RECEIVED sends one");
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
                    first ? "a SYN,ACK carries the sender's ISS" : "a resent SYN,ACK repeats the first one's seq");
            if (first) {
                from.unacknowledged.add(new Tcb.Sent(from.iss, 1, true, false, 0, null));
                from.sndNxt = from.iss.plus(1);
                out.rule = Rule.SYN_ACK_SENT;
            }
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
                findings.error(Rule.SEQ_NUMBER, segment.seq().position(), "wrong initial sequence number: seq=" + segment.seq(),
                        "expected seq=" + numbers.render(iss) + ": the ISN declared for " + from.id + " in the front matter");
            }
            from.nextIss = null;
            from.iss = iss;
            from.sndUna = iss;
            from.sndNxt = iss.plus(1);
            from.rcvNxt = null;
            from.passiveOrigin = false;
            from.unacknowledged.add(new Tcb.Sent(iss, 1, true, false, 0, null));
            out.seq = iss;
            out.after = TcpState.SYN_SENT;
            out.rule = Rule.ACTIVE_OPEN;
            return out;
        }
        if (state == TcpState.SYN_SENT) {
            out.seq = checkSeq(send, segment.seq(), from.iss, Rule.RETRANSMISSION_CHANGED,
                    "a resent SYN repeats the first one unchanged; a different ISN would be a new connection");
            return out;
        }
        findings.error(Rule.SYN_STATE, send.position(), from.id + " cannot send a SYN in " + state,
                "a connection exists already; a SYN opens one from CLOSED or LISTEN");
        return null;
    }

    private Outgoing sendInConnection(Event.Send send, Tcb from) {
        Segment segment = send.segment();
        TcpState state = from.state();
        if (!state.isSynchronized() && state != TcpState.SYN_RECEIVED) {
            findings.error(Rule.NOT_CONNECTED, send.position(), from.id + " cannot send " + describe(segment) + " in " + state,
                    state == TcpState.SYN_SENT
                            ? "SYN-SENT waits for the SYN,ACK; " + from.id + " sends nothing else until then"
                            : "there is no connection yet: a connection starts with a SYN");
            return null;
        }
        Outgoing out = new Outgoing(flagsOf(segment), state, Rule.SEND);
        if (!segment.has(Flag.ACK)) {
            findings.error(Rule.ACK_REQUIRED, send.position(), "missing ACK: " + from.id + " is " + state
                            + ", so every segment it sends but a RST carries ACK=1",
                    "without the ACK bit the receiver drops the segment (§3.10.7.4, fifth step)");
            out.flags.add(Flag.ACK);
        }
        boolean fin = segment.has(Flag.FIN);
        long length = segment.length();
        Value seq = segment.seq() == null ? null : evaluate(segment.seq(), from.sndNxt);
        if (seq == null && fin && from.finSeq != null) {
            seq = from.finSeq.plus(-length); // an unnumbered FIN after our FIN: the resend
        }
        Tcb.Sent resent = null;
        if (seq != null && !numbers.same(seq, from.sndNxt)) {
            resent = findResend(from, seq, segment);
            if (resent == null) {
                if (segment.seq() == null) {
                    // An unnumbered FIN after our FIN, with nothing left to resend (its FIN was acknowledged):
                    // not a retransmission, so it is judged below as a new FIN; there is no seq= to point at.
                } else if (fin && from.finSeq != null) {
                    findings.error(Rule.RETRANSMISSION_CHANGED, segment.seq().position(),
                            "wrong sequence number for a resent FIN: seq=" + segment.seq(),
                            "expected seq=" + numbers.render(from.finSeq.plus(-length))
                                    + ": a retransmission repeats the FIN " + from.id + " sent before");
                    resent = new Tcb.Sent(from.finSeq.plus(-length), length + 1, false, true, length, segment.data());
                } else {
                    seqError(segment.seq(), from);
                }
            }
        }
        if (resent != null) {
            out.seq = resent.seq();
            out.rule = Rule.RETRANSMISSION;
        } else {
            out.seq = from.sndNxt;
            sendNew(send, from, out);
        }
        out.ack = checkAck(send, from);
        return out;
    }

    /** New data or a new FIN at SND.NXT. */
    private void sendNew(Event.Send send, Tcb from, Outgoing out) {
        Segment segment = send.segment();
        TcpState state = from.state();
        boolean fin = segment.has(Flag.FIN);
        long length = segment.length();
        if (length > 0 && state.finSent()) {
            findings.error(Rule.CONNECTION_CLOSING, send.position(), from.id + " sends data after its own FIN",
                    from.id + " is " + state + ": SEND answers \"connection closing\"; the FIN was its last sequence number");
            out.forced = true;
        } else if (length > 0 && state == TcpState.SYN_RECEIVED) {
            findings.error(Rule.NOT_CONNECTED, send.position(), from.id + " sends data in SYN-RECEIVED",
                    "data waits until the connection is ESTABLISHED (§3.10.2 queues it)");
            out.forced = true;
        }
        if (fin) {
            if (state.finSent()) {
                findings.error(Rule.SECOND_FIN, send.position(), from.id + " sends a second FIN",
                        from.id + " is " + state + " and sent its FIN at seq=" + numbers.render(from.finSeq)
                                + "; a resend would repeat that seq, and a second CLOSE sends nothing");
            } else if (state == TcpState.CLOSE_WAIT) {
                out.after = TcpState.LAST_ACK;
                out.rule = Rule.CLOSE_SENDS_FIN;
            } else {
                out.after = TcpState.FIN_WAIT_1;
                out.rule = Rule.CLOSE_SENDS_FIN;
            }
            from.finSeq = from.sndNxt.plus(length);
        }
        long sequenceLength = length + (fin ? 1 : 0);
        if (sequenceLength > 0) {
            from.unacknowledged.add(new Tcb.Sent(from.sndNxt, sequenceLength, false, fin, length, segment.data()));
            from.sndNxt = from.sndNxt.plus(sequenceLength);
        }
    }

    private Tcb.Sent findResend(Tcb from, Value seq, Segment segment) {
        for (Tcb.Sent sent : from.unacknowledged) {
            if (numbers.same(sent.seq(), seq) && !sent.syn() && sent.fin() == segment.has(Flag.FIN)
                    && sent.length() == segment.length()
                    && (sent.data() == null || segment.data() == null || sent.data().equals(segment.data()))) {
                return sent;
            }
        }
        return null;
    }

    private Outgoing sendRst(Event.Send send, Tcb from) {
        Segment segment = send.segment();
        TcpState state = from.state();
        Outgoing out = new Outgoing(flagsOf(segment), state, Rule.RST_ANSWER);
        Answer owed = latestOwedRst(from);
        if (owed != null) {
            out.seq = checkSeq(send, segment.seq(), owed.seq(), Rule.RST_NUMBERS,
                    "a RST that answers a segment takes its seq from that segment (line " + owed.cause().line() + ")");
            if (owed.ack() != null) {
                if (!segment.has(Flag.ACK)) {
                    findings.error(Rule.RST_NUMBERS, send.position(), "this RST needs ACK=1, ack=" + numbers.render(owed.ack()),
                            "the segment it answers (line " + owed.cause().line()
                                    + ") had no ACK, so the RST acknowledges it: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><RST,ACK>");
                    out.flags.add(Flag.ACK);
                } else if (segment.ack() != null) {
                    Value written = evaluate(segment.ack(), owed.ack());
                    if (written != null && !numbers.same(written, owed.ack())) {
                        findings.error(Rule.RST_NUMBERS, segment.ack().position(), "wrong acknowledgment number: ack=" + segment.ack(),
                                "expected ack=" + numbers.render(owed.ack())
                                        + ": SEG.SEQ+SEG.LEN of the segment it answers (line " + owed.cause().line() + ")");
                    }
                }
                out.ack = owed.ack();
            } else if (segment.has(Flag.ACK)) {
                findings.error(Rule.RST_NUMBERS, send.position(), "this RST carries no ACK",
                        "the segment it answers (line " + owed.cause().line()
                                + ") had an ACK, so the answer is <SEQ=SEG.ACK><RST>");
                out.flags.remove(Flag.ACK);
            }
            return out;
        }
        switch (state) {
            case SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> {
                out.seq = checkSeq(send, segment.seq(), from.sndNxt, Rule.SEQ_NUMBER,
                        "a RST that aborts a connection carries the sender's SND.NXT");
                if (segment.has(Flag.ACK)) {
                    out.ack = checkAck(send, from);
                }
                out.after = choices.abortEntersClosed() ? TcpState.CLOSED : TcpState.TIME_WAIT;
                out.rule = Rule.ABORT_SENDS_RST;
                from.owed.clear();
                return out;
            }
            default -> {
                String why = state == TcpState.CLOSED
                        ? (from.lastReceivedRst
                            ? "a RST is never answered with a RST"
                            : "a CLOSED peer sends a RST only in answer to a segment it received")
                        : "ABORT in " + state + " sends nothing: write `" + from.id + ": abort`";
                findings.error(Rule.RST_STATE, send.position(), from.id + " cannot send a RST in " + state, why);
                Value seq = segment.seq() == null ? from.sndNxt : evaluate(segment.seq(), from.sndNxt);
                if (seq == null) {
                    return null;
                }
                out.seq = seq;
                out.ack = segment.has(Flag.ACK) && segment.ack() != null ? evaluate(segment.ack(), from.rcvNxt) : null;
                if (segment.has(Flag.ACK) && out.ack == null) {
                    out.flags.remove(Flag.ACK);
                }
                out.after = TcpState.CLOSED;
                out.rule = Rule.ABORT_SILENT;
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
                    && (!wire.has(Flag.SYN) || answer.rule() != Rule.SEGMENT_NOT_ACCEPTABLE
                        || choices.synAckResendAnswersOldSyn());
            case SYN_ACK -> wire.has(Flag.SYN) && wire.ack() != null;
            case RST -> wire.has(Flag.RST) && numbers.same(wire.seq(), answer.seq())
                    && (answer.ack() == null || (wire.ack() != null && numbers.same(wire.ack(), answer.ack())));
        });
    }

    // ---- numbers

    /** Checks a written seq against the expected value; returns the value the story goes on with. */
    private Value checkSeq(Event.Send send, Operand written, Value expected, Rule rule, String why) {
        if (written == null) {
            return expected;
        }
        Value value = evaluate(written, expected);
        if (value != null && !numbers.same(value, expected)) {
            findings.error(rule, written.position(), "wrong sequence number: seq=" + written,
                    "expected seq=" + numbers.render(expected) + ": " + why);
        }
        return expected;
    }

    private void seqError(Operand written, Tcb from) {
        String why = from.id + "'s next sequence number (SND.NXT)";
        Value value = numbers.symbol(written.expr().symbol() == null ? "" : written.expr().symbol());
        Value writtenValue = written.expr().isNumber() ? Value.of(written.expr().offset())
                : value == null ? null : value.plus(written.expr().offset());
        Integer behind = writtenValue == null ? null : numbers.distance(writtenValue, from.sndNxt);
        String hint = behind != null && behind < 0 && numbers.notAfter(writtenValue, from.sndUna)
                ? "what starts at seq=" + written + " has been acknowledged already, so it is not a retransmission"
                : behind != null && behind < 0
                ? "a retransmission repeats an unacknowledged segment exactly: same seq, same length"
                : "SYN and FIN take one sequence number each, data takes its length, a bare ACK takes none";
        findings.error(Rule.SEQ_NUMBER, written.position(), "wrong sequence number: seq=" + written,
                "expected seq=" + numbers.render(from.sndNxt) + ": " + why, hint);
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
        String hint;
        if (ahead != null && ahead > 0) {
            hint = from.id + " has not received that yet: RCV.NXT advances only when a segment arrives"
                    + pendingFrom(peerName, from.id);
        } else if (ahead != null && ahead == -1) {
            hint = "SYN and FIN each take one sequence number: acknowledging one means ack=its seq+1";
        } else {
            hint = from.id + " has received everything before " + numbers.render(expected);
        }
        findings.error(Rule.ACK_NUMBER, written.position(), "wrong acknowledgment number: ack=" + written,
                "expected ack=" + numbers.render(expected) + ": the next sequence number " + from.id
                        + " expects from " + peerName + " (RCV.NXT)", hint);
        return expected;
    }

    private String pendingFrom(String sender, String receiver) {
        for (Map.Entry<String, WireSegment> flight : flights.entrySet()) {
            if (flight.getValue().from().equals(sender) && flight.getValue().to().equals(receiver)) {
                return " (" + flight.getKey() + " is still in flight)";
            }
        }
        return "";
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
            findings.error(Rule.UNBOUND_SYMBOL, operand.position(), "symbol " + expr.symbol() + " has no value here",
                    "a new symbol takes the value expected where it is first used, and nothing is expected here");
            return null;
        }
        numbers.bind(expr.symbol(), expected.plus(-expr.offset()));
        return expected;
    }


    private static String describe(Segment segment) {
        return segment.length() > 0 ? "data" : segment.has(Flag.FIN) ? "a FIN" : "an ACK";
    }
}
