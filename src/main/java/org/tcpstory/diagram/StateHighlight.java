package org.tcpstory.diagram;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Paints one chapter's paths and peer names onto the SVG PlantUML drew of the shared state-diagram layout
 * ({@link StateDiagram.Figure}): the states and arcs its peers took get their colours, line widths and
 * dashes, labels left plain lose their weight, and the legend's placeholders become the peers' names. The
 * result is a plain SVG that stands on its own (no classes, no style sheet).
 *
 * <p>It is safe by construction, so it is not parsed again: the layout passed {@link SvgSafety} when it was
 * drawn or read from the cache, and painting only sets attribute values to the theme's colours, numbers and
 * fixed style words, and writes the names as escaped text (the tests run the check on what it paints).
 * Checking it again cost an eighth of rendering a page.
 *
 * <p>It relies on how PlantUML writes a state diagram: the legend as {@code <g class="legend">}, then each
 * state as a {@code <rect>} and its {@code <text>} in the order they are declared, then each arc as a
 * {@code <g class="link">} of an arrowhead, a path and its label, in the order the arcs are written. Every
 * one of those is checked (the count, each state's name, each arc's label) and anything else gives no
 * result, so the caller draws the chapter's own source: a PlantUML that writes differently is slower, not
 * wrong.
 */
final class StateHighlight {

    /**
     * How a state or an arc is drawn for a chapter.
     *
     * @param text       the state's name or the arc's label, as drawn
     * @param stroke     its line colour; null when no peer took it (it stays as the layout drew it)
     * @param fill       a state's fill, an arrowhead's fill
     * @param textColour the colour of its text
     * @param width      the line width
     * @param dash       {@code ""}, {@code dashed} or {@code dotted}
     */
    record Paint(String text, String stroke, String fill, String textColour, int width, String dash) {
        static Paint plain(String text) {
            return new Paint(text, null, null, null, 0, "");
        }

        boolean highlighted() {
            return stroke != null;
        }
    }

    /** PlantUML measures text with fractional metrics; so does this class, to the same widths. */
    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);

    /** Bold and plain widths of the figure's labels, which are the same few dozen strings in every chapter. */
    private static final Map<Measured, Double> WIDTHS = new ConcurrentHashMap<>();

    private record Measured(String family, boolean bold, double size, String text) {
    }

    private final List<Paint> nodes;
    private final List<Paint> arcs;
    private final List<String> labels;
    private final String family;

    /**
     * @param nodes  the states in the order the source declares them
     * @param arcs   the arcs in the order the source writes them
     * @param labels the peers' names, in the legend's order
     */
    StateHighlight(List<Paint> nodes, List<Paint> arcs, List<String> labels, Optional<String> family) {
        this.nodes = List.copyOf(nodes);
        this.arcs = List.copyOf(arcs);
        this.labels = labels.stream().map(String::strip).toList();
        this.family = family.orElse(Font.SANS_SERIF);
    }

    /** What the layout's legend shows where the n-th peer's name goes. */
    static String placeholder(int peer) {
        return "PEER" + peer;
    }

    /**
     * Whether a peer's name can be painted into the legend as one piece of text: one line, no control
     * characters, no run of spaces (PlantUML breaks lines and spaces text in its own way), nothing XML
     * cannot hold.
     */
    static boolean paintable(String label) {
        String text = label.strip();
        return !text.isEmpty() && !text.contains("  ") && text.codePoints().allMatch(cp -> !Character.isISOControl(cp)
                && cp != 0x2028 && cp != 0x2029 && cp != 0xFFFE && cp != 0xFFFF
                && Character.getType(cp) != Character.SURROGATE);
    }

    /** The chapter's SVG, or empty when the layout's SVG is not as expected. */
    Optional<String> apply(String layoutSvg) {
        try {
            return Optional.of(paint(layoutSvg));
        } catch (Unexpected e) {
            return Optional.empty();
        }
    }

    /** The layout's SVG is not drawn the way this class expects. */
    private static final class Unexpected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unexpected(String what) {
            super(what, null, false, false);
        }
    }

    private String paint(String svg) {
        StringBuilder out = new StringBuilder(svg.length() + 512);
        int legend = svg.indexOf("<g class=\"legend\"");
        int firstLink = svg.indexOf("<g class=\"link\"");
        if (legend < 0 || firstLink < legend) {
            throw new Unexpected("no legend before the arcs");
        }
        int legendEnd = closing(svg, legend, "</g>");
        out.append(svg, 0, legend);
        double legendRight = paintLegend(svg.substring(legend, legendEnd), out);

        int at = legendEnd;
        for (Paint node : nodes) {
            Element rect = Element.next(svg, "rect", at, firstLink);
            Element text = Element.next(svg, "text", rect.end, firstLink);
            if (!text.content(svg).equals(SvgText.escape(node.text()))) {
                throw new Unexpected("state " + node.text() + " not where expected");
            }
            out.append(svg, at, rect.start);
            String rectTag = rect.tag(svg);
            String textTag = text.tag(svg);
            if (node.highlighted()) {
                rectTag = set(set(rectTag, "fill", node.fill()), "style",
                        "stroke:" + node.stroke() + ";stroke-width:" + node.width() + ";");
                textTag = set(textTag, "fill", node.textColour());
            }
            out.append(rectTag).append(svg, rect.tagEnd, rect.end);
            out.append(svg, rect.end, text.start).append(textTag).append(svg, text.tagEnd, text.end);
            at = text.end;
        }
        if (Element.find(svg, "rect", at, firstLink) >= 0) {
            throw new Unexpected("more states than expected");
        }
        for (Paint arc : arcs) {
            int group = svg.indexOf("<g class=\"link\"", at);
            if (group < 0) {
                throw new Unexpected("fewer arcs than expected");
            }
            int groupEnd = closing(svg, group, "</g>");
            out.append(svg, at, group);
            paintArc(svg, group, groupEnd, arc, out);
            at = groupEnd;
        }
        if (svg.indexOf("<g class=\"link\"", at) >= 0) {
            throw new Unexpected("more arcs than expected");
        }
        out.append(svg, at, svg.length());
        return widened(out.toString(), legendRight);
    }

    /** Writes the legend with the peers' names in place; returns where its box now ends on the right. */
    private double paintLegend(String group, StringBuilder out) {
        Element rect = Element.next(group, "rect", 0, group.length());
        double rectX = number(rect.tag(group), "x");
        double rectRight = rectX + number(rect.tag(group), "width");
        double textRight = 0;
        double newTextRight = 0;
        StringBuilder texts = new StringBuilder();
        int at = rect.end;
        int found = 0;
        while (Element.find(group, "text", at, group.length()) >= 0) {
            Element text = Element.next(group, "text", at, group.length());
            String tag = text.tag(group);
            double x = number(tag, "x");
            double length = number(tag, "textLength");
            textRight = Math.max(textRight, x + length);
            texts.append(group, at, text.start);
            int peer = -1;
            for (int i = 0; i < labels.size(); i++) {
                if (text.content(group).equals(placeholder(i))) {
                    peer = i;
                }
            }
            if (peer >= 0) {
                length = width(labels.get(peer), false, number(tag, "font-size"));
                texts.append(set(tag, "textLength", decimal(length))).append(SvgText.escape(labels.get(peer)))
                        .append("</text>");
                found++;
            } else {
                texts.append(group, text.start, text.end);
            }
            newTextRight = Math.max(newTextRight, x + length);
            at = text.end;
        }
        if (found != labels.size()) {
            throw new Unexpected("legend without its placeholders");
        }
        double right = newTextRight + (rectRight - textRight);
        out.append(group, 0, rect.start).append(set(rect.tag(group), "width", decimal(right - rectX)))
                .append(group, rect.tagEnd, rect.end).append(texts).append(group, at, group.length());
        return right + LEGEND_MARGIN;
    }

    /** The room PlantUML leaves right of a legend that is wider than the figure below it. */
    private static final double LEGEND_MARGIN = 18;

    private void paintArc(String svg, int group, int groupEnd, Paint arc, StringBuilder out) {
        Element head = Element.next(svg, "polygon", group, groupEnd);
        Element path = Element.next(svg, "path", head.end, groupEnd);
        Element text = Element.next(svg, "text", path.end, groupEnd);
        if (!text.content(svg).equals(SvgText.escape(arc.text()))) {
            throw new Unexpected("arc " + arc.text() + " not where expected");
        }
        String headTag = head.tag(svg);
        String pathTag = path.tag(svg);
        String textTag = text.tag(svg);
        if (arc.highlighted()) {
            headTag = set(set(headTag, "fill", arc.fill()), "style",
                    "stroke:" + arc.stroke() + ";stroke-width:1;stroke-linejoin:miter;stroke-miterlimit:10;");
            pathTag = set(pathTag, "style", "stroke:" + arc.stroke() + ";stroke-width:" + arc.width() + ";"
                    + dashArray(arc.dash()));
            textTag = set(textTag, "fill", arc.textColour());
        } else {
            // Laid out bold; drawn plain, in the middle of the room the bold label took.
            double size = number(textTag, "font-size");
            double bold = number(textTag, "textLength");
            double plain = bold * width(arc.text(), false, size) / width(arc.text(), true, size);
            textTag = set(set(remove(textTag, "font-weight"), "textLength", decimal(plain)), "x",
                    decimal(number(textTag, "x") + (bold - plain) / 2));
        }
        out.append(svg, group, head.start).append(headTag).append(svg, head.tagEnd, path.start)
                .append(pathTag).append(svg, path.tagEnd, text.start).append(textTag)
                .append(svg, text.tagEnd, groupEnd);
    }

    /** PlantUML's dash patterns for its line styles. */
    private static String dashArray(String dash) {
        return switch (dash) {
            case "dashed" -> "stroke-dasharray:7,7;";
            case "dotted" -> "stroke-dasharray:1,3;";
            default -> "";
        };
    }

    /** The SVG made wide enough for its legend, should a long name have made the legend wider than the figure. */
    private static String widened(String svg, double needed) {
        int width = (int) Math.ceil(needed);
        Element root = Element.next(svg, "svg", 0, svg.length());
        String tag = root.tag(svg);
        int old = (int) number(tag, "width");
        if (width <= old) {
            return svg;
        }
        String height = value(tag, "height");
        String heightPixels = height.endsWith("px") ? height.substring(0, height.length() - 2) : height;
        tag = set(tag, "width", width + "px");
        tag = set(tag, "viewBox", "0 0 " + width + " " + heightPixels);
        tag = set(tag, "style", value(tag, "style").replace("width:" + old + "px;", "width:" + width + "px;"));
        return svg.substring(0, root.start) + tag + svg.substring(root.tagEnd);
    }

    /** The width PlantUML gives a text in the diagram's font. */
    private double width(String text, boolean bold, double size) {
        return WIDTHS.computeIfAbsent(new Measured(family, bold, size, text), k -> new Font(family,
                bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size).getStringBounds(text, CONTEXT).getWidth());
    }

    /** A number as PlantUML writes one: at most three decimals, no trailing zeros. */
    static String decimal(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Where the first {@code close} after {@code from} ends. */
    private static int closing(String svg, int from, String close) {
        int end = svg.indexOf(close, from);
        if (end < 0) {
            throw new Unexpected("unclosed element");
        }
        return end + close.length();
    }

    /** The value of an attribute of an opening tag. */
    private static String value(String tag, String name) {
        int at = tag.indexOf(' ' + name + "=\"");
        if (at < 0) {
            throw new Unexpected("no " + name + " attribute");
        }
        int start = at + name.length() + 3;
        return tag.substring(start, tag.indexOf('"', start));
    }

    private static double number(String tag, String name) {
        String value = value(tag, name);
        try {
            return Double.parseDouble(value.endsWith("px") ? value.substring(0, value.length() - 2) : value);
        } catch (NumberFormatException e) {
            throw new Unexpected(name + " is not a number");
        }
    }

    /** The tag with the attribute set to a value (escaped by the caller: colours, numbers and styles only). */
    private static String set(String tag, String name, String value) {
        int at = tag.indexOf(' ' + name + "=\"");
        if (at < 0) {
            int end = tag.endsWith("/>") ? tag.length() - 2 : tag.length() - 1;
            return tag.substring(0, end) + ' ' + name + "=\"" + value + '"' + tag.substring(end);
        }
        int start = at + name.length() + 3;
        return tag.substring(0, start) + value + tag.substring(tag.indexOf('"', start));
    }

    private static String remove(String tag, String name) {
        int at = tag.indexOf(' ' + name + "=\"");
        if (at < 0) {
            return tag;
        }
        return tag.substring(0, at) + tag.substring(tag.indexOf('"', at + name.length() + 3) + 1);
    }

    /**
     * An element of the SVG: where its opening tag starts and ends, and where the element ends (after
     * {@code />} or its closing tag).
     */
    private record Element(int start, int tagEnd, int end, String name) {
        /** Where the next {@code <name ...>} starts at or after {@code from} and before {@code limit}, or -1. */
        static int find(String svg, String name, int from, int limit) {
            int at = svg.indexOf('<' + name + ' ', from);
            return at >= 0 && at < limit ? at : -1;
        }

        static Element next(String svg, String name, int from, int limit) {
            int start = find(svg, name, from, limit);
            if (start < 0) {
                throw new Unexpected("no <" + name + "> where expected");
            }
            int tagEnd = svg.indexOf('>', start);
            if (tagEnd < 0 || tagEnd >= limit) {
                throw new Unexpected("unclosed <" + name + ">");
            }
            tagEnd++;
            if (svg.charAt(tagEnd - 2) == '/') {
                return new Element(start, tagEnd, tagEnd, name);
            }
            String close = "</" + name + '>';
            int end = svg.indexOf(close, tagEnd);
            if (end < 0 || end >= limit) {
                throw new Unexpected("unclosed <" + name + ">");
            }
            return new Element(start, tagEnd, end + close.length(), name);
        }

        String tag(String svg) {
            return svg.substring(start, tagEnd);
        }

        /** The text between the tags; empty for an empty element. */
        String content(String svg) {
            return tagEnd == end ? "" : svg.substring(tagEnd, end - name.length() - 3);
        }
    }
}
