package org.tcpstory.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.diagnostic.Report;
import org.tcpstory.engine.Profile;

class BookTest {

    /** A valid chapter: its title and slug are the two arguments. */
    static final String CHAPTER = """
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
    void aBookReportsItsSettingsFirstAndThePageNamesTheSiteTakes() throws Exception {
        chapter("01-one.md", "One", "one");
        chapter("02-index.md", "Index", "index");
        Files.writeString(dir.resolve("content/_index.md"), "---\ntitle: [x\n---\n");
        Book book = Book.of(ContentReader.readSite(dir.resolve("content")));
        assertEquals(List.of("_index.md (settings) [yaml]", "01-one.md []", "02-index.md [reserved-slug]"),
                files(book.report()));
        assertEquals("checked 2 chapters and the site settings: 2 errors", book.report().summary());
        assertTrue(book.hasErrors());
        assertEquals("content/_index.md", relative(book.home().file()));
    }

    @Test
    void aFileNamedOnItsOwnBelongsToTheBookOfItsFolder() throws Exception {
        Path chapter = chapter("02-index.md", "Index", "index");
        Files.writeString(dir.resolve("content/_index.md"), "---\ntitle: [x\n---\n");
        Book book = Book.of(ContentReader.read(List.of(chapter)));
        assertEquals(List.of("_index.md (settings) [yaml]", "02-index.md [reserved-slug]"), files(book.report()),
                "check of one file says what build of its book would");
    }

    @Test
    void theBookNamesTheProfileUnlessTheCommandLineDoes() throws Exception {
        Files.createDirectories(dir.resolve("content"));
        Files.writeString(dir.resolve("content/_index.md"), "---\nprofile: freebsd\n---\n");
        Files.writeString(dir.resolve("content/01-rst.md"), """
                ---
                title: a RST in TIME-WAIT
                peers:
                  A: { state: ESTABLISHED, seq: u }
                  B: { state: ESTABLISHED, seq: v }
                ---
                ```tcp
                A -> B: FIN, ACK, seq=u, ack=v
                B -> A: FIN, ACK, seq=v, ack=u+1
                A -> B: ACK, seq=u+1, ack=v+1
                old B -> A: RST, seq=v+1
                expect A CLOSED
                ```
                """);
        Sources sources = ContentReader.readSite(dir.resolve("content"));
        assertTrue(Book.of(sources).hasErrors(), "FreeBSD ignores a RST in TIME-WAIT");
        assertFalse(Book.of(sources, Optional.of(Profile.LINUX)).hasErrors(), "Linux closes it");
        Files.writeString(dir.resolve("content/_index.md"), "---\nprofile: bsd\n---\n");
        List<String> settings = files(Book.of(ContentReader.readSite(dir.resolve("content"))).report());
        assertEquals("_index.md (settings) [profile]", settings.get(0));
    }

    private String relative(String file) {
        return file.substring(file.indexOf("content/"));
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

    @Test
    void aBookInSeveralLanguagesChecksEachOnItsOwn() throws Exception {
        Files.createDirectories(dir.resolve("content"));
        Files.writeString(dir.resolve("content/_index.md"), "---\nlanguages: [en, fr]\nprofile: freebsd\n---\n");
        Files.createDirectories(dir.resolve("content/fr"));
        Files.writeString(dir.resolve("content/fr/_index.md"), "---\ntitle: Bonjour\nlanguage: fr\n---\n");
        chapter("en/01-one.md", "One", "one");
        chapter("fr/01-un.md", "Un", "one");
        Book book = Book.of(ContentReader.readSite(dir.resolve("content")));
        assertEquals(List.of(), book.report().diagnostics(), "the same slug in each language is no duplicate");
        assertTrue(book.multilingual());
        assertEquals(List.of("en", "fr"), book.editions().stream().map(Edition::folder).toList());
        Edition en = book.editions().get(0);
        assertEquals("en", en.settings().language(), "a language without _index.md is named by its folder");
        assertEquals("freebsd", en.settings().profile().value(), "the book's settings apply to every language");
        assertEquals("Bonjour", book.editions().get(1).settings().title());
        assertEquals("Un", book.editions().get(1).chapter("one").orElseThrow().chapter().title(), "twins by slug");
    }

    @Test
    void aBookInSeveralLanguagesReportsWhatCannotBePublished() throws Exception {
        Files.createDirectories(dir.resolve("content"));
        Files.writeString(dir.resolve("content/_index.md"), "---\nlanguages: [en, de]\n---\n");
        chapter("en/01-one.md", "One", "one");
        chapter("en/02-two.md", "Two", "two").toFile().delete();
        Files.writeString(dir.resolve("content/en/02-two.md"), CHAPTER.formatted("Two", "two")
                .replace("slug: two", "slug: two\ntranslationKey: one"), StandardCharsets.UTF_8);
        chapter("00-stray.md", "Stray", "stray");
        Book book = Book.of(ContentReader.readSite(dir.resolve("content")));
        assertEquals(List.of("_index.md (settings) [languages]", "00-stray.md [languages]", "01-one.md []",
                "02-two.md [translation-key]"), files(book.report()));
        assertTrue(book.report().diagnostics().get(0).message().contains("content/de/"),
                book.report().diagnostics().get(0).message());
    }

    @Test
    void aLanguageFolderCheckedAloneTakesTheSettingsOfItsBook() throws Exception {
        Files.createDirectories(dir.resolve("content/en"));
        Files.writeString(dir.resolve("content/_index.md"), "---\nlanguages: [en]\nprofile: freebsd\n---\n");
        Files.writeString(dir.resolve("content/en/_index.md"), "---\ntitle: Hello\nprofile: linux\n---\n");
        chapter("en/01-one.md", "One", "one");
        Book alone = Book.of(ContentReader.read(List.of(dir.resolve("content/en/01-one.md"))));
        assertFalse(alone.multilingual());
        assertEquals("freebsd", alone.editions().get(0).settings().profile().value());
        assertEquals(List.of("_index.md (settings) [language-key]", "01-one.md []"), files(alone.report()),
                "its own _index.md is a language's, where profile: is out of place");
        Files.writeString(dir.resolve("content/_index.md"), "---\nprofile: freebsd\n---\n");
        Book plain = Book.of(ContentReader.read(List.of(dir.resolve("content/en/01-one.md"))));
        assertEquals("linux", plain.editions().get(0).settings().profile().value(), "a book of its own");
    }
}
