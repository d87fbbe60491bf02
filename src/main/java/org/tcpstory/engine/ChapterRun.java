package org.tcpstory.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.Diagnostic;
import org.tcpstory.story.Event;
import org.tcpstory.story.Flag;
import org.tcpstory.story.Operand;
import org.tcpstory.story.PeerRef;
import org.tcpstory.story.PeerSpec;
import org.tcpstory.story.Segment;
import org.tcpstory.story.Severity;
import org.tcpstory.story.SourcePosition;
import org.tcpstory.story.Suggestions;

/**
 * Runs the events of one chapter through the peers' state machines.
 *
 * <p>Sending is checked here (what a peer may send in its state, and its seq and ack numbers); arriving
 * is {@link Arrival}'s job. After an error the run goes on as the author meant: a wrong number is
 * replaced by the right one, a forbidden segment is still delivered, so the rest of the chapter is
 * judged in context and one mistake gives one diagnostic.
 */
final class ChapterRun {

    /** Where a connection stands between two chapters, for {@code continues:}. */
    record Connection(Map<String, Tcb> peers, Numbers numbers, Map<String, WireSegment> flights) {
        Connection copy() {
            Map<String, Tcb> peersCopy = new LinkedHashMap<>();
            peers.forEach((id, tcb) -> peersCopy.put(id, tcb.copy()));
            return new Connection(peersCopy, numbers.copy(), new LinkedHashMap<>(flights));
        }
    }

    private final Chapter chapter;
    private final RuleChoices choices;
    private final Numbers numbers;
    private final Map<String, Tcb> peers;
    private final Map<String, WireSegment> flights;
    private final Map<String, SourcePosition> arrived = new LinkedHashMap<>();
    private final List<TcpState> initialStates;
    private final List<Step> steps = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Diagnostics of the event being processed, moved into its step when it ends. */
    private final List<Diagnostic> current = new ArrayList<>();

    private ChapterRun(Chapter chapter, RuleChoices choices, Connection connection) {
        this.chapter = chapter;
        this.choices = choices;
        this.numbers = connection.numbers();
        this.peers = connection.peers();
        this.flights = connection.flights();
        this.initialStates = peers.values().stream().map(tcb -> tcb.state).toList();
    }

    /** A chapter that starts from its own front matter. */
    static ChapterRun fresh(Chapter chapter, RuleChoices choices) {
        Numbers numbers = new Numbers();
        Map<String, Tcb> peers = new LinkedHashMap<>();
        List<Diagnostic> startProblems = new ArrayList<>();
        for (PeerSpec spec : chapter.frontMatter().peers()) {
            peers.put(spec.id(), declarePeer(spec, numbers, startProblems));
        }
        // Two peers that start ESTABLISHED are connected to each other: each one's RCV.NXT is the other's SND.NXT.
        for (Tcb tcb : peers.values()) {
            if (tcb.state == TcpState.ESTABLISHED) {
                Tcb other = peers.values().stream().filter(p -> p != tcb).findFirst().orElse(null);
                tcb.rcvNxt = other != null && other.state == TcpState.ESTABLISHED ? other.sndNxt : numbers.fresh();
            }
        }
        ChapterRun run = new ChapterRun(chapter, choices, new Connection(peers, numbers, new LinkedHashMap<>()));
        run.diagnostics.addAll(startProblems);
        return run;
    }

    /** A chapter that picks up where another one ended ({@code continues:}); it may rename the peers' labels. */
    static ChapterRun continuing(Chapter chapter, RuleChoices choices, Connection end) {
        Connection connection = end.copy();
        for (PeerSpec spec : chapter.frontMatter().peers()) {
            Tcb tcb = connection.peers().get(spec.id());
            if (tcb != null) {
                tcb.label = spec.label();
            }
        }
        return new ChapterRun(chapter, choices, connection);
    }

    private static Tcb declarePeer(PeerSpec spec, Numbers numbers, List<Diagnostic> problems) {
        TcpState state = TcpState.CLOSED;
        if (spec.state() != null) {
            Optional<TcpState> parsed = TcpState.parse(spec.state());
            if (parsed.isEmpty()) {
                problems.add(unknownState(spec.statePosition(), spec.state()));
            } else if (parsed.get() != TcpState.CLOSED && parsed.get() != TcpState.LISTEN
                    && parsed.get() != TcpState.ESTABLISHED) {
                problems.add(Diagnostic.error(spec.statePosition(), Rule.START_STATE.id(),
                        "a chapter cannot start in " + parsed.get() + ": peers start CLOSED, LISTEN or ESTABLISHED",
                        "to pick up in " + parsed.get() + ", continue the chapter that gets there (continues: SLUG)"));
                state = parsed.get().isSynchronized() ? TcpState.ESTABLISHED : TcpState.CLOSED;
            } else {
                state = parsed.get();
            }
        }
        Tcb tcb = new Tcb(spec.id(), spec.label(), state);
        Value start = declaredNumber(spec.seq(), numbers);
        if (state == TcpState.ESTABLISHED) {
            Value next = start != null ? start : numbers.fresh();
            tcb.sndUna = next;
            tcb.sndNxt = next;
        } else {
            tcb.nextIss = start;
        }
        return tcb;
    }

    /** A front-matter {@code seq:}: a number, or a symbol that names a number nobody has fixed yet. */
    private static Value declaredNumber(Operand seq, Numbers numbers) {
        if (seq == null) {
            return null;
        }
        if (seq.expr().isNumber()) {
            return Value.of(seq.expr().offset());
        }
        Value bound = numbers.symbol(seq.expr().symbol());
        if (bound != null) {
            return bound.plus(seq.expr().offset());
        }
        Value anchor = numbers.fresh();
        numbers.bind(seq.expr().symbol(), anchor.plus(-seq.expr().offset()));
        return anchor;
    }

    Connection connection() {
        return new Connection(peers, numbers, flights);
    }

    /** Runs every event; {@code continued} says whether a later chapter picks up the debts of this one. */
    ChapterResult run(boolean continued) {
        for (Event event : chapter.events()) {
            process(event);
        }
        if (!continued) {
            warnAboutLooseEnds();
        }
        return new ChapterResult(chapter, List.copyOf(peers.keySet()), initialStates, steps, diagnostics);
    }

    private void process(Event event) {
        List<PeerChange> changes = new ArrayList<>(2);
        long[] numbersOnWire = {-1, -1};
        if (event instanceof Event.Send send) {
            send(send, changes, numbersOnWire);
        } else if (event instanceof Event.Arrival arrival) {
            arrive(arrival, changes, numbersOnWire);
        } else if (event instanceof Event.Call call) {
            call(call, changes);
        } else if (event instanceof Event.Wait wait) {
            waitFor(wait, changes);
        } else if (event instanceof Event.Expect expect) {
            expect(expect);
        } else if (event instanceof Event.Note note) {
            note(note);
        }
        List<TcpState> statesAfter = peers.values().stream().map(tcb -> tcb.state).toList();
        steps.add(new Step(event, changes, statesAfter, numbersOnWire[0], numbersOnWire[1], current));
        diagnostics.addAll(current);
        current.clear();
    }

    // ---- sending

    private void send(Event.Send send, List<PeerChange> changes, long[] numbersOnWire) {
        Tcb from = peer(send.from());
        Tcb to = peer(send.to());
        if (from == null || to == null) {
            return;
        }
        if (from == to) {
            error(Rule.SELF_SEND, send.to().position(), "a peer cannot send to itself: " + from.id + " -> " + to.id);
            return;
        }
        WireSegment wire = send.old() ? oldSegment(send, from, to) : checkedSend(send, from, to, changes);
        if (wire == null) {
            return;
        }
        numbersOnWire[0] = numbers.resolve(wire.seq());
        numbersOnWire[1] = wire.ack() == null ? -1 : numbers.resolve(wire.ack());
        switch (send.delivery()) {
            case DELIVERED -> changes.addAll(Arrival.deliver(to, wire, numbers, choices));
            case IN_FLIGHT -> {
                if (flights.containsKey(send.flightName())) {
                    error(Rule.DUPLICATE_FLIGHT, send.position(),
                            "a segment called " + send.flightName() + " is already in flight",
                            "name each in-flight segment differently, or let the first one arrive");
                }
                flights.put(send.flightName(), wire);
            }
            case LOST -> { }
        }
    }

    private void arrive(Event.Arrival arrival, List<PeerChange> changes, long[] numbersOnWire) {
        WireSegment wire = flights.remove(arrival.flightName());
        if (wire == null) {
            SourcePosition earlier = arrived.get(arrival.flightName());
            if (earlier != null) {
                error(Rule.UNKNOWN_NAME, arrival.position(), arrival.flightName() + " has already arrived",
                        "it arrived at line " + earlier.line());
            } else {
                error(Rule.UNKNOWN_NAME, arrival.position(), "no segment called " + arrival.flightName() + " is in flight",
                        didYouMean(arrival.flightName(), flights.keySet(), "in-flight segments: " + namesOrNone(flights.keySet())));
            }
            return;
        }
        arrived.put(arrival.flightName(), arrival.position());
        numbersOnWire[0] = numbers.resolve(wire.seq());
        numbersOnWire[1] = wire.ack() == null ? -1 : numbers.resolve(wire.ack());
        changes.addAll(Arrival.deliver(peers.get(wire.to()), withEvent(wire, arrival), numbers, choices));
    }

    /** The in-flight segment, re-dated to the line where it arrives, so what it causes points there. */
    private static WireSegment withEvent(WireSegment wire, Event.Arrival arrival) {
        Event.Send original = wire.event();
        Event.Send atArrival = new Event.Send(arrival.position(), original.from(), original.to(), original.delivery(),
                original.segment(), original.flightName(), original.old());
        return new WireSegment(wire.from(), wire.to(), wire.flags(), wire.seq(), wire.ack(), wire.length(),
                wire.window(), atArrival, wire.forced());
    }

    /** An old duplicate: the sender's connection did not send it, so only its numbers are read. */
    private WireSegment oldSegment(Event.Send send, Tcb from, Tcb to) {
        Segment segment = send.segment();
        if (segment.seq() == null) {
            error(Rule.UNBOUND_SYMBOL, send.position(), "an old segment needs its seq= written out",
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
    private WireSegment checkedSend(Event.Send send, Tcb from, Tcb to, List<PeerChange> changes) {
        Segment segment = send.segment();
        TcpState before = from.state;
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
        if (out.after != before) {
            from.lastRule = out.rule;
            from.lastChange = send.position();
            if (out.after == TcpState.CLOSED) {
                List<Answer> owed = from.owed;
                from.delete();
                from.owed = owed;
            }
            from.state = out.after;
        }
        changes.add(new PeerChange(from.id, before, out.after, out.rule));
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

    private Outgoing sendSyn(Event.Send send, Tcb from) {
        Segment segment = send.segment();
        TcpState state = from.state;
        Outgoing out = new Outgoing(EnumSet.copyOf(segment.flags()), state, Rule.RETRANSMISSION);
        if (segment.has(Flag.ACK)) {
            if (state != TcpState.SYN_RECEIVED) {
                error(Rule.SYN_STATE, send.position(), from.id + " cannot send a SYN,ACK in " + state,
                        "a SYN,ACK answers a SYN; only a peer in SYN-RECEIVED sends one");
                return null;
            }
            boolean first = from.iss == null || from.unacknowledged.stream().noneMatch(Tcb.Sent::syn);
            if (from.iss == null) {
                Value written = segment.seq() == null ? null : evaluate(segment.seq(), null);
                from.iss = written != null ? written : numbers.fresh();
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
            Value written = segment.seq() == null ? null : evaluate(segment.seq(), from.nextIss);
            Value iss = from.nextIss != null ? from.nextIss : written != null ? written : numbers.fresh();
            if (from.nextIss != null && written != null && !numbers.same(written, iss)) {
                error(Rule.SEQ_NUMBER, segment.seq().position(), "wrong initial sequence number: seq=" + segment.seq(),
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
        error(Rule.SYN_STATE, send.position(), from.id + " cannot send a SYN in " + state,
                "a connection exists already; a SYN opens one from CLOSED or LISTEN");
        return null;
    }

    private Outgoing sendInConnection(Event.Send send, Tcb from) {
        Segment segment = send.segment();
        TcpState state = from.state;
        if (!state.isSynchronized() && state != TcpState.SYN_RECEIVED) {
            error(Rule.NOT_CONNECTED, send.position(), from.id + " cannot send " + describe(segment) + " in " + state,
                    state == TcpState.SYN_SENT
                            ? "SYN-SENT waits for the SYN,ACK; " + from.id + " sends nothing else until then"
                            : "there is no connection yet: a connection starts with a SYN");
            return null;
        }
        Outgoing out = new Outgoing(EnumSet.copyOf(segment.flags()), state, Rule.SEND);
        if (!segment.has(Flag.ACK)) {
            error(Rule.ACK_REQUIRED, send.position(), "missing ACK: " + from.id + " is " + state
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
                if (fin && from.finSeq != null) {
                    error(Rule.RETRANSMISSION_CHANGED, segment.seq().position(),
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
        TcpState state = from.state;
        boolean fin = segment.has(Flag.FIN);
        long length = segment.length();
        if (length > 0 && state.finSent()) {
            error(Rule.CONNECTION_CLOSING, send.position(), from.id + " sends data after its own FIN",
                    from.id + " is " + state + ": SEND answers \"connection closing\"; the FIN was its last sequence number");
            out.forced = true;
        } else if (length > 0 && state == TcpState.SYN_RECEIVED) {
            error(Rule.NOT_CONNECTED, send.position(), from.id + " sends data in SYN-RECEIVED",
                    "data waits until the connection is ESTABLISHED (§3.10.2 queues it)");
            out.forced = true;
        }
        if (fin) {
            if (state.finSent()) {
                error(Rule.SECOND_FIN, send.position(), from.id + " sends a second FIN",
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
        TcpState state = from.state;
        Outgoing out = new Outgoing(EnumSet.copyOf(segment.flags()), state, Rule.RST_ANSWER);
        Answer owed = latestOwedRst(from);
        if (owed != null) {
            out.seq = checkSeq(send, segment.seq(), owed.seq(), Rule.RST_NUMBERS,
                    "a RST that answers a segment takes its seq from that segment (line " + owed.cause().line() + ")");
            if (owed.ack() != null) {
                if (!segment.has(Flag.ACK)) {
                    error(Rule.RST_NUMBERS, send.position(), "this RST needs ACK=1, ack=" + numbers.render(owed.ack()),
                            "the segment it answers (line " + owed.cause().line()
                                    + ") had no ACK, so the RST acknowledges it: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><RST,ACK>");
                    out.flags.add(Flag.ACK);
                } else if (segment.ack() != null) {
                    Value written = evaluate(segment.ack(), owed.ack());
                    if (written != null && !numbers.same(written, owed.ack())) {
                        error(Rule.RST_NUMBERS, segment.ack().position(), "wrong acknowledgment number: ack=" + segment.ack(),
                                "expected ack=" + numbers.render(owed.ack())
                                        + ": SEG.SEQ+SEG.LEN of the segment it answers (line " + owed.cause().line() + ")");
                    }
                }
                out.ack = owed.ack();
            } else if (segment.has(Flag.ACK)) {
                error(Rule.RST_NUMBERS, send.position(), "this RST carries no ACK",
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
                error(Rule.RST_STATE, send.position(), from.id + " cannot send a RST in " + state, why);
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
            error(rule, written.position(), "wrong sequence number: seq=" + written,
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
        error(Rule.SEQ_NUMBER, written.position(), "wrong sequence number: seq=" + written,
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
        error(Rule.ACK_NUMBER, written.position(), "wrong acknowledgment number: ack=" + written,
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
            error(Rule.UNBOUND_SYMBOL, operand.position(), "symbol " + expr.symbol() + " has no value here",
                    "a new symbol takes the value expected where it is first used, and nothing is expected here");
            return null;
        }
        numbers.bind(expr.symbol(), expected.plus(-expr.offset()));
        return expected;
    }

    // ---- calls, time, claims

    private void call(Event.Call call, List<PeerChange> changes) {
        Tcb tcb = peer(call.peer());
        if (tcb == null) {
            return;
        }
        TcpState state = tcb.state;
        TcpState after = null;
        Rule rule = null;
        String refusal = null;
        switch (call.kind()) {
            case LISTEN -> {
                if (state == TcpState.CLOSED) {
                    after = TcpState.LISTEN;
                    rule = Rule.PASSIVE_OPEN;
                } else {
                    refusal = "listen needs a CLOSED peer: " + tcb.id + " is " + state + " (\"connection already exists\")";
                }
            }
            case CLOSE -> {
                switch (state) {
                    case LISTEN, SYN_SENT -> {
                        after = TcpState.CLOSED;
                        rule = Rule.CLOSE_SILENT;
                    }
                    case FIN_WAIT_1, FIN_WAIT_2 -> {
                        after = state;
                        rule = Rule.CLOSE_ALREADY_CLOSING;
                    }
                    case SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT -> refusal = "a CLOSE in " + state
                            + " sends a FIN: write the FIN segment (" + tcb.id + " -> ...: FIN=1, ACK=1, seq="
                            + numbers.render(tcb.sndNxt) + ", ack=" + numbers.render(tcb.rcvNxt) + ")";
                    case CLOSED -> refusal = "there is no connection to close (\"connection does not exist\")";
                    default -> refusal = tcb.id + " is " + state + ": the connection is closing already";
                }
            }
            case ABORT -> {
                switch (state) {
                    case LISTEN, SYN_SENT, CLOSING, LAST_ACK, TIME_WAIT -> {
                        after = TcpState.CLOSED;
                        rule = Rule.ABORT_SILENT;
                    }
                    case CLOSED -> refusal = "there is no connection to abort (\"connection does not exist\")";
                    default -> refusal = "an ABORT in " + state + " sends a RST: write the RST segment ("
                            + tcb.id + " -> ...: RST=1, seq=" + numbers.render(tcb.sndNxt) + ")";
                }
            }
        }
        if (refusal != null) {
            error(Rule.CALL_STATE, call.position(), tcb.id + ": " + call.kind().name().toLowerCase() + " is not allowed in " + state,
                    refusal);
            return;
        }
        if (after == TcpState.CLOSED) {
            if (call.kind() == Event.Call.Kind.ABORT) {
                tcb.owed.clear();
            }
            List<Answer> owed = tcb.owed;
            tcb.delete();
            tcb.owed = owed;
        }
        if (after != state) {
            tcb.lastRule = rule;
            tcb.lastChange = call.position();
        }
        tcb.state = after;
        changes.add(new PeerChange(tcb.id, state, after, rule));
    }

    private void waitFor(Event.Wait wait, List<PeerChange> changes) {
        if (!wait.isTwoMsl()) {
            return;
        }
        for (Tcb tcb : peers.values()) {
            if (tcb.state == TcpState.TIME_WAIT) {
                List<Answer> owed = tcb.owed;
                tcb.delete();
                tcb.owed = owed;
                tcb.lastRule = Rule.TIME_WAIT_TIMEOUT;
                tcb.lastChange = wait.position();
                changes.add(new PeerChange(tcb.id, TcpState.TIME_WAIT, TcpState.CLOSED, Rule.TIME_WAIT_TIMEOUT));
            }
        }
        if (changes.isEmpty()) {
            diagnostic(Severity.WARNING, Rule.WAIT_WITHOUT_TIME_WAIT, wait.position(),
                    "wait 2MSL, but no peer is in TIME-WAIT", "2MSL is the time TIME-WAIT lasts; it changes nothing else");
        }
    }

    private void expect(Event.Expect expect) {
        for (Event.Claim claim : expect.claims()) {
            Tcb tcb = peer(claim.peer());
            Optional<TcpState> claimed = TcpState.parse(claim.state());
            if (claimed.isEmpty()) {
                current.add(unknownState(claim.statePosition(), claim.state()));
                continue;
            }
            if (tcb == null || tcb.state == claimed.get()) {
                continue;
            }
            List<String> details = new ArrayList<>();
            if (tcb.lastChange != null && tcb.lastRule != null) {
                details.add(tcb.id + " entered " + tcb.state + " at line " + tcb.lastChange.line() + ": "
                        + tcb.lastRule.summary() + referenceOf(tcb.lastRule));
            } else {
                details.add(tcb.id + " has been " + tcb.state + " since the chapter began");
            }
            if (tcb.state == TcpState.TIME_WAIT && claimed.get() == TcpState.CLOSED) {
                details.add("TIME-WAIT lasts 2MSL before the connection is deleted (MUST-13): write `wait 2MSL` first");
            }
            error(Rule.EXPECT_STATE, claim.statePosition(),
                    "expected " + tcb.id + " to be " + claimed.get() + ", but it is " + tcb.state,
                    details.toArray(String[]::new));
        }
    }

    private void note(Event.Note note) {
        for (PeerRef ref : note.peers()) {
            peer(ref);
        }
    }

    private void warnAboutLooseEnds() {
        for (Tcb tcb : peers.values()) {
            for (Answer answer : tcb.owed) {
                diagnostics.add(new Diagnostic(Severity.WARNING, answer.cause(),
                        tcb.id + " never sends " + answer.describe() + " in answer to what " + answer.from() + " sent here",
                        Rule.ANSWER_OWED.id(), answer.rule().reference(),
                        List.of("rule " + answer.rule().id() + ": " + answer.rule().summary(),
                                "a later segment from " + tcb.id + " that carries it settles the answer")));
            }
        }
        for (Map.Entry<String, WireSegment> flight : flights.entrySet()) {
            diagnostics.add(Diagnostic.warning(flight.getValue().event().position(), Rule.STILL_IN_FLIGHT.id(),
                    flight.getKey() + " is still in flight when the chapter ends",
                    "write `" + flight.getKey() + " arrives` where it reaches " + flight.getValue().to()));
        }
    }

    // ---- names and diagnostics

    private Tcb peer(PeerRef ref) {
        Tcb tcb = peers.get(ref.id());
        if (tcb == null) {
            error(Rule.UNKNOWN_NAME, ref.position(), "unknown peer " + ref.id(),
                    didYouMean(ref.id(), peers.keySet(), "the peers are " + String.join(" and ", peers.keySet())));
        }
        return tcb;
    }

    private static Diagnostic unknownState(SourcePosition position, String written) {
        List<String> names = Arrays.stream(TcpState.values()).map(TcpState::displayName).toList();
        return Diagnostic.error(position, Rule.UNKNOWN_NAME.id(), "unknown state " + written,
                didYouMean(written, names, "the states are " + String.join(", ", names)));
    }

    private static String didYouMean(String written, java.util.Collection<String> candidates, String otherwise) {
        return Suggestions.nearest(written, candidates).map(s -> "did you mean " + s + "?").orElse(otherwise);
    }

    private static String namesOrNone(java.util.Collection<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String referenceOf(Rule rule) {
        return rule.reference().isEmpty() ? "" : " (" + rule.reference() + ")";
    }

    private void error(Rule rule, SourcePosition position, String message, String... explanation) {
        diagnostic(Severity.ERROR, rule, position, message, explanation);
    }

    private void diagnostic(Severity severity, Rule rule, SourcePosition position, String message, String... explanation) {
        List<String> details = new ArrayList<>(Arrays.asList(explanation));
        details.add(statesLine());
        details.add("rule " + rule.id() + ": " + rule.summary());
        current.add(new Diagnostic(severity, position, message, rule.id(), rule.reference(), details));
    }

    private String statesLine() {
        StringBuilder line = new StringBuilder();
        for (Tcb tcb : peers.values()) {
            if (line.length() > 0) {
                line.append(", ");
            }
            line.append(tcb.id).append(' ').append(tcb.state);
        }
        return "now: " + line;
    }

    private static String describe(Segment segment) {
        return segment.length() > 0 ? "data" : segment.has(Flag.FIN) ? "a FIN" : "an ACK";
    }
}
