package org.tcpstory.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.commonmark.node.FencedCodeBlock;
import org.tcpstory.book.Book;
import org.tcpstory.diagram.ChapterDiagrams;
import org.tcpstory.diagram.DiagramCache;
import org.tcpstory.diagram.DiagramException;
import org.tcpstory.diagram.RenderPool;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.TcpState;
import org.tcpstory.story.HomePage;

/**
 * Renders a book into the files of its site: the pages through the FreeMarker templates, each chapter's
 * diagrams, the theme's assets, and the search index of every page's text ({@link SearchIndex}), in the
 * words of the site's language ({@link Words}). The files go to a {@link SiteFiles} as they are made, in a fixed order;
 * this class writes nothing itself. Publishing them ({@code publish}) or serving them from memory
 * ({@code serve}) is the caller's step.
 *
 * <p>The same book and templates give the same files byte for byte, however many threads render. Chapters
 * are rendered on a pool of threads and handed over in order, so a build holds only the chapters in
 * progress. For {@code serve} ({@link Mode#PREVIEW}), what the last render made is remembered, so that the
 * next render of a changed book redoes only the pages whose inputs changed: a chapter page when its file,
 * a chapter it continues, its neighbours' entries, the number of chapters or the site settings changed (or
 * any chapter's entry, when its templates list all chapters); the home, state, 404 and sitemap pages when
 * the list of chapters, the site settings or the home text changed. One render at a time.
 */
public final class SiteRenderer {

    /** What the site is rendered for. */
    public enum Mode {
        /** Files for a folder that a web server or a browser opens; rendered once. */
        PUBLISH,
        /**
         * Files {@code serve} shows, rendered again on every change: pages are remembered between renders,
         * and its server gives the 404 page a {@code <base href="/">}.
         */
        PREVIEW
    }

    /**
     * What a render made and did.
     *
     * @param chapters      chapter pages
     * @param diagrams      diagrams shown in the pages
     * @param pages         HTML pages
     * @param pagesRendered pages rendered this time (the others were unchanged and taken from the last render)
     * @param diagramsDrawn diagrams PlantUML drew this time (the others came from the last render or the cache)
     */
    public record Summary(int chapters, int diagrams, int pages, int pagesRendered, int diagramsDrawn) {
    }

    /** A diagram's files, as its page links them. */
    private record DiagramFile(String path, byte[] bytes) {
    }

    /**
     * A rendered chapter page.
     *
     * @param readAllChapters whether its templates read the entries of the list of chapters (not only its size)
     */
    private record ChapterPage(SiteModel.ChapterKey key, boolean readAllChapters, List<Views.ChapterView> chapters,
                               byte[] html, List<DiagramFile> diagrams, SearchIndex.Document search) {
        boolean reusable(SiteModel.ChapterKey now, List<Views.ChapterView> all) {
            return key.equals(now) && (!readAllChapters || chapters.equals(all));
        }
    }

    private final Path templatesDir;
    private final DiagramCache cache;
    private final RenderPool pool;
    private final Mode mode;
    private final BuildListener listener;

    private Templates templates;
    private Words words;
    private Map<String, byte[]> assets;
    private Map<String, ChapterPage> chapterPages = Map.of();
    private Object sharedKey;
    private Map<String, byte[]> shared = Map.of();
    private byte[] searchIndex;

    /**
     * @param templatesDir the user's templates folder, or null for the default theme only
     * @param threads      how many chapters to render at once (diagrams and page)
     */
    public SiteRenderer(Path templatesDir, DiagramCache cache, int threads, Mode mode, BuildListener listener) {
        this.templatesDir = templatesDir;
        this.cache = cache;
        this.pool = new RenderPool(threads);
        this.mode = mode;
        this.listener = listener == null ? BuildListener.SILENT : listener;
    }

    /** The templates or assets changed on disk: read them again and render every page. */
    public void templatesChanged() {
        templates = null;
        words = null;
        assets = null;
        chapterPages = Map.of();
        sharedKey = null;
        shared = Map.of();
    }

    /** Renders the site of a book that has no errors into memory. */
    public RenderedSite render(Book book) throws SiteException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            Summary summary = render(book, files::put);
            return new RenderedSite(files, summary);
        } catch (IOException e) {
            throw new IllegalStateException("a map does not fail", e);
        }
    }

    /**
     * Renders the site of a book that has no errors, handing each file to {@code files} as it is made.
     *
     * @throws SiteException a template that fails, a diagram PlantUML rejects, a theme that cannot be read
     * @throws IOException   what {@code files} throws
     */
    public Summary render(Book book, SiteFiles files) throws SiteException, IOException {
        if (book.hasErrors()) {
            throw new IllegalArgumentException("a book with errors is never rendered");
        }
        HomePage home = book.home();
        List<ChapterResult> ordered = book.chapters();
        Templates theme = templates();
        Map<String, byte[]> themeAssets = assets();
        SiteModel site = new SiteModel(home.settings(), words(home.settings().language()), ordered);

        // Which chapter pages can be taken from the last render as they are.
        List<SiteModel.ChapterKey> keys = new ArrayList<>();
        List<ChapterPage> kept = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            SiteModel.ChapterKey key = site.key(i);
            ChapterPage old = chapterPages.get(ordered.get(i).chapter().slug());
            keys.add(key);
            kept.add(old != null && old.reusable(key, site.chapters) ? old : null);
        }

        ChapterDiagrams.fontWarning().ifPresent(listener::warning);
        cache.problem().ifPresent(listener::warning);
        long drawnBefore = cache.drawn();
        Pages pages = new Pages(files, ordered.size() + TcpState.values().length + 2);
        Object sharedNow = List.of(home.settings(), home.lines(), site.chapters);
        boolean sharedKept = sharedNow.equals(sharedKey);
        Map<String, byte[]> sharedPages = sharedKept ? shared : new HashMap<>();
        if (!sharedKept) {
            String intro = new ProseRenderer(home.settings().allowRawHtml()).render(home.prose(), Map.of());
            sharedPages.put("index.html", bytes(theme.render("index.ftlh", site.model("", "home", Map.of(
                    "intro", Templates.markup(intro))))));
            pages.rendered++;
        }
        pages.page("index.html", sharedPages.get("index.html"));

        SearchIndex search = new SearchIndex();
        Map<String, ChapterPage> pagesNow = renderChapters(site, theme, keys, kept, pages, search);
        for (TcpState state : TcpState.values()) {
            Views.StateView view = site.stateView(state);
            String href = view.state().href();
            if (!sharedKept) {
                sharedPages.put(href, bytes(theme.render("state.ftlh", site.model("../", "state",
                        Map.of("state", view)))));
                pages.rendered++;
            }
            pages.page(href, sharedPages.get(href));
            search.add(stateDocument(view));
        }
        if (!sharedKept) {
            // Served at any depth: links go through the base URL's path, or, in serve, through its <base href="/">.
            String notFoundRoot = mode == Mode.PREVIEW ? "" : sameOrigin(home.settings().basePath());
            sharedPages.put("404.html", bytes(theme.render("404.ftlh", site.model(notFoundRoot, "404", Map.of()))));
            pages.rendered++;
        }
        pages.page("404.html", sharedPages.get("404.html"));
        if (home.settings().hasBaseUrl()) {
            if (!sharedKept) {
                sharedPages.put("sitemap.xml", bytes(theme.render("sitemap.ftlx", site.model("", "sitemap", Map.of(
                        "urls", site.sitemapUrls(pages.names))))));
            }
            files.put("sitemap.xml", sharedPages.get("sitemap.xml"));
        }
        for (Map.Entry<String, byte[]> asset : themeAssets.entrySet()) {
            if (!asset.getKey().equals(SearchIndex.PATH)) {
                files.put(asset.getKey(), asset.getValue());
            }
        }
        byte[] index = search.script();
        if (mode == Mode.PREVIEW && Arrays.equals(index, searchIndex)) {
            index = searchIndex; // unchanged: the very same file, so serve sees that nothing changed
        }
        files.put(SearchIndex.PATH, index);

        if (mode == Mode.PREVIEW) {
            chapterPages = pagesNow;
            searchIndex = index;
            sharedKey = sharedNow;
            shared = sharedPages;
        }
        int diagrams = ordered.size() * ChapterDiagrams.KINDS.size();
        return new Summary(ordered.size(), diagrams, pages.names.size(), pages.rendered, (int) (cache.drawn() - drawnBefore));
    }

    /**
     * A base URL's path as the 404 page's root: {@code //host/} would make its links, stylesheet and scripts
     * point at another site, so leading slashes are folded into one.
     */
    static String sameOrigin(String path) {
        return path.startsWith("//") ? "/" + path.replaceFirst("^/+", "") : path;
    }

    /** Hands the pages to the files as they are made, counting them for the progress line. */
    private final class Pages {
        final SiteFiles files;
        final int expected;
        final List<String> names = new ArrayList<>();
        int rendered;

        Pages(SiteFiles files, int expected) {
            this.files = files;
            this.expected = expected;
        }

        void page(String name, byte[] html) throws IOException {
            files.put(name, html);
            names.add(name);
            listener.page(names.size(), expected);
        }
    }

    private Templates templates() throws SiteException {
        if (templates == null) {
            templates = new Templates(templatesDir);
        }
        return templates;
    }

    private Words words(String language) throws SiteException {
        if (words == null || !words.tag().equals(language)) {
            words = Words.load(templatesDir, language);
        }
        return words;
    }

    /** A state page as the search finds it: its meaning, and how a peer gets in and out. */
    private static SearchIndex.Document stateDocument(Views.StateView view) {
        List<SearchIndex.Passage> passages = new ArrayList<>();
        passages.add(new SearchIndex.Passage("", view.state().meaning()));
        for (List<Views.EdgeView> edges : List.of(view.entering(), view.leaving())) {
            for (Views.EdgeView e : edges) {
                String sends = e.sends().isEmpty() ? "" : " / " + e.sends();
                passages.add(new SearchIndex.Passage("", e.from().name() + " → " + e.to().name() + ": " + e.event()
                        + sends + " · " + e.summary()));
            }
        }
        return new SearchIndex.Document(view.state().href(), view.state().name(), "state", passages);
    }

    private Map<String, byte[]> assets() throws SiteException {
        if (assets == null) {
            try {
                assets = Assets.read(templatesDir);
            } catch (IOException e) {
                throw new SiteException(SiteException.Kind.CANNOT_RUN, "cannot read the theme's assets: " + e.getMessage(), e);
            }
        }
        return assets;
    }

    /**
     * Every chapter page with its diagrams, rendered on the pool's threads and added in chapter order; pages
     * kept from the last render are added as they are. The first failure in chapter order stops the render,
     * so the same inputs always fail the same way.
     *
     * @return the pages by slug, for the next render (none when renders are not remembered)
     */
    private Map<String, ChapterPage> renderChapters(SiteModel site, Templates theme, List<SiteModel.ChapterKey> keys,
                                                    List<ChapterPage> kept, Pages pages, SearchIndex search)
            throws SiteException, IOException {
        ChapterDiagrams diagrams = new ChapterDiagrams(cache);
        boolean allowRawHtml = site.settings.allowRawHtml();
        ThreadLocal<ProseRenderer> prose = ThreadLocal.withInitial(() -> new ProseRenderer(allowRawHtml));
        Map<String, ChapterPage> bySlug = new HashMap<>();
        int total = site.results.size() * ChapterDiagrams.KINDS.size();
        int[] drawn = {0};
        try {
            pool.<ChapterPage, SiteException>run(site.results.size(), i -> () -> kept.get(i) != null ? kept.get(i)
                    : chapterPage(site, theme, prose.get(), i, keys.get(i), diagrams), (i, result) -> {
                ChapterPage page = pageOf(result);
                search.add(page.search());
                if (kept.get(i) == null) {
                    pages.rendered++;
                    drawn[0] += page.diagrams().size();
                    listener.diagram(drawn[0], total);
                }
                try {
                    pages.page(site.chapters.get(i).href(), page.html());
                    for (DiagramFile d : page.diagrams()) {
                        pages.files.put(d.path(), d.bytes());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // out of the pool's handover, then thrown as it was
                }
                if (mode == Mode.PREVIEW) {
                    bySlug.put(site.chapters.get(i).slug(), page);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteException(SiteException.Kind.CANNOT_RUN, "the build was interrupted", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return bySlug;
    }

    /** A rendered page, or what stopped its render, as thrown on the rendering thread. */
    private static ChapterPage pageOf(Future<ChapterPage> result) throws SiteException, InterruptedException {
        try {
            return RenderPool.valueOf(result);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SiteException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Chapter lists longer than this are shown around the current chapter only, in the navigation of its page. */
    static final int NAV_ALL = 60;

    /** How many chapters before and after the current one the navigation of a long book lists. */
    static final int NAV_AROUND = 10;

    private static ChapterPage chapterPage(SiteModel site, Templates theme, ProseRenderer prose, int index,
                                           SiteModel.ChapterKey key, ChapterDiagrams diagrams) throws SiteException {
        ChapterResult result = site.results.get(index);
        List<ChapterDiagrams.Rendered> drawn = new ArrayList<>();
        for (String kind : ChapterDiagrams.KINDS) {
            try {
                drawn.add(diagrams.render(result, kind, site.words.diagram()));
            } catch (DiagramException e) {
                throw new SiteException(SiteException.Kind.DIAGRAM, result.chapter().file() + ": the " + kind
                        + " diagram of this chapter cannot be drawn: " + e.getMessage(), e);
            }
        }
        Views.ChapterView view = site.chapters.get(index);
        ReadTracking<Views.ChapterView> all = new ReadTracking<>(site.chapters);
        Map<FencedCodeBlock, String> cards = new IdentityHashMap<>();
        Map<FencedCodeBlock, String> blockIds = new IdentityHashMap<>();
        EventCards events = new EventCards(result, view.peers(), site.words, drawn.get(0).arrowLines());
        List<Views.BlockView> blocks = events.blocks();
        for (int b = 0; b < blocks.size(); b++) {
            FencedCodeBlock node = result.chapter().blocks().get(b).node();
            cards.put(node, theme.render("events.ftlh",
                    site.model("", "events", all, Map.of("chapter", view, "block", blocks.get(b)))));
            blockIds.put(node, blocks.get(b).anchor());
        }
        List<Views.DiagramView> diagramViews = new ArrayList<>();
        List<DiagramFile> diagramFiles = new ArrayList<>();
        for (ChapterDiagrams.Rendered d : drawn) {
            diagramViews.add(new Views.DiagramView(d.kind(), Templates.markup(d.inline()), d.svgHref(), d.pumlHref(),
                    width(d.svg())));
            diagramFiles.add(new DiagramFile(d.svgHref(), bytes(d.svg())));
            diagramFiles.add(new DiagramFile(d.pumlHref(), bytes(d.puml())));
        }
        ProseRenderer.Rendered body = prose.renderWithHeadings(result.chapter().prose(), cards);
        Map<String, Object> page = new HashMap<>();
        page.put("chapter", view);
        page.put("body", Templates.markup(body.html()));
        page.put("headings", body.headings());
        page.put("diagrams", diagramViews);
        page.put("warnings", events.warnings());
        page.put("paths", events.paths());
        page.put("stepCount", events.stepCount());
        page.put("windows", events.charts());
        page.put("nav", navWindow(all, index));
        if (index > 0) {
            page.put("previous", site.chapters.get(index - 1));
        }
        if (index + 1 < site.chapters.size()) {
            page.put("next", site.chapters.get(index + 1));
        }
        String html = theme.render("chapter.ftlh", site.model("", "chapter", all, page));
        List<String> lead = new ArrayList<>();
        lead.add(view.summary() == null ? "" : view.summary());
        lead.add(String.join(" · ", view.peers().stream().map(Views.PeerView::label).toList()));
        SearchIndex.Document search = new SearchIndex.Document(view.href(), view.title(), "chapter",
                SearchIndex.chapterPassages(lead, result.chapter().prose(), body.ids(), blockIds));
        return new ChapterPage(key, all.read, site.chapters, bytes(html), diagramFiles, search);
    }

    /**
     * The chapters the navigation of a chapter page lists: all of them, or in a long book the first, the last
     * and those around the current one (the home page lists them all).
     */
    private static List<Views.NavEntry> navWindow(List<Views.ChapterView> all, int index) {
        List<Integer> shown = new ArrayList<>();
        if (all.size() <= NAV_ALL) {
            for (int i = 0; i < all.size(); i++) {
                shown.add(i);
            }
        } else {
            int from = Math.max(0, index - NAV_AROUND);
            int to = Math.min(all.size(), index + NAV_AROUND + 1);
            if (from > 0) {
                shown.add(0);
            }
            for (int i = from; i < to; i++) {
                shown.add(i);
            }
            if (to < all.size()) {
                shown.add(all.size() - 1);
            }
        }
        List<Views.NavEntry> entries = new ArrayList<>(shown.size());
        int previous = -1;
        for (int i : shown) {
            Views.ChapterView c = all.get(i);
            entries.add(new Views.NavEntry(c, String.format("%02d", c.number()), previous >= 0 && i > previous + 1,
                    i == index));
            previous = i;
        }
        return entries;
    }

    /** The width an SVG was drawn at, from its {@code width="123px"}; 0 when it does not say. */
    static int width(String svg) {
        int at = svg.indexOf(" width=\"");
        if (at < 0) {
            return 0;
        }
        int start = at + " width=\"".length();
        int end = start;
        while (end < svg.length() && Character.isDigit(svg.charAt(end))) {
            end++;
        }
        return end > start && end - start < 7 ? Integer.parseInt(svg.substring(start, end)) : 0;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The list of chapters as a chapter page's templates see it, noting whether they read its entries (the
     * default theme asks only its size): a page that lists every chapter is rendered again when any changes.
     */
    private static final class ReadTracking<T> extends AbstractList<T> {
        private final List<T> list;
        private boolean read;

        ReadTracking(List<T> list) {
            this.list = list;
        }

        @Override
        public T get(int index) {
            read = true;
            return list.get(index);
        }

        @Override
        public int size() {
            return list.size();
        }
    }
}
