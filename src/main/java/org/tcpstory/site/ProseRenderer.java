package org.tcpstory.site;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.CoreHtmlNodeRenderer;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;
import org.tcpstory.story.SoftBreaks;

/**
 * Markdown prose to HTML: the trees the story parser made (GFM tables and autolinks included), rendered
 * with heading anchors. HTML written in the prose is shown as text unless the site allows raw HTML; link
 * and image URLs are always sanitised ({@link SafeUrls}), so a {@code javascript:} link goes nowhere. A
 * {@code tcp} block is replaced, in place, by the HTML of its event cards. The tree is only read.
 */
public final class ProseRenderer {

    private static final List<Extension> RENDER = List.of(TablesExtension.create(), HeadingAnchorExtension.create());

    private final boolean allowRawHtml;

    public ProseRenderer(boolean allowRawHtml) {
        this.allowRawHtml = allowRawHtml;
    }

    /**
     * Prose rendered to HTML, with the headings it has.
     *
     * @param headings every heading in order, with the id its anchor got
     * @param ids      the id of each heading node, by identity
     */
    public record Rendered(String html, List<Views.HeadingView> headings, Map<Heading, String> ids) {
    }

    /**
     * Renders a parsed document: a chapter's prose, or the home page's text.
     *
     * @param cards the HTML to render in place of each fenced block, by identity; other blocks render as code
     */
    public String render(Node document, Map<FencedCodeBlock, String> cards) {
        return renderWithHeadings(document, cards).html();
    }

    /** Renders a parsed document as {@link #render} does, noting each heading and its anchor's id. */
    public Rendered renderWithHeadings(Node document, Map<FencedCodeBlock, String> cards) {
        Map<FencedCodeBlock, String> byNode = new IdentityHashMap<>(cards);
        List<Views.HeadingView> headings = new ArrayList<>();
        Map<Heading, String> ids = new IdentityHashMap<>();
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(RENDER)
                .escapeHtml(!allowRawHtml)
                .sanitizeUrls(true)
                .urlSanitizer(new SafeUrls())
                .nodeRendererFactory(context -> new CardsInPlace(context, byNode))
                .nodeRendererFactory(SoftBreakInPlace::new)
                // After the heading-anchor extension's provider, which gives each heading its id.
                .attributeProviderFactory(context -> (node, tag, attributes) -> {
                    if (node instanceof TableBlock) {
                        // A table wider than the text scrolls sideways: the keyboard must be able to reach it.
                        attributes.put("tabindex", "0");
                    }
                    if (node instanceof Heading heading && attributes.containsKey("id")) {
                        ids.put(heading, attributes.get("id"));
                        headings.add(new Views.HeadingView(heading.getLevel(), attributes.get("id"), text(heading)));
                    }
                })
                .build();
        return new Rendered(renderer.render(document), List.copyOf(headings), ids);
    }

    /**
     * The plain text of a node: its text and code, without markup, its line breaks as spaces (a soft break
     * next to Chinese text as nothing: {@link SoftBreaks}).
     */
    static String text(Node node) {
        StringBuilder out = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak lineBreak) {
                out.append(SoftBreaks.vanishes(lineBreak) ? "" : " ");
            }

            @Override
            public void visit(HardLineBreak lineBreak) {
                out.append(' ');
            }
        });
        return out.toString().strip();
    }

    /** A soft line break as the source's line break, or as nothing next to Chinese text ({@link SoftBreaks}). */
    private static final class SoftBreakInPlace implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        SoftBreakInPlace(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(SoftLineBreak.class);
        }

        @Override
        public void render(Node node) {
            if (!SoftBreaks.vanishes((SoftLineBreak) node)) {
                context.getWriter().raw(context.getSoftbreak());
            }
        }
    }

    /**
     * The URLs a Markdown link or image may keep: relative ones and http, https and mailto (CommonMark's own
     * sanitiser empties every other scheme: javascript, vbscript, file ...), plus {@code data:} for raster
     * images only (PNG, GIF, JPEG, WebP), which cannot run script. A {@code data:} link would open a page the
     * author wrote, and a {@code data:} SVG is a document too, so both are emptied.
     */
    static final class SafeUrls implements UrlSanitizer {
        private static final UrlSanitizer SCHEMES = new DefaultUrlSanitizer();
        private static final Pattern RASTER_IMAGE =
                Pattern.compile("data:image/(?:png|gif|jpeg|webp)[;,]", Pattern.CASE_INSENSITIVE);

        @Override
        public String sanitizeLinkUrl(String url) {
            String kept = SCHEMES.sanitizeLinkUrl(url);
            return isData(kept) ? "" : kept;
        }

        @Override
        public String sanitizeImageUrl(String url) {
            String kept = SCHEMES.sanitizeImageUrl(url);
            return isData(kept) && !RASTER_IMAGE.matcher(kept).lookingAt() ? "" : kept;
        }

        /** The default sanitiser strips leading blanks and keeps only known schemes, so data: is at the start. */
        private static boolean isData(String url) {
            return url.regionMatches(true, 0, "data:", 0, 5);
        }
    }

    /** Renders the fenced blocks that have cards as those cards, and every other one as usual. */
    private static final class CardsInPlace implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final Map<FencedCodeBlock, String> cards;
        private final CoreHtmlNodeRenderer core;

        CardsInPlace(HtmlNodeRendererContext context, Map<FencedCodeBlock, String> cards) {
            this.context = context;
            this.cards = cards;
            this.core = new CoreHtmlNodeRenderer(context);
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(FencedCodeBlock.class);
        }

        @Override
        public void render(Node node) {
            String html = cards.get(node);
            if (html == null) {
                core.render(node);
                return;
            }
            context.getWriter().line();
            context.getWriter().raw(html);
            context.getWriter().line();
        }
    }
}
