package org.tcpstory.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Severity;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Suggestions;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.Event;
import org.tcpstory.story.Operand;
import org.tcpstory.story.PeerRef;
import org.tcpstory.story.PeerSpec;

/**
 * Runs the events of one chapter through the peers' state machines.
 *
 * <p>{@link Sender} checks what a peer sends, {@link Receiver} what a segment does where it arrives; this
 * class keeps the connection between events: segments in flight, calls, time and the author's claims.
 * After an error the run goes on as the author meant: a wrong number is replaced by the right one, a
 * forbidden segment is still delivered, so the rest of the chapter is judged in context and one
 * mistake gives one diagnostic.
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
    private final Profile profile;
    private final Numbers numbers;
    private final Map<String, Tcb> peers;
    private final Map<String, WireSegment> flights;
    private final Map<String, SourcePosition> arrived = new LinkedHashMap<>();
    private final List<TcpState> initialStates;
    private final List<Step> steps = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Findings findings;
    private final OptionRules options;
    private final Marks marks = new Marks();
    private final Sender sender;

    private ChapterRun(Chapter chapter, Profile profile, CongestionControl congestion, Connection connection) {
        this.chapter = chapter;
        this.profile = profile;
        this.numbers = connection.numbers();
        this.peers = connection.peers();
        this.flights = connection.flights();
        this.initialStates = peers.values().stream().map(Tcb::state).toList();
        this.findings = new Findings(peers);
        this.options = new OptionRules(numbers, findings);
        this.sender = new Sender(numbers, profile, flights, findings, options, marks);
        peers.values().forEach(tcb -> controlCongestion(tcb, congestion, profile));
    }

    /**
     * Turns congestion control on or off for a peer, as the chapter says; a peer already ESTABLISHED starts
     * from the initial window, and one that keeps it from the chapter it continues keeps its cwnd.
     */
    private static void controlCongestion(Tcb tcb, CongestionControl congestion, Profile profile) {
        if (congestion == CongestionControl.NONE) {
            tcb.congestion = null;
        } else if (tcb.congestion == null) {
            tcb.congestion = new Congestion(profile.choices());
            if (tcb.state().isSynchronized()) {
                tcb.congestion.start(tcb.peerSyn.mss());
            }
        }
    }

    /** A chapter that starts from its own front matter. */
    static ChapterRun fresh(Chapter chapter, Profile profile, CongestionControl congestion) {
        Numbers numbers = new Numbers();
        Map<String, Tcb> peers = new LinkedHashMap<>();
        List<Diagnostic> startProblems = new ArrayList<>();
        for (PeerSpec spec : chapter.frontMatter().peers()) {
            peers.put(spec.id(), declarePeer(spec, numbers, startProblems));
        }
        // Two peers that start ESTABLISHED are connected to each other: each one's RCV.NXT is the other's SND.NXT.
        for (Tcb tcb : peers.values()) {
            if (tcb.state() == TcpState.ESTABLISHED) {
                Tcb other = peers.values().stream().filter(p -> p != tcb).findFirst().orElse(null);
                tcb.rcvNxt = other != null && other.state() == TcpState.ESTABLISHED ? other.sndNxt : numbers.fresh();
            }
        }
        ChapterRun run = new ChapterRun(chapter, profile, congestion, new Connection(peers, numbers, new LinkedHashMap<>()));
        run.diagnostics.addAll(startProblems);
        return run;
    }

    /** A chapter that picks up where another one ended ({@code continues:}); it may rename the peers' labels. */
    static ChapterRun continuing(Chapter chapter, Profile profile, CongestionControl congestion, Connection end) {
        Connection connection = end.copy();
        for (PeerSpec spec : chapter.frontMatter().peers()) {
            Tcb tcb = connection.peers().get(spec.id());
            if (tcb != null) {
                tcb.label = spec.label();
            }
        }
        return new ChapterRun(chapter, profile, congestion, connection);
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
                        Text.of("engine.startState", parsed.get().toString()),
                        Text.of("engine.startState.continue", parsed.get().toString())));
                state = parsed.get().isSynchronized() ? TcpState.ESTABLISHED : TcpState.CLOSED;
            } else {
                state = parsed.get();
            }
        }
        Tcb tcb = new Tcb(spec.id(), spec.label(), state);
        Value start = declaredNumber(spec.seq(), numbers);
        if (state == TcpState.ESTABLISHED) {
            Value next = start != null ? start : numbers.fresh();
            tcb.declaredStart = next;
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
        TcpState[] statesAfter = new TcpState[peers.size()];
        int i = 0;
        for (Tcb tcb : peers.values()) {
            statesAfter[i++] = tcb.state();
        }
        List<Diagnostic> found = findings.drain();
        steps.add(new Step(event, changes, List.of(statesAfter), numbersOnWire[0], numbersOnWire[1], found, marks.drain(),
                windows()));
        if (!found.isEmpty()) {
            diagnostics.addAll(found);
        }
    }

    /** Every peer's sliding window, each counted against the other peer's first octet. */
    private List<PeerWindow> windows() {
        PeerWindow[] windows = new PeerWindow[peers.size()];
        int i = 0;
        for (Tcb tcb : peers.values()) {
            windows[i++] = PeerWindow.of(tcb, otherPeer(tcb), numbers);
        }
        return List.of(windows);
    }

    /** The peer at the other end from {@code tcb}, or {@code null} in a chapter that declares only one. */
    private Tcb otherPeer(Tcb tcb) {
        for (Tcb candidate : peers.values()) {
            if (candidate != tcb) {
                return candidate;
            }
        }
        return null;
    }

    // ---- sending

    private void send(Event.Send send, List<PeerChange> changes, long[] numbersOnWire) {
        Tcb from = peers.get(send.from().id());
        Tcb to = peers.get(send.to().id());
        if (from == null) {
            from = peer(send.from(), to);
        }
        if (to == null) {
            to = peer(send.to(), from);
        }
        if (from == null || to == null) {
            return;
        }
        if (from == to) {
            findings.error(Rule.SELF_SEND, send.to().position(), Text.of("engine.selfSend", from.id + " -> " + to.id));
            return;
        }
        WireSegment wire = send.old() ? sender.oldSegment(send, from, to) : sender.checkedSend(send, from, to, changes);
        if (wire == null) {
            return;
        }
        numbersOnWire[0] = numbers.resolve(wire.seq());
        numbersOnWire[1] = wire.ack() == null ? -1 : numbers.resolve(wire.ack());
        switch (send.delivery()) {
            case DELIVERED -> changes.addAll(Receiver.receive(to, wire, numbers, profile, options, marks));
            case IN_FLIGHT -> {
                if (flights.containsKey(send.flightName())) {
                    findings.error(Rule.DUPLICATE_FLIGHT, send.position(),
                            Text.of("engine.duplicateFlight", send.flightName()), Text.of("engine.duplicateFlight.why"));
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
                findings.error(Rule.UNKNOWN_NAME, arrival.position(), Text.of("engine.arrivedAlready", arrival.flightName()),
                        Text.of("engine.arrivedAlready.where", earlier.line()));
            } else {
                findings.error(Rule.UNKNOWN_NAME, arrival.position(), Text.of("engine.noSuchFlight", arrival.flightName()),
                        didYouMean(arrival.flightName(), flights.keySet(), flights.isEmpty() ? Text.of("engine.flights.none")
                                : Text.of("engine.flights", String.join(", ", flights.keySet()))));
            }
            return;
        }
        arrived.put(arrival.flightName(), arrival.position());
        numbersOnWire[0] = numbers.resolve(wire.seq());
        numbersOnWire[1] = wire.ack() == null ? -1 : numbers.resolve(wire.ack());
        changes.addAll(Receiver.receive(peers.get(wire.to()), withEvent(wire, arrival), numbers, profile, options, marks));
    }

    /** The in-flight segment, re-dated to the line where it arrives, so what it causes points there. */
    private static WireSegment withEvent(WireSegment wire, Event.Arrival arrival) {
        Event.Send original = wire.event();
        Event.Send atArrival = new Event.Send(arrival.position(), original.from(), original.to(), original.delivery(),
                original.segment(), original.flightName(), original.old());
        return new WireSegment(wire.from(), wire.to(), wire.flags(), wire.seq(), wire.ack(), wire.length(),
                wire.window(), atArrival, wire.forced(), wire.options());
    }

    // ---- calls, time, claims

    private void call(Event.Call call, List<PeerChange> changes) {
        Tcb tcb = peer(call.peer());
        if (tcb == null) {
            return;
        }
        TcpState state = tcb.state();
        TcpState after = null;
        Rule rule = null;
        Text refusal = null;
        boolean sendsSegment = false;
        switch (call.kind()) {
            case LISTEN -> {
                if (state == TcpState.CLOSED) {
                    after = TcpState.LISTEN;
                    rule = Rule.PASSIVE_OPEN;
                } else {
                    refusal = Text.of("engine.call.listen", tcb.id, state.toString());
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
                    case SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT -> {
                        refusal = Text.of("engine.call.closeSendsFin", state.toString(), tcb.id,
                                numbers.render(tcb.sndNxt), numbers.render(tcb.rcvNxt));
                        sendsSegment = true;
                    }
                    case CLOSED -> refusal = Text.of("engine.call.closeNothing");
                    default -> refusal = Text.of("engine.call.closingAlready", tcb.id, state.toString());
                }
            }
            case ABORT -> {
                switch (state) {
                    case LISTEN, SYN_SENT, CLOSING, LAST_ACK, TIME_WAIT -> {
                        after = TcpState.CLOSED;
                        rule = Rule.ABORT_SILENT;
                    }
                    case CLOSED -> refusal = Text.of("engine.call.abortNothing");
                    default -> {
                        refusal = Text.of("engine.call.abortSendsRst", state.toString(), tcb.id,
                                numbers.render(tcb.sndNxt));
                        sendsSegment = true;
                    }
                }
            }
        }
        Tcb other = otherPeer(tcb);
        Text notAllowed = refusal == null ? null
                : Text.of("engine.call.notAllowed", tcb.id, call.kind().name().toLowerCase(Locale.ROOT), state.toString());
        if (refusal != null && sendsSegment && other != null) {
            findings.error(Rule.CALL_STATE, call.position(), notAllowed, refusal,
                    Text.of("engine.call.goesOn", tcb.id, other.id));
            WireSegment implied = sender.impliedBy(call, tcb, other, changes);
            changes.addAll(Receiver.receive(other, implied, numbers, profile, options, marks));
            return;
        }
        if (refusal != null) {
            findings.error(Rule.CALL_STATE, call.position(), notAllowed, refusal);
            return;
        }
        if (call.kind() == Event.Call.Kind.ABORT) {
            tcb.owed.clear(); // ABORT flushes everything queued for the connection (§3.10.5)
        }
        changes.add(tcb.enter(after, rule, call.position()));
    }

    private void waitFor(Event.Wait wait, List<PeerChange> changes) {
        if (wait.isRto()) {
            retransmissionTimeout(wait);
            return;
        }
        if (wait.isPto()) {
            probeTimeout(wait);
            return;
        }
        if (!wait.isTwoMsl()) {
            return;
        }
        for (Tcb tcb : peers.values()) {
            if (tcb.state() == TcpState.TIME_WAIT) {
                changes.add(tcb.enter(TcpState.CLOSED, Rule.TIME_WAIT_TIMEOUT, wait.position()));
            }
        }
        if (changes.isEmpty()) {
            findings.warning(Rule.WAIT_WITHOUT_TIME_WAIT, wait.position(), Text.of("engine.waitWithoutTimeWait"),
                    Text.of("engine.waitWithoutTimeWait.why"));
        }
    }

    /**
     * {@code wait RTO} or {@code wait RTO A}: the retransmission timer expires for every peer (or the one
     * named) with something unacknowledged (RFC 6298 §5.4); congestion control falls back to one segment.
     */
    private void retransmissionTimeout(Event.Wait wait) {
        for (Tcb tcb : timersOf(wait)) {
            if (tcb.unacknowledged.isEmpty()) {
                continue;
            }
            Integer inFlight = tcb.sndUna == null ? null : numbers.distance(tcb.sndNxt, tcb.sndUna);
            if (tcb.congestion != null) {
                tcb.congestion.timeout(inFlight == null ? 0 : inFlight, wait.position().line());
            }
            tcb.timeOut();
            marks.add(StepMark.Kind.TIMEOUT, tcb.id);
        }
    }

    /**
     * {@code wait PTO} or {@code wait PTO A}: the probe timeout of RFC 8985 §7 fires for every peer (or the
     * one named) with something unacknowledged. It sends new data, or else its last segment again (§7.3),
     * so that resend is timely; it is no retransmission timeout: cwnd stays and SND.UNA need not go first.
     */
    private void probeTimeout(Event.Wait wait) {
        for (Tcb tcb : timersOf(wait)) {
            if (tcb.probeTimeout()) {
                marks.add(StepMark.Kind.PROBE_TIMEOUT, tcb.id);
            }
        }
    }

    /** The peers whose timers a {@code wait RTO} or {@code wait PTO} names: one, or all of them. */
    private List<Tcb> timersOf(Event.Wait wait) {
        if (wait.timerOf() == null) {
            return new ArrayList<>(peers.values());
        }
        Tcb named = peer(wait.timerOf());
        return named == null ? List.of() : List.of(named);
    }

    private void expect(Event.Expect expect) {
        for (Event.Claim claim : expect.claims()) {
            Tcb tcb = peer(claim.peer());
            Optional<TcpState> claimed = TcpState.parse(claim.state());
            if (claimed.isEmpty()) {
                findings.add(unknownState(claim.statePosition(), claim.state()));
                continue;
            }
            if (tcb == null || tcb.state() == claimed.get()) {
                continue;
            }
            List<Text> details = new ArrayList<>();
            String state = tcb.state().toString();
            if (tcb.lastChange() != null && tcb.lastRule() != null) {
                Rule rule = tcb.lastRule();
                Text summary = Text.of("rule." + rule.id());
                details.add(rule.reference().isEmpty()
                        ? Text.of("engine.enteredAt", tcb.id, state, tcb.lastChange().line(), summary)
                        : Text.of("engine.enteredAt.reference", tcb.id, state, tcb.lastChange().line(), summary,
                                rule.reference()));
            } else {
                details.add(Text.of("engine.stateSinceStart", tcb.id, state));
            }
            if (tcb.profileDecision != null) {
                details.add(tcb.profileDecision);
            }
            if (tcb.state() == TcpState.TIME_WAIT && claimed.get() == TcpState.CLOSED) {
                details.add(Text.of("engine.timeWaitBeforeClosed"));
            }
            findings.error(Rule.EXPECT_STATE, claim.statePosition(),
                    Text.of("engine.expectState", tcb.id, claimed.get().toString(), state), details.toArray(Text[]::new));
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
                        Text.of("engine.answerOwed", tcb.id, answer.describe(), answer.from()),
                        Rule.ANSWER_OWED.id(), answer.rule().reference(),
                        List.of(Findings.ruleLine(answer.rule()), Text.of("engine.answerOwed.settle", tcb.id))));
            }
        }
        for (Map.Entry<String, WireSegment> flight : flights.entrySet()) {
            diagnostics.add(Diagnostic.warning(flight.getValue().event().position(), Rule.STILL_IN_FLIGHT.id(),
                    Text.of("engine.stillInFlight", flight.getKey()),
                    Text.of("engine.stillInFlight.arrive", flight.getKey(), flight.getValue().to())));
        }
    }

    // ---- names and diagnostics

    private Tcb peer(PeerRef ref) {
        return peer(ref, null);
    }

    /**
     * The peer an event names. An unknown id is reported once, and the event goes on with the peer the
     * author meant: the nearest id, or, for the other end of a segment whose sender or receiver is known,
     * the other peer (a story has two).
     *
     * @param otherEnd the known peer at the other end of a segment, or null
     */
    private Tcb peer(PeerRef ref, Tcb otherEnd) {
        Tcb tcb = peers.get(ref.id());
        if (tcb != null) {
            return tcb;
        }
        List<String> candidates = peers.keySet().stream().filter(id -> otherEnd == null || !id.equals(otherEnd.id)).toList();
        List<String> ids = List.copyOf(peers.keySet());
        findings.error(Rule.UNKNOWN_NAME, ref.position(), Text.of("engine.unknownPeer", ref.id()),
                didYouMean(ref.id(), candidates, Text.of("engine.peers", ids.size() == 2
                        ? Text.of("engine.twoPeers", ids.get(0), ids.get(1)) : Text.plain(String.join(", ", ids)))));
        if (otherEnd != null) {
            return peers.get(candidates.isEmpty() ? otherEnd.id : candidates.get(0));
        }
        return Suggestions.nearest(ref.id(), candidates).map(peers::get).orElse(null);
    }

    private static Diagnostic unknownState(SourcePosition position, String written) {
        List<String> names = Arrays.stream(TcpState.values()).map(TcpState::displayName).toList();
        return Diagnostic.error(position, Rule.UNKNOWN_NAME.id(), Text.of("engine.unknownState", written),
                didYouMean(written, names, Text.of("engine.states", String.join(", ", names))));
    }

    private static Text didYouMean(String written, java.util.Collection<String> candidates, Text otherwise) {
        return Suggestions.nearest(written, candidates).map(s -> Text.of("engine.didYouMean", s)).orElse(otherwise);
    }
}
