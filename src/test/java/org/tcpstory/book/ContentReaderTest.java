package org.tcpstory.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
