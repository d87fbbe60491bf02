package org.tcpstory.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.PeerChange;
import org.tcpstory.engine.StateMachine;
import org.tcpstory.engine.Step;
import org.tcpstory.engine.TcpState;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.HomePage;
import org.tcpstory.story.PeerSpec;
import org.tcpstory.story.SiteSettings;

/**
 * Everything the pages of one language of a site share, as the templates see it: the settings, the chapters
 * in reading order and the eleven states; and the data model of each page.
 */
final class SiteModel {

    /** A chapter's authored text, one of the inputs of its page. */
    record Source(String file, List<String> lines) {
    }

    /** Everything a chapter page is made from, but the list of all chapters. */
    record ChapterKey(SiteSettings settings, List<Source> sources, Views.ChapterView view, Views.ChapterView previous,
                      Views.ChapterView next, int chapterCount, List<Views.LanguageLink> translations) {
    }

    /**
     * A chapter's entry in the list of chapters with what it was made from, so that {@code serve}'s next render
     * takes the very entry again when none of it changed (then comparing lists of entries is cheap, and the
     * engine's result is not walked again): the verdict, the number, the chapters followed through
     * {@code continues:} (for the labels and the link), all compared by identity, and the words.
     */
    record Entry(ChapterResult result, int number, List<Chapter> chain, Words words, Views.ChapterView view,
                 Set<TcpState> visited) {
        boolean madeOf(ChapterResult now, int numberNow, List<Chapter> chainNow, Words wordsNow) {
            if (result != now || number != numberNow || words != wordsNow || chain.size() != chainNow.size()) {
                return false;
            }
            for (int i = 0; i < chain.size(); i++) {
                if (chain.get(i) != chainNow.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The entries of one render, by verdict, for the next; an empty one for a render that keeps nothing. */
    static final class Entries {
        private final Map<ChapterResult, Entry> last;
        private final Map<ChapterResult, Entry> now = new IdentityHashMap<>();

        Entries(Entries before) {
            this.last = before == null ? Map.of() : before.now;
        }
    }

    /**
     * A page, as its links to the rest of the site need it.
     *
     * @param path     its path in its language's folder ({@code states/listen.html})
     * @param key      the translation key of a chapter page, or null
     * @param root     the way from the page to its language's root ({@code ""}, {@code "../"})
     * @param siteRoot the way from the page to the site's root: the same in a book in one language
     */
    record Page(String path, String key, String root, String siteRoot) {
    }

    final SiteSettings settings;
    final HomePage home;
    final Words words;
    final List<ChapterResult> results;
    final List<Views.ChapterView> chapters = new ArrayList<>();
    final List<Views.StateLink> states = new ArrayList<>();
    /** The states each chapter's peers pass through, by chapter: every state page asks for all of them. */
    private final List<Set<TcpState>> visited = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, ChapterResult> bySlug = new HashMap<>();
    private final Languages languages;
    private final int language;

    /**
     * @param languages every language of the site
     * @param language  the index of this one
     * @param entries   the chapters' entries of the last render, taken again where unchanged; this one's added
     */
    SiteModel(Languages languages, int language, Entries entries) {
        Languages.Language mine = languages.all().get(language);
        this.languages = languages;
        this.language = language;
        this.settings = mine.edition().settings();
        this.home = mine.edition().home();
        this.words = mine.words();
        this.results = mine.edition().chapters();
        for (TcpState state : TcpState.values()) {
            states.add(Views.StateLink.of(state, words));
        }
        results.forEach(r -> bySlug.putIfAbsent(r.chapter().slug(), r));
        for (int i = 0; i < results.size(); i++) {
            ChapterResult r = results.get(i);
            List<Chapter> chain = chain(r.chapter());
            Entry entry = entries.last.get(r);
            if (entry == null || !entry.madeOf(r, i + 1, chain, words)) {
                entry = entry(r, i + 1, chain);
            }
            entries.now.put(r, entry);
            this.entries.add(entry);
            visited.add(entry.visited());
            chapters.add(entry.view());
        }
    }

    /** A chapter followed back through {@code continues:}, itself first, as far as the site has them. */
    private List<Chapter> chain(Chapter chapter) {
        List<Chapter> chain = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Chapter c = chapter; c != null && seen.add(c.slug()); c = continued(c)) {
            chain.add(c);
        }
        return chain;
    }

    private Entry entry(ChapterResult r, int number, List<Chapter> chain) {
        Chapter c = r.chapter();
        List<Views.PeerView> peers = new ArrayList<>();
        for (int p = 0; p < r.peers().size(); p++) {
            String id = r.peers().get(p);
            TcpState initial = p < r.initialStates().size() ? r.initialStates().get(p) : TcpState.CLOSED;
            peers.add(new Views.PeerView(id, label(chain, id), p, states.get(initial.ordinal())));
        }
        Chapter continued = chain.size() > 1 ? chain.get(1) : null;
        Views.ChapterLink continues = continued == null ? null
                : new Views.ChapterLink(continued.slug(), continued.title(), Languages.page(continued.slug()));
        Set<TcpState> visits = r.statesVisited();
        return new Entry(r, number, chain, words, new Views.ChapterView(number, c.slug(), c.title(),
                c.frontMatter().summary(), Languages.page(c.slug()), peers, statesInOrder(r, visits), r.isValid(),
                r.warningCount(), continues), visits);
    }

    /** The chapter this one continues, if the site has it. */
    private Chapter continued(Chapter chapter) {
        ChapterResult previous = chapter.frontMatter().continues() == null ? null : bySlug.get(chapter.frontMatter().continues());
        return previous == null ? null : previous.chapter();
    }

    /** The peer's label: its own, else the one of the chapter it continues, else its id. */
    private static String label(List<Chapter> chain, String id) {
        for (Chapter c : chain) {
            for (PeerSpec spec : c.frontMatter().peers()) {
                if (spec.id().equals(id) && spec.label() != null && !spec.label().isBlank()) {
                    return spec.label().strip();
                }
            }
        }
        return id;
    }

    /** The states any peer is in, in the order they are first reached. */
    private List<Views.StateLink> statesInOrder(ChapterResult r, Set<TcpState> visited) {
        Set<TcpState> seen = new LinkedHashSet<>(r.initialStates());
        for (Step step : r.steps()) {
            for (PeerChange change : step.changes()) {
                seen.add(change.after());
            }
        }
        seen.retainAll(visited);
        return seen.stream().map(s -> states.get(s.ordinal())).toList();
    }

    /** The inputs of a chapter page: its text and those of the chapters it continues, its entry, its neighbours'. */
    ChapterKey key(int index) {
        List<Source> sources = new ArrayList<>();
        for (Chapter c : entries.get(index).chain()) {
            sources.add(new Source(c.file(), c.lines()));
        }
        return new ChapterKey(settings, sources, chapters.get(index), index > 0 ? chapters.get(index - 1) : null,
                index + 1 < chapters.size() ? chapters.get(index + 1) : null, chapters.size(),
                translations(chapterPage(index)));
    }

    /** A page of this language at a depth of its folder: {@code ""} for its root, {@code "../"} one folder down. */
    Page page(String path, String root) {
        return new Page(path, null, root, languages.several() ? root + "../" : root);
    }

    /** The page of a chapter. */
    Page chapterPage(int index) {
        ChapterResult result = results.get(index);
        return new Page(chapters.get(index).href(), result.chapter().translationKey(), "",
                languages.several() ? "../" : "");
    }

    /** The page in every language, for its language switch. */
    List<Views.LanguageLink> translations(Page page) {
        return languages.links(language, page.path(), page.key(), page.siteRoot());
    }

    Views.StateView stateView(TcpState state) {
        List<Views.ChapterView> visiting = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (visited.get(i).contains(state)) {
                visiting.add(chapters.get(i));
            }
        }
        return new Views.StateView(Views.StateLink.of(state, words), state.ordinal() + 1,
                StateMachine.entering(state).stream().map(this::edge).toList(),
                StateMachine.leaving(state).stream().map(this::edge).toList(), visiting);
    }

    private Views.EdgeView edge(StateMachine.Edge e) {
        return new Views.EdgeView(Views.StateLink.of(e.from(), words), Views.StateLink.of(e.to(), words), e.event(),
                e.sends(), e.rule().id(), e.rule().reference(), words.rule(e.rule().id()));
    }

    /**
     * The sitemap's entry of a page of this language, with the page in every language (a book in several): its
     * address in full, the home page's without {@code index.html}.
     */
    Views.SitemapEntry sitemapEntry(Page page) {
        String path = languages.all().get(language).edition().path() + page.path();
        return new Views.SitemapEntry(sitemapUrl(settings.baseUrl() + path), translations(new Page(page.path(),
                page.key(), page.root(), settings.baseUrl())).stream().map(l -> new Views.LanguageLink(l.language(),
                l.name(), l.href(), sitemapUrl(l.url()), l.current(), l.twin())).toList());
    }

    /** An address in a sitemap, where a home page is named by its folder. */
    private static String sitemapUrl(String url) {
        return url.endsWith("/index.html") ? url.substring(0, url.length() - "index.html".length()) : url;
    }

    /** The data model of one page: the shared parts, the page's own, and the ways back to the roots. */
    Map<String, Object> model(Page page, String kind, Map<String, ?> own) {
        return model(page, kind, chapters, own);
    }

    Map<String, Object> model(Page page, String kind, List<Views.ChapterView> chapterList, Map<String, ?> own) {
        Map<String, Object> model = new HashMap<>();
        model.put("site", settings);
        model.put("t", words.all());
        model.put("lang", words.language());
        model.put("chapters", chapterList);
        model.put("states", states);
        model.put("root", page.root());
        model.put("siteRoot", page.siteRoot());
        model.put("translations", translations(page));
        model.put("languagesUrl", languages.chooser(page.siteRoot()));
        model.put("pageKind", kind);
        model.putAll(own);
        return model;
    }
}
