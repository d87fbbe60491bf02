package org.tcpstory.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.diagnostic.Report;

class BookTest {

    private static final String CHAPTER = """
            ---
            title: %s
            slug: %s
            peers:
              a: { state: CLOSED }
              b: { state: LISTEN }
            ---

            ```tcp
            a -> b: SYN, seq=x
            b -> a: SYN, ACK, seq=y, ack=x+1
            a -> b: ACK, seq=x+1, ack=y+1
            expect a ESTABLISHED, b ESTABLISHED
            ```
            """;

    @TempDir
    Path dir;

    private Path chapter(String name, String title, String slug) throws Exception {
        Path file = dir.resolve("content").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, CHAPTER.formatted(title, slug), StandardCharsets.UTF_8);
    }

    private static List<String> files(Report report) {
        return report.files().stream().map(f -> f.file().substring(f.file().lastIndexOf('/') + 1)
                + (f.chapter() ? "" : " (settings)") + " " + f.diagnostics().stream().map(d -> d.rule()).toList()).toList();
    }

    @Test
    void aSiteBookReportsItsSettingsFirstAndThePageNamesTheSiteTakes() throws Exception {
        chapter("01-one.md", "One", "one");
        chapter("02-index.md", "Index", "index");
        Files.writeString(dir.resolve("content/_index.md"), "---\ntitle: [x\n---\n");
        Book book = Book.site(ContentReader.readSite(dir.resolve("content")));
        assertEquals(List.of("_index.md (settings) [yaml]", "01-one.md []", "02-index.md [reserved-slug]"),
                files(book.report()));
        assertEquals("checked 2 chapters and the site settings: 2 errors", book.report().summary());
        assertTrue(book.hasErrors());
        assertTrue(book.home().isPresent());
    }

    @Test
    void aBookOfChaptersNeitherReadsTheSettingsNorReservesPageNames() throws Exception {
        chapter("02-index.md", "Index", "index");
        Files.writeString(dir.resolve("content/_index.md"), "---\ntitle: [x\n---\n");
        Book book = Book.of(ContentReader.read(List.of(dir.resolve("content"))));
        assertEquals(List.of("02-index.md []"), files(book.report()));
        assertFalse(book.hasErrors());
        assertFalse(book.home().isPresent());
    }

    @Test
    void everyFileKeepsItsLinesForExcerpts() throws Exception {
        Files.createDirectories(dir.resolve("content"));
        Files.writeString(dir.resolve("content/01-broken.md"), "no front matter here\nsecond line\n");
        Report.FileReport file = Book.of(ContentReader.read(List.of(dir.resolve("content")))).report().files().get(0);
        assertEquals(List.of("front-matter"), file.diagnostics().stream().map(d -> d.rule()).toList());
        assertEquals("no front matter here", file.line(1), "a file that does not parse still has its lines");
    }

    @Test
    void chaptersAreInReadingOrderWithTheirVerdicts() throws Exception {
        chapter("b.md", "Second", "second");
        chapter("a.md", "First", "first");
        Book book = Book.of(ContentReader.read(List.of(dir.resolve("content"))));
        assertEquals(List.of("first", "second"), book.chapters().stream().map(r -> r.chapter().slug()).toList());
        assertTrue(book.chapters().stream().allMatch(r -> r.isValid()));
    }
}
