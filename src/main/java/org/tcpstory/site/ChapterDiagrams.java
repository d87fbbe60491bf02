package org.tcpstory.site;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tcpstory.diagram.CjkFonts;
import org.tcpstory.diagram.DiagramException;
import org.tcpstory.diagram.DiagramRenderer;
import org.tcpstory.diagram.SequenceDiagram;
import org.tcpstory.diagram.StateDiagram;
import org.tcpstory.diagram.Theme;
import org.tcpstory.engine.ChapterResult;

/**
 * The two diagrams of every chapter page, drawn by the diagram package in its light theme (the site keeps
 * diagrams on a light panel in dark mode too), with their SVG prepared for inlining.
 */
final class ChapterDiagrams {

    /** The diagrams of every chapter, in the order pages show them. */
    static final List<String> KINDS = List.of("sequence", "states");

    /** A rendered diagram: its PlantUML source, the SVG file and the SVG to inline in the page. */
    record Rendered(String kind, String slug, String puml, String svg, String inline) {
        String svgHref() {
            return "diagrams/" + slug + "-" + kind + ".svg";
        }

        String pumlHref() {
            return "diagrams/" + slug + "-" + kind + ".puml";
        }
    }

    private final DiagramCache cache;
    private final DiagramRenderer renderer = new DiagramRenderer();

    /** Draws every diagram: no cache. */
    ChapterDiagrams() {
        this(DiagramCache.none());
    }

    /** Takes diagrams from the cache when it has them, and keeps those it draws there. */
    ChapterDiagrams(DiagramCache cache) {
        this.cache = cache;
    }

    /** The warning to give once when no CJK font was found, so Chinese labels will be measured wrongly. */
    static Optional<String> fontWarning() {
        CjkFonts.Lookup lookup = CjkFonts.lookup();
        return lookup.family().isPresent() ? Optional.empty() : Optional.of(lookup.message());
    }

    /**
     * Draws one diagram of a chapter.
     *
     * @throws SiteException of kind DIAGRAM when PlantUML rejects the source: never published as an error image
     */
    Rendered render(ChapterResult result, String kind) throws SiteException {
        String slug = result.chapter().slug();
        String source;
        String svg;
        try {
            source = kind.equals("sequence") ? SequenceDiagram.source(result, Theme.LIGHT)
                    : StateDiagram.source(result, Theme.LIGHT);
            svg = cache.svg(source, Theme.LIGHT, renderer::svg);
        } catch (DiagramException e) {
            throw new SiteException(SiteException.Kind.DIAGRAM, result.chapter().file() + ": the " + kind
                    + " diagram of this chapter cannot be drawn: " + e.getMessage(), e);
        }
        return new Rendered(kind, slug, source, svg, inline(svg, slug + "-" + kind + "-"));
    }

    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    /**
     * The SVG ready to sit inside a page: no XML declaration, and every id (and every reference to one)
     * prefixed, so that two diagrams on a page cannot collide.
     */
    static String inline(String svg, String prefix) {
        // No XML declaration or processing instruction: in HTML they would only become bogus comments.
        String body = svg.replaceAll("<\\?[^>]*\\?>", "").strip();
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = ID.matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty()) {
            return body;
        }
        Pattern refs = Pattern.compile("(\\bid=\"|url\\(#|href=\"#)([^\")]+)([\")])");
        Matcher r = refs.matcher(body);
        StringBuilder out = new StringBuilder();
        while (r.find()) {
            String id = r.group(2);
            String replacement = ids.contains(id) ? r.group(1) + prefix + id + r.group(3) : r.group();
            r.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        r.appendTail(out);
        return out.toString();
    }
}
