package org.tcpstory.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.story.ParseResult;

class ContentReaderTest {

    @TempDir
    Path tmp;

    /** The files under the paths, read and parsed into a book, whose order is the reading order. */
    private static Book load(List<Path> paths) throws ContentReader.UnreadablePathException {
        return Book.of(ContentReader.read(paths));
    }

    private static void chapter(Path file, String title, String extra) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "---\ntitle: " + title + "\n" + extra
                + "peers:\n  a: {}\n  b: {}\n---\n\n```tcp\na: listen\n```\n", StandardCharsets.UTF_8);
    }

    private static List<String> files(List<ParseResult> results) {
        return results.stream().map(ParseResult::file).toList();
    }

    private static String display(Path p) {
        return p.toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    @Test
    void scansFoldersRecursivelyAndSkipsWhatIsNotAChapter() throws Exception {
        Path content = tmp.resolve("content");
        chapter(content.resolve("01-a.md"), "A", "");
        chapter(content.resolve("part/02-b.md"), "B", "");
        chapter(content.resolve("_index.md"), "Home", "");
        chapter(content.resolve(".hidden/03-c.md"), "Hidden", "");
        chapter(content.resolve(".draft.md"), "Draft", "");
        Files.writeString(content.resolve("notes.txt"), "not markdown");

        Book set = load(List.of(content));
        String base = display(content);
        assertEquals(List.of(base + "/01-a.md", base + "/part/02-b.md"), files(set.requested()));
        assertEquals(set.requested(), set.library());
        assertTrue(set.requested().stream().allMatch(r -> r.chapter().isPresent() && r.diagnostics().isEmpty()));
    }

    @Test
    void readingOrderIsOrderThenTitleThenPath() throws Exception {
        Path content = tmp.resolve("content");
        chapter(content.resolve("02-two.md"), "Two", "");
        chapter(content.resolve("01-apple.md"), "Apple", "");
        chapter(content.resolve("x-beta.md"), "Beta", "order: 1\n");
        chapter(content.resolve("zeta.md"), "Zeta", "");
        chapter(content.resolve("alpha.md"), "Alpha", "");
        Files.writeString(content.resolve("0-broken.md"), "no front matter");

        Book set = load(List.of(content));
        List<String> names = set.requested().stream().map(r -> r.file().substring(r.file().lastIndexOf('/') + 1).replace(".md", "")).toList();
        assertEquals(List.of("01-apple", "x-beta", "02-two", "alpha", "zeta", "0-broken"), names);
    }

    @Test
    void aFileBringsItsSiblingsIntoTheLibraryOnly() throws Exception {
        Path content = tmp.resolve("content");
        chapter(content.resolve("01-a.md"), "A", "");
        chapter(content.resolve("02-b.md"), "B", "continues: a\n");
        chapter(content.resolve("_index.md"), "Home", "");
        chapter(content.resolve("sub/03-c.md"), "C", "");

        Book set = load(List.of(content.resolve("02-b.md")));
        String base = display(content);
        assertEquals(List.of(base + "/02-b.md"), files(set.requested()));
        assertEquals(List.of(base + "/01-a.md", base + "/02-b.md"), files(set.library()));
    }

    @Test
    void theSameFileNamedTwiceIsLoadedOnce() throws Exception {
        Path content = tmp.resolve("content");
        chapter(content.resolve("01-a.md"), "A", "");
        Book set = load(List.of(content, content.resolve("01-a.md")));
        assertEquals(1, set.requested().size());
        assertEquals(1, set.library().size());
    }

    @Test
    void displayPathsAreAsTheUserNamedThem() throws Exception {
        // A relative path, as a user would type it.
        Path work = Path.of("").toAbsolutePath().relativize(tmp.toAbsolutePath());
        Path content = work.resolve("content");
        chapter(content.resolve("sub/01-a.md"), "A", "");
        String expected = display(work) + "/content/sub/01-a.md";
        assertTrue(!work.isAbsolute(), expected);
        assertEquals(List.of(expected), files(load(List.of(Path.of(display(content) + "/"))).requested()));
        assertEquals(List.of(expected), files(load(List.of(content.resolve("sub/01-a.md"))).requested()));
    }

    @Test
    void displayJoinsWithSlashes() {
        assertEquals("content", ContentReader.display(Path.of("content/")));
        assertEquals("content/a.md", ContentReader.display(Path.of("content", "a.md")));
    }

    @Test
    void missingPathIsUnreadable() {
        Path missing = tmp.resolve("nope");
        ContentReader.UnreadablePathException e =
                assertThrows(ContentReader.UnreadablePathException.class, () -> load(List.of(missing)));
        assertEquals(missing, e.path());
        assertTrue(e.getMessage().contains("nope"));
    }

    @Test
    void symbolicLinksMustStayInsideTheFolder() throws Exception {
        Path content = tmp.resolve("content");
        Path outside = tmp.resolve("outside");
        chapter(content.resolve("01-a.md"), "A", "");
        chapter(outside.resolve("02-secret.md"), "Secret", "");
        chapter(outside.resolve("more/03-more.md"), "More", "");
        try {
            Files.createSymbolicLink(content.resolve("linked-file.md"), outside.resolve("02-secret.md"));
            Files.createSymbolicLink(content.resolve("linked-dir"), outside.resolve("more"));
            Files.createSymbolicLink(content.resolve("inner.md"), content.resolve("01-a.md"));
            Files.createSymbolicLink(content.resolve("loop"), content);
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "symbolic links are not available here");
        }
        Book set = load(List.of(content));
        // inner.md is 01-a.md under another name: one file, loaded once (under the first name in path order).
        assertEquals(List.of(display(content) + "/01-a.md"), files(set.requested()));
    }

    /**
     * {@code serve} rereads only the files a save named: after each change of an author's session, what the
     * reread gives is what a whole read of the folder gives now, and the files not named keep their very bytes.
     */
    @Test
    void aRereadOfTheChangedFilesIsAWholeRead() throws Exception {
        // A relative path, as a user would type it: the names of the files read are joined to it.
        Path content = Path.of("").toAbsolutePath().relativize(tmp.toAbsolutePath()).resolve("content");
        chapter(content.resolve("_index.md"), "Home", "");
        chapter(content.resolve("01-a.md"), "A", "");
        chapter(content.resolve("02-b.md"), "B", "continues: a\n");
        chapter(content.resolve("03-c.md"), "C", "");
        Sources sources = ContentReader.readSite(content);
        assertFalse(sources.linked());

        Files.writeString(content.resolve("02-b.md"), "\nMore prose.\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Sources prose = reread(sources, content, "02-b.md");
        assertSame(sources.requested().get(0).bytes(), prose.requested().get(0).bytes(), "01-a.md was not read again");
        assertSame(sources.requested().get(2).bytes(), prose.requested().get(2).bytes(), "03-c.md was not read again");
        sources = prose;
        edit(content.resolve("01-a.md"), "a: listen", "b: listen");
        sources = reread(sources, content, "01-a.md");
        chapter(content.resolve("04-d.md"), "D", "");
        sources = reread(sources, content, "04-d.md");
        Files.delete(content.resolve("03-c.md"));
        sources = reread(sources, content, "03-c.md");
        Files.move(content.resolve("02-b.md"), content.resolve("02-bee.md"));
        sources = reread(sources, content, "02-b.md", "02-bee.md");
        // Names that are no chapter: the same rules as the whole read's.
        chapter(content.resolve("_draft.md"), "Draft", "");
        chapter(content.resolve(".hidden.md"), "Hidden", "");
        Files.writeString(content.resolve("notes.txt"), "not markdown");
        sources = reread(sources, content, "_draft.md", ".hidden.md", "notes.txt", "never-there.md");
        edit(content.resolve("_index.md"), "title: Home", "title: Home again");
        sources = reread(sources, content, "_index.md");
        chapter(content.resolve("part/05-e.md"), "E", "");
        chapter(content.resolve(".drafts/06-f.md"), "F", "");
        sources = reread(sources, content, "part/05-e.md", ".drafts/06-f.md");
        sources = reread(sources, content, "part");

        Path big = content.resolve("07-big.md");
        Files.write(big, new byte[(int) ContentReader.MAX_FILE_BYTES + 1]);
        sources = reread(sources, content, "07-big.md");
        assertNull(sources.requested().stream().filter(s -> s.file().endsWith("07-big.md")).findFirst().orElseThrow().bytes(),
                "too large to read: reported, not read");
        chapter(big, "Big no more", "");
        sources = reread(sources, content, "07-big.md");

        try {
            // A second name that sorts first: the whole read keeps it, not 01-a.md.
            Files.createSymbolicLink(content.resolve("00-link.md"), Path.of("01-a.md"));
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "symbolic links are not available here");
        }
        sources = reread(sources, content, "00-link.md");
        assertTrue(sources.linked());
        edit(content.resolve("01-a.md"), "title: A", "title: A, linked");
        sources = reread(sources, content, "01-a.md"); // the link's target: only a whole read sees the link changed
        Files.delete(content.resolve("00-link.md"));
        sources = reread(sources, content, "00-link.md");
        assertFalse(sources.linked());

        Path gone = tmp.resolve("gone");
        Files.move(tmp.resolve("content"), gone);
        Sources last = sources;
        assertEquals(assertThrows(ContentReader.UnreadablePathException.class, () -> ContentReader.readSite(content)).getMessage(),
                assertThrows(ContentReader.UnreadablePathException.class,
                        () -> ContentReader.reread(last, content, Set.of(gone.resolve("01-a.md")))).getMessage());
    }

    @Test
    void aRereadOfABookInTwoLanguagesIsAWholeRead() throws Exception {
        Path content = tmp.resolve("content");
        Files.createDirectories(content);
        Files.writeString(content.resolve("_index.md"), "---\ntitle: Book\nlanguages: [zh, en]\n---\n", StandardCharsets.UTF_8);
        Files.createDirectories(content.resolve("zh"));
        Files.writeString(content.resolve("zh/_index.md"), "---\ntitle: 书\nlanguage: zh-CN\n---\n", StandardCharsets.UTF_8);
        chapter(content.resolve("zh/01-a.md"), "甲", "");
        chapter(content.resolve("en/01-a.md"), "A", "");
        Sources sources = ContentReader.readSite(content);
        edit(content.resolve("en/01-a.md"), "title: A", "title: A2");
        sources = reread(sources, content, "en/01-a.md");
        Files.writeString(content.resolve("en/_index.md"), "---\ntitle: Book\nlanguage: en\n---\n", StandardCharsets.UTF_8);
        sources = reread(sources, content, "en/_index.md");
        assertEquals("en", sources.folders().get(0).name());
        assertNotNull(sources.folders().get(0).home(), "a language's settings are read again");
    }

    /**
     * Rereads the files named (relative to the folder, as the watcher names them: under its real path),
     * asserts that it gives what a whole read of the folder gives now, and returns it.
     */
    private static Sources reread(Sources last, Path content, String... changed) throws Exception {
        Path real = content.toRealPath();
        Set<Path> named = new HashSet<>();
        for (String file : changed) {
            named.add(real.resolve(file));
        }
        Sources reread = ContentReader.reread(last, content, named);
        assertEquals(SourcesFixtures.flat(ContentReader.readSite(content)), SourcesFixtures.flat(reread), () -> "after a change of " + List.of(changed));
        return reread;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), file + " holds " + from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }
}
