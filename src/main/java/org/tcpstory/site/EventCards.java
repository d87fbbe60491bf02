package org.tcpstory.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.PeerChange;
import org.tcpstory.engine.PeerWindow;
import org.tcpstory.engine.Step;
import org.tcpstory.engine.StepMark;
import org.tcpstory.engine.TcpState;
import org.tcpstory.story.Event;
import org.tcpstory.story.Flag;
import org.tcpstory.story.Operand;
import org.tcpstory.story.Options;
import org.tcpstory.story.PeerRef;
import org.tcpstory.story.Segment;
import org.tcpstory.story.TcpBlock;

/**
 * Turns the engine's steps for a chapter into the cards of each {@code tcp} block, the step-through's places
 * and each peer's path; and puts every warning of the chapter on the card of its line.
 */
final class EventCards {

    private final ChapterResult result;
    private final Words words;
    /** The warnings' words, in the site's language. */
    private final Messages messages;
    private final Map<String, Views.PeerView> peers = new HashMap<>();
    private final Map<Event, Integer> stepIndex = new IdentityHashMap<>();
    private final List<Integer> arrowLines;
    /** Each step's place in the step-through, or -1 for the steps it passes over. */
    private final int[] stepThrough;
    private final int stepCount;
    private final Map<Integer, List<Diagnostic>> warningsByLine = new HashMap<>();
    private final Map<Integer, String> anchorByLine = new HashMap<>();
    /** The peers that send data in this chapter: theirs are the sliding windows the cards show. */
    private final Set<String> dataSenders = new HashSet<>();
    /** Each peer's strips share a scale, so that its window is seen to slide from card to card. */
    private final Map<String, WindowStrip.Scale> scales = new HashMap<>();

    /**
     * @param arrowLines each step's arrow in the sequence diagram ({@code SequenceDiagram.Drawing}), or an
     *                   empty list when the diagram is not known
     */
    EventCards(ChapterResult result, List<Views.PeerView> peerViews, Words words, List<Integer> arrowLines) {
        this.result = result;
        this.words = words;
        this.messages = Messages.of(Language.forTag(words.tag()));
        this.arrowLines = arrowLines;
        for (Views.PeerView peer : peerViews) {
            peers.put(peer.id(), peer);
        }
        List<Step> steps = result.steps();
        stepThrough = new int[steps.size()];
        int visited = 0;
        for (int i = 0; i < steps.size(); i++) {
            stepIndex.put(steps.get(i).event(), i);
            Event event = steps.get(i).event();
            stepThrough[i] = event instanceof Event.Expect || event instanceof Event.Note ? -1 : visited++;
        }
        stepCount = visited;
        for (TcpBlock block : result.chapter().blocks()) {
            for (Event event : block.events()) {
                anchorByLine.putIfAbsent(event.position().line(), anchor(event));
            }
        }
        for (Diagnostic d : result.diagnostics()) {
            if (!d.isError()) {
                warningsByLine.computeIfAbsent(d.position().line(), k -> new ArrayList<>()).add(d);
            }
        }
        for (Step step : steps) {
            if (step.event() instanceof Event.Send send && !send.old() && send.segment().length() > 0) {
                dataSenders.add(send.from().id());
            }
        }
        for (int p = 0; p < result.peers().size(); p++) {
            int peer = p;
            scales.put(result.peers().get(p), WindowStrip.Scale.of(steps.stream()
                    .filter(step -> peer < step.windows().size()).map(step -> step.windows().get(peer)).toList()));
        }
    }

    /**
     * A chart of the windows of each peer that sends data, in the order of the peers, where there is a window to
     * draw: one the other peer advertised, or congestion control's.
     */
    List<Views.WindowChartView> charts() {
        List<Integer> visited = new ArrayList<>();
        for (int i = 0; i < stepThrough.length; i++) {
            if (stepThrough[i] >= 0) {
                visited.add(i);
            }
        }
        List<Views.WindowChartView> charts = new ArrayList<>();
        for (int p = 0; p < result.peers().size(); p++) {
            String id = result.peers().get(p);
            if (dataSenders.contains(id)) {
                Views.WindowChartView chart = WindowChart.of(result, p, peer(id), visited, words, this::marksText,
                        "ts-windows-" + p);
                if (chart != null) {
                    charts.add(chart);
                }
            }
        }
        return charts;
    }

    /** How many events the step-through visits. */
    int stepCount() {
        return stepCount;
    }

    /** Every warning of the chapter in source order, each with the card it is shown on (if any). */
    List<Views.WarningView> warnings() {
        List<Views.WarningView> out = new ArrayList<>();
        for (Diagnostic d : result.diagnostics()) {
            if (!d.isError()) {
                out.add(warning(d));
            }
        }
        return out;
    }

    private Views.WarningView warning(Diagnostic d) {
        int line = d.position().line();
        return new Views.WarningView(d.rule(), words.rule(d.rule()), d.message(messages), line, anchorByLine.get(line));
    }

    /** Each peer's states in order, with the step-through place of the event that entered each. */
    List<Views.PathView> paths() {
        List<Views.PathView> out = new ArrayList<>();
        for (int p = 0; p < result.peers().size(); p++) {
            String id = result.peers().get(p);
            List<Views.PathStop> stops = new ArrayList<>();
            TcpState initial = p < result.initialStates().size() ? result.initialStates().get(p) : TcpState.CLOSED;
            stops.add(new Views.PathStop(Views.StateLink.of(initial, words), -1, ""));
            for (int i = 0; i < result.steps().size(); i++) {
                for (PeerChange change : result.steps().get(i).changes()) {
                    if (change.peer().equals(id) && change.changesState()) {
                        stops.add(new Views.PathStop(Views.StateLink.of(change.after(), words), stepThrough[i],
                                words.rule(change.rule().id())));
                    }
                }
            }
            out.add(new Views.PathView(peer(id), stops));
        }
        return out;
    }

    /** The cards of every block of the chapter, in order. */
    List<Views.BlockView> blocks() {
        List<Views.BlockView> out = new ArrayList<>();
        Map<String, Event.Send> inFlight = new HashMap<>();
        Map<String, Step> inFlightSteps = new HashMap<>();
        int number = 0;
        for (TcpBlock block : result.chapter().blocks()) {
            number++;
            List<Views.CardView> cards = new ArrayList<>();
            for (Event event : block.events()) {
                Integer index = stepIndex.get(event);
                Step step = index == null ? null : result.steps().get(index);
                if (event instanceof Event.Send send && send.flightName() != null) {
                    inFlight.put(send.flightName(), send);
                    inFlightSteps.put(send.flightName(), step);
                }
                cards.add(card(event, step, index == null ? null : stepView(index), inFlight, inFlightSteps));
            }
            List<Views.PeerView> blockPeers = result.peers().stream().map(this::peer).toList();
            out.add(new Views.BlockView("events-" + number, blockPeers, cards));
        }
        return out;
    }

    private Views.StepView stepView(int index) {
        if (stepThrough[index] < 0) {
            return null;
        }
        Step step = result.steps().get(index);
        List<Views.StateLink> states = step.statesAfter().stream().map(s -> Views.StateLink.of(s, words)).toList();
        int arrow = index < arrowLines.size() ? arrowLines.get(index) : -1;
        return new Views.StepView(stepThrough[index], states, arrow);
    }

    private static String anchor(Event event) {
        return "ev-" + event.position().line();
    }

    private Views.CardView card(Event event, Step step, Views.StepView place, Map<String, Event.Send> inFlight,
                                Map<String, Step> flightSteps) {
        String anchor = anchor(event);
        int line = event.position().line();
        List<Views.WarningView> warnings = warningsByLine.getOrDefault(line, List.of()).stream().map(this::warning).toList();
        if (event instanceof Event.Send send) {
            Segment s = send.segment();
            String delivery = switch (send.delivery()) {
                case DELIVERED -> "delivered";
                case IN_FLIGHT -> "in-flight";
                case LOST -> "lost";
            };
            // Data moves its sender's window when it leaves; an acknowledgment moves its receiver's when it arrives.
            String owner = s.length() > 0 ? send.from().id()
                    : send.delivery() == Event.Delivery.DELIVERED ? acknowledged(step, s, send.to().id()) : null;
            return new Views.SegmentCard("send", anchor, line, peer(send.from()), peer(send.to()), delivery, send.old(),
                    send.flightName(), flags(s), number(s.seq(), step == null ? -1 : step.seq()),
                    number(s.ack(), step == null ? -1 : step.ack()), s.data(), s.length(), s.window(), options(s),
                    marks(step), send.old() ? null : strip(step, owner), changes(step), warnings, place);
        }
        if (event instanceof Event.Arrival arrival) {
            Event.Send send = inFlight.get(arrival.flightName());
            Step sent = flightSteps.get(arrival.flightName());
            Segment s = send == null ? null : send.segment();
            String owner = s == null || s.length() > 0 || send.old() ? null : acknowledged(step, s, send.to().id());
            return new Views.SegmentCard("arrival", anchor, line, send == null ? null : peer(send.from()),
                    send == null ? null : peer(send.to()), "arrives", send != null && send.old(), arrival.flightName(),
                    s == null ? List.of() : flags(s), s == null ? null : number(s.seq(), sent == null ? -1 : sent.seq()),
                    s == null ? null : number(s.ack(), sent == null ? -1 : sent.ack()), s == null ? null : s.data(),
                    s == null ? 0 : s.length(), s == null ? null : s.window(), s == null ? List.of() : options(s),
                    marks(step), strip(step, owner), changes(step), warnings, place);
        }
        if (event instanceof Event.Call call) {
            return new Views.CallCard(anchor, line, peer(call.peer()), call.kind().name().toLowerCase(Locale.ROOT),
                    changes(step), warnings, place);
        }
        if (event instanceof Event.Wait wait) {
            return new Views.WaitCard(anchor, line, wait.label(), marks(step), changes(step), warnings, place);
        }
        if (event instanceof Event.Expect expect) {
            List<Views.ClaimView> claims = new ArrayList<>();
            for (Event.Claim claim : expect.claims()) {
                TcpState state = TcpState.parse(claim.state()).orElse(null);
                claims.add(new Views.ClaimView(peer(claim.peer()),
                        state == null ? new Views.StateLink(claim.state(), "", "", "") : Views.StateLink.of(state, words)));
            }
            return new Views.ExpectCard(anchor, line, claims, warnings);
        }
        Event.Note note = (Event.Note) event;
        return new Views.NoteCard(anchor, line, note.text(), note.peers().stream().map(this::peer).toList(), warnings);
    }

    /** What the step did to each peer it touched, in the order it touched them. */
    private List<Views.ChangeView> changes(Step step) {
        if (step == null) {
            return List.of();
        }
        List<Views.ChangeView> out = new ArrayList<>();
        for (PeerChange change : step.changes()) {
            out.add(new Views.ChangeView(peer(change.peer()), Views.StateLink.of(change.before(), words),
                    Views.StateLink.of(change.after(), words), change.changesState(), change.rule().id(),
                    change.rule().reference(), words.rule(change.rule().id())));
        }
        return out;
    }

    /**
     * The peer whose window an acknowledgment without data moves: its receiver, when that peer sends data in
     * this chapter and the step moved its window or counted a duplicate ACK for it; else none (a FIN, or the
     * ACKs of a handshake or a goodbye, move no window worth drawing).
     */
    private String acknowledged(Step step, Segment segment, String receiver) {
        boolean acknowledgment = segment.has(Flag.ACK) && !segment.has(Flag.SYN) && !segment.has(Flag.RST);
        if (step == null || !acknowledgment || !dataSenders.contains(receiver)) {
            return null;
        }
        int peer = result.peers().indexOf(receiver);
        int index = stepIndex.get(step.event());
        boolean moved = index == 0 || peer >= step.windows().size()
                || !sameStrip(step.windows().get(peer), result.steps().get(index - 1).windows().get(peer));
        boolean counted = step.marks().stream().anyMatch(mark -> mark.peer().equals(receiver));
        return moved || counted ? receiver : null;
    }

    /** Whether two windows draw the same strip: the same numbers on the sending side (what was received aside). */
    private static boolean sameStrip(PeerWindow a, PeerWindow b) {
        return a.acknowledged() == b.acknowledged() && a.inFlight() == b.inFlight() && a.sendWindow() == b.sendWindow()
                && a.cwnd() == b.cwnd() && a.ssthresh() == b.ssthresh();
    }

    /** The window of {@code owner} after the step, on the chapter's scale; null for no owner or no connection. */
    private Views.WindowStripView strip(Step step, String owner) {
        int index = owner == null || step == null ? -1 : result.peers().indexOf(owner);
        if (index < 0 || index >= step.windows().size()) {
            return null;
        }
        return WindowStrip.of(peer(owner), step.windows().get(index), scales.get(owner));
    }

    /** What the engine saw in the step, in the site's words. */
    private List<Views.MarkView> marks(Step step) {
        if (step == null) {
            return List.of();
        }
        List<Views.MarkView> out = new ArrayList<>();
        for (StepMark mark : step.marks()) {
            String key = "mark." + mark.kind().id();
            out.add(new Views.MarkView(mark.kind().id(), peer(mark.peer()),
                    words.get(key).replace("{n}", Integer.toString(mark.count())), words.get(key + ".title")));
        }
        return out;
    }

    /** The step's marks as one line of text, for a chart's table. */
    private String marksText(Step step) {
        StringJoiner out = new StringJoiner(" · ");
        for (Views.MarkView mark : marks(step)) {
            out.add((mark.kind().equals("timeout") || mark.kind().equals("probe-timeout")) ? mark.peer().label() + " " + mark.text() : mark.text());
        }
        return out.toString();
    }

    /** The options in the author's notation, in the order they are listed in the format. */
    private static List<Views.OptionView> options(Segment segment) {
        Options o = segment.options();
        if (o.isEmpty()) {
            return List.of();
        }
        List<Views.OptionView> out = new ArrayList<>();
        if (o.mss() != null) {
            out.add(new Views.OptionView("mss", o.mss().toString()));
        }
        if (o.wscale() != null) {
            out.add(new Views.OptionView("wscale", o.wscale().toString()));
        }
        if (o.sackOk() != null) {
            out.add(new Views.OptionView("sackOK", null));
        }
        o.sack().forEach(block -> out.add(new Views.OptionView("sack", block.toString())));
        if (o.ts() != null) {
            out.add(new Views.OptionView("ts", o.ts().toString()));
        }
        return out;
    }

    private static List<String> flags(Segment segment) {
        List<String> out = new ArrayList<>();
        for (Flag flag : segment.flags()) {
            out.add(flag.name());
        }
        return out;
    }

    /** The author's expression, with the engine's value beside it when that adds something. */
    private static Views.NumberView number(Operand written, long value) {
        if (written == null) {
            return value >= 0 ? new Views.NumberView(Long.toString(value), null) : null;
        }
        String text = written.expr().toString();
        String known = value >= 0 && !written.expr().isNumber() ? Long.toString(value) : null;
        return new Views.NumberView(text, known);
    }

    private Views.PeerView peer(PeerRef ref) {
        return ref == null ? null : peer(ref.id());
    }

    private Views.PeerView peer(String id) {
        Views.PeerView known = peers.get(id);
        return known != null ? known : new Views.PeerView(id, id, 0, null);
    }
}
