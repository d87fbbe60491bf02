package org.tcpstory.diagram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.PeerChange;
import org.tcpstory.engine.Rule;
import org.tcpstory.engine.StateMachine;
import org.tcpstory.engine.Step;
import org.tcpstory.engine.TcpState;

/**
 * The RFC 9293 state diagram (Figure 5, as {@link StateMachine#EDGES}) with the path each peer of a
 * chapter took drawn over it in that peer's colour: thick arcs, bordered states, a legend naming the
 * peers. Arcs the engine took that are not in the figure (a RST that resets FIN-WAIT-1, say) are added
 * dashed.
 *
 * <p>Like the RFC figure it reads top to bottom and has CLOSED twice: at the top, where connections
 * start (and where LISTEN, SYN-SENT and SYN-RECEIVED go back to), and at the bottom, where the closing
 * states end. Laid out by Smetana, PlantUML's Java port of Graphviz, so no {@code dot} is needed.
 *
 * <p>The figure is portrait and shows all eleven states. For a slide, {@link #landscape} draws only what
 * the chapter touches: its states, left to right, and the arcs each peer took, labelled as in the figure.
 */
public final class StateDiagram {

    /** The CLOSED at the bottom of the figure; every other node is named after its state. */
    static final String CLOSED_END = "CLOSED_END";

    private StateDiagram() {
    }

    /** The PlantUML source of the chapter's state diagram. */
    public static String source(ChapterResult result, Theme theme) {
        return source(result, theme, DiagramWords.ENGLISH);
    }

    /** The PlantUML source of the chapter's state diagram, its legend in the given words. */
    public static String source(ChapterResult result, Theme theme, DiagramWords words) {
        return new Writer(result, theme, words).write();
    }

    /**
     * The chapter's state diagram as a figure PlantUML lays out once for every chapter that shares its shape,
     * and the highlights that make it this chapter's (see {@link Figure}).
     */
    public static Figure figure(ChapterResult result, Theme theme, DiagramWords words) {
        return new Writer(result, theme, words).figure();
    }

    /**
     * A chapter's state diagram in two parts. Every chapter shows the same eleven states and the same arcs;
     * only the colours, the thickness and the weight of what its peers took, and the names in the legend,
     * differ. So {@link #layout()} is the figure with nothing highlighted and placeholders in the legend: it
     * is the same source for every chapter with the same extra arcs and legend rows, which PlantUML then
     * lays out once, and {@link #highlight} paints this chapter's paths and names onto that drawing.
     * Thickness and dashes do not move anything in PlantUML's layout; a label's weight does, so every label
     * is laid out bold, as wide as a highlighted one, and a label left plain is centred in that room.
     */
    public static final class Figure {
        private final String source;
        private final Optional<String> layout;
        private final StateHighlight highlights;

        private Figure(String source, Optional<String> layout, StateHighlight highlights) {
            this.source = source;
            this.layout = layout;
            this.highlights = highlights;
        }

        /** The chapter's own PlantUML source, as {@link #source} gives it: its {@code .puml} file. */
        public String source() {
            return source;
        }

        /**
         * The PlantUML source of the shared layout; empty when this chapter's legend cannot be painted onto
         * one (a peer label with a line break, say), and {@link #source()} is drawn instead.
         */
        public Optional<String> layout() {
            return layout;
        }

        /**
         * This chapter's diagram painted onto the SVG PlantUML drew of {@link #layout()}; empty when that SVG
         * is not laid out as expected, and {@link #source()} is drawn instead.
         */
        public Optional<String> highlight(String layoutSvg) {
            return highlights.apply(layoutSvg);
        }
    }

    /**
     * The chapter's part of the figure, for a slide: the states either peer was in, left to right in the
     * order a connection goes through them, and each arc a peer took, in that peer's colour (both peers'
     * colour when both took it), with the figure's label; a legend names the peers.
     */
    public static String landscape(ChapterResult result, Theme theme) {
        return landscape(result, theme, DiagramWords.ENGLISH);
    }

    /** {@link #landscape(ChapterResult, Theme)} with the legend in the given words. */
    public static String landscape(ChapterResult result, Theme theme, DiagramWords words) {
        return new PathWriter(result, theme, words).write();
    }

    /** An arc between two nodes with its label; the peers that took it are kept beside it. */
    private record Arc(String from, String to, String label, boolean inFigure) {
    }

    private static final class Writer {
        private final ChapterResult result;
        private final Theme theme;
        /** Every arc, figure first, in a fixed order: the same chapter gives the same source. */
        private final Map<Arc, Set<Integer>> arcs = new LinkedHashMap<>();
        private final Map<String, Set<Integer>> nodes = new LinkedHashMap<>();
        private final DiagramWords words;

        Writer(ChapterResult result, Theme theme, DiagramWords words) {
            this.result = result;
            this.theme = theme;
            this.words = words;
        }

        String write() {
            traceOnWholeFigure();
            return write(false);
        }

        Figure figure() {
            traceOnWholeFigure();
            String source = write(false);
            List<String> labels = PeerLabels.of(result);
            boolean paintable = labels.stream().allMatch(StateHighlight::paintable);
            return new Figure(source, paintable ? Optional.of(write(true)) : Optional.empty(),
                    highlights(labels));
        }

        /**
         * @param layout whether to write the shared layout: nothing highlighted, every label bold, the
         *               legend's names as placeholders
         */
        private String write(boolean layout) {
            StringBuilder out = new StringBuilder();
            out.append("@startuml\n");
            out.append("!pragma layout smetana\n");
            out.append(theme.skinparams(CjkFonts.family()));
            out.append("skinparam ArrowFontSize 12\n");
            out.append("skinparam StateFontSize 14\n");
            out.append("hide empty description\n");
            for (TcpState state : TcpState.values()) {
                out.append(node(state.displayName(), state.name(), layout));
            }
            out.append(node(TcpState.CLOSED.displayName(), CLOSED_END, layout));
            arcs.forEach((arc, peers) -> out.append(layout ? layoutArc(arc) : arc(arc, peers)));
            out.append(legend(layout));
            out.append("@enduml\n");
            return out.toString();
        }

        /** What {@link #write} highlights, as {@link StateHighlight} paints it onto the layout's SVG. */
        private StateHighlight highlights(List<String> labels) {
            List<StateHighlight.Paint> nodePaints = new ArrayList<>();
            for (TcpState state : TcpState.values()) {
                nodePaints.add(nodePaint(state.displayName(), state.name()));
            }
            nodePaints.add(nodePaint(TcpState.CLOSED.displayName(), CLOSED_END));
            List<StateHighlight.Paint> arcPaints = new ArrayList<>();
            arcs.forEach((arc, peers) -> arcPaints.add(arcPaint(arc, peers)));
            return new StateHighlight(nodePaints, arcPaints, labels, CjkFonts.family());
        }

        private StateHighlight.Paint nodePaint(String name, String id) {
            Set<Integer> peers = nodes.get(id);
            if (peers == null || peers.isEmpty()) {
                return StateHighlight.Paint.plain(name);
            }
            String colour = colour(peers);
            String fill = peers.size() == 1 ? theme.peerTint(peers.iterator().next()) : theme.background();
            return new StateHighlight.Paint(name, colour, fill, theme == Theme.PRINT ? theme.text() : colour, 2, "");
        }

        private StateHighlight.Paint arcPaint(Arc arc, Set<Integer> peers) {
            if (peers.isEmpty()) {
                return StateHighlight.Paint.plain(arc.label());
            }
            String colour = colour(peers);
            String dash = !arc.inFigure() ? theme.extraArcStyle()
                    : peers.size() == 1 ? theme.peerLineStyle(peers.iterator().next()) : "";
            return new StateHighlight.Paint(arc.label(), colour, colour, colour, peers.size() > 1 ? 4 : 3, dash);
        }

        /** Every arc of the RFC figure, in its order, then each peer's path on it. */
        private void traceOnWholeFigure() {
            for (StateMachine.Edge edge : StateMachine.EDGES) {
                arcs.put(figureArc(edge), new TreeSet<>());
            }
            trace();
        }

        /** Follows each peer through the steps, marking the nodes and arcs it took. */
        private void trace() {
            List<String> peers = result.peers();
            for (int i = 0; i < result.initialStates().size() && i < peers.size(); i++) {
                mark(result.initialStates().get(i).name(), i);
            }
            for (Step step : result.steps()) {
                for (PeerChange change : step.changes()) {
                    int peer = peers.indexOf(change.peer());
                    if (peer < 0 || !change.changesState()) {
                        continue;
                    }
                    Arc arc = arcOf(change);
                    arcs.computeIfAbsent(arc, a -> new TreeSet<>()).add(peer);
                    mark(arc.from(), peer);
                    mark(arc.to(), peer);
                }
            }
        }

        private void mark(String node, int peer) {
            nodes.computeIfAbsent(node, n -> new TreeSet<>()).add(peer);
        }

        /** The figure's arc for a change (same states and rule, else same states), or an extra arc. */
        private static Arc arcOf(PeerChange change) {
            StateMachine.Edge match = null;
            for (StateMachine.Edge edge : StateMachine.EDGES) {
                if (edge.from() == change.before() && edge.to() == change.after()) {
                    if (edge.rule() == change.rule()) {
                        return figureArc(edge);
                    }
                    match = match == null ? edge : match;
                }
            }
            if (match != null) {
                return figureArc(match);
            }
            return new Arc(change.before().name(), target(change.before(), change.after()),
                    extraLabel(change.rule()), false);
        }

        private static Arc figureArc(StateMachine.Edge edge) {
            String label = edge.sends().isEmpty() ? edge.event() : edge.event() + " / " + edge.sends();
            return new Arc(edge.from().name(), target(edge.from(), edge.to()), label, true);
        }

        /**
         * Arcs into CLOSED from a state before the connection was established go back up to the top
         * CLOSED, as in the RFC figure; the others end at the bottom one.
         */
        private static String target(TcpState from, TcpState to) {
            if (to != TcpState.CLOSED) {
                return to.name();
            }
            return from == TcpState.LISTEN || from == TcpState.SYN_SENT || from == TcpState.SYN_RECEIVED
                    || from == TcpState.CLOSED ? TcpState.CLOSED.name() : CLOSED_END;
        }

        /** Short labels for arcs outside the figure, in the figure's own words. */
        private static String extraLabel(Rule rule) {
            return switch (rule) {
                case RST_RESETS -> "rcv RST";
                case SYN_SENT_RST -> "rcv RST,ACK";
                case ABORT_SENDS_RST -> "ABORT / RST";
                case ABORT_SILENT -> "ABORT";
                case CLOSE_SILENT, CLOSE_SENDS_FIN -> "CLOSE";
                case TIME_WAIT_TIMEOUT -> "2MSL timeout";
                case SYN_RETURNS_TO_LISTEN -> "rcv SYN";
                case ACK_ESTABLISHES, CROSSING_SYN_ACK -> "rcv SYN,ACK";
                case FIN_RECEIVED -> "rcv FIN / ACK";
                default -> rule.id();
            };
        }

        /** Rows of the RFC figure, top to bottom: arcs that climb are laid out as reversed edges. */
        private static int rank(String node) {
            if (node.equals(CLOSED_END)) {
                return 7;
            }
            return switch (TcpState.valueOf(node)) {
                case CLOSED -> 0;
                case LISTEN -> 1;
                case SYN_SENT, SYN_RECEIVED -> 2;
                case ESTABLISHED -> 3;
                case FIN_WAIT_1, CLOSE_WAIT -> 4;
                case FIN_WAIT_2, CLOSING, LAST_ACK -> 5;
                case TIME_WAIT -> 6;
            };
        }

        private String node(String name, String id, boolean layout) {
            Set<Integer> peers = layout ? null : nodes.get(id);
            StringBuilder line = new StringBuilder("state \"").append(name).append("\" as ").append(id);
            if (peers != null && !peers.isEmpty()) {
                String colour = colour(peers).substring(1);
                String fill = peers.size() == 1 ? theme.peerTint(peers.iterator().next()) : theme.background();
                line.append(' ').append(fill).append(";line:").append(colour).append(";line.bold;text:")
                        .append(theme == Theme.PRINT ? theme.text().substring(1) : colour);
            } else {
                line.append(' ').append(theme.background()).append(";line:").append(theme.muted().substring(1))
                        .append(";text:").append(theme.text().substring(1));
            }
            return line.append('\n').toString();
        }

        private String arc(Arc arc, Set<Integer> peers) {
            if (peers.isEmpty()) {
                String label = "<color:" + theme.muted() + ">" + PlantUmlText.escape(arc.label()) + "</color>";
                return arcLine(arc, "[" + theme.muted() + "]", label);
            }
            return arcLine(arc, takenStyle(arc, peers), takenLabel(arc, peers));
        }

        /** The style of an arc some peers took: their colour, their line, and thicker than the rest. */
        private String takenStyle(Arc arc, Set<Integer> peers) {
            StringJoiner style = new StringJoiner(",", "[", "]");
            style.add(colour(peers));
            if (!arc.inFigure()) {
                style.add(theme.extraArcStyle());
            } else if (peers.size() == 1 && !theme.peerLineStyle(peers.iterator().next()).isEmpty()) {
                style.add(theme.peerLineStyle(peers.iterator().next()));
            }
            // Both peers' arcs are thicker too, so they still stand out on paper where colours are black.
            style.add(peers.size() > 1 ? "thickness=4" : "thickness=3");
            return style.toString();
        }

        /** The label of an arc some peers took: bold, in their colour. */
        private String takenLabel(Arc arc, Set<Integer> peers) {
            return "<color:" + colour(peers) + "><b>" + PlantUmlText.escape(arc.label()) + "</b></color>";
        }

        /** An arc of the layout: muted like an arc no peer took, its label bold like one a peer took. */
        private String layoutArc(Arc arc) {
            String label = "<color:" + theme.muted() + "><b>" + PlantUmlText.escape(arc.label()) + "</b></color>";
            return arcLine(arc, "[" + theme.muted() + "]", label);
        }

        private static String arcLine(Arc arc, String style, String label) {
            int climb = Integer.compare(rank(arc.to()), rank(arc.from()));
            String direction = climb < 0 ? "up" : "";
            return arc.from() + " -" + style + direction + "-> " + arc.to() + " : " + label + '\n';
        }

        private String colour(Set<Integer> peers) {
            return peers.size() == 1 ? theme.peer(peers.iterator().next()) : theme.bothPeers();
        }

        private String legend(boolean layout) {
            List<String> rows = new ArrayList<>();
            List<String> labels = PeerLabels.of(result);
            for (int i = 0; i < labels.size(); i++) {
                String sample = theme == Theme.PRINT && i % 2 == 1 ? "╍╍╍" : "━━━";
                rows.add("<color:" + theme.peer(i) + ">" + sample + "</color> "
                        + (layout ? StateHighlight.placeholder(i) : PlantUmlText.escape(labels.get(i))));
            }
            boolean shared = arcs.values().stream().anyMatch(p -> p.size() > 1)
                    || nodes.values().stream().anyMatch(p -> p.size() > 1);
            if (shared) {
                // Round brackets are no markup in a legend: written as they are, the English source stays as it was.
                String note = theme == Theme.PRINT ? " " + PlantUmlText.escape(words.thicker()).replace("<U+0028>", "(").replace("<U+0029>", ")") : "";
                rows.add("<color:" + theme.bothPeers() + "><b>━━━</b></color> " + PlantUmlText.escape(words.both()) + note);
            }
            if (arcs.entrySet().stream().anyMatch(e -> !e.getKey().inFigure() && !e.getValue().isEmpty())) {
                rows.add("╌╌╌ " + PlantUmlText.escape(words.notInFigure()));
            }
            StringBuilder out = new StringBuilder("legend top left\n");
            rows.forEach(row -> out.append(row).append('\n'));
            return out.append("endlegend\n").toString();
        }
    }

    /**
     * The writer of {@link #landscape}: the figure's writer traces the peers (so both diagrams match changes
     * to arcs alike) and styles the states and legend; only the arcs are written here, without the figure's
     * top-to-bottom directions.
     */
    private static final class PathWriter {
        private final Writer figure;
        private final Theme theme;

        PathWriter(ChapterResult result, Theme theme, DiagramWords words) {
            this.figure = new Writer(result, theme, words);
            this.theme = theme;
        }

        String write() {
            figure.trace();
            StringBuilder out = new StringBuilder();
            out.append("@startuml\n");
            out.append("!pragma layout smetana\n");
            out.append(theme.skinparams(CjkFonts.family()));
            out.append("skinparam ArrowFontSize 14\n");
            out.append("skinparam StateFontSize 16\n");
            out.append("hide empty description\n");
            out.append("left to right direction\n");
            // In the order a connection goes through them, so the layout reads from left to right.
            List<String> order = new ArrayList<>(figure.nodes.keySet());
            order.sort(Comparator.comparingInt(Writer::rank).thenComparing(Comparator.naturalOrder()));
            for (String node : order) {
                TcpState state = node.equals(CLOSED_END) ? TcpState.CLOSED : TcpState.valueOf(node);
                out.append(figure.node(state.displayName(), node, false));
            }
            // Styled as the figure styles them, but without its directions: the landscape lays itself out.
            figure.arcs.forEach((arc, peers) -> out.append(arc.from()).append(" -").append(figure.takenStyle(arc, peers))
                    .append("-> ").append(arc.to()).append(" : ").append(figure.takenLabel(arc, peers)).append('\n'));
            out.append(figure.legend(false));
            out.append("@enduml\n");
            return out.toString();
        }
    }
}
