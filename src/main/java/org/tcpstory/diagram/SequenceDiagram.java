package org.tcpstory.diagram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.PeerChange;
import org.tcpstory.engine.Step;
import org.tcpstory.engine.TcpState;
import org.tcpstory.story.Diagnostic;
import org.tcpstory.story.Event;
import org.tcpstory.story.Flag;
import org.tcpstory.story.PeerRef;
import org.tcpstory.story.Segment;

/**
 * A chapter as a sequence diagram in the style of the textbook figures: one lifeline per peer, one
 * slanted arrow per segment labelled in the author's notation, and each peer's new state written beside
 * its lifeline (the first peer's on the left, the second's on the right) where it changes.
 *
 * <p>It uses PlantUML's teoz engine, whose {@code &} starts an element on the same row as the previous
 * one: segments in flight at the same time ({@code ~>}) are drawn from the same height and cross, and a
 * sender's new state sits level with the start of its arrow. Lost segments end in a cross ({@code ->x},
 * which teoz cannot slant); old duplicates are dashed and labelled; {@code wait} is a delay; {@code expect}
 * lines are not drawn (the states already show); an event with an error is drawn in the error colour.
 */
public final class SequenceDiagram {

    /** Vertical drop of a segment that arrives at once, in pixels: time passes on the wire. */
    static final int SLANT = 14;

    /** Vertical drop of a segment sent with {@code ~>}: long enough for two of them to cross visibly. */
    static final int FLIGHT_SLANT = 36;

    /** Labels up to this length stay on one line above a crossing: two of them fit side by side. */
    static final int SHORT_LABEL = 16;

    private SequenceDiagram() {
    }

    /** The PlantUML source of the chapter's sequence diagram. */
    public static String source(ChapterResult result, Theme theme) {
        return new Writer(result, theme).write();
    }

    /** The writer of one diagram: the lines so far and what later lines need to know. */
    private static final class Writer {
        private final ChapterResult result;
        private final Theme theme;
        private final List<String> peers;
        private final StringBuilder out = new StringBuilder();
        /** In-flight segments by name, with the row their arrow was drawn on. */
        private final Map<String, Flight> flights = new HashMap<>();
        /** Steps (indices) whose in-flight arrow is drawn on the same row as the step before. */
        private final Set<Integer> joinsPrevious = new HashSet<>();
        /** Steps whose in-flight segment arrives after other arrows were drawn. */
        private final Set<Integer> late = new HashSet<>();
        /** Steps whose in-flight arrow crosses another one: their labels are split in two lines. */
        private final Set<Integer> crossing = new HashSet<>();
        /** The widest label line of each arrow of the crossing pair being written. */
        private final List<String> crossingLabels = new ArrayList<>();
        /** Rows that hold arrows, counted so an arrival can tell whether other arrows came in between. */
        private int arrowRow;

        private record Flight(Event.Send send, int row) {
        }

        Writer(ChapterResult result, Theme theme) {
            this.result = result;
            this.theme = theme;
            this.peers = result.peers();
        }

        String write() {
            out.append("@startuml\n");
            out.append("!pragma teoz true\n");
            out.append(theme.skinparams(CjkFonts.family()));
            out.append("skinparam NoteTextAlignment center\n");
            // Groups are only used to hold crossing arrows (see send): never drawn.
            out.append("skinparam SequenceGroupBorderColor transparent\n");
            out.append("skinparam SequenceGroupBorderThickness 0\n");
            out.append("skinparam SequenceGroupBackgroundColor transparent\n");
            out.append("skinparam SequenceGroupHeaderFontColor transparent\n");
            out.append("skinparam SequenceGroupFontColor transparent\n");
            participants();
            initialStates();
            findCrossings();
            findLateArrivals();
            List<Step> steps = result.steps();
            for (int i = 0; i < steps.size(); i++) {
                step(i, steps.get(i));
            }
            out.append("@enduml\n");
            return out.toString();
        }

        private void participants() {
            List<String> labels = PeerLabels.of(result);
            for (int i = 0; i < labels.size(); i++) {
                out.append("participant \"").append(PlantUmlText.escape(labels.get(i))).append("\" as ")
                        .append(alias(i)).append(' ').append(theme.peerTint(i)).append('\n');
            }
        }

        private void initialStates() {
            List<TcpState> initial = result.initialStates();
            for (int i = 0; i < initial.size() && i < peers.size(); i++) {
                // Over the lifeline at the top: where each peer starts.
                out.append(i == 0 ? "" : "& ").append("hnote over ").append(alias(i)).append(' ')
                        .append(stateColours(initial.get(i))).append(" : ").append(initial.get(i).displayName())
                        .append('\n');
            }
        }

        /**
         * In-flight sends that follow each other from different senders, with nothing drawn between them,
         * leave on the same row: that is what makes them cross.
         */
        private void findCrossings() {
            List<Step> steps = result.steps();
            int previousFlight = -1;
            for (int i = 0; i < steps.size(); i++) {
                Event event = steps.get(i).event();
                if (event instanceof Event.Send send && send.delivery() == Event.Delivery.IN_FLIGHT && drawable(send)
                        && steps.get(i).diagnostics().isEmpty()) {
                    if (previousFlight >= 0 && !joinsPrevious.contains(previousFlight)
                            && !sender(steps.get(previousFlight)).equals(send.from().id())) {
                        joinsPrevious.add(i);
                        crossing.add(i);
                        crossing.add(previousFlight);
                        previousFlight = -1;
                    } else {
                        previousFlight = i;
                    }
                } else if (drawn(steps.get(i))) {
                    previousFlight = -1;
                }
            }
        }

        /**
         * In-flight sends whose arrival comes after other arrows: their arrow cannot reach the receiver at
         * the right height, so it says its name ("as syn") and the arrival says "syn arrives".
         */
        private void findLateArrivals() {
            List<Step> steps = result.steps();
            Map<String, Integer> open = new HashMap<>();
            Map<String, Boolean> passed = new HashMap<>();
            int lastFlight = -1;
            for (int i = 0; i < steps.size(); i++) {
                Event event = steps.get(i).event();
                if (event instanceof Event.Arrival arrival && open.containsKey(arrival.flightName())) {
                    if (passed.getOrDefault(arrival.flightName(), false)) {
                        late.add(open.get(arrival.flightName()));
                    }
                    open.remove(arrival.flightName());
                } else if (event instanceof Event.Send send && drawable(send)) {
                    boolean inFlight = send.delivery() == Event.Delivery.IN_FLIGHT && send.flightName() != null;
                    for (String name : open.keySet()) {
                        // The partner of a crossing pair leaves on the same row: it does not pass it.
                        if (!(joinsPrevious.contains(i) && open.get(name) == lastFlight)) {
                            passed.put(name, true);
                        }
                    }
                    if (inFlight) {
                        open.put(send.flightName(), i);
                        passed.put(send.flightName(), false);
                        lastFlight = i;
                    }
                }
            }
        }

        private static String sender(Step step) {
            return ((Event.Send) step.event()).from().id();
        }

        /** Whether a step puts anything in the diagram; a clean {@code expect} does not. */
        private static boolean drawn(Step step) {
            return !(step.event() instanceof Event.Expect) || !step.diagnostics().isEmpty();
        }

        private void step(int index, Step step) {
            boolean error = step.diagnostics().stream().anyMatch(Diagnostic::isError);
            Event event = step.event();
            if (event instanceof Event.Send send && drawable(send)) {
                send(index, step, send, error);
            } else if (event instanceof Event.Arrival arrival) {
                arrival(step, arrival, error);
            } else if (event instanceof Event.Call call) {
                call(step, call, error);
            } else if (event instanceof Event.Wait wait) {
                String label = PlantUmlText.escape(wait.label());
                out.append("...").append(error ? "<color:" + theme.error() + ">" + label + "</color>" : label)
                        .append("...\n");
                changes(step.changes(), error);
            } else if (event instanceof Event.Note note) {
                note(note, error);
            } else if (error) {
                // An expect that does not hold, or a send that cannot be drawn as an arrow.
                errorNote(step);
                changes(step.changes(), true);
            }
        }

        /** An arrow needs two different, declared peers. */
        private boolean drawable(Event.Send send) {
            return peers.contains(send.from().id()) && peers.contains(send.to().id())
                    && !send.from().id().equals(send.to().id());
        }

        private void send(int index, Step step, Event.Send send, boolean error) {
            String from = send.from().id();
            String to = send.to().id();
            boolean joins = joinsPrevious.contains(index);
            if (!joins) {
                arrowRow++;
            }
            List<String> lines = new ArrayList<>();
            if (send.old()) {
                lines.add("<i>old duplicate</i>");
            }
            lines.addAll(crossing.contains(index) ? splitLabel(send.segment())
                    : List.of(PlantUmlText.escape(send.segment().label())));
            if (late.contains(index)) {
                lines.add("<i>as " + PlantUmlText.escape(send.flightName()) + "</i>");
            }
            String colour = error ? theme.error() : send.old() ? theme.muted() : null;
            String arrow = switch (send.delivery()) {
                case DELIVERED -> arrow(colour, send.old()) + "(" + SLANT + ")";
                case IN_FLIGHT -> arrow(colour, send.old()) + "(" + FLIGHT_SLANT + ")";
                case LOST -> arrow(colour, send.old()) + "x";
            };
            if (crossing.contains(index) && !joins) {
                // An invisible group: teoz keeps parallel arrows of different senders apart (and pads the
                // diagram's left edge by a lifeline gap) unless they share a group.
                out.append("group\n");
                crossingLabels.clear();
            }
            crossingLabels.add(widest(lines));
            out.append(joins ? "& " : "").append(alias(from)).append(' ').append(arrow).append(' ')
                    .append(alias(to)).append(" : ").append(text(lines, colour)).append('\n');
            if (send.delivery() == Event.Delivery.IN_FLIGHT && send.flightName() != null) {
                flights.put(send.flightName(), new Flight(send, arrowRow));
            }
            // The sender's new state is level with the start of its arrow; the receiver's comes after.
            List<PeerChange> atSender = step.changes().stream().filter(c -> c.peer().equals(from)).toList();
            List<PeerChange> atReceiver = step.changes().stream().filter(c -> !c.peer().equals(from)).toList();
            boolean first = true;
            for (PeerChange change : atSender) {
                if (change.changesState()) {
                    out.append(first ? "& " : "").append(stateNote(change.peer(), change.after(), error));
                    first = false;
                }
            }
            changes(atReceiver, error);
            if (joins) {
                // The labels of crossing arrows sit side by side above the crossing: a hidden message as
                // wide as both keeps the lifelines far enough apart for them.
                out.append("& ").append(alias(to)).append(" -[hidden]> ").append(alias(from)).append(" : ")
                        .append(String.join("MMMM", crossingLabels)).append('\n');
                out.append("end\n");
            }
        }

        /** The longest of a label's lines: the one that sets its width. */
        private static String widest(List<String> lines) {
            return lines.stream().flatMap(line -> Arrays.stream(line.split("\\\\n")))
                    .max(Comparator.comparingInt(String::length)).orElse("");
        }

        private String arrow(String colour, boolean dashed) {
            if (colour == null && !dashed) {
                return "->";
            }
            StringJoiner style = new StringJoiner(",", "-[", "]");
            if (colour != null) {
                style.add(colour);
            }
            if (dashed) {
                style.add("dashed");
            }
            return style + ">";
        }

        private void arrival(Step step, Event.Arrival arrival, boolean error) {
            Flight flight = flights.get(arrival.flightName());
            if (flight == null || error) {
                errorNote(step);
            } else if (flight.row() != arrowRow) {
                // Other arrows were drawn since it left: say which segment this is.
                int receiver = peers.indexOf(flight.send().to().id());
                out.append("note ").append(side(receiver)).append(' ').append(alias(receiver)).append(" : ")
                        .append(text(List.of("<i>" + PlantUmlText.escape(arrival.flightName()) + " arrives</i>"),
                                theme.muted()))
                        .append('\n');
            }
            changes(step.changes(), error);
        }

        private void call(Step step, Event.Call call, boolean error) {
            int peer = peers.indexOf(call.peer().id());
            if (peer < 0) {
                errorNote(step);
                return;
            }
            String word = call.kind().name().toLowerCase(Locale.ROOT);
            out.append("rnote over ").append(alias(peer)).append(" : ")
                    .append(text(List.of("<i>" + word + "</i>"), error ? theme.error() : null)).append('\n');
            changes(step.changes(), error);
        }

        private void note(Event.Note note, boolean error) {
            List<Integer> over = new ArrayList<>();
            for (PeerRef ref : note.peers()) {
                int index = peers.indexOf(ref.id());
                if (index >= 0 && !over.contains(index)) {
                    over.add(index);
                }
            }
            if (over.isEmpty() || over.size() < note.peers().size()) {
                over = allPeers();
                error = true;
            }
            out.append("note over ").append(aliases(over)).append(' ').append(noteColours(error)).append(" : ")
                    .append(text(List.of(PlantUmlText.escape(note.text())), error ? theme.error() : null))
                    .append('\n');
        }

        /**
         * A note in the error colour with the event's own line, where the event has no arrow to colour:
         * over the peers an {@code expect} names, else over all.
         */
        private void errorNote(Step step) {
            if (peers.isEmpty()) {
                return;
            }
            List<Integer> over = new ArrayList<>();
            if (step.event() instanceof Event.Expect expect) {
                expect.claims().stream().map(claim -> peers.indexOf(claim.peer().id()))
                        .filter(i -> i >= 0 && !over.contains(i)).forEach(over::add);
            }
            String line = result.chapter().line(step.event().position().line()).strip();
            out.append("rnote over ").append(aliases(over.isEmpty() ? allPeers() : over)).append(' ')
                    .append(noteColours(true)).append(" : ")
                    .append(text(List.of(PlantUmlText.escape(line)), theme.error())).append('\n');
        }

        /**
         * State changes of one event. Changes of different peers share a row (they happen at one moment);
         * a second change of the same peer (FIN-WAIT-1, then FIN-WAIT-2, then TIME-WAIT) goes below.
         */
        private void changes(List<PeerChange> changes, boolean error) {
            Set<String> onRow = new HashSet<>();
            for (PeerChange change : changes) {
                if (!change.changesState() || !peers.contains(change.peer())) {
                    continue;
                }
                boolean sameRow = !onRow.isEmpty() && !onRow.contains(change.peer());
                if (!sameRow) {
                    onRow.clear();
                }
                onRow.add(change.peer());
                out.append(sameRow ? "& " : "").append(stateNote(change.peer(), change.after(), error));
            }
        }

        private String stateNote(String peer, TcpState state, boolean error) {
            int index = peers.indexOf(peer);
            String name = state.displayName();
            return "hnote " + side(index) + ' ' + alias(index) + ' ' + stateColours(state) + " : "
                    + (error ? "<color:" + theme.error() + ">" + name + "</color>" : name) + '\n';
        }

        private String stateColours(TcpState state) {
            return theme.stateFill(state) + ";line:" + theme.stateBorder(state).substring(1);
        }

        private String noteColours(boolean error) {
            return theme.noteFill() + ";line:" + (error ? theme.error() : theme.muted()).substring(1);
        }

        /** Each line coloured on its own: creole does not carry a colour across a line break. */
        private static String text(List<String> escapedLines, String colour) {
            StringJoiner joined = new StringJoiner(PlantUmlText.LINE_BREAK);
            for (String line : escapedLines) {
                for (String part : line.split("\\\\n", -1)) {
                    joined.add(colour == null ? part : "<color:" + colour + ">" + part + "</color>");
                }
            }
            return joined.toString();
        }

        /**
         * A crossing arrow's label on two lines (flags, then fields), so that two labels fit side by side
         * above the crossing.
         */
        private static List<String> splitLabel(Segment segment) {
            String label = segment.label();
            if (label.length() <= SHORT_LABEL) {
                return List.of(PlantUmlText.escape(label));
            }
            StringJoiner flags = new StringJoiner(", ");
            for (Flag flag : segment.flags()) {
                flags.add(flag.name() + "=1");
            }
            String head = flags.toString();
            if (head.isEmpty() || !label.startsWith(head + ", ")) {
                return List.of(PlantUmlText.escape(label));
            }
            return List.of(PlantUmlText.escape(head + ","), PlantUmlText.escape(label.substring(head.length() + 2)));
        }

        private List<Integer> allPeers() {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < peers.size(); i++) {
                all.add(i);
            }
            return all;
        }

        private String aliases(List<Integer> indices) {
            StringJoiner joined = new StringJoiner(", ");
            indices.forEach(i -> joined.add(alias(i)));
            return joined.toString();
        }

        private String alias(String peer) {
            return alias(peers.indexOf(peer));
        }

        /** Generated: an author's id never reaches PlantUML. */
        private static String alias(int index) {
            return "p" + index;
        }

        /** The first peer's notes go on its left, the other's on its right: outside the arrows. */
        private static String side(int index) {
            return index == 0 ? "left of" : "right of";
        }
    }
}
