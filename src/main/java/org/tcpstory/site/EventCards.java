package org.tcpstory.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.PeerChange;
import org.tcpstory.engine.Step;
import org.tcpstory.engine.TcpState;
import org.tcpstory.story.Event;
import org.tcpstory.story.Flag;
import org.tcpstory.story.Operand;
import org.tcpstory.story.PeerRef;
import org.tcpstory.story.Segment;
import org.tcpstory.story.TcpBlock;

/** Turns the engine's steps for a chapter into the cards of each {@code tcp} block. */
final class EventCards {

    private final ChapterResult result;
    private final Map<String, Views.PeerView> peers = new HashMap<>();
    private final Map<Event, Step> steps = new IdentityHashMap<>();

    EventCards(ChapterResult result, List<Views.PeerView> peerViews) {
        this.result = result;
        for (Views.PeerView peer : peerViews) {
            peers.put(peer.id(), peer);
        }
        for (Step step : result.steps()) {
            steps.put(step.event(), step);
        }
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
                Step step = steps.get(event);
                if (event instanceof Event.Send send && send.flightName() != null) {
                    inFlight.put(send.flightName(), send);
                    inFlightSteps.put(send.flightName(), step);
                }
                cards.add(card(event, step, inFlight, inFlightSteps));
            }
            List<Views.PeerView> blockPeers = result.peers().stream().map(this::peer).toList();
            out.add(new Views.BlockView("events-" + number, blockPeers, cards));
        }
        return out;
    }

    private Views.CardView card(Event event, Step step, Map<String, Event.Send> inFlight, Map<String, Step> flightSteps) {
        String anchor = "ev-" + event.position().line();
        int line = event.position().line();
        List<String> warnings = step == null ? List.of()
                : step.diagnostics().stream().filter(d -> !d.isError()).map(Diagnostic::message).toList();
        if (event instanceof Event.Send send) {
            Segment s = send.segment();
            String delivery = switch (send.delivery()) {
                case DELIVERED -> "delivered";
                case IN_FLIGHT -> "in-flight";
                case LOST -> "lost";
            };
            return new Views.SegmentCard("send", anchor, line, peer(send.from()), peer(send.to()), delivery, send.old(),
                    send.flightName(), flags(s), number(s.seq(), step == null ? -1 : step.seq()),
                    number(s.ack(), step == null ? -1 : step.ack()), s.data(), s.length(), s.window(),
                    changes(step, true), warnings);
        }
        if (event instanceof Event.Arrival arrival) {
            Event.Send send = inFlight.get(arrival.flightName());
            Step sent = flightSteps.get(arrival.flightName());
            Segment s = send == null ? null : send.segment();
            return new Views.SegmentCard("arrival", anchor, line, send == null ? null : peer(send.from()),
                    send == null ? null : peer(send.to()), "arrives", send != null && send.old(), arrival.flightName(),
                    s == null ? List.of() : flags(s), s == null ? null : number(s.seq(), sent == null ? -1 : sent.seq()),
                    s == null ? null : number(s.ack(), sent == null ? -1 : sent.ack()), s == null ? null : s.data(),
                    s == null ? 0 : s.length(), s == null ? null : s.window(), changes(step, true), warnings);
        }
        if (event instanceof Event.Call call) {
            return new Views.CallCard(anchor, line, peer(call.peer()), call.kind().name().toLowerCase(Locale.ROOT),
                    changes(step, true), warnings);
        }
        if (event instanceof Event.Wait wait) {
            return new Views.WaitCard(anchor, line, wait.label(), changes(step, false), warnings);
        }
        if (event instanceof Event.Expect expect) {
            List<Views.ClaimView> claims = new ArrayList<>();
            for (Event.Claim claim : expect.claims()) {
                TcpState state = TcpState.parse(claim.state()).orElse(null);
                claims.add(new Views.ClaimView(peer(claim.peer()),
                        state == null ? new Views.StateLink(claim.state(), "", "", "") : Views.StateLink.of(state)));
            }
            return new Views.ExpectCard(anchor, line, claims, warnings);
        }
        Event.Note note = (Event.Note) event;
        return new Views.NoteCard(anchor, line, note.text(), note.peers().stream().map(this::peer).toList(), warnings);
    }

    /** The peers the step touched, in the order it touched them, then (if wanted) the others staying put. */
    private List<Views.ChangeView> changes(Step step, boolean withBystanders) {
        if (step == null) {
            return List.of();
        }
        List<Views.ChangeView> out = new ArrayList<>();
        Set<String> touched = new LinkedHashSet<>();
        for (PeerChange change : step.changes()) {
            touched.add(change.peer());
            out.add(new Views.ChangeView(peer(change.peer()), Views.StateLink.of(change.before()),
                    Views.StateLink.of(change.after()), change.changesState(), true, change.rule().id(),
                    change.rule().reference(), change.rule().summary()));
        }
        if (withBystanders) {
            for (int i = 0; i < result.peers().size() && i < step.statesAfter().size(); i++) {
                String id = result.peers().get(i);
                if (!touched.contains(id)) {
                    Views.StateLink state = Views.StateLink.of(step.statesAfter().get(i));
                    out.add(new Views.ChangeView(peer(id), state, state, false, false, "", "", ""));
                }
            }
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
