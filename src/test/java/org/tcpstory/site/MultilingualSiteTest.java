package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.book.Book;
import org.tcpstory.book.ContentReader;
import org.tcpstory.book.Edition;
import org.tcpstory.diagram.DiagramCache;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.TcpState;

/**
 * A book in several languages as a site: each language under its own folder, the page that lists them at the
 * root, a switch on every page that leads to the same page in the other language, the hreflang links, a search
 * index per language and a sitemap of twins. Checked on the bundled book, and on a small one for the cases it
 * does not have (a chapter without a twin, twins with different slugs, a base URL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultilingualSiteTest {

    private Book bundled;
    private Map<String, byte[]> site;

    @BeforeAll
    void render() throws Exception {
        bundled = Book.of(ContentReader.readSite(Path.of("content")));
        site = new SiteRenderer(null, DiagramCache.standard(), 2, SiteRenderer.Mode.PUBLISH, null).render(bundled).files();
    }

    private String page(String path) {
        byte[] bytes = site.get(path);
        assertNotNull(bytes, path);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A link of a page, as a path in the site. */
    private static String resolve(String page, String href) {
        return URI.create("file:///site/" + page).resolve(href).getPath().substring("/site/".length());
    }

    /** The links of the language switch of a page, by hreflang. */
    private static List<HostileStory.Tag> switchLinks(String html) {
        int start = html.indexOf("<nav class=\"language-switch\"");
        if (start < 0) {
            return List.of();
        }
        String nav = html.substring(start, html.indexOf("</nav>", start));
        return HostileStory.tags(nav).stream().filter(t -> t.name().equals("a")).toList();
    }

    private static List<HostileStory.Tag> alternates(String html) {
        return HostileStory.tags(html).stream().filter(t -> t.name().equals("link")
                && "alternate".equals(t.attributes().get("rel"))).toList();
    }

    @Test
    void theSwitchOfEveryChapterLeadsToItsTwin() {
        List<Edition> editions = bundled.editions();
        for (Edition from : editions) {
            for (ChapterResult chapter : from.chapters()) {
                String path = from.path() + chapter.chapter().slug() + ".html";
                String html = page(path);
                List<HostileStory.Tag> links = switchLinks(html);
                assertEquals(editions.size() - 1, links.size(), path + ": one link per other language");
                for (HostileStory.Tag link : links) {
                    Edition to = editions.stream().filter(e -> e.settings().language().equals(link.attributes().get("hreflang")))
                            .findFirst().orElseThrow();
                    ChapterResult twin = to.chapter(chapter.chapter().translationKey()).orElseThrow();
                    String target = resolve(path, link.attributes().get("href"));
                    assertEquals(to.path() + twin.chapter().slug() + ".html", target, path);
                    assertTrue(site.containsKey(target), target);
                    assertEquals("alternate", link.attributes().get("rel"), path + ": a twin, not a home page");
                }
                Set<String> languages = new TreeSet<>();
                for (HostileStory.Tag link : alternates(html)) {
                    languages.add(link.attributes().get("hreflang"));
                    assertTrue(site.containsKey(resolve(path, link.attributes().get("href"))), path + " " + link);
                }
                assertEquals(Set.of("zh-CN", "en", "x-default"), languages, path + ": every language, itself too");
            }
        }
    }

    @Test
    void everyOtherPageSwitchesToTheSamePageOrTheHome() {
        for (Edition from : bundled.editions()) {
            List<String> pages = new ArrayList<>(List.of("index.html"));
            for (TcpState state : TcpState.values()) {
                pages.add("states/" + Views.StateLink.keyOf(state) + ".html");
            }
            for (String page : pages) {
                String path = from.path() + page;
                for (HostileStory.Tag link : switchLinks(page(path))) {
                    String target = resolve(path, link.attributes().get("href"));
                    assertTrue(target.endsWith("/" + page) && !target.startsWith(from.path()), path + " → " + target);
                    assertTrue(site.containsKey(target), target);
                }
            }
        }
        // The 404 page is at the root, in the first language; its switch goes to the other language's home.
        List<HostileStory.Tag> notFound = switchLinks(page("404.html"));
        assertEquals(List.of("en/index.html"), notFound.stream().map(t -> t.attributes().get("href")).toList());
        assertTrue(page("404.html").contains("<html lang=\"zh-CN\">"));
        // No page of any language is the 404's twin: a zh/404.html does not exist.
        assertFalse(page("404.html").contains("hreflang=\"zh-CN\" href"), "an alternate of the 404 page in Chinese");
    }

    @Test
    void theRootListsTheLanguagesEachInItsOwnWords() {
        String index = page("index.html");
        for (Edition edition : bundled.editions()) {
            String first = edition.path() + edition.chapters().get(0).chapter().slug() + ".html";
            assertTrue(index.contains("href=\"" + first + "\""), first);
            assertTrue(index.contains("lang=\"" + edition.settings().language() + "\""), edition.folder());
            assertTrue(index.contains(edition.settings().title()), edition.settings().title());
        }
        assertTrue(index.contains("从第一章读起") && index.contains("Start reading"), "each language's own words");
        assertTrue(index.contains("<html lang=\"zh-CN\">"), "the page speaks the default language, whose words it shows");
        assertFalse(index.contains("id=\"ts-search\""), "no book of its own to search");
        assertTrue(index.contains("href=\"assets/style.css\""), "the theme's assets, once, at the root");
        assertTrue(page("zh/handshake.html").contains("href=\"../assets/style.css\""));
        assertFalse(site.containsKey("zh/assets/style.css"), "not copied into each language");
    }

    @Test
    void eachLanguageHasASearchIndexOfItsOwnChapters() {
        for (Edition edition : bundled.editions()) {
            String index = page(edition.path() + SearchIndex.PATH);
            for (ChapterResult chapter : edition.chapters()) {
                assertTrue(index.contains("[\"" + chapter.chapter().slug() + ".html\","), edition.folder() + " "
                        + chapter.chapter().slug());
            }
            for (Edition other : bundled.editions()) {
                if (other != edition) {
                    assertFalse(index.contains(other.chapters().get(0).chapter().title()), "only its own language");
                }
            }
            String page = page(edition.path() + "index.html");
            assertTrue(page.contains("data-index=\"assets/search-index.js\""), "its pages search its index");
        }
        assertFalse(site.containsKey(SearchIndex.PATH), "no index at the root");
    }

    @Test
    void aChapterWithoutATwinLeadsHomeAndTwinsMayHaveTheirOwnSlugs(@TempDir Path dir) throws Exception {
        Path content = dir.resolve("content");
        SiteFixtures.write(content.resolve("_index.md"), """
                ---
                languages: [en, fr]
                baseURL: https://example.org/book/
                ---
                """);
        SiteFixtures.write(content.resolve("en/_index.md"), "---\ntitle: Hello\nlanguage: en\n---\n");
        SiteFixtures.write(content.resolve("fr/_index.md"), "---\ntitle: Bonjour\nlanguage: fr\n---\n");
        SiteFixtures.write(content.resolve("en/01-hello.md"), chapter("Hello", "hello", null));
        SiteFixtures.write(content.resolve("en/02-only.md"), chapter("Only in English", "only", null));
        SiteFixtures.write(content.resolve("fr/01-bonjour.md"), chapter("Bonjour", "bonjour", "hello"));
        Book book = Book.of(ContentReader.readSite(content));
        assertEquals(0, book.report().diagnostics().size(), () -> book.report().diagnostics().toString());
        Map<String, byte[]> files = new SiteRenderer(null, DiagramCache.none(), 1, SiteRenderer.Mode.PUBLISH, null)
                .render(book).files();

        String hello = new String(files.get("en/hello.html"), StandardCharsets.UTF_8);
        assertEquals("../fr/bonjour.html", switchLinks(hello).get(0).attributes().get("href"), "twins by translationKey");
        assertTrue(hello.contains("<link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/book/fr/bonjour.html\">"),
                "hreflang links are absolute with a base URL");
        String only = new String(files.get("en/only.html"), StandardCharsets.UTF_8);
        HostileStory.Tag home = switchLinks(only).get(0);
        assertEquals("../fr/index.html", home.attributes().get("href"), "no twin: the other language's home");
        assertFalse(home.attributes().containsKey("rel"));
        assertEquals(Set.of("en", "x-default"), alternates(only).stream().map(t -> t.attributes().get("hreflang"))
                .collect(Collectors.toSet()), "hreflang only where the page exists");

        String sitemap = new String(files.get("sitemap.xml"), StandardCharsets.UTF_8);
        assertTrue(sitemap.contains("<loc>https://example.org/book/en/</loc>"), sitemap);
        assertTrue(sitemap.contains("<loc>https://example.org/book/fr/bonjour.html</loc><xhtml:link rel=\"alternate\""
                + " hreflang=\"en\" href=\"https://example.org/book/en/hello.html\"/>"), sitemap);
        assertTrue(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""), sitemap);
        String notFound = new String(files.get("404.html"), StandardCharsets.UTF_8);
        assertTrue(notFound.contains("href=\"/book/en/index.html\""), "the 404 page links through the base URL's path");
        assertTrue(notFound.contains("href=\"/book/assets/style.css\""), notFound);
    }

    @Test
    void aPreviewRendersAgainOnlyTheLanguageThatChanged(@TempDir Path dir) throws Exception {
        Path content = dir.resolve("content");
        SiteFixtures.write(content.resolve("_index.md"), "---\nlanguages: [en, fr]\n---\n");
        SiteFixtures.write(content.resolve("en/01-hello.md"), chapter("Hello", "hello", null));
        SiteFixtures.write(content.resolve("en/02-again.md"), chapter("Again", "again", null));
        SiteFixtures.write(content.resolve("fr/01-bonjour.md"), chapter("Bonjour", "bonjour", "hello"));
        SiteRenderer preview = new SiteRenderer(null, DiagramCache.none(), 1, SiteRenderer.Mode.PREVIEW, null);
        RenderedSite before = preview.render(Book.of(ContentReader.readSite(content)));
        SiteFixtures.edit(content.resolve("en/02-again.md"), "title: Again", "title: Once more");
        RenderedSite after = preview.render(Book.of(ContentReader.readSite(content)));
        List<String> changed = new ArrayList<>();
        for (String path : after.files().keySet()) {
            if (after.files().get(path) != before.files().get(path)) {
                changed.add(path);
            }
        }
        assertTrue(changed.stream().noneMatch(p -> p.startsWith("fr/")), "French pages kept as they were: " + changed);
        assertTrue(changed.containsAll(List.of("en/again.html", "en/index.html", "index.html")), changed::toString);
    }

    @Test
    void aBookInOneLanguageHasNoSwitch(@TempDir Path dir) throws Exception {
        Map<String, byte[]> files = new SiteRenderer(null, DiagramCache.none(), 1, SiteRenderer.Mode.PUBLISH, null)
                .render(Book.of(ContentReader.readSite(SiteFixtures.story(dir.resolve("content"))))).files();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (file.getKey().endsWith(".html")) {
                String html = new String(file.getValue(), StandardCharsets.UTF_8);
                assertFalse(html.contains("language-switch") || html.contains("hreflang"), file.getKey());
            }
        }
        assertTrue(files.containsKey(SearchIndex.PATH) && files.containsKey("hello.html"), "all in the site's root");
    }

    private static String chapter(String title, String slug, String translationKey) {
        return "---\ntitle: " + title + "\nslug: " + slug + "\n" + (translationKey == null ? "" : "translationKey: "
                + translationKey + "\n") + """
                peers:
                  a: { state: CLOSED, isn: x }
                  b: { state: LISTEN, isn: y }
                ---

                ```tcp
                a -> b: SYN, seq=x
                b -> a: SYN, ACK, seq=y, ack=x+1
                a -> b: ACK, seq=x+1, ack=y+1
                expect a ESTABLISHED, b ESTABLISHED
                ```
                """;
    }
}
