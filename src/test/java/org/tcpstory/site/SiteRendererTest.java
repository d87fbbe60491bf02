package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.book.Book;
import org.tcpstory.book.ContentReader;
import org.tcpstory.book.ParsedFiles;
import org.tcpstory.diagram.DiagramCache;
import org.tcpstory.engine.TcpState;

class SiteRendererTest {

    @TempDir
    Path dir;

    private Book book() throws Exception {
        return Book.of(ContentReader.readSite(SiteFixtures.story(dir.resolve("content"))));
    }

    @Test
    void aBookBecomesTheFilesOfItsSiteInAFixedOrder() throws Exception {
        Book book = book();
        SiteRenderer renderer = new SiteRenderer(null, DiagramCache.none(), 2, SiteRenderer.Mode.PUBLISH, null);
        List<String> order = new ArrayList<>();
        SiteRenderer.Summary summary = renderer.render(book, (path, bytes) -> order.add(path));
        assertEquals(List.of("index.html", "hello.html", "diagrams/hello-sequence.svg", "diagrams/hello-sequence.puml",
                "diagrams/hello-states.svg", "diagrams/hello-states.puml", "talk.html"), order.subList(0, 7));
        assertTrue(order.get(order.size() - 1).startsWith("assets/"), "the theme's assets last");
        assertEquals(new SiteRenderer.Summary(3, 6, 1 + 3 + TcpState.values().length + 1, 16, 6), summary);
    }

    @Test
    void theSameBookGivesTheSameBytesAndAPreviewRedoesOnlyWhatChanged() throws Exception {
        Book book = book();
        SiteRenderer publish = new SiteRenderer(null, DiagramCache.none(), 1, SiteRenderer.Mode.PUBLISH, null);
        SiteRenderer preview = new SiteRenderer(null, DiagramCache.none(), 3, SiteRenderer.Mode.PREVIEW, null);
        RenderedSite once = publish.render(book);
        RenderedSite again = publish.render(book);
        assertEquals(once.summary().pages(), again.summary().pagesRendered(), "a build's renderer remembers nothing");
        SiteFixtures.assertSameFiles(once.files(), again.files());

        RenderedSite first = preview.render(book);
        RenderedSite second = preview.render(book);
        assertEquals(0, second.summary().pagesRendered(), "nothing changed: nothing rendered");
        assertEquals(first.files(), second.files(), "the very same arrays");
        assertEquals(once.files().keySet(), first.files().keySet());
        for (String path : once.files().keySet()) {
            if (!path.equals("404.html")) {
                assertEquals(new String(once.file(path).orElseThrow()), new String(first.file(path).orElseThrow()), path);
            }
        }
    }

    @Test
    void aPreviewAfterAnEditGivesTheFilesABuildOfTheEditedBookGives() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        ParsedFiles parsed = new ParsedFiles();
        SiteRenderer preview = new SiteRenderer(null, DiagramCache.none(), 2, SiteRenderer.Mode.PREVIEW, null);
        RenderedSite first = preview.render(Book.of(ContentReader.readSite(content), Optional.empty(), parsed));

        SiteFixtures.edit(content.resolve("02-talk.md"), "他说了一句话，丢了一次。", "他说了一句话，丢了一次。又说了一遍。");
        RenderedSite edited = assertPreviewIsAFreshBuild(preview, parsed, content);

        assertEquals(2, edited.summary().pagesRendered(), "the edited chapter and the one that continues it");
        assertSame(first.file("hello.html").orElseThrow(), edited.file("hello.html").orElseThrow(), "kept as it was");
        assertTrue(new String(edited.file(SearchIndex.PATH).orElseThrow(), StandardCharsets.UTF_8)
                .contains("又说了一遍"), "the search index has the edited text");
    }

    @Test
    void aPreviewAfterAnEditOfAChapterOthersContinueGivesTheFilesABuildGives() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        ParsedFiles parsed = new ParsedFiles();
        SiteRenderer preview = new SiteRenderer(null, DiagramCache.none(), 2, SiteRenderer.Mode.PREVIEW, null);
        preview.render(Book.of(ContentReader.readSite(content), Optional.empty(), parsed));
        // Talk links to hello by its title, and starts where hello's events end: either edit renders talk again.
        SiteFixtures.edit(content.resolve("01-hello.md"), "title: 你好", "title: 您好");
        RenderedSite retitled = assertPreviewIsAFreshBuild(preview, parsed, content);
        assertTrue(new String(retitled.file("talk.html").orElseThrow(), StandardCharsets.UTF_8).contains("您好"));
        SiteFixtures.edit(content.resolve("01-hello.md"), "expect boy ESTABLISHED, girl ESTABLISHED", "note boy: 好");
        assertPreviewIsAFreshBuild(preview, parsed, content);

        // A chapter added first: every other chapter's number changes.
        SiteFixtures.write(content.resolve("00-again.md"), SiteFixtures.HELLO.replace("slug: hello", "slug: again")
                .replace("title: 你好", "title: 早上好\norder: 0"));
        assertPreviewIsAFreshBuild(preview, parsed, content);
        Files.delete(content.resolve("00-again.md"));
        assertPreviewIsAFreshBuild(preview, parsed, content);
    }

    /** Renders the book again in the preview, asserts that a fresh build of it gives the same files, and returns them. */
    private static RenderedSite assertPreviewIsAFreshBuild(SiteRenderer preview, ParsedFiles parsed, Path content)
            throws Exception {
        RenderedSite edited = preview.render(Book.of(ContentReader.readSite(content), Optional.empty(), parsed));
        RenderedSite fresh = new SiteRenderer(null, DiagramCache.none(), 1, SiteRenderer.Mode.PUBLISH, null)
                .render(Book.of(ContentReader.readSite(content)));
        assertEquals(fresh.files().keySet(), edited.files().keySet());
        for (String path : fresh.files().keySet()) {
            if (!path.equals("404.html")) {
                assertEquals(new String(fresh.file(path).orElseThrow(), StandardCharsets.UTF_8),
                        new String(edited.file(path).orElseThrow(), StandardCharsets.UTF_8), path);
            }
        }
        return edited;
    }

    @Test
    void aWarningIsShownOnTheCardOfItsLineAndListedAtTheTop() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        SiteFixtures.edit(content.resolve("01-hello.md"), "expect boy ESTABLISHED, girl ESTABLISHED",
                "expect boy ESTABLISHED, girl ESTABLISHED\nwait 2MSL");
        Book book = Book.of(ContentReader.readSite(content));
        assertFalse(book.hasErrors());
        RenderedSite site = new SiteRenderer(null, DiagramCache.none(), 1, SiteRenderer.Mode.PUBLISH, null).render(book);
        String hello = new String(site.file("hello.html").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
        String summary = Words.load(null, "zh-CN").rule("wait-2msl");
        int line = SiteFixtures.read(content.resolve("01-hello.md")).split("\n", -1).length - 4; // the wait line
        assertTrue(hello.contains("<a class=\"warn-count\" href=\"#ts-warnings\">1 条提醒</a>"), "the count links to the list");
        assertTrue(hello.contains("<li><a href=\"#ev-" + line + "\">" + summary + "</a>"), "listed, linking to its card");
        int card = hello.indexOf("id=\"ev-" + line + "\"");
        int warning = hello.indexOf("class=\"event-warning\"", card);
        assertTrue(card > 0 && warning > card && warning < hello.indexOf("</div>\n</div>", card),
                "shown on the card of the wait, in the site's language");
        assertTrue(hello.contains("<span class=\"warning-message\">wait 2MSL，可是没有哪一方在 TIME-WAIT</span>"),
                "the checker's words in the site's language too");
    }

    @Test
    void anEnglishSiteShowsTheWarningInEnglish() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        SiteFixtures.edit(content.resolve("_index.md"), "language: zh-CN", "language: en");
        SiteFixtures.edit(content.resolve("01-hello.md"), "expect boy ESTABLISHED, girl ESTABLISHED",
                "expect boy ESTABLISHED, girl ESTABLISHED\nwait 2MSL");
        RenderedSite site = new SiteRenderer(null, DiagramCache.none(), 1, SiteRenderer.Mode.PUBLISH, null)
                .render(Book.of(ContentReader.readSite(content)));
        String hello = new String(site.file("hello.html").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(hello.contains("<span class=\"warning-message\">wait 2MSL, but no peer is in TIME-WAIT</span>"), hello);
    }
}
