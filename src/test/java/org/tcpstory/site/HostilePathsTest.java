package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tcpstory.book.Book;
import org.tcpstory.book.ContentReader;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.publish.SiteBuild;
import org.tcpstory.story.ParseResult;

/**
 * A story cannot name a file outside its content folder, nor make the build read one: page names are
 * slugs ({@code [a-z0-9-]}, unique), {@code continues:} is a slug too, links are only links, and symbolic
 * links that leave the content folder are not followed, for chapters and for {@code _index.md} alike.
 */
class HostilePathsTest {

    /** A secret outside the content folder; it must never reach the site. */
    private static final String SECRET = "root:x:0:0:SECRET-OUTSIDE-CONTENT";

    @TempDir
    Path dir;

    private SiteBuild.Result build(Path content, Path out) throws SiteException {
        return SiteFixtures.build(content, out, null);
    }

    private static List<String> rules(SiteBuild.Result result) {
        return result.diagnostics().stream().filter(Diagnostic::isError).map(d -> d.rule() + "@" + d.position().line())
                .toList();
    }

    // ---- slugs ------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "a/b", "a\\\\b", "Hello", "a b", "a.b", "a_b", "ü", "a\\nb", "",
        ".", "..", "/etc/passwd", "%2e%2e", "index.html"})
    void frontMatterSlugsAreOnlyLowerCaseLettersDigitsAndDashes(String slug) throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        SiteFixtures.write(content.resolve("01-hello.md"),
                SiteFixtures.HELLO.replace("slug: hello", "slug: \"" + slug + "\""));
        SiteBuild.Result result = build(content, dir.resolve("site"));
        assertFalse(result.published());
        assertTrue(rules(result).contains("slug@3"), () -> slug + ": " + rules(result));
        assertFalse(Files.exists(dir.resolve("site")));
        assertNoFileOutside(content);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello World.md", "03-Ünïcode.md", "a.b.md", "x_y.md", "01-.md.md"})
    void fileNamesThatMakeNoSlugNeedOne(String name) throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        SiteFixtures.write(content.resolve(name), SiteFixtures.HELLO.replace("slug: hello\n", "")
                .replace("title: 你好", "title: named"));
        SiteBuild.Result result = build(content, dir.resolve("site"));
        assertFalse(result.published());
        assertTrue(rules(result).contains("slug@1"), () -> name + ": " + rules(result));
    }

    @Test
    void duplicateSlugsAreRejected() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        // Same front-matter slug; and a file name that makes the slug another chapter has.
        SiteFixtures.write(content.resolve("04-again.md"), SiteFixtures.HELLO.replace("title: 你好", "title: again"));
        SiteFixtures.write(content.resolve("05-talk.md"), SiteFixtures.HELLO.replace("slug: hello\n", "")
                .replace("title: 你好", "title: talk again"));
        SiteBuild.Result result = build(content, dir.resolve("site"));
        assertFalse(result.published());
        List<Diagnostic> duplicates = result.diagnostics().stream().filter(d -> d.rule().equals("duplicate-slug")).toList();
        assertEquals(2, duplicates.size(), duplicates::toString);
        assertTrue(duplicates.stream().anyMatch(d -> d.message().contains("duplicate slug hello")), duplicates::toString);
        assertTrue(duplicates.stream().anyMatch(d -> d.message().contains("duplicate slug talk")), duplicates::toString);
        assertFalse(Files.exists(dir.resolve("site")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "passwd", "hello.md", "HELLO", "../hello"})
    void continuesIsASlugNeverAPath(String target) throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        SiteFixtures.write(dir.resolve("passwd.md"), SiteFixtures.HELLO.replace("slug: hello", "slug: passwd"));
        SiteFixtures.write(content.resolve("02-talk.md"),
                SiteFixtures.TALK.replace("continues: hello", "continues: \"" + target + "\""));
        SiteBuild.Result result = build(content, dir.resolve("site"));
        assertFalse(result.published());
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.rule().equals("continues") && d.position().line() == 5),
                () -> target + ": " + result.diagnostics());
    }

    @Test
    void linksToFilesAreOnlyLinks() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        SiteFixtures.write(dir.resolve("secret.txt"), SECRET);
        SiteFixtures.write(content.resolve("01-hello.md"), SiteFixtures.HELLO.replace("他开口了。",
                "[a](../secret.txt) [b](../../../../../../etc/passwd) ![c](../secret.txt) ![d](/etc/passwd) "
                        + "[e][r] <file:///etc/passwd>\n\n[r]: ../secret.txt"));
        Path out = dir.resolve("site");
        assertTrue(build(content, out).published());
        String hello = SiteFixtures.read(out.resolve("hello.html"));
        List<HostileStory.Tag> tags = HostileStory.tags(hello);
        assertTrue(tags.stream().anyMatch(t -> t.name().equals("a") && "../secret.txt".equals(t.attributes().get("href"))));
        assertTrue(tags.stream().anyMatch(t -> t.name().equals("a")
                && "../../../../../../etc/passwd".equals(t.attributes().get("href"))));
        assertTrue(tags.stream().anyMatch(t -> t.name().equals("img") && "../secret.txt".equals(t.attributes().get("src"))));
        assertNoSecret(out);
    }

    // ---- symbolic links ---------------------------------------------------------------------------

    private static void link(Path link, Path target) throws IOException {
        try {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links are not available here: " + e);
        }
    }

    private Path outsideChapter() throws IOException {
        Path outside = dir.resolve("outside");
        SiteFixtures.write(outside.resolve("01-secret.md"), SiteFixtures.HELLO.replace("slug: hello", "slug: secret")
                .replace("title: 你好", "title: " + SECRET));
        SiteFixtures.write(outside.resolve("more/02-more.md"), SiteFixtures.HELLO.replace("slug: hello", "slug: more")
                .replace("title: 你好", "title: " + SECRET));
        SiteFixtures.write(outside.resolve("secret.txt"), SECRET + "\n");
        return outside;
    }

    @Test
    void chapterLinksThatLeaveTheContentFolderAreNotFollowed() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path outside = outsideChapter();
        link(content.resolve("04-secret.md"), outside.resolve("01-secret.md"));
        link(content.resolve("linked"), outside.resolve("more"));
        link(content.resolve("deep/05-up.md"), Path.of("../../outside/01-secret.md"));
        link(content.resolve("06-passwd.md"), Path.of("/etc/passwd"));
        link(content.resolve("07-zero.md"), Path.of("/dev/zero"));
        link(content.resolve("08-dangling.md"), dir.resolve("nowhere.md"));
        link(content.resolve("loop"), content);
        link(content.resolve("09-inside.md"), content.resolve("01-hello.md")); // inside: the same chapter again

        Book loaded = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> Book.of(ContentReader.read(List.of(content))));
        assertEquals(List.of("01-hello.md", "02-talk.md", "03-bye.md"),
                loaded.requested().stream().map(ParseResult::file).map(f -> f.substring(f.lastIndexOf('/') + 1)).toList());

        Path out = dir.resolve("site");
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> build(content, out)).published());
        assertNoSecret(out);
        assertFalse(Files.exists(out.resolve("secret.html")));
        assertFalse(Files.exists(out.resolve("more.html")));
    }

    /**
     * The folder walk skipped these links, but CI checks the changed files by name: `check content/x.md`
     * printed `1 | root:x:0:0:...`. A named file is held to the walk's rule, with an error that says so.
     */
    @Test
    void namedChapterLinksThatLeaveTheirFolderAreNotRead() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path outside = outsideChapter();
        link(content.resolve("04-secret.md"), outside.resolve("01-secret.md"));
        link(content.resolve("deep/05-up.md"), Path.of("../../outside/01-secret.md"));
        link(content.resolve("09-inside.md"), content.resolve("01-hello.md"));
        List<Path> named = List.of(content.resolve("04-secret.md"), content.resolve("deep/05-up.md"),
                content.resolve("09-inside.md"));
        Book book = Book.of(ContentReader.read(named));
        String report = book.report().diagnostics().toString();
        assertFalse(report.contains(SECRET), report);
        assertEquals(List.of("link-outside@1", "link-outside@1"), book.report().diagnostics().stream()
                .map(d -> d.rule() + "@" + d.position().line()).toList());
        assertEquals(List.of(), book.results().stream().filter(r -> r.chapter().title().contains("SECRET")).toList());
    }

    @Test
    void indexLinkThatLeavesTheContentFolderIsNotFollowed() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path outside = outsideChapter();
        Files.delete(content.resolve("_index.md"));
        link(content.resolve("_index.md"), outside.resolve("secret.txt"));
        Path out = dir.resolve("site");
        SiteBuild.Result result = build(content, out);
        assertTrue(result.published(), () -> result.diagnostics().toString());
        assertNoSecret(out);
        assertTrue(SiteFixtures.read(out.resolve("index.html")).contains("<title>tcpstory</title>"), "the defaults");
    }

    @Test
    void indexLinkToEtcPasswdIsNotFollowed() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/etc/passwd")), "no /etc/passwd here");
        Path content = SiteFixtures.story(dir.resolve("content"));
        Files.delete(content.resolve("_index.md"));
        link(content.resolve("_index.md"), Path.of("/etc/passwd"));
        Path out = dir.resolve("site");
        assertTrue(build(content, out).published());
        HostileStory.assertNoLeaks(out);
    }

    @Test
    void indexLinkInsideTheContentFolderIsFollowed() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Files.move(content.resolve("_index.md"), content.resolve("home.txt"));
        link(content.resolve("_index.md"), Path.of("home.txt"));
        Path out = dir.resolve("site");
        assertTrue(build(content, out).published());
        assertTrue(SiteFixtures.read(out.resolve("index.html")).contains("这是首页的文字。"));
    }

    @Test
    void namedPipesAreNotRead() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", content.resolve("04-pipe.md").toString()).start().waitFor() == 0;
        } catch (IOException e) {
            made = false;
        }
        assumeTrue(made, "mkfifo is not available here");
        Path out = dir.resolve("site");
        // Reading a pipe nobody writes to would block for ever: the hang guard fails the test instead.
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> build(content, out)).published());
        assertEquals(3, assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> Book.of(ContentReader.read(List.of(content)))).requested().size());
    }

    @Test
    void hugeFilesAreRefusedUnread() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        // Sparse: 3 GB on paper, nothing on disk. Read whole, either would exceed the largest Java array.
        for (String name : List.of("_index.md", "04-huge.md")) {
            try (var file = new java.io.RandomAccessFile(content.resolve(name).toFile(), "rw")) {
                file.setLength(3L * 1024 * 1024 * 1024);
            }
        }
        SiteBuild.Result result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> build(content, dir.resolve("site")));
        assertFalse(result.published());
        assertEquals(List.of("file-size@1", "file-size@1"), rules(result));
    }

    private void assertNoSecret(Path out) throws IOException {
        for (Map.Entry<String, byte[]> file : SiteFixtures.tree(out).entrySet()) {
            String text = new String(file.getValue(), java.nio.charset.StandardCharsets.UTF_8);
            assertFalse(text.contains("SECRET-OUTSIDE-CONTENT"), file.getKey() + " holds a file from outside the content");
            assertFalse(text.contains("root:x:"), file.getKey() + " holds /etc/passwd");
        }
    }

    /** Nothing was written next to the content folder but what the test itself put there. */
    private void assertNoFileOutside(Path content) throws IOException {
        try (var entries = Files.list(dir)) {
            assertEquals(List.of(content.getFileName().toString()),
                    entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
