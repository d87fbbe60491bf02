package org.tcpstory.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.commonmark.node.FencedCodeBlock;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagram.RenderPool;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.PeerChange;
import org.tcpstory.engine.StateMachine;
import org.tcpstory.engine.Step;
import org.tcpstory.engine.StoryEngine;
import org.tcpstory.engine.TcpState;
import org.tcpstory.files.PathNames;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.ContentLoader;
import org.tcpstory.story.ContentSet;
import org.tcpstory.story.PeerSpec;

/**
 * Builds the site: loads and validates the chapters, renders every page and diagram into a temporary
 * folder next to the output folder, then swaps it in. Chapters with errors, a diagram PlantUML rejects
 * or a broken template publish nothing, and the previous site stays exactly as it was.
 */
public final class SiteBuilder {

    /** Page names tcpstory itself uses, which a chapter's slug may not take. */
    static final Set<String> RESERVED_SLUGS = Set.of("index", "404", "sitemap");

    /**
     * What to build.
     *
     * @param templates the user's templates folder, or null for the default theme only
     */
    public record Request(Path content, Path out, Path templates) {
    }

    /**
     * A site rendered in memory, for {@code serve}: every file but the theme's assets, by its path in the
     * site ({@code index.html}, {@code diagrams/hello-sequence.svg}); none when the build failed (and none
     * inside {@link #build}, which writes them as they are made).
     *
     * @param pagesRendered    pages rendered this time (the others were unchanged and taken from the memo)
     * @param diagramsRendered diagrams drawn by PlantUML this time (the others came from the memo or the cache)
     */
    public record Rendering(BuildResult result, Map<String, String> files, int pagesRendered, int diagramsRendered) {
        public Rendering {
            files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        }
    }

    /**
     * What the last render of one site made, page by page, so that the next render of it redoes only the
     * pages whose inputs changed: a chapter page when its file, a chapter it continues, its neighbours'
     * entries, the number of chapters or the site settings changed (or any chapter's entry, when its
     * templates list all chapters); the home, state, 404 and sitemap pages when the list of chapters, the
     * site settings or the home text changed. Used by one thread at a time.
     */
    public static final class Memo {
        private Templates templates;
        private Path templatesDir;
        private final Map<String, ChapterPage> chapters = new HashMap<>();
        private Object sharedKey;
        private Map<String, String> shared = Map.of();

        /** The templates or assets changed on disk: read them again and render every page. */
        public void templatesChanged() {
            templates = null;
            chapters.clear();
            sharedKey = null;
            shared = Map.of();
        }

        Templates templates(Path dir) throws SiteException {
            if (templates == null || !java.util.Objects.equals(dir, templatesDir)) {
                templatesChanged();
                templates = new Templates(dir);
                templatesDir = dir;
            }
            return templates;
        }
    }

    /** A chapter's authored text, one of the inputs of its page. */
    private record Source(String file, List<String> lines) {
    }

    /** Everything a chapter page is made from, but the list of all chapters. */
    private record ChapterKey(SiteConfig config, List<Source> sources, Views.ChapterView view, Views.ChapterView previous,
                              Views.ChapterView next, int chapterCount) {
    }

    /**
     * A rendered chapter page.
     *
     * @param readAllChapters whether its templates read the entries of the list of chapters (not only its size)
     */
    private record ChapterPage(ChapterKey key, boolean readAllChapters, List<Views.ChapterView> chapters, String html,
                               List<ChapterDiagrams.Rendered> diagrams) {
        boolean reusable(ChapterKey now, List<Views.ChapterView> all) {
            return key.equals(now) && (!readAllChapters || chapters.equals(all));
        }
    }

    private final BuildListener listener;
    private final StoryEngine engine = new StoryEngine();
    private final DiagramCache cache;
    private final RenderPool pool;

    /**
     * @param cache   where diagrams are kept between builds; null for {@link DiagramCache#standard()}
     * @param threads how many chapters to render at once (diagrams and page)
     */
    public SiteBuilder(BuildListener listener, DiagramCache cache, int threads) {
        this.listener = listener == null ? BuildListener.SILENT : listener;
        this.cache = cache == null ? DiagramCache.standard() : cache;
        this.pool = new RenderPool(threads);
    }

    /** Renders on one thread per processor. */
    public SiteBuilder(BuildListener listener, DiagramCache cache) {
        this(listener, cache, RenderPool.defaultThreads());
    }

    public SiteBuilder(BuildListener listener) {
        this(listener, null);
    }

    public SiteBuilder() {
        this(BuildListener.SILENT);
    }

    /** The diagram cache this builder uses. */
    public DiagramCache cache() {
        return cache;
    }

    public BuildResult build(Request request) throws SiteException {
        long start = System.nanoTime();
        Path content = request.content();
        checkFolders(content, request.templates());
        OutputFolder out = OutputFolder.check(request.out(), java.util.Arrays.asList(content, request.templates()));
        String shownOut = out.shown();
        BuildManifest manifest = BuildManifest.of(cache, out.target());
        String raw = BuildManifest.raw(content, request.templates());
        Optional<BuildManifest.Counts> unchanged = manifest.unchanged(raw);
        if (unchanged.isPresent()) {
            // Byte for byte the inputs of a build that reported nothing, and the folder as it left it.
            ChapterDiagrams.fontWarning().ifPresent(listener::warning);
            BuildManifest.Counts counts = unchanged.get();
            return new BuildResult(true, true, new ContentSet(List.of(), List.of()), List.of(), List.of(), counts.chapters(),
                    counts.diagrams(), counts.pages(), shownOut, millis(start));
        }
        FolderWriter writer = new FolderWriter(out);
        Rendering rendering;
        try {
            rendering = render(content, request.templates(), null, shownOut, start, manifest, writer, false);
            if (rendering.result().published() && !rendering.result().unchanged()) {
                Assets.copy(request.templates(), writer.folder());
                out.commit();
            } else {
                out.abandon();
            }
        } catch (IOException e) {
            out.abandon();
            throw cannotWrite(shownOut, e);
        } catch (SiteException | RuntimeException | Error e) {
            out.abandon();
            throw e;
        }
        BuildResult rendered = rendering.result();
        if (!rendered.published()) {
            return rendered;
        }
        // Also when the folder already held exactly this site: the next build can then skip checking.
        manifest.record(counts(rendered), raw, rendered.diagnostics().isEmpty());
        if (rendered.unchanged()) {
            return rendered;
        }
        cache.prune();
        return new BuildResult(true, false, rendered.content(), rendered.results(), rendered.extra(), rendered.chapters(),
                rendered.diagrams(), rendered.pages(), shownOut, millis(start));
    }

    /**
     * Writes the site's files into a temporary folder beside the output folder, created with the first file
     * (a build that finds errors, or finds the folder up to date, creates nothing).
     */
    private static final class FolderWriter implements SiteFiles {
        private final OutputFolder out;
        private final Set<Path> folders = new HashSet<>();
        private Path temp;

        FolderWriter(OutputFolder out) {
            this.out = out;
        }

        Path folder() throws IOException {
            if (temp == null) {
                temp = out.begin();
                folders.add(temp);
            }
            return temp;
        }

        @Override
        public void put(String path, String text) throws IOException {
            if (out.abandoned()) {
                throw new IOException("the build was stopped");
            }
            Path file = folder().resolve(path);
            if (folders.add(file.getParent())) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }

    private static SiteException cannotWrite(String shownOut, IOException e) {
        return new SiteException(SiteException.Kind.CANNOT_RUN, "cannot write the site into " + shownOut + ": "
                + e.getMessage(), e);
    }

    private static BuildManifest.Counts counts(BuildResult result) {
        return new BuildManifest.Counts(result.chapters(), result.diagrams(), result.pages());
    }

    /**
     * Checks and renders the site in memory, writing nothing (for {@code serve}). Pages the memo holds
     * and whose inputs did not change are taken from it; the memo then holds this render.
     *
     * @param templates the user's templates folder, or null for the default theme only
     * @param out       how to name the site in the result
     */
    public Rendering render(Path content, Path templates, Memo memo, String out) throws SiteException {
        long start = System.nanoTime();
        checkFolders(content, templates);
        Map<String, String> files = new LinkedHashMap<>();
        Rendering rendering = render(content, templates, memo, out, start, null, files::put, true);
        return new Rendering(rendering.result(), rendering.result().published() ? files : Map.of(),
                rendering.pagesRendered(), rendering.diagramsRendered());
    }

    /** Copies the theme's assets (the defaults, then the user's) into {@code site/assets/}, as a build does. */
    public static void copyAssets(Path templates, Path site) throws IOException {
        Assets.copy(templates, site);
    }

    private static void checkFolders(Path content, Path templates) throws SiteException {
        if (!Files.isDirectory(content)) {
            throw new SiteException(SiteException.Kind.CANNOT_RUN, Files.exists(content)
                    ? "the content folder " + PathNames.shown(content) + " is not a folder"
                    : "no such content folder: " + PathNames.shown(content));
        }
        if (templates != null && !Files.isDirectory(templates)) {
            throw new SiteException(SiteException.Kind.CANNOT_RUN, "no such templates folder: " + PathNames.shown(templates));
        }
    }

    /**
     * @param memo     the pages of the previous render, to take those whose inputs did not change; null for
     *                 none, and to keep nothing of this render
     * @param manifest for a build into a folder: when the folder holds exactly what these inputs give, the
     *                 result says so ({@link BuildResult#unchanged()}) and nothing is rendered; null to always
     *                 render
     * @param sink     takes the files as they are made, on this thread, in a deterministic order; nothing
     *                 when the chapters have errors. The result's files are empty.
     * @param preview  for {@code serve}, whose server gives the 404 page a {@code <base href="/">}
     */
    private Rendering render(Path content, Path templatesDir, Memo memo, String shownOut, long start,
                             BuildManifest manifest, SiteFiles sink, boolean preview) throws SiteException {
        ContentSet loaded;
        try {
            loaded = new ContentLoader().load(List.of(content));
        } catch (ContentLoader.UnreadablePathException e) {
            throw new SiteException(SiteException.Kind.CANNOT_RUN, e.getMessage(), e);
        }
        List<Chapter> chapters = loaded.library().stream().flatMap(r -> r.chapter().stream()).toList();
        List<ChapterResult> results = engine.validate(chapters);
        listener.validated(chapters.size());

        SiteConfig.Home home = SiteConfig.read(content);
        List<BuildResult.FileProblems> extra = new ArrayList<>();
        if (!home.diagnostics().isEmpty()) {
            extra.add(new BuildResult.FileProblems(home.file(), lines(content.resolve(SiteConfig.INDEX_FILE)),
                    home.diagnostics()));
        }
        for (Chapter chapter : chapters) {
            if (RESERVED_SLUGS.contains(chapter.slug())) {
                extra.add(new BuildResult.FileProblems(chapter.file(), chapter.lines(), List.of(Diagnostic.error(
                        chapter.frontMatter().position(), "reserved-slug", "the page name " + chapter.slug()
                                + " is taken by the site itself: give this chapter another `slug:`"))));
            }
        }
        BuildResult failed = new BuildResult(false, false, loaded, results, extra, 0, 0, 0, shownOut, millis(start));
        if (failed.errors() > 0) {
            return new Rendering(failed, Map.of(), 0, 0);
        }

        List<ChapterResult> ordered = StoryEngine.requestedInOrder(loaded, results);
        Optional<Integer> upToDate = manifest == null ? Optional.empty() : manifest.upToDate(loaded, home, templatesDir);
        if (upToDate.isPresent()) {
            ChapterDiagrams.fontWarning().ifPresent(listener::warning);
            return new Rendering(new BuildResult(true, true, loaded, results, extra, ordered.size(),
                    ordered.size() * ChapterDiagrams.KINDS.size(), upToDate.get(), shownOut, millis(start)), Map.of(), 0, 0);
        }
        Memo previous = memo == null ? new Memo() : memo;
        Templates templates = previous.templates(templatesDir);
        Site site = new Site(home.config(), ordered);

        // Which chapter pages can be taken from the memo as they are.
        List<ChapterKey> keys = new ArrayList<>();
        List<ChapterPage> kept = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            ChapterKey key = site.key(i);
            ChapterPage old = previous.chapters.get(ordered.get(i).chapter().slug());
            keys.add(key);
            kept.add(old != null && old.reusable(key, site.chapters) ? old : null);
        }

        ChapterDiagrams.fontWarning().ifPresent(listener::warning);
        long drawnBefore = cache.drawn();
        Pages pages = new Pages(sink, shownOut, ordered.size() + TcpState.values().length + 2);
        ProseRenderer homeProse = new ProseRenderer(home.config().allowRawHtml());
        List<Object> sharedKey = List.of(home.config(), home.markdown(), site.chapters);
        boolean sharedKept = sharedKey.equals(previous.sharedKey);
        Map<String, String> shared = new HashMap<>();
        if (sharedKept) {
            shared.putAll(previous.shared);
        } else {
            shared.put("index.html", templates.render("index.ftlh", site.model("", "home", Map.of(
                    "intro", Templates.markup(homeProse.renderMarkdown(home.markdown()))))));
            pages.rendered++;
        }
        pages.page("index.html", shared.get("index.html"));

        Map<String, ChapterPage> pagesNow = renderChapters(site, templates, home.config().allowRawHtml(), keys, kept,
                pages, memo != null);
        for (TcpState state : TcpState.values()) {
            Views.StateLink link = Views.StateLink.of(state);
            if (!sharedKept) {
                shared.put(link.href(), templates.render("state.ftlh", site.model("../", "state",
                        Map.of("state", site.stateView(state)))));
                pages.rendered++;
            }
            pages.page(link.href(), shared.get(link.href()));
        }
        if (!sharedKept) {
            // Served at any depth: links go through the base URL's path, or, in serve, through its <base href="/">.
            String notFoundRoot = preview ? "" : home.config().basePath();
            shared.put("404.html", templates.render("404.ftlh", site.model(notFoundRoot, "404", Map.of())));
            pages.rendered++;
        }
        pages.page("404.html", shared.get("404.html"));
        int pageCount = pages.names.size();
        if (home.config().hasBaseUrl()) {
            if (!sharedKept) {
                shared.put("sitemap.xml", templates.render("sitemap.ftlx", site.model("", "sitemap", Map.of(
                        "urls", site.sitemapUrls(pages.names)))));
            }
            pages.file("sitemap.xml", shared.get("sitemap.xml"));
        }
        if (memo != null) {
            memo.chapters.clear();
            memo.chapters.putAll(pagesNow);
            memo.sharedKey = sharedKey;
            memo.shared = shared;
        }
        int total = ordered.size() * ChapterDiagrams.KINDS.size();
        BuildResult result = new BuildResult(true, false, loaded, results, extra, ordered.size(), total, pageCount, shownOut,
                millis(start));
        return new Rendering(result, Map.of(), pages.rendered, (int) (cache.drawn() - drawnBefore));
    }

    /** Hands the site's files to the sink, counting the pages for the progress line. */
    private final class Pages {
        final SiteFiles sink;
        final String shownOut;
        final int expected;
        final List<String> names = new ArrayList<>();
        int rendered;

        Pages(SiteFiles sink, String shownOut, int expected) {
            this.sink = sink;
            this.shownOut = shownOut;
            this.expected = expected;
        }

        void page(String name, String html) throws SiteException {
            file(name, html);
            names.add(name);
            listener.page(names.size(), expected);
        }

        void file(String name, String text) throws SiteException {
            try {
                sink.put(name, text);
            } catch (IOException e) {
                throw cannotWrite(shownOut, e);
            }
        }
    }

    /**
     * Every chapter page with its diagrams, rendered on the pool's threads and handed to the sink in chapter
     * order; pages the memo kept are handed over as they are. The first failure in chapter order stops the
     * render, so the same inputs always fail the same way.
     *
     * @param keep whether to return the pages, for the next render to reuse
     * @return the pages by slug, or nothing when not kept
     */
    private Map<String, ChapterPage> renderChapters(Site site, Templates templates, boolean allowRawHtml,
                                                    List<ChapterKey> keys, List<ChapterPage> kept, Pages pages,
                                                    boolean keep) throws SiteException {
        ChapterDiagrams diagrams = new ChapterDiagrams(cache);
        ThreadLocal<ProseRenderer> prose = ThreadLocal.withInitial(() -> new ProseRenderer(allowRawHtml));
        Map<String, ChapterPage> bySlug = new HashMap<>();
        int total = site.results.size() * ChapterDiagrams.KINDS.size();
        int[] drawn = {0};
        try {
            pool.<ChapterPage, SiteException>run(site.results.size(), i -> () -> kept.get(i) != null ? kept.get(i)
                    : chapterPage(site, templates, prose.get(), i, keys.get(i), diagrams), (i, result) -> {
                ChapterPage page = pageOf(result);
                if (kept.get(i) == null) {
                    pages.rendered++;
                    drawn[0] += page.diagrams().size();
                    listener.diagram(drawn[0], total);
                }
                pages.page(site.chapters.get(i).href(), page.html());
                for (ChapterDiagrams.Rendered d : page.diagrams()) {
                    pages.file(d.svgHref(), d.svg());
                    pages.file(d.pumlHref(), d.puml());
                }
                if (keep) {
                    bySlug.put(site.chapters.get(i).slug(), page);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteException(SiteException.Kind.CANNOT_RUN, "the build was interrupted", e);
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

    private ChapterPage chapterPage(Site site, Templates templates, ProseRenderer prose, int index, ChapterKey key,
                                    ChapterDiagrams diagrams) throws SiteException {
        ChapterResult result = site.results.get(index);
        List<ChapterDiagrams.Rendered> drawn = new ArrayList<>();
        for (String kind : ChapterDiagrams.KINDS) {
            drawn.add(diagrams.render(result, kind));
        }
        Views.ChapterView view = site.chapters.get(index);
        ReadTracking<Views.ChapterView> all = new ReadTracking<>(site.chapters);
        Map<FencedCodeBlock, String> cards = new IdentityHashMap<>();
        List<Views.BlockView> blocks = new EventCards(result, view.peers()).blocks();
        for (int b = 0; b < blocks.size(); b++) {
            cards.put(result.chapter().blocks().get(b).node(), templates.render("events.ftlh",
                    site.model("", "events", all, Map.of("chapter", view, "block", blocks.get(b)))));
        }
        List<Views.DiagramView> diagramViews = new ArrayList<>();
        for (ChapterDiagrams.Rendered d : drawn) {
            diagramViews.add(new Views.DiagramView(d.kind(), Templates.markup(d.inline()), d.svgHref(), d.pumlHref()));
        }
        Map<String, Object> page = new HashMap<>();
        page.put("chapter", view);
        page.put("body", Templates.markup(prose.render(result.chapter().prose(), cards)));
        page.put("diagrams", diagramViews);
        if (index > 0) {
            page.put("previous", site.chapters.get(index - 1));
        }
        if (index + 1 < site.chapters.size()) {
            page.put("next", site.chapters.get(index + 1));
        }
        String html = templates.render("chapter.ftlh", site.model("", "chapter", all, page));
        return new ChapterPage(key, all.read, site.chapters, html, drawn);
    }

    /**
     * The list of chapters as a chapter page's templates see it, noting whether they read its entries (the
     * default theme asks only its size): a page that lists every chapter is rendered again when any changes.
     */
    private static final class ReadTracking<T> extends java.util.AbstractList<T> {
        private final List<T> list;
        boolean read;

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

    /** Everything the pages share: the settings, the chapters and the states. */
    private static final class Site {
        final SiteConfig config;
        final List<ChapterResult> results;
        final List<Views.ChapterView> chapters = new ArrayList<>();
        final List<Views.StateLink> states = new ArrayList<>();
        final Map<String, ChapterResult> bySlug = new HashMap<>();

        Site(SiteConfig config, List<ChapterResult> results) {
            this.config = config;
            this.results = results;
            for (TcpState state : TcpState.values()) {
                states.add(Views.StateLink.of(state));
            }
            results.forEach(r -> bySlug.putIfAbsent(r.chapter().slug(), r));
            for (int i = 0; i < results.size(); i++) {
                ChapterResult r = results.get(i);
                Chapter c = r.chapter();
                List<Views.PeerView> peers = new ArrayList<>();
                for (int p = 0; p < r.peers().size(); p++) {
                    String id = r.peers().get(p);
                    TcpState initial = p < r.initialStates().size() ? r.initialStates().get(p) : TcpState.CLOSED;
                    peers.add(new Views.PeerView(id, label(c, id, bySlug), p, Views.StateLink.of(initial)));
                }
                ChapterResult continued = c.frontMatter().continues() == null ? null : bySlug.get(c.frontMatter().continues());
                Views.ChapterLink continues = continued == null ? null : new Views.ChapterLink(continued.chapter().slug(),
                        continued.chapter().title(), continued.chapter().slug() + ".html");
                chapters.add(new Views.ChapterView(i + 1, c.slug(), c.title(), c.frontMatter().summary(),
                        c.slug() + ".html", peers, statesInOrder(r), r.isValid(), r.warningCount(), continues));
            }
        }

        /** The peer's label: its own, else the one of the chapter it continues, else its id. */
        private static String label(Chapter chapter, String id, Map<String, ChapterResult> bySlug) {
            Set<String> seen = new LinkedHashSet<>();
            for (Chapter c = chapter; c != null && seen.add(c.slug()); ) {
                for (PeerSpec spec : c.frontMatter().peers()) {
                    if (spec.id().equals(id) && spec.label() != null && !spec.label().isBlank()) {
                        return spec.label().strip();
                    }
                }
                ChapterResult previous = c.frontMatter().continues() == null ? null : bySlug.get(c.frontMatter().continues());
                c = previous == null ? null : previous.chapter();
            }
            return id;
        }

        /** The states any peer is in, in the order they are first reached. */
        private static List<Views.StateLink> statesInOrder(ChapterResult r) {
            Set<TcpState> seen = new LinkedHashSet<>(r.initialStates());
            for (Step step : r.steps()) {
                for (PeerChange change : step.changes()) {
                    seen.add(change.after());
                }
            }
            seen.retainAll(r.statesVisited());
            return seen.stream().map(Views.StateLink::of).toList();
        }

        /** The inputs of a chapter page: its text and those of the chapters it continues, its entry, its neighbours'. */
        ChapterKey key(int index) {
            List<Source> sources = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (Chapter c = results.get(index).chapter(); c != null && seen.add(c.slug()); ) {
                sources.add(new Source(c.file(), c.lines()));
                ChapterResult previous = c.frontMatter().continues() == null ? null : bySlug.get(c.frontMatter().continues());
                c = previous == null ? null : previous.chapter();
            }
            return new ChapterKey(config, sources, chapters.get(index), index > 0 ? chapters.get(index - 1) : null,
                    index + 1 < chapters.size() ? chapters.get(index + 1) : null, chapters.size());
        }

        Views.StateView stateView(TcpState state) {
            List<Views.ChapterView> visiting = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).statesVisited().contains(state)) {
                    visiting.add(chapters.get(i));
                }
            }
            return new Views.StateView(Views.StateLink.of(state), state.ordinal() + 1,
                    StateMachine.entering(state).stream().map(Site::edge).toList(),
                    StateMachine.leaving(state).stream().map(Site::edge).toList(), visiting);
        }

        private static Views.EdgeView edge(StateMachine.Edge e) {
            return new Views.EdgeView(Views.StateLink.of(e.from()), Views.StateLink.of(e.to()), e.event(), e.sends(),
                    e.rule().id(), e.rule().reference(), e.rule().summary());
        }

        List<String> sitemapUrls(List<String> pages) {
            List<String> urls = new ArrayList<>();
            for (String page : pages) {
                if (page.equals("404.html")) {
                    continue;
                }
                urls.add(config.baseUrl() + (page.equals("index.html") ? "" : page));
            }
            return urls;
        }

        /** The data model of one page: the shared parts, the page's own, and the way back to the root. */
        Map<String, Object> model(String root, String kind, Map<String, ?> own) {
            return model(root, kind, chapters, own);
        }

        Map<String, Object> model(String root, String kind, List<Views.ChapterView> chapterList, Map<String, ?> own) {
            Map<String, Object> model = new HashMap<>();
            model.put("site", config);
            model.put("chapters", chapterList);
            model.put("states", states);
            model.put("root", root);
            model.put("pageKind", kind);
            model.putAll(own);
            return model;
        }
    }

    /** The lines of a file of the content folder, for excerpts; none for a file {@link SiteConfig#read} would not read. */
    private static List<String> lines(Path file) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (!SiteConfig.isReadableHome(file, folder) || Files.size(file) > SiteConfig.MAX_FILE_BYTES) {
                return List.of();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
