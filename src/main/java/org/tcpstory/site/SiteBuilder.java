package org.tcpstory.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.FencedCodeBlock;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.PeerChange;
import org.tcpstory.engine.StateMachine;
import org.tcpstory.engine.Step;
import org.tcpstory.engine.StoryEngine;
import org.tcpstory.engine.TcpState;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.ContentLoader;
import org.tcpstory.story.ContentSet;
import org.tcpstory.story.Diagnostic;
import org.tcpstory.story.ParseResult;
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

    private final BuildListener listener;
    private final StoryEngine engine = new StoryEngine();

    public SiteBuilder(BuildListener listener) {
        this.listener = listener == null ? BuildListener.SILENT : listener;
    }

    public SiteBuilder() {
        this(BuildListener.SILENT);
    }

    public BuildResult build(Request request) throws SiteException {
        long start = System.nanoTime();
        Path content = request.content();
        if (!Files.isDirectory(content)) {
            throw new SiteException(SiteException.Kind.CANNOT_RUN, Files.exists(content)
                    ? "the content folder " + PathNames.shown(content) + " is not a folder"
                    : "no such content folder: " + PathNames.shown(content));
        }
        if (request.templates() != null && !Files.isDirectory(request.templates())) {
            throw new SiteException(SiteException.Kind.CANNOT_RUN, "no such templates folder: " + PathNames.shown(request.templates()));
        }
        OutputFolder out = OutputFolder.check(request.out(), java.util.Arrays.asList(content, request.templates()));

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
        String shownOut = out.shown();
        BuildResult failed = new BuildResult(false, loaded, results, extra, 0, 0, 0, shownOut, millis(start));
        if (failed.errors() > 0) {
            return failed;
        }

        List<ChapterResult> ordered = readingOrder(loaded, results);
        Templates templates = new Templates(request.templates());
        Site site = new Site(home.config(), ordered);

        // Diagrams first, in memory: a diagram PlantUML rejects stops the build before anything is written.
        ChapterDiagrams diagrams = new ChapterDiagrams();
        diagrams.fontWarning().ifPresent(listener::warning);
        Map<String, List<ChapterDiagrams.Rendered>> byChapter = new LinkedHashMap<>();
        int total = ordered.size() * ChapterDiagrams.KINDS.size();
        int done = 0;
        for (ChapterResult result : ordered) {
            List<ChapterDiagrams.Rendered> rendered = new ArrayList<>();
            for (String kind : ChapterDiagrams.KINDS) {
                rendered.add(diagrams.render(result, kind));
                listener.diagram(++done, total);
            }
            byChapter.put(result.chapter().slug(), rendered);
        }

        Map<String, String> files = new LinkedHashMap<>();
        ProseRenderer prose = new ProseRenderer(home.config().allowRawHtml());
        files.put("index.html", templates.render("index.ftlh", site.model("", "home", Map.of(
                "intro", Templates.markup(prose.renderMarkdown(home.markdown()))))));
        for (int i = 0; i < ordered.size(); i++) {
            files.put(site.chapters.get(i).href(), chapterPage(site, templates, prose, i, byChapter));
        }
        for (TcpState state : TcpState.values()) {
            Views.StateLink link = Views.StateLink.of(state);
            files.put(link.href(), templates.render("state.ftlh", site.model("../", "state",
                    Map.of("state", site.stateView(state)))));
        }
        files.put("404.html", templates.render("404.ftlh", site.model("", "404", Map.of())));
        int pages = files.size();
        if (home.config().hasBaseUrl()) {
            files.put("sitemap.xml", templates.render("sitemap.ftlx", site.model("", "sitemap", Map.of(
                    "urls", site.sitemapUrls(files.keySet())))));
        }
        for (Map.Entry<String, List<ChapterDiagrams.Rendered>> e : byChapter.entrySet()) {
            for (ChapterDiagrams.Rendered d : e.getValue()) {
                files.put(d.svgHref(), d.svg());
                files.put(d.pumlHref(), d.puml());
            }
        }

        try {
            Path temp = out.begin();
            int written = 0;
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path file = temp.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                if (e.getKey().endsWith(".html")) {
                    listener.page(++written, pages);
                }
            }
            Assets.copy(request.templates(), temp);
            out.commit();
        } catch (IOException e) {
            out.abandon();
            throw new SiteException(SiteException.Kind.CANNOT_RUN, "cannot write the site into " + shownOut + ": "
                    + e.getMessage(), e);
        } catch (SiteException | RuntimeException e) {
            out.abandon();
            throw e;
        }
        return new BuildResult(true, loaded, results, extra, ordered.size(), total, pages, shownOut, millis(start));
    }

    private String chapterPage(Site site, Templates templates, ProseRenderer prose, int index,
                               Map<String, List<ChapterDiagrams.Rendered>> diagrams) throws SiteException {
        ChapterResult result = site.results.get(index);
        Views.ChapterView view = site.chapters.get(index);
        Map<FencedCodeBlock, String> cards = new IdentityHashMap<>();
        List<Views.BlockView> blocks = new EventCards(result, view.peers()).blocks();
        for (int b = 0; b < blocks.size(); b++) {
            cards.put(result.chapter().blocks().get(b).node(), templates.render("events.ftlh",
                    site.model("", "events", Map.of("chapter", view, "block", blocks.get(b)))));
        }
        List<Views.DiagramView> diagramViews = new ArrayList<>();
        for (ChapterDiagrams.Rendered d : diagrams.get(view.slug())) {
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
        return templates.render("chapter.ftlh", site.model("", "chapter", page));
    }

    /** The results in reading order (the loader's), one per chapter. */
    private static List<ChapterResult> readingOrder(ContentSet loaded, List<ChapterResult> results) {
        Map<Chapter, ChapterResult> byChapter = new IdentityHashMap<>();
        results.forEach(r -> byChapter.put(r.chapter(), r));
        List<ChapterResult> ordered = new ArrayList<>();
        for (ParseResult parsed : loaded.requested()) {
            parsed.chapter().map(byChapter::get).ifPresent(ordered::add);
        }
        return ordered;
    }

    /** Everything the pages share: the settings, the chapters and the states. */
    private static final class Site {
        final SiteConfig config;
        final List<ChapterResult> results;
        final List<Views.ChapterView> chapters = new ArrayList<>();
        final List<Views.StateLink> states = new ArrayList<>();

        Site(SiteConfig config, List<ChapterResult> results) {
            this.config = config;
            this.results = results;
            for (TcpState state : TcpState.values()) {
                states.add(Views.StateLink.of(state));
            }
            Map<String, ChapterResult> bySlug = new HashMap<>();
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

        List<String> sitemapUrls(Set<String> pages) {
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
            Map<String, Object> model = new HashMap<>();
            model.put("site", config);
            model.put("chapters", chapters);
            model.put("states", states);
            model.put("root", root);
            model.put("pageKind", kind);
            model.putAll(own);
            return model;
        }
    }

    private static List<String> lines(Path file) {
        try {
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
