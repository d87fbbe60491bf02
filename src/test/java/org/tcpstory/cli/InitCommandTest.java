package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class InitCommandTest {

    @TempDir
    Path dir;

    /** What a new user does: init, check --strict, build; in either language. */
    @ParameterizedTest
    @EnumSource(InitCommand.Language.class)
    void aNewBookChecksCleanAndBuildsAtOnce(InitCommand.Language language) throws Exception {
        Path book = dir.resolve("book");
        Stories.Run init = Stories.run("init", book, "--lang", language);
        assertEquals(0, init.exitCode(), init.err());
        assertEquals("", init.err());
        // init speaks the book's language.
        if (language == InitCommand.Language.ZH) {
            assertTrue(init.out().startsWith("在 " + Stories.shown(book) + " 建好了一本新书"), init.out());
            assertTrue(init.out().contains("下一步：cd " + Stories.shown(book) + " && tcpstory build"), init.out());
        } else {
            assertTrue(init.out().startsWith("created a new book in " + Stories.shown(book)), init.out());
            assertTrue(init.out().contains("next: cd " + Stories.shown(book) + " && tcpstory build"), init.out());
        }
        assertEquals(List.of(".github/workflows/tcpstory.yml", ".gitignore", "content/01-knock-knock.md",
                "content/_index.md"), files(book));

        Stories.Run check = Stories.run("check", "--strict", book.resolve("content"));
        assertEquals(0, check.exitCode(), check.out());
        assertEquals("checked 1 chapter: no problems\n", check.out());

        Path site = book.resolve("site");
        Stories.Run build = Stories.run("build", "--content", book.resolve("content"), "--out", site);
        assertEquals(0, build.exitCode(), build.out() + build.err());
        String home = Files.readString(site.resolve("index.html"), StandardCharsets.UTF_8);
        String chapter = Files.readString(site.resolve("knock-knock.html"), StandardCharsets.UTF_8);
        if (language == InitCommand.Language.ZH) {
            assertTrue(home.contains("lang=\"zh-CN\"") && home.contains("我的 TCP 故事"), home);
            assertTrue(chapter.contains("敲门"), chapter);
        } else {
            assertTrue(home.contains("lang=\"en\"") && home.contains("My TCP story"), home);
            assertTrue(chapter.contains("Knock, knock"), chapter);
        }
    }

    @Test
    void aBookInTwoLanguagesHasAFolderEachAndTheirChaptersAreTwins() throws Exception {
        Path book = dir.resolve("book");
        Stories.Run init = Stories.run("init", book, "--lang", "en,zh");
        assertEquals(0, init.exitCode(), init.err());
        assertEquals(List.of(".github/workflows/tcpstory.yml", ".gitignore", "content/_index.md",
                "content/en/01-knock-knock.md", "content/en/_index.md", "content/zh/01-knock-knock.md",
                "content/zh/_index.md"), files(book));
        assertTrue(init.out().contains("content/_index.md, content/en/_index.md"), init.out());
        assertTrue(Files.readString(book.resolve("content/en/_index.md")).contains("`content/en/_index.md`"),
                "the example says where it is");

        Stories.Run check = Stories.run("check", "--strict", book.resolve("content"));
        assertEquals("checked 2 chapters: no problems\n", check.out());
        Path site = book.resolve("site");
        assertEquals(0, Stories.run("build", "--content", book.resolve("content"), "--out", site).exitCode());
        String english = Files.readString(site.resolve("en/knock-knock.html"), StandardCharsets.UTF_8);
        assertTrue(english.contains("href=\"../zh/knock-knock.html\" hreflang=\"zh-CN\""), english);
        assertTrue(Files.readString(site.resolve("index.html"), StandardCharsets.UTF_8).contains("My TCP story · 我的 TCP 故事"));

        Stories.Run twice = Stories.run("init", dir.resolve("other"), "--lang", "en,en");
        assertEquals(2, twice.exitCode());
        assertTrue(twice.err().contains("names a language twice"), twice.err());
        Stories.Run twiceInChinese = Stories.run("init", dir.resolve("other"), "--lang", "zh,zh");
        assertEquals("tcpstory: --lang 把一种语言写了两次：[zh, zh]\n", twiceInChinese.err());
    }

    @Test
    void theGitignoreKeepsOutTheSiteAndTheCache() throws Exception {
        assertEquals(0, Stories.run("init", dir).exitCode());
        List<String> rules = Files.readAllLines(dir.resolve(".gitignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertEquals(List.of("/site/", "/.tcpstory-cache/"), rules);
    }

    /** The workflow parses, checks with annotations, builds, and keeps the site. */
    @Test
    @SuppressWarnings("unchecked")
    void theWorkflowChecksBuildsAndUploadsTheSite() throws Exception {
        assertEquals(0, Stories.run("init", dir, "--lang", "zh").exitCode());
        Map<String, Object> workflow = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(dir.resolve(".github/workflows/tcpstory.yml")));
        assertTrue(((Map<String, Object>) workflow.get("on")).containsKey("pull_request"), workflow::toString);
        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) workflow.get("jobs")).get("book");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
        List<String> runs = steps.stream().filter(s -> s.containsKey("run")).map(s -> (String) s.get("run")).toList();
        assertTrue(runs.contains("tcpstory check --strict --format github"), runs::toString);
        assertTrue(runs.contains("tcpstory build"), runs::toString);
        Map<String, Object> upload = steps.get(steps.size() - 1);
        assertTrue(String.valueOf(upload.get("uses")).startsWith("actions/upload-artifact@"), upload::toString);
        assertEquals("site/", ((Map<String, Object>) upload.get("with")).get("path"));
    }

    @Test
    void aFolderWithContentIsRefusedAndLeftAsItWas() throws Exception {
        Stories.write(dir, "notes.txt", "mine");
        Stories.Run run = Stories.run("init", dir);
        assertEquals(2, run.exitCode());
        assertEquals("tcpstory: refusing to create a book in " + Stories.shown(dir) + ": it is not empty (notes.txt); "
                + "init writes only into a new or empty folder\n", run.err());
        assertEquals(List.of("notes.txt"), files(dir));

        Path file = Stories.write(dir, "a-file", "x");
        Stories.Run notAFolder = Stories.run("init", file);
        assertEquals(2, notAFolder.exitCode());
        assertTrue(notAFolder.err().contains("it is not a folder"), notAFolder.err());
    }

    @Test
    void aFreshGitRepositoryIsEmptyEnough() throws Exception {
        Files.createDirectories(dir.resolve(".git/objects"));
        assertEquals(0, Stories.run("init", dir, "--lang", "EN").exitCode());
        assertTrue(Files.isRegularFile(dir.resolve("content/_index.md")));
    }

    @Test
    void anUnknownLanguageIsAUsageError() {
        Stories.Run run = Stories.run("init", dir.resolve("book"), "--lang", "fr");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("expected en or zh but was 'fr'"), run.err());
        assertFalse(Files.exists(dir.resolve("book")));
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
