package org.tcpstory.diagram;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.engine.ChapterResult;

/**
 * The two diagrams of every chapter page, drawn in the light theme through the cache (the site's dark look
 * recolours the inline SVG with CSS, rather than drawing every diagram twice), with their SVG prepared for
 * inlining in the page.
 */
public final class ChapterDiagrams {

    /** The diagrams of every chapter, in the order pages show them. */
    public static final List<String> KINDS = List.of("sequence", "states");

    /**
     * A rendered diagram: its PlantUML source, the SVG file and the SVG to inline in the page.
     *
     * @param arrowLines for a sequence diagram, each step's arrow as {@link SequenceDiagram.Drawing} says; else empty
     */
    public record Rendered(String kind, String slug, String puml, String svg, String inline, List<Integer> arrowLines) {
        public String svgHref() {
            return "diagrams/" + slug + "-" + kind + ".svg";
        }

        public String pumlHref() {
            return "diagrams/" + slug + "-" + kind + ".puml";
        }
    }

    private final DiagramCache cache;
    private final DiagramRenderer renderer = new DiagramRenderer();

    /** Takes diagrams from the cache when it has them, and keeps those it draws there. */
    public ChapterDiagrams(DiagramCache cache) {
        this.cache = cache;
    }

    /** The warning to give once when no CJK font was found, so Chinese labels will be measured wrongly. */
    public static Optional<Text> fontWarning() {
        CjkFonts.Lookup lookup = CjkFonts.lookup();
        return lookup.family().isPresent() ? Optional.empty() : Optional.of(lookup.message());
    }

    /**
     * Draws one diagram of a chapter.
     *
     * @throws DiagramException when PlantUML rejects the source: never published as an error image
     */
    public Rendered render(ChapterResult result, String kind) {
        return render(result, kind, DiagramWords.ENGLISH);
    }

    /** Draws one diagram of a chapter with its marks and legend in the given words. */
    public Rendered render(ChapterResult result, String kind, DiagramWords words) {
        String slug = result.chapter().slug();
        String source;
        List<Integer> arrowLines = List.of();
        if (kind.equals("sequence")) {
            SequenceDiagram.Drawing drawing = SequenceDiagram.drawing(result, Theme.LIGHT, words);
            source = drawing.source();
            arrowLines = drawing.arrowLines();
        } else {
            StateDiagram.Figure figure = StateDiagram.figure(result, Theme.LIGHT, words);
            source = figure.source();
            Optional<String> painted = figure.layout()
                    .flatMap(layout -> figure.highlight(cache.svg(layout, Theme.LIGHT, renderer::svg)));
            if (painted.isPresent()) {
                String svg = painted.get();
                return new Rendered(kind, slug, source, svg, inline(svg, slug + "-" + kind + "-"), arrowLines);
            }
        }
        String svg = cache.svg(source, Theme.LIGHT, renderer::svg);
        return new Rendered(kind, slug, source, svg, inline(svg, slug + "-" + kind + "-"), arrowLines);
    }

    /** Where a reference to an id begins: an {@code id} attribute, a {@code url(#...)} or an {@code href="#..."}. */
    private static final String[] OPENERS = {"id=\"", "url(#", "href=\"#"};

    /**
     * The SVG ready to sit inside a page: no XML declaration, and every id (and every reference to one)
     * prefixed, so that two diagrams on a page cannot collide. A plain scan, not a regular expression: a
     * long chapter's sequence diagram is half a megabyte, and this runs for every diagram of every build.
     */
    public static String inline(String svg, String prefix) {
        String body = withoutProcessingInstructions(svg).strip();
        Set<String> ids = new HashSet<>();
        for (int at = openerFrom(body, 0, 0); at >= 0; ) {
            int start = at + OPENERS[0].length();
            int end = body.indexOf('"', start);
            if (end < 0) {
                break;
            }
            if (end > start) {
                ids.add(body.substring(start, end));
            }
            at = openerFrom(body, 0, end > start ? end + 1 : at + 1);
        }
        if (ids.isEmpty()) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length() + 64 * prefix.length());
        int copied = 0;
        // The next place of each opener at or after i (-1: none left), found with indexOf, which is fast.
        int[] next = {-2, -2, -2};
        for (int i = 0; ; ) {
            int first = -1;
            for (int k = 0; k < OPENERS.length; k++) {
                if (next[k] != -1 && next[k] < i) {
                    next[k] = openerFrom(body, k, i);
                }
                if (next[k] >= 0 && (first < 0 || next[k] < next[first])) {
                    first = k;
                }
            }
            if (first < 0) {
                break;
            }
            int start = next[first] + OPENERS[first].length();
            int end = start;
            while (end < body.length() && body.charAt(end) != '"' && body.charAt(end) != ')') {
                end++;
            }
            if (end == body.length()) {
                break;
            }
            if (end > start && ids.contains(body.substring(start, end))) {
                out.append(body, copied, start).append(prefix);
                copied = start;
            }
            i = end + 1;
        }
        return out.append(body, copied, body.length()).toString();
    }

    /** Where opener {@code k} next occurs at or after {@code from}, or -1. */
    private static int openerFrom(String text, int k, int from) {
        int at = text.indexOf(OPENERS[k], from);
        while (k == 0 && at >= 0 && !isIdAttribute(text, at)) {
            at = text.indexOf(OPENERS[k], at + 1);
        }
        return at;
    }

    /** {@code id="} at {@code i} starts an attribute named id, not the end of one named {@code xid} or {@code data-id}. */
    private static boolean isIdAttribute(String text, int i) {
        if (i == 0) {
            return true;
        }
        char before = text.charAt(i - 1);
        return before == ' ' || before == '\n' || before == '\t' || before == '\r'; // XML's whitespace
    }

    /** In HTML an XML declaration or processing instruction would only become a bogus comment. */
    private static String withoutProcessingInstructions(String svg) {
        int open = svg.indexOf("<?");
        if (open < 0) {
            return svg;
        }
        StringBuilder out = new StringBuilder(svg.length());
        int copied = 0;
        while (open >= 0) {
            int close = svg.indexOf("?>", open + 2);
            if (close < 0) {
                break;
            }
            out.append(svg, copied, open);
            copied = close + 2;
            open = svg.indexOf("<?", copied);
        }
        return out.append(svg, copied, svg.length()).toString();
    }
}
