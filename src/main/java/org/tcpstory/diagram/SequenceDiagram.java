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
import java.util.regex.Pattern;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.PeerChange;
import org.tcpstory.engine.Step;
import org.tcpstory.engine.StepMark;
import org.tcpstory.engine.TcpState;
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
 *
 * <p>Options sit on a line of their own under the fields, in short ({@link ArrowLabel}); what the engine saw
 * in an event (a retransmission, a zero-window probe, the n-th duplicate ACK, a window update) is an italic
 * line above them; a {@code wait RTO} marks the lifeline of each peer whose timer expired.
 *
 * <p>For slides, {@link #frame} draws the conversation only up to one event, as one image of a build-up:
 * the newest arrow thick and in its sender's colour with a bold label, its new states in bold, the earlier
 * arrows muted. A segment still in flight at that moment is an arrow that has left its sender and stops
 * short of the receiver, so two FINs that cross are both seen on the wire; a lost one stops half-way at its
 * cross; timers are written in the text colour. {@link #frameSteps} says which events get a frame.
 */
public final class SequenceDiagram {

    /** A line break a label's text writes as backslash n (split on for every label of every diagram). */
    private static final Pattern ESCAPED_BREAK = Pattern.compile("\\\\n");

    /** Vertical drop of a segment that arrives at once, in pixels: time passes on the wire. */
    static final int SLANT = 14;

    /** Vertical drop of a segment sent with {@code ~>}: long enough for two of them to cross visibly. */
    static final int FLIGHT_SLANT = 36;

    /** Labels up to this length stay on one line above a crossing: two of them fit side by side. */
    static final int SHORT_LABEL = 16;

    /** The stereotype of the newest arrow of a build-up frame, drawn {@link #NEWEST_THICKNESS} thick. */
    static final String NEWEST = "newest";

    /** The line width of the newest arrow of a build-up frame; other arrows are 1.2 (see Theme). */
    static final int NEWEST_THICKNESS = 3;

    /** Text colour of what a build-up frame lays out but does not show yet. */
    private static final String INVISIBLE = "transparent";

    /** Extra width of the invisible spacers of a build-up frame: three no-break spaces. */
    private static final String SPACER_PADDING = "<U+00A0><U+00A0><U+00A0>";

    /** Fill and border of a note a build-up frame lays out but does not show yet. */
    private static final String INVISIBLE_SHAPE = "#transparent;line:transparent";

    /** Earlier arrows of a build-up frame on paper: grey enough to recede, dark enough to photocopy. */
    static final String PRINT_FADED = "#A0A0A0";

    /**
     * The two invisible participants between the peers of a build-up frame, where an arrow still in flight or
     * lost stops: {@code MIDWAY[0]} about a third of the way from the first peer, {@code MIDWAY[1]} as far from
     * the second.
     */
    static final String[] MIDWAY = {"m0", "m1"};

    /** The stereotype that hides the {@link #MIDWAY} participants: box, name and lifeline. */
    private static final String MIDWAY_STYLE = "midway";

    /** Shares of the distance between the peers: first peer to MIDWAY[0], between the two, MIDWAY[1] to second. */
    private static final double[] MIDWAY_SHARES = {0.34, 0.26, 0.34};

    /** The vertical drop of an arrow in flight, which covers about a third of the way: a third of a whole one. */
    static final int PARTIAL_SLANT = FLIGHT_SLANT / 3;

    /** The colour of the line of an arrow whose label shows while its line does not. */
    private static final String TRANSPARENT_LINE = "#transparent";

    private SequenceDiagram() {
    }

    /** The PlantUML source of the chapter's sequence diagram. */
    public static String source(ChapterResult result, Theme theme) {
        return drawing(result, theme, DiagramWords.ENGLISH).source();
    }

    /**
     * The chapter's sequence diagram, and where each step's arrow is in it.
     *
     * @param source     the PlantUML source
     * @param arrowLines for each step (an index into {@link ChapterResult#steps()}), the 0-based line of the
     *                   source that draws its arrow, or -1 when it draws none; for the arrival of a segment in
     *                   flight, its send's arrow. PlantUML writes this line into the SVG as the
     *                   {@code data-source-line} of the arrow's {@code <g class="message">}.
     */
    public record Drawing(String source, List<Integer> arrowLines) {
    }

    /** The chapter's sequence diagram with its marks in the given words, and where each step's arrow is. */
    public static Drawing drawing(ChapterResult result, Theme theme, DiagramWords words) {
        Writer writer = new Writer(result, theme, result.steps().size() - 1, false, words);
        String source = writer.write();
        return new Drawing(source, writer.arrowLines());
    }

    /**
     * One frame of a build-up: the conversation up to and including step {@code last} (an index into
     * {@link ChapterResult#steps()}), with that step emphasised (its arrow thick, in its sender's colour,
     * with a bold label; its new states and notes in bold) and the arrows before it muted. When the step is
     * the arrival of an in-flight segment, that segment's arrow is the one emphasised. Layout decisions
     * (which arrows cross, which arrivals are named) are those of the whole chapter, so an arrow looks the
     * same in every frame it is in.
     *
     * @throws IndexOutOfBoundsException when {@code last} is not the index of a step
     */
    public static String frame(ChapterResult result, Theme theme, int last) {
        if (last < 0 || last >= result.steps().size()) {
            throw new IndexOutOfBoundsException("step " + last + " of " + result.steps().size());
        }
        return new Writer(result, theme, last, true, DiagramWords.ENGLISH).write();
    }

    /**
     * A sequence diagram's source for a slide, where height is short: without the participants' boxes at the
     * foot of the lifelines (their names are at the top).
     */
    public static String forSlide(String source) {
        int end = source.lastIndexOf("@enduml");
        return end < 0 ? source : source.substring(0, end) + "hide footbox\n" + source.substring(end);
    }

    /**
     * The steps that add something to the diagram, in order: the steps a build-up shows one frame each.
     * A clean {@code expect} draws nothing and gets no frame.
     */
    public static List<Integer> frameSteps(ChapterResult result) {
        Writer writer = new Writer(result, Theme.LIGHT, result.steps().size() - 1, false, DiagramWords.ENGLISH);
        writer.write();
        return List.copyOf(writer.drawnSteps);
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
        /** The index of the last step drawn. */
        private final int last;
        /** Whether this is a build-up frame: the last step emphasised, earlier arrows muted. */
        private final boolean buildUp;
        /** The sends whose arrow a build-up frame emphasises: its last step, or the send it is the arrival of. */
        private final Set<Integer> emphasised = new HashSet<>();
        /** The steps that wrote something, in order. */
        private final List<Integer> drawnSteps = new ArrayList<>();
        /** The step being written, or -1 before the first. */
        private int current = -1;
        /** The send whose row carries the build-up's width spacer (see {@link #spacer}), or -1. */
        private int spacerStep = -1;
        /** Whether this build-up draws arrows that stop short of their receiver (see {@link #MIDWAY}). */
        private final boolean midway;
        /** Each in-flight send (index) and the step (index) of its arrival. */
        private final Map<Integer, Integer> arrivals = new HashMap<>();

        /** The words of the marks the diagram draws. */
        private final DiagramWords words;
        /** The 0-based source line of each step's arrow (see {@link Drawing}), by step index. */
        private final Map<Integer, Integer> arrowLine = new HashMap<>();
        /** Lines of {@link #out} counted so far: those that end before {@link #counted}. */
        private int lines;
        private int counted;
        /** The step that sent each in-flight segment, by name, as the steps are written. */
        private final Map<String, Integer> sentBy = new HashMap<>();

        private record Flight(Event.Send send, int row) {
        }

        Writer(ChapterResult result, Theme theme, int last, boolean buildUp, DiagramWords words) {
            this.result = result;
            this.theme = theme;
            this.words = words;
            this.peers = result.peers();
            this.last = last;
            this.buildUp = buildUp;
            findArrivals();
            this.midway = buildUp && peers.size() == 2 && result.steps().stream().anyMatch(step ->
                    step.event() instanceof Event.Send send && drawable(send)
                            && send.delivery() != Event.Delivery.DELIVERED);
            if (buildUp) {
                emphasised.add(last);
                if (result.steps().get(last).event() instanceof Event.Arrival arrival) {
                    for (int i = last - 1; i >= 0; i--) {
                        if (result.steps().get(i).event() instanceof Event.Send send
                                && send.delivery() == Event.Delivery.IN_FLIGHT
                                && arrival.flightName().equals(send.flightName())) {
                            emphasised.add(i);
                            break;
                        }
                    }
                }
            }
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
            if (buildUp) {
                out.append("<style>\n.").append(NEWEST).append(" {\n  LineThickness ").append(NEWEST_THICKNESS)
                        .append("\n}\n</style>\n");
            }
            findCrossings();
            findLateArrivals();
            participants();
            initialStates();
            List<Step> steps = result.steps();
            if (buildUp) {
                spacerStep = firstPlainSend();
            }
            // A frame writes every step too: those after its last one invisibly, so that every frame of a
            // build-up has the size and layout of the whole diagram and nothing moves from slide to slide.
            for (int i = 0; i < steps.size(); i++) {
                current = i;
                int before = out.length();
                step(i, steps.get(i));
                if (out.length() > before) {
                    drawnSteps.add(i);
                }
            }
            current = -1;
            out.append("@enduml\n");
            return out.toString();
        }

        private void participants() {
            List<String> labels = PeerLabels.of(result);
            if (midway) {
                out.append("<style>\n.").append(MIDWAY_STYLE).append(" {\n  LineColor transparent\n")
                        .append("  BackGroundColor transparent\n  FontColor transparent\n}\n</style>\n");
                out.append("hide stereotype\n");
            }
            for (int i = 0; i < labels.size(); i++) {
                out.append("participant \"").append(PlantUmlText.escape(labels.get(i))).append("\" as ")
                        .append(alias(i)).append(' ').append(theme.peerTint(i)).append('\n');
                if (midway && i == 0) {
                    for (String mid : MIDWAY) {
                        out.append("participant \" \" as ").append(mid).append(" <<").append(MIDWAY_STYLE)
                                .append(">>\n");
                    }
                }
            }
        }

        /** The step each in-flight send arrives at, by the {@code as NAME} the arrival names. */
        private void findArrivals() {
            List<Step> steps = result.steps();
            Map<String, Integer> open = new HashMap<>();
            for (int i = 0; i < steps.size(); i++) {
                Event event = steps.get(i).event();
                if (event instanceof Event.Send send && send.delivery() == Event.Delivery.IN_FLIGHT
                        && send.flightName() != null) {
                    open.put(send.flightName(), i);
                } else if (event instanceof Event.Arrival arrival && open.containsKey(arrival.flightName())) {
                    arrivals.put(open.remove(arrival.flightName()), i);
                }
            }
        }

        /**
         * Hidden arrows whose invisible labels place the {@link #MIDWAY} participants at their shares of the
         * distance the widest label sets between the peers.
         */
        private void midwaySpacers() {
            // What sets that distance: a whole label, or the two labels side by side above a crossing.
            double between = 0;
            double pending = 0;
            List<Step> steps = result.steps();
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).event() instanceof Event.Send send && drawable(send)) {
                    double width = labelLines(i, send).stream().mapToDouble(LabelWidth::bold).max().orElse(0);
                    if (!crossing.contains(i)) {
                        between = Math.max(between, width);
                        continue;
                    }
                    if (joinsPrevious.contains(i)) {
                        between = Math.max(between, pending + LabelWidth.bold("MMMM") + width);
                    }
                    pending = width;
                }
            }
            String[] stops = {alias(0), MIDWAY[0], MIDWAY[1], alias(1)};
            double em = LabelWidth.bold("M");
            for (int i = 0; i < MIDWAY_SHARES.length; i++) {
                int ems = Math.max(1, (int) Math.round(between * MIDWAY_SHARES[i] / em));
                out.append("& ").append(stops[i]).append(" -[hidden]> ").append(stops[i + 1]).append(" : <b>")
                        .append("M".repeat(ems)).append("</b>\n");
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
            if (buildUp) {
                stateSpacers();
            }
            if (midway) {
                midwaySpacers();
            }
        }

        /**
         * Invisible notes beside the initial states, as wide as the widest state each peer enters, in bold: in
         * a build-up the newest states are bold, and would otherwise push a lifeline aside in their frame.
         */
        private void stateSpacers() {
            for (int i = 0; i < peers.size(); i++) {
                String widest = "";
                double width = 0;
                for (TcpState state : result.path(peers.get(i))) {
                    double w = LabelWidth.bold(state.displayName());
                    if (w > width) {
                        width = w;
                        widest = state.displayName();
                    }
                }
                // A little wider still: a state note inside the group of a crossing pair gets the group's margin.
                out.append("& hnote ").append(side(i)).append(' ').append(alias(i)).append(' ')
                        .append(INVISIBLE_SHAPE).append(" : <color:").append(INVISIBLE).append("><b>").append(widest)
                        .append(SPACER_PADDING).append("</b></color>\n");
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
                String label = bold(PlantUmlText.escape(wait.label()));
                // The delay's own colour is muted; a build-up is projected, where muted grey is lost: there
                // every timer is in the text colour.
                String colour = future() ? INVISIBLE : error ? theme.error() : buildUp ? theme.text() : null;
                out.append("...").append(colour != null ? "<color:" + colour + ">" + label + "</color>" : label)
                        .append("...\n");
                timers(step, error);
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
                lines.add("<i>" + PlantUmlText.escape(words.oldDuplicate()) + "</i>");
            }
            List<String> label = labelLines(index, send);
            for (int i = 0; i < label.size(); i++) {
                if (!label.get(i).isEmpty()) {
                    // The first line says what the engine saw: in italics, as the diagram's own words.
                    lines.add(i == 0 ? "<i>" + PlantUmlText.escape(label.get(i)) + "</i>" : PlantUmlText.escape(label.get(i)));
                }
            }
            if (late.contains(index)) {
                lines.add("<i>" + DiagramWords.fill(words.as(), PlantUmlText.escape(send.flightName())) + "</i>");
            }
            boolean newest = emphasised.contains(index);
            String colour = error ? theme.error() : send.old() ? theme.muted() : null;
            if (buildUp && !error) {
                colour = newest ? newestColour(peers.indexOf(from)) : fadedColour();
            }
            // In a frame, a segment on the wire (sent, not yet arrived) or lost is a short arrow to MIDWAY; the
            // whole arrow is still written, its line transparent, so that its label and the layout stay put.
            boolean onTheWire = midway && !future() && send.delivery() != Event.Delivery.DELIVERED
                    && (send.delivery() == Event.Delivery.LOST || arrivals.getOrDefault(index, Integer.MAX_VALUE) > last);
            boolean partial = midway && send.delivery() != Event.Delivery.DELIVERED;
            String head = future() ? "-[hidden]>" : onTheWire ? arrow(TRANSPARENT_LINE, false) : arrow(colour, send.old());
            String arrow = switch (send.delivery()) {
                case DELIVERED -> head + "(" + SLANT + ")";
                case IN_FLIGHT -> head + "(" + FLIGHT_SLANT + ")";
                case LOST -> head + "x";
            };
            if (crossing.contains(index) && !joins) {
                // An invisible group: teoz keeps parallel arrows of different senders apart (and pads the
                // diagram's left edge by a lifeline gap) unless they share a group.
                out.append("group\n");
                crossingLabels.clear();
            }
            crossingLabels.add(widest(lines));
            arrowLine.put(index, lineNumber());
            if (send.flightName() != null) {
                sentBy.put(send.flightName(), index);
            }
            out.append(joins ? "& " : "").append(alias(from)).append(' ').append(arrow).append(' ')
                    .append(alias(to)).append(newest && !onTheWire ? " <<" + NEWEST + ">>" : "").append(" : ")
                    .append(text(lines, colour, newest)).append('\n');
            if (partial) {
                shortArrow(from, send, onTheWire ? colour : null, newest);
            }
            if (index == spacerStep) {
                spacer(from, to);
            }
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
                // In a build-up either label may be the bold one: the spacer is bold.
                String both = String.join("MMMM", crossingLabels);
                out.append("& ").append(alias(to)).append(" -[hidden]> ").append(alias(from)).append(" : ")
                        .append(buildUp ? "<b>" + both + "</b>" : both).append('\n');
                out.append("end\n");
            }
        }

        /** The 0-based number of the line being written next, counted on from the last call. */
        private int lineNumber() {
            for (int at = out.indexOf("\n", counted); at >= 0; at = out.indexOf("\n", at + 1)) {
                lines++;
                counted = at + 1;
            }
            return lines;
        }

        /** Each step's arrow line, -1 for none, in step order. */
        List<Integer> arrowLines() {
            List<Integer> lines = new ArrayList<>();
            for (int i = 0; i < result.steps().size(); i++) {
                lines.add(arrowLine.getOrDefault(i, -1));
            }
            return lines;
        }

        /**
         * The arrow of a segment on the wire or lost, on the row of its whole arrow: from its sender to the
         * {@link #MIDWAY} participant on its side (in flight) or beyond it (lost, ending in a cross). Hidden
         * when {@code colour} is null: every frame writes it, so that all have one layout.
         */
        private void shortArrow(String from, Event.Send send, String colour, boolean newest) {
            boolean first = peers.indexOf(from) == 0;
            boolean lost = send.delivery() == Event.Delivery.LOST;
            String stop = MIDWAY[first == lost ? 1 : 0];
            String style = colour == null ? "-[hidden]>" : arrow(colour, send.old());
            out.append("& ").append(alias(from)).append(' ').append(style)
                    .append(lost ? "x" : "(" + PARTIAL_SLANT + ")").append(' ').append(stop)
                    .append(newest && colour != null ? " <<" + NEWEST + ">>" : "").append('\n');
        }

        /** The longest of a label's lines: the one that sets its width. */
        private static String widest(List<String> lines) {
            return lines.stream().flatMap(line -> Arrays.stream(ESCAPED_BREAK.split(line)))
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
            Integer sent = sentBy.get(arrival.flightName());
            if (sent != null && arrowLine.containsKey(sent)) {
                arrowLine.put(current, arrowLine.get(sent));
            }
            Flight flight = flights.get(arrival.flightName());
            if (flight == null || error) {
                errorNote(step);
            } else {
                List<String> lines = new ArrayList<>();
                if (flight.row() != arrowRow) {
                    // Other arrows were drawn since it left: say which segment this is.
                    lines.add("<i>" + DiagramWords.fill(words.arrives(), PlantUmlText.escape(arrival.flightName()))
                            + "</i>");
                }
                // What its receiver made of it (a duplicate ACK, a window update) is known only now.
                String marks = words.marks(step.marks());
                if (!marks.isEmpty()) {
                    lines.add("<i>" + PlantUmlText.escape(marks) + "</i>");
                }
                if (!lines.isEmpty()) {
                    int receiver = peers.indexOf(flight.send().to().id());
                    out.append("note ").append(side(receiver)).append(' ').append(alias(receiver)).append(" : ")
                            .append(text(lines, emphasised() ? theme.text() : theme.muted(), emphasised()))
                            .append('\n');
                }
            }
            changes(step.changes(), error);
        }

        /**
         * A mark on the lifeline of each peer whose retransmission timer expired or whose probe timeout fired
         * (the engine's marks, so a {@code wait RTO} with nothing outstanding marks nobody), side by side on one row.
         */
        private void timers(Step step, boolean error) {
            List<Integer> expired = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (StepMark mark : step.marks()) {
                int peer = peers.indexOf(mark.peer());
                boolean timer = mark.kind() == StepMark.Kind.TIMEOUT || mark.kind() == StepMark.Kind.PROBE_TIMEOUT;
                if (timer && peer >= 0 && !expired.contains(peer)) {
                    expired.add(peer);
                    texts.add(mark.kind() == StepMark.Kind.TIMEOUT ? words.timeout() : words.probeTimeout());
                }
            }
            for (int i = 0; i < expired.size(); i++) {
                String word = "<i>" + PlantUmlText.escape(texts.get(i)) + "</i>";
                out.append(i == 0 ? "" : "& ").append("rnote over ").append(alias(expired.get(i))).append(' ')
                        .append(timerColours(expired.get(i))).append(" : ")
                        .append(text(List.of(word), error ? theme.error() : null, emphasised())).append('\n');
            }
        }

        /** A timer mark is in its peer's colours: it belongs to that lifeline, not to the conversation. */
        private String timerColours(int peer) {
            if (future()) {
                return INVISIBLE_SHAPE;
            }
            return theme.peerTint(peer) + ";line:" + theme.peer(peer).substring(1);
        }

        private void call(Step step, Event.Call call, boolean error) {
            int peer = peers.indexOf(call.peer().id());
            if (peer < 0) {
                errorNote(step);
                return;
            }
            String word = PlantUmlText.escape(words.call(call.kind().name().toLowerCase(Locale.ROOT)));
            out.append("rnote over ").append(alias(peer)).append(" : ")
                    .append(text(List.of("<i>" + word + "</i>"), error ? theme.error() : null, emphasised()))
                    .append('\n');
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
                    .append(text(List.of(PlantUmlText.escape(note.text())), error ? theme.error() : null,
                            emphasised()))
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
                    .append(text(List.of(PlantUmlText.escape(line)), theme.error(), false)).append('\n');
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
            String name = bold(state.displayName());
            String colour = future() ? INVISIBLE : error ? theme.error() : null;
            return "hnote " + side(index) + ' ' + alias(index) + ' ' + stateColours(state) + " : "
                    + (colour != null ? "<color:" + colour + ">" + name + "</color>" : name) + '\n';
        }

        private String stateColours(TcpState state) {
            if (future()) {
                return INVISIBLE_SHAPE;
            }
            return theme.stateFill(state) + ";line:" + theme.stateBorder(state).substring(1);
        }

        private String noteColours(boolean error) {
            if (future()) {
                return INVISIBLE_SHAPE;
            }
            return theme.noteFill() + ";line:" + (error ? theme.error() : theme.muted()).substring(1);
        }

        /**
         * Each line coloured (and made bold) on its own: creole does not carry a colour across a line break.
         */
        private String text(List<String> escapedLines, String colour, boolean bold) {
            if (future()) {
                colour = INVISIBLE;
            }
            StringJoiner joined = new StringJoiner(PlantUmlText.LINE_BREAK);
            for (String line : escapedLines) {
                for (String part : ESCAPED_BREAK.split(line, -1)) {
                    String strong = bold && !part.isEmpty() ? "<b>" + part + "</b>" : part;
                    joined.add(colour == null ? strong : "<color:" + colour + ">" + strong + "</color>");
                }
            }
            return joined.toString();
        }

        /**
         * Whether the step being written comes after the last one of a build-up frame: it is laid out but not
         * drawn (PlantUML leaves hidden arrows and transparent text out of the image and the SVG).
         */
        private boolean future() {
            return buildUp && current > last;
        }

        /** The first send of the chapter that is not one of a crossing pair, or -1. */
        private int firstPlainSend() {
            List<Step> steps = result.steps();
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).event() instanceof Event.Send send && drawable(send) && !crossing.contains(i)) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * A hidden message as wide as the widest arrow label in bold, on the row of the first arrow: in a
         * build-up the newest label is bold, and would otherwise push the lifelines apart in its frame only.
         */
        private void spacer(String from, String to) {
            String widest = "";
            double width = 0;
            List<Step> steps = result.steps();
            for (int i = 0; i < steps.size(); i++) {
                // Crossing pairs have a spacer of their own.
                if (steps.get(i).event() instanceof Event.Send send && drawable(send) && !crossing.contains(i)) {
                    for (String line : labelLines(i, send)) {
                        double w = LabelWidth.bold(line);
                        if (w > width) {
                            width = w;
                            widest = line;
                        }
                    }
                }
            }
            if (!widest.isEmpty()) {
                out.append("& ").append(alias(from)).append(" -[hidden]> ").append(alias(to)).append(" : <b>")
                        .append(PlantUmlText.escape(widest)).append("</b>\n");
            }
        }

        /**
         * Whether the step being written is the last one of a build-up frame: its states and notes are bold.
         * (The send an arrival belongs to has its arrow emphasised, but not the states it changed back then.)
         */
        private boolean emphasised() {
            return buildUp && current == last;
        }

        /** Text of the emphasised step in bold; other text as it is. */
        private String bold(String escaped) {
            return emphasised() && !escaped.isEmpty() ? "<b>" + escaped + "</b>" : escaped;
        }

        /** The newest arrow of a frame: in its sender's colour (black on paper, where colours are all black). */
        private String newestColour(int sender) {
            return theme.peer(Math.max(sender, 0));
        }

        /** Earlier arrows of a frame: the theme's muted colour, a mid grey on paper (where muted is black). */
        private String fadedColour() {
            return theme == Theme.PRINT ? PRINT_FADED : theme.muted();
        }

        /**
         * The lines of a send's label that set its width, as authored (not escaped): what the engine saw, the
         * fields (split in two above a crossing), the options; the first and the last are empty when there is
         * nothing to say.
         */
        private List<String> labelLines(int index, Event.Send send) {
            List<String> lines = new ArrayList<>();
            lines.add(words.marks(result.steps().get(index).marks()));
            lines.addAll(crossing.contains(index) ? splitLines(send.segment()) : List.of(ArrowLabel.fields(send.segment())));
            lines.add(ArrowLabel.options(send.segment()));
            return lines;
        }

        /**
         * A crossing arrow's fields on two lines (flags, then fields), as authored, so that two labels fit side
         * by side above the crossing.
         */
        private static List<String> splitLines(Segment segment) {
            String label = ArrowLabel.fields(segment);
            if (label.length() <= SHORT_LABEL) {
                return List.of(label);
            }
            StringJoiner flags = new StringJoiner(", ");
            for (Flag flag : segment.flags()) {
                flags.add(flag.name() + "=1");
            }
            String head = flags.toString();
            if (head.isEmpty() || !label.startsWith(head + ", ")) {
                return List.of(label);
            }
            return List.of(head + ",", label.substring(head.length() + 2));
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
