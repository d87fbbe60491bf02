package org.tcpstory.diagram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            for (StateMachine.Edge edge : StateMachine.EDGES) {
                arcs.put(figureArc(edge), new TreeSet<>());
            }
            trace();
            StringBuilder out = new StringBuilder();
            out.append("@startuml\n");
            out.append("!pragma layout smetana\n");
            out.append(theme.skinparams(CjkFonts.family()));
            out.append("skinparam ArrowFontSize 12\n");
            out.append("skinparam StateFontSize 14\n");
            out.append("hide empty description\n");
            for (TcpState state : TcpState.values()) {
                out.append(node(state.displayName(), state.name(), state));
            }
            out.append(node(TcpState.CLOSED.displayName(), CLOSED_END, TcpState.CLOSED));
            arcs.forEach((arc, peers) -> out.append(arc(arc, peers)));
            out.append(legend());
            out.append("@enduml\n");
            return out.toString();
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

        private String node(String name, String id, TcpState state) {
            Set<Integer> peers = nodes.get(id);
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
            StringJoiner style = new StringJoiner(",", "[", "]");
            String label = PlantUmlText.escape(arc.label());
            if (peers.isEmpty()) {
                style.add(theme.muted());
                label = "<color:" + theme.muted() + ">" + label + "</color>";
            } else {
                String colour = colour(peers);
                style.add(colour);
                if (!arc.inFigure()) {
                    style.add(theme.extraArcStyle());
                } else if (peers.size() == 1 && !theme.peerLineStyle(peers.iterator().next()).isEmpty()) {
                    style.add(theme.peerLineStyle(peers.iterator().next()));
                }
                // Both peers' arcs are thicker too, so they still stand out on paper where colours are black.
                style.add(peers.size() > 1 ? "thickness=4" : "thickness=3");
                label = "<color:" + colour + "><b>" + label + "</b></color>";
            }
            int climb = Integer.compare(rank(arc.to()), rank(arc.from()));
            String direction = climb < 0 ? "up" : "";
            return arc.from() + " -" + style + direction + "-> " + arc.to() + " : " + label + '\n';
        }

        private String colour(Set<Integer> peers) {
            return peers.size() == 1 ? theme.peer(peers.iterator().next()) : theme.bothPeers();
        }

        private String legend() {
            List<String> rows = new ArrayList<>();
            List<String> labels = PeerLabels.of(result);
            for (int i = 0; i < labels.size(); i++) {
                String sample = theme == Theme.PRINT && i % 2 == 1 ? "╍╍╍" : "━━━";
                rows.add("<color:" + theme.peer(i) + ">" + sample + "</color> " + PlantUmlText.escape(labels.get(i)));
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
                out.append(figure.node(state.displayName(), node, state));
            }
            figure.arcs.forEach((arc, peers) -> {
                StringJoiner style = new StringJoiner(",", "[", "]");
                String colour = figure.colour(peers);
                style.add(colour);
                if (!arc.inFigure()) {
                    style.add(theme.extraArcStyle());
                } else if (peers.size() == 1 && !theme.peerLineStyle(peers.iterator().next()).isEmpty()) {
                    style.add(theme.peerLineStyle(peers.iterator().next()));
                }
                style.add(peers.size() > 1 ? "thickness=4" : "thickness=3");
                out.append(arc.from()).append(" -").append(style).append("-> ").append(arc.to()).append(" : <color:")
                        .append(colour).append("><b>").append(PlantUmlText.escape(arc.label())).append("</b></color>\n");
            });
            out.append(figure.legend());
            out.append("@enduml\n");
            return out.toString();
        }
    }
}
