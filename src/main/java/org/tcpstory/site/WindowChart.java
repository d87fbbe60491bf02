package org.tcpstory.site;

import freemarker.template.utility.StringUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.PeerWindow;
import org.tcpstory.engine.Step;
import org.tcpstory.engine.StepMark;

/**
 * The chart of one sender's windows over a chapter, as an SVG to inline in its page: the window the receiver
 * advertised, the bytes in flight (an area) and, with congestion control on, cwnd and ssthresh, as steps over
 * the events of the step-through (one column each), on axes labelled in the site's words. Timeouts and fast
 * retransmits are dashed vertical lines. Colours and line styles come from the theme's CSS classes
 * ({@code wc-*}), so the chart follows the page into dark mode; it has no script, and each column says its
 * numbers in a tooltip. The same chapter gives the same bytes.
 */
final class WindowChart {

    static final int WIDTH = 600;
    static final int HEIGHT = 250;
    static final int LEFT = 64;
    static final int RIGHT = 16;
    static final int TOP = 28;
    static final int BOTTOM = 44;

    /** About how many labels each axis carries. */
    private static final int Y_TICKS = 4;
    private static final int X_LABELS = 12;

    private final ChapterResult result;
    private final int peer;
    private final List<Integer> steps;
    private final Words words;
    private final List<PeerWindow> windows = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();
    private final double column;
    private long top;

    private WindowChart(ChapterResult result, int peer, List<Integer> steps, Words words) {
        this.result = result;
        this.peer = peer;
        this.steps = steps;
        this.words = words;
        for (int step : steps) {
            List<PeerWindow> all = result.steps().get(step).windows();
            windows.add(peer < all.size() ? all.get(peer) : PeerWindow.NONE);
        }
        column = (double) (WIDTH - LEFT - RIGHT) / Math.max(1, steps.size());
    }

    /**
     * The chart of a peer's windows, or null when there is none to draw: the other peer never advertised a
     * window and congestion control is off (bytes in flight alone say no more than the cards).
     *
     * @param steps the steps the step-through visits (indices into {@link ChapterResult#steps()}), in order
     * @param marks what the engine saw in a step, in words, for the table
     * @param id    the chart's id in the page
     */
    static Views.WindowChartView of(ChapterResult result, int peer, Views.PeerView view, List<Integer> steps,
                                    Words words, Function<Step, String> marks, String id) {
        WindowChart chart = new WindowChart(result, peer, steps, words);
        boolean advertised = chart.windows.stream().anyMatch(w -> w.counted() && w.sendWindow() >= 0);
        boolean congestion = chart.windows.stream().anyMatch(w -> w.counted() && w.cwnd() >= 0);
        if (!advertised && !congestion) {
            return null;
        }
        List<Views.ChartRow> rows = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            PeerWindow w = chart.windows.get(i);
            Step step = result.steps().get(steps.get(i));
            rows.add(new Views.ChartRow(i + 1, "ev-" + step.event().position().line(), marks.apply(step),
                    w.counted() ? w.sendWindow() : -1, w.counted() ? w.inFlight() : -1, w.counted() ? w.cwnd() : -1,
                    w.counted() ? w.ssthresh() : -1));
        }
        return new Views.WindowChartView(id, view, Templates.markup(chart.svg(id)), advertised, congestion,
                chart.losses().size() > 0, rows);
    }

    /** The chart as SVG. Its accessible name is the figure's caption ({@code <id>-caption}), given by the page. */
    String svg(String id) {
        top = niceTop(max());
        out.append("<svg class=\"window-chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-caption\"")
                .append(" aria-describedby=\"").append(id).append("-desc\" focusable=\"false\">\n");
        out.append("<desc id=\"").append(id).append("-desc\">").append(text(words.get("chart.desc")
                .replace("{n}", Integer.toString(steps.size())))).append("</desc>\n");
        grid();
        series("wc-flight", PeerWindow::inFlight, true);
        series("wc-window", PeerWindow::sendWindow, false);
        series("wc-ssthresh", PeerWindow::ssthresh, false);
        series("wc-cwnd", PeerWindow::cwnd, false);
        for (int i : losses()) {
            double x = center(i);
            out.append("<line class=\"wc-loss\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x))
                    .append("\" y1=\"").append(TOP).append("\" y2=\"").append(bottom()).append("\"/>\n");
        }
        columns();
        out.append("</svg>");
        return out.toString();
    }

    /** The horizontal grid with the byte counts, the event numbers under the plot, and both axis titles. */
    private void grid() {
        long step = niceStep(top);
        out.append("<g class=\"wc-axes\">\n");
        for (long v = 0; v <= top; v += step) {
            double y = y(v);
            out.append("<line class=\"").append(v == 0 ? "wc-axis" : "wc-grid").append("\" x1=\"").append(LEFT)
                    .append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(num(y)).append("\" y2=\"")
                    .append(num(y)).append("\"/>\n");
            out.append("<text class=\"wc-label\" x=\"").append(LEFT - 8).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\">").append(bytes(v, top)).append("</text>\n");
        }
        long every = nice(steps.size() / (double) X_LABELS);
        for (int i = 0; i < steps.size(); i++) {
            int n = i + 1;
            // The first event is labelled too where the next label is far enough away not to crowd it.
            if (n % every == 0 || (n == 1 && every >= 4)) {
                double x = center(i);
                out.append("<line class=\"wc-axis\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x))
                        .append("\" y1=\"").append(bottom()).append("\" y2=\"").append(bottom() + 4).append("\"/>\n");
                out.append("<text class=\"wc-label\" x=\"").append(num(x)).append("\" y=\"").append(bottom() + 17)
                        .append("\" text-anchor=\"middle\">").append(n).append("</text>\n");
            }
        }
        out.append("<text class=\"wc-title\" x=\"").append(num(LEFT + (WIDTH - LEFT - RIGHT) / 2.0)).append("\" y=\"")
                .append(HEIGHT - 6).append("\" text-anchor=\"middle\">").append(text(words.get("chart.events")))
                .append("</text>\n");
        // Above the plot, right of the axis: over the labels' column it would meet the top label where the
        // words grow on a phone.
        out.append("<text class=\"wc-title\" x=\"").append(LEFT + 4).append("\" y=\"").append(TOP - 10)
                .append("\">").append(text(words.get("chart.bytes"))).append("</text>\n");
        out.append("</g>\n");
    }

    /**
     * One value over the events as steps: level across each event's column, with a gap where it is unknown. An
     * area is closed down to the axis.
     */
    private void series(String css, ToLongFunction<PeerWindow> value, boolean area) {
        StringBuilder d = new StringBuilder();
        boolean open = false;
        double end = 0;
        for (int i = 0; i < windows.size(); i++) {
            PeerWindow w = windows.get(i);
            long v = w.counted() ? value.applyAsLong(w) : -1;
            double left = LEFT + i * column;
            if (v < 0) {
                if (open && area) {
                    d.append(" V").append(bottom()).append(" Z");
                }
                open = false;
                continue;
            }
            if (!open) {
                d.append(d.isEmpty() ? "" : " ").append('M').append(num(left)).append(' ')
                        .append(area ? Integer.toString(bottom()) : num(y(v)));
                if (area) {
                    d.append(" V").append(num(y(v)));
                }
                open = true;
            } else {
                d.append(" V").append(num(y(v)));
            }
            end = left + column;
            d.append(" H").append(num(end));
        }
        if (open && area) {
            d.append(" V").append(bottom()).append(" Z");
        }
        if (!d.isEmpty()) {
            out.append("<path class=\"").append(css).append("\" d=\"").append(d).append("\"/>\n");
        }
    }

    /**
     * A column per event, under the pointer's tooltip with its numbers, and for the step-through to light
     * ({@code data-step}, its place in the step-through).
     */
    private void columns() {
        for (int i = 0; i < windows.size(); i++) {
            PeerWindow w = windows.get(i);
            StringBuilder tip = new StringBuilder(words.get("chart.event").replace("{n}", Integer.toString(i + 1)));
            if (w.counted()) {
                if (w.sendWindow() >= 0) {
                    tip.append(" · ").append(words.get("chart.window")).append(' ').append(w.sendWindow());
                }
                tip.append(" · ").append(words.get("chart.inFlight")).append(' ').append(w.inFlight());
                if (w.cwnd() >= 0) {
                    tip.append(" · cwnd ").append(w.cwnd());
                }
                if (w.ssthresh() >= 0) {
                    tip.append(" · ssthresh ").append(w.ssthresh());
                }
            }
            out.append("<rect class=\"wc-step\" data-step=\"").append(i).append("\" x=\"")
                    .append(num(LEFT + i * column)).append("\" y=\"").append(TOP).append("\" width=\"")
                    .append(num(column)).append("\" height=\"").append(bottom() - TOP).append("\"><title>")
                    .append(text(tip.toString())).append("</title></rect>\n");
        }
    }

    /** The events (indices into the chart's columns) where this peer's timer expired or a fast retransmit was called. */
    private List<Integer> losses() {
        List<Integer> at = new ArrayList<>();
        String id = result.peers().get(peer);
        for (int i = 0; i < steps.size(); i++) {
            for (StepMark mark : result.steps().get(steps.get(i)).marks()) {
                if (mark.peer().equals(id) && (mark.kind() == StepMark.Kind.TIMEOUT
                        || mark.kind() == StepMark.Kind.FAST_RETRANSMIT_CALLED)) {
                    at.add(i);
                    break;
                }
            }
        }
        return at;
    }

    private long max() {
        long max = 0;
        for (PeerWindow w : windows) {
            if (w.counted()) {
                max = Math.max(max, Math.max(Math.max(w.inFlight(), w.sendWindow()), Math.max(w.cwnd(), w.ssthresh())));
            }
        }
        return max;
    }

    private int bottom() {
        return HEIGHT - BOTTOM;
    }

    private double y(long v) {
        return bottom() - (double) v * (bottom() - TOP) / top;
    }

    private double center(int i) {
        return LEFT + (i + 0.5) * column;
    }

    /** The step between byte labels, for about {@link #Y_TICKS} of them from 0 up to {@code max}. */
    static long niceStep(long max) {
        return nice(max / (double) Y_TICKS);
    }

    /** The smallest of 1, 2, 5, 10, 20, 50... that is at least {@code raw}: steps that read well. */
    static long nice(double raw) {
        long magnitude = 1;
        while (magnitude * 10 <= raw) {
            magnitude *= 10;
        }
        for (long factor : new long[] {1, 2, 5}) {
            if (factor * magnitude >= raw) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** The top of the vertical axis: the largest value rounded up to a whole step (at least one step). */
    static long niceTop(long max) {
        long step = niceStep(max);
        return Math.max(step, (max + step - 1) / step * step);
    }

    /**
     * A byte count as a label of an axis that reaches {@code top}: {@code 4000}, and on an axis that reaches ten
     * thousand, in thousands ({@code 5k}, {@code 10k}), all its labels alike (its steps are then whole thousands).
     */
    static String bytes(long v, long top) {
        return top >= 10_000 && v != 0 ? v / 1000 + "k" : Long.toString(v);
    }

    /** A coordinate with at most one decimal, whatever the default locale. */
    static String num(double v) {
        double rounded = Math.round(v * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded);
    }

    private static String text(String words) {
        return StringUtil.XHTMLEnc(words);
    }
}
