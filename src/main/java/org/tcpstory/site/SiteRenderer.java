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
import org.tcpstory.book.Edition;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.diagram.ChapterDiagrams;
import org.tcpstory.diagram.DiagramCache;
import org.tcpstory.diagram.DiagramException;
import org.tcpstory.diagram.RenderPool;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.TcpState;
import org.tcpstory.story.HomePage;
import org.tcpstory.story.SiteSettings;

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
        /**
         * @param all the list of chapters now, the very list object of the last render when it is equal to it:
         *            compared by identity here, since comparing the lists for every page was quadratic
         */
        boolean reusable(SiteModel.ChapterKey now, List<Views.ChapterView> all) {
            return key.equals(now) && (!readAllChapters || chapters == all);
        }
    }

    private final Path templatesDir;
    private final DiagramCache cache;
    private final RenderPool pool;
    private final Mode mode;
    private final BuildListener listener;

    private Templates templates;
    private final Map<String, Words> words = new HashMap<>();
    private Map<String, byte[]> assets;
    private Map<String, ChapterPage> chapterPages = Map.of();
    /** What the pages but the chapters were made from, by the folder of their language ({@code "/"}: the root's). */
    private Map<String, Object> sharedKeys = Map.of();
    private Map<String, byte[]> shared = Map.of();
    private Map<String, byte[]> searchIndexes = Map.of();
    /** Each language's list of chapters at the last render, by folder: a kept page compares it by identity. */
    private Map<String, List<Views.ChapterView>> chapterLists = Map.of();
    /** The chapters' entries in the lists of chapters at the last render: the next takes unchanged ones again. */
    private SiteModel.Entries entries;
    /** Each language's last search index, by folder: the next takes the entries of kept pages from it. */
    private Map<String, SearchIndex> lastSearches = Map.of();

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
        words.clear();
        assets = null;
        chapterPages = Map.of();
        sharedKeys = Map.of();
        shared = Map.of();
        searchIndexes = Map.of();
        chapterLists = Map.of();
        lastSearches = Map.of();
        entries = null;
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
        Templates theme = templates();
        Map<String, byte[]> themeAssets = assets();
        List<Words> words = new ArrayList<>();
        for (Edition edition : book.editions()) {
            words.add(words(edition.settings().language()));
        }
        Languages languages = new Languages(book, words);
        int expected = languages.several() ? 2 : 1;
        for (Edition edition : book.editions()) {
            expected += edition.chapters().size() + TcpState.values().length + 1;
        }

        ChapterDiagrams.fontWarning().ifPresent(listener::warning);
        cache.problem().ifPresent(listener::warning);
        long drawnBefore = cache.drawn();
        Pages pages = new Pages(files, expected);
        SiteModel.Entries entriesNow = new SiteModel.Entries(entries);
        List<SiteModel> models = new ArrayList<>();
        for (int e = 0; e < book.editions().size(); e++) {
            models.add(new SiteModel(languages, e, entriesNow));
        }
        Map<String, Object> sharedNow = sharedKeys(book, languages, models);
        Map<String, byte[]> sharedPages = new HashMap<>(shared);
        boolean rootKept = sharedNow.get(ROOT).equals(sharedKeys.get(ROOT));
        Map<String, ChapterPage> pagesNow = new HashMap<>();
        List<SearchIndex> searches = new ArrayList<>();
        List<Views.SitemapEntry> sitemap = new ArrayList<>();
        Map<String, List<Views.ChapterView>> listsNow = new HashMap<>();
        int chapters = 0;

        if (languages.several()) {
            String chooser = "index.html";
            if (!rootKept) {
                sharedPages.put(chooser, bytes(theme.render("languages.ftlh", languagesModel(book, languages, models.get(0)))));
                pages.rendered++;
            }
            pages.page(chooser, sharedPages.get(chooser));
        }
        for (int e = 0; e < book.editions().size(); e++) {
            SiteModel site = models.get(e);
            String folder = book.editions().get(e).path();
            SearchIndex last = lastSearches.get(folder);
            SearchIndex search = last == null ? new SearchIndex() : new SearchIndex(last);
            searches.add(search);
            List<Views.ChapterView> lastList = chapterLists.get(folder);
            List<Views.ChapterView> chaptersNow = site.chapters.equals(lastList) ? lastList : site.chapters;
            listsNow.put(folder, chaptersNow);
            renderEdition(site, chaptersNow, folder, theme, sharedNow.get(folder).equals(sharedKeys.get(folder)),
                    sharedPages, pages, search, pagesNow, sitemap);
            chapters += site.results.size();
        }

        SiteModel first = models.get(0);
        if (!rootKept) {
            // Served at any depth: links go through the base URL's path, or, in serve, through its <base href="/">.
            String siteRoot = mode == Mode.PREVIEW ? "" : sameOrigin(book.home().settings().basePath());
            SiteModel.Page notFound = new SiteModel.Page("404.html", null, siteRoot + book.editions().get(0).path(),
                    siteRoot);
            sharedPages.put("404.html", bytes(theme.render("404.ftlh", first.model(notFound, "404", Map.of()))));
            pages.rendered++;
        }
        pages.page("404.html", sharedPages.get("404.html"));
        if (book.home().settings().hasBaseUrl()) {
            if (!rootKept) {
                List<String> urls = sitemap.stream().map(Views.SitemapEntry::loc).toList();
                sharedPages.put("sitemap.xml", bytes(theme.render("sitemap.ftlx", first.model(first.page("sitemap.xml", ""),
                        "sitemap", Map.of("urls", urls, "entries", sitemap)))));
            }
            files.put("sitemap.xml", sharedPages.get("sitemap.xml"));
        }
        for (Map.Entry<String, byte[]> asset : themeAssets.entrySet()) {
            if (!asset.getKey().equals(SearchIndex.PATH)) {
                files.put(asset.getKey(), asset.getValue());
            }
        }
        Map<String, byte[]> indexes = new HashMap<>();
        for (int e = 0; e < searches.size(); e++) {
            String path = book.editions().get(e).path() + SearchIndex.PATH;
            byte[] index = searches.get(e).script();
            if (mode == Mode.PREVIEW && searchIndexes.containsKey(path) && Arrays.equals(index, searchIndexes.get(path))) {
                index = searchIndexes.get(path); // unchanged: the very same file, so serve sees that nothing changed
            }
            files.put(path, index);
            indexes.put(path, index);
        }

        if (mode == Mode.PREVIEW) {
            chapterPages = pagesNow;
            searchIndexes = indexes;
            chapterLists = listsNow;
            Map<String, SearchIndex> searchesNow = new HashMap<>();
            for (int e = 0; e < searches.size(); e++) {
                searchesNow.put(book.editions().get(e).path(), searches.get(e));
            }
            lastSearches = searchesNow;
            sharedKeys = sharedNow;
            shared = sharedPages;
            entries = entriesNow;
        }
        int diagrams = chapters * ChapterDiagrams.KINDS.size();
        return new Summary(chapters, diagrams, pages.names.size(), pages.rendered, (int) (cache.drawn() - drawnBefore));
    }

    /**
     * The pages of one language, under its folder ({@code ""} for a book in one language): its home page, its
     * chapters with their diagrams and its state pages, added to its search index and the sitemap.
     *
     * @param chaptersNow its list of chapters, the very list of the last render when equal to it
     */
    private void renderEdition(SiteModel site, List<Views.ChapterView> chaptersNow, String folder, Templates theme,
                               boolean sharedKept,
                               Map<String, byte[]> sharedPages, Pages pages, SearchIndex search,
                               Map<String, ChapterPage> pagesNow, List<Views.SitemapEntry> sitemap)
            throws SiteException, IOException {
        HomePage home = site.home;
        // Which chapter pages can be taken from the last render as they are.
        List<SiteModel.ChapterKey> keys = new ArrayList<>();
        List<ChapterPage> kept = new ArrayList<>();
        for (int i = 0; i < site.results.size(); i++) {
            SiteModel.ChapterKey key = site.key(i);
            ChapterPage old = chapterPages.get(folder + site.results.get(i).chapter().slug());
            keys.add(key);
            kept.add(old != null && old.reusable(key, chaptersNow) ? old : null);
        }
        String index = folder + "index.html";
        SiteModel.Page homePage = site.page("index.html", "");
        if (!sharedKept) {
            String intro = new ProseRenderer(site.settings.allowRawHtml()).render(home.prose(), Map.of());
            sharedPages.put(index, bytes(theme.render("index.ftlh", site.model(homePage, "home", Map.of(
                    "intro", Templates.markup(intro))))));
            pages.rendered++;
        }
        pages.page(index, sharedPages.get(index));
        sitemap.add(site.sitemapEntry(homePage));

        Map<String, ChapterPage> rendered = renderChapters(site, chaptersNow, folder, theme, keys, kept, pages, search);
        pagesNow.putAll(rendered);
        for (int i = 0; i < site.results.size(); i++) {
            sitemap.add(site.sitemapEntry(site.chapterPage(i)));
        }
        for (TcpState state : TcpState.values()) {
            Views.StateView view = site.stateView(state);
            String href = view.state().href();
            SiteModel.Page page = site.page(href, "../");
            if (!sharedKept) {
                sharedPages.put(folder + href, bytes(theme.render("state.ftlh", site.model(page, "state",
                        Map.of("state", view)))));
                pages.rendered++;
            }
            pages.page(folder + href, sharedPages.get(folder + href));
            sitemap.add(site.sitemapEntry(page));
            search.add(stateDocument(view));
        }
    }

    /** The key of the pages at the site's root: the page that lists the languages, the 404 page and the sitemap. */
    private static final String ROOT = "/";

    /**
     * Everything the pages but the chapters are made from, by the folder of their language: where it is
     * unchanged, so are they. The root's pages depend on every language's chapters (the sitemap lists them).
     */
    private static Map<String, Object> sharedKeys(Book book, Languages languages, List<SiteModel> models) {
        Map<String, Object> keys = new HashMap<>();
        List<Object> root = new ArrayList<>(List.of(book.home().settings(), book.home().lines()));
        for (int e = 0; e < languages.all().size(); e++) {
            Edition edition = languages.all().get(e).edition();
            List<Views.ChapterView> chapters = models.get(e).chapters;
            List<String> twins = edition.chapters().stream().map(c -> c.chapter().translationKey()).toList();
            keys.put(edition.path(), List.of(edition.settings(), edition.home().lines(), chapters,
                    languages.links(e, "index.html", null, "")));
            root.add(List.of(edition.path(), edition.settings(), chapters, twins));
        }
        keys.put(ROOT, root);
        return keys;
    }

    /** The page of a book in several languages that lists them, each in its own words. */
    private Map<String, Object> languagesModel(Book book, Languages languages, SiteModel model) {
        List<Views.EditionView> editions = new ArrayList<>();
        for (Languages.Language language : languages.all()) {
            Edition edition = language.edition();
            String first = edition.chapters().isEmpty() ? "index.html"
                    : Languages.page(edition.chapters().get(0).chapter().slug());
            editions.add(new Views.EditionView(language.tag(), language.name(), edition.settings().title(),
                    edition.settings().description(), edition.path() + "index.html", edition.path() + first,
                    language.words().get("start"),
                    language.words().get("chapterCount").replace("{n}", Integer.toString(edition.chapters().size()))));
        }
        String intro = new ProseRenderer(book.home().settings().allowRawHtml()).render(book.home().prose(), Map.of());
        Map<String, Object> page = model.model(new SiteModel.Page("index.html", null, "", ""), "languages", Map.of(
                "editions", editions, "intro", Templates.markup(intro)));
        // The page speaks the default language (its words are the first language's), as the 404 page does.
        SiteSettings own = book.home().settings();
        page.put("site", new SiteSettings(own.title(), languages.all().get(0).tag(), own.baseUrl(), own.description(),
                own.allowRawHtml(), own.profile(), own.congestion(), own.languages()));
        page.put("chapters", List.of());
        page.put("translations", languages.links(-1, "index.html", null, ""));
        return page;
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
        Words known = words.get(language);
        if (known == null) {
            known = Words.load(templatesDir, language);
            words.put(language, known);
        }
        return known;
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
                throw new SiteException(SiteException.Kind.CANNOT_RUN,
                        Text.of("build.cannotReadAssets", Text.message(e)), e);
            }
        }
        return assets;
    }

    /**
     * Every chapter page with its diagrams, rendered on the pool's threads and added in chapter order; pages
     * kept from the last render are added as they are. The first failure in chapter order stops the render,
     * so the same inputs always fail the same way.
     *
     * @param folder where the language's pages go: {@code zh/}, or {@code ""}
     * @return the pages by folder and slug, for the next render (none when renders are not remembered)
     */
    private Map<String, ChapterPage> renderChapters(SiteModel site, List<Views.ChapterView> chaptersNow, String folder,
                                                    Templates theme,
                                                    List<SiteModel.ChapterKey> keys, List<ChapterPage> kept, Pages pages,
                                                    SearchIndex search)
            throws SiteException, IOException {
        ChapterDiagrams diagrams = new ChapterDiagrams(cache);
        boolean allowRawHtml = site.settings.allowRawHtml();
        ThreadLocal<ProseRenderer> prose = ThreadLocal.withInitial(() -> new ProseRenderer(allowRawHtml));
        Map<String, ChapterPage> bySlug = new HashMap<>();
        int total = site.results.size() * ChapterDiagrams.KINDS.size();
        int[] drawn = {0};
        try {
            pool.<ChapterPage, SiteException>run(site.results.size(), kept::get,
                    i -> () -> chapterPage(site, chaptersNow, theme, prose.get(), i, keys.get(i), diagrams), (i, result) -> {
                ChapterPage page = pageOf(result);
                search.add(page.search());
                if (kept.get(i) == null) {
                    pages.rendered++;
                    drawn[0] += page.diagrams().size();
                    listener.diagram(drawn[0], total);
                }
                try {
                    pages.page(folder + site.chapters.get(i).href(), page.html());
                    for (DiagramFile d : page.diagrams()) {
                        pages.files.put(folder + d.path(), d.bytes());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // out of the pool's handover, then thrown as it was
                }
                if (mode == Mode.PREVIEW) {
                    bySlug.put(folder + site.chapters.get(i).slug(), page);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteException(SiteException.Kind.CANNOT_RUN, Text.of("build.interrupted"), e);
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

    private static ChapterPage chapterPage(SiteModel site, List<Views.ChapterView> chaptersNow, Templates theme,
                                           ProseRenderer prose, int index,
                                           SiteModel.ChapterKey key, ChapterDiagrams diagrams) throws SiteException {
        ChapterResult result = site.results.get(index);
        List<ChapterDiagrams.Rendered> drawn = new ArrayList<>();
        for (String kind : ChapterDiagrams.KINDS) {
            try {
                drawn.add(diagrams.render(result, kind, site.words.diagram()));
            } catch (DiagramException e) {
                Text which = Text.of(kind.equals("sequence") ? "build.diagram.sequence" : "build.diagram.states");
                throw new SiteException(SiteException.Kind.DIAGRAM,
                        Text.of("build.diagram", result.chapter().file(), which, e.text()), e);
            }
        }
        Views.ChapterView view = site.chapters.get(index);
        SiteModel.Page self = site.chapterPage(index);
        ReadTracking<Views.ChapterView> all = new ReadTracking<>(site.chapters);
        Map<FencedCodeBlock, String> cards = new IdentityHashMap<>();
        Map<FencedCodeBlock, String> blockIds = new IdentityHashMap<>();
        EventCards events = new EventCards(result, view.peers(), site.words, drawn.get(0).arrowLines());
        List<Views.BlockView> blocks = events.blocks();
        for (int b = 0; b < blocks.size(); b++) {
            FencedCodeBlock node = result.chapter().blocks().get(b).node();
            cards.put(node, theme.render("events.ftlh",
                    site.model(self, "events", all, Map.of("chapter", view, "block", blocks.get(b)))));
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
        String html = theme.render("chapter.ftlh", site.model(self, "chapter", all, page));
        List<String> lead = new ArrayList<>();
        lead.add(view.summary() == null ? "" : view.summary());
        lead.add(String.join(" · ", view.peers().stream().map(Views.PeerView::label).toList()));
        SearchIndex.Document search = new SearchIndex.Document(view.href(), view.title(), "chapter",
                SearchIndex.chapterPassages(lead, result.chapter().prose(), body.ids(), blockIds));
        return new ChapterPage(key, all.read, chaptersNow, bytes(html), diagramFiles, search);
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
