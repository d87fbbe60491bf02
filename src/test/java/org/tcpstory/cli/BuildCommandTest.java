package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BuildCommandTest {

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    private static Result build(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new BuildCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = String.valueOf(args[i]);
        }
        int code = cmd.execute(strings);
        return new Result(code, out.toString(), err.toString());
    }

    private Path content() throws IOException {
        Path content = dir.resolve("content");
        Stories.write(content, "_index.md", "---\ntitle: 测试\n---\n\n首页。\n");
        Stories.write(content, "01-valid.md", Stories.VALID);
        return content;
    }

    @Test
    void buildsAndPrintsOneSummaryLine() throws Exception {
        Path content = content();
        Path out = dir.resolve("site");
        Result r = build("--content", content, "--out", out);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("built 1 chapter, 2 diagrams, 14 pages into \\Q" + Stories.shown(out)
                + "/\\E in (\\d+ ms|\\d+\\.\\d s)\\n"), r.out());
        assertFalse(r.err().contains("\r"), "no progress line when not on a terminal");
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
        assertTrue(Files.isRegularFile(out.resolve(".tcpstory-site")));

        Result again = build("--content", content, "--out", out);
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().matches("\\Q" + Stories.shown(out) + "/ is up to date: 1 chapter, 2 diagrams, 14 pages (\\E"
                + "(\\d+ ms|\\d+\\.\\d s)\\)\\n"), again.out());
    }

    @Test
    void langZhSaysWhatWasBuiltAndWhatIsWrongWithAnOptionInChinese() throws Exception {
        Path content = content();
        Path out = dir.resolve("site");
        Result r = build("--content", content, "--out", out, "--lang", "zh");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("构建了 1 章，2 张图，14 个页面，写进 \\Q" + Stories.shown(out)
                + "/\\E，用时 (\\d+ ms|\\d+\\.\\d s)\\n"), r.out());
        Result again = build("--content", content, "--out", out, "--lang", "zh");
        assertTrue(again.out().startsWith(Stories.shown(out) + "/ 已经是最新的：1 章，2 张图，14 个页面（"), again.out());

        Stories.Run threads = Stories.run("build", "--content", content, "--out", out, "--threads", 0, "--lang", "zh");
        assertEquals(2, threads.exitCode());
        assertTrue(threads.err().startsWith("tcpstory: --threads 至少是 1，不能是 0\n"), threads.err());
    }

    @Test
    void theProgressLineCountsAChineseCharacterAsTwoColumns() {
        assertEquals(12, BuildCommand.Progress.columns("tcpstory: ab"));
        assertEquals(10 + 8 + 4, BuildCommand.Progress.columns("tcpstory: 正在画图 1/2"));
    }

    @Test
    void warningsArePrintedButDoNotFail() throws Exception {
        Path content = dir.resolve("content");
        Path file = Stories.write(content, "01-warn.md", Stories.WARNING);
        Result r = build("--content", content, "--out", dir.resolve("site"));
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith(Stories.shown(file) + ":"), r.out());
        assertTrue(r.out().contains(": warning: "), r.out());
        assertTrue(r.out().lines().reduce((a, b) -> b).orElse("").startsWith("built 1 chapter"), r.out());
    }

    @Test
    void errorsFailLikeCheckAndKeepThePreviousSite() throws Exception {
        Path content = content();
        Path out = dir.resolve("site");
        assertEquals(0, build("--content", content, "--out", out).exitCode());
        Map<String, byte[]> before = tree(out);

        Path wrong = Stories.write(content, "02-wrong.md", Stories.WRONG_ACK);
        Result r = build("--content", content, "--out", out);
        assertEquals(1, r.exitCode());
        String header = Stories.shown(wrong) + ":" + Stories.WRONG_ACK_LINE + ":" + Stories.WRONG_ACK_COLUMN + ": error: ";
        assertTrue(r.out().startsWith(header), r.out());
        assertTrue(r.out().contains("  10 | boy -> girl: ACK=1, seq=x+1, ack=y\n"), "the excerpt as check prints it");
        assertTrue(r.out().endsWith("checked 2 chapters: 1 error\n"), r.out());
        assertTrue(r.err().contains("build failed"), r.err());

        Map<String, byte[]> after = tree(out);
        assertEquals(before.keySet(), after.keySet());
        for (String f : before.keySet()) {
            assertArrayEquals(before.get(f), after.get(f), f);
        }
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(2, siblings.count(), "no temporary folder left");
        }
    }

    @Test
    void siteSettingErrorsAreReportedWithTheirLine() throws Exception {
        Path content = content();
        Path index = Stories.write(content, "_index.md", "---\ntitle: x\nallowRawHtml: maybe\n---\n");
        Result r = build("--content", content, "--out", dir.resolve("site"));
        assertEquals(1, r.exitCode());
        assertTrue(r.out().startsWith(Stories.shown(index) + ":3:15: error: `allowRawHtml:` is true or false"), r.out());
        assertTrue(r.out().contains("\n  3 | allowRawHtml: maybe\n"), r.out());
        assertTrue(r.out().endsWith("checked 1 chapter and the site settings: 1 error\n"), r.out());
        assertFalse(Files.exists(dir.resolve("site")));
    }

    @Test
    void refusesAFolderItDidNotBuild() throws Exception {
        Path content = content();
        Path out = dir.resolve("docs");
        Stories.write(out, "keep.txt", "mine");
        Result r = build("--content", content, "--out", out);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("refusing to build into " + Stories.shown(out)), r.err());
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
        assertEquals("", r.out());
    }

    @Test
    void refusesTheContentFolder() throws Exception {
        Path content = content();
        Result r = build("--content", content, "--out", content);
        assertEquals(2, r.exitCode());
        assertTrue(Files.isRegularFile(content.resolve("01-valid.md")));
    }

    @Test
    void missingFoldersCannotRun() throws Exception {
        Result r = build("--content", dir.resolve("nothing"), "--out", dir.resolve("site"));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no such content folder"), r.err());

        r = build("--content", content(), "--out", dir.resolve("site"), "--templates", dir.resolve("no-theme"));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no such templates folder"), r.err());
        assertFalse(Files.exists(dir.resolve("site")));
    }

    @Test
    void brokenTemplateFailsWithExitTwo() throws Exception {
        Path theme = dir.resolve("theme");
        Stories.write(theme, "index.ftlh", "<#if>");
        Result r = build("--content", content(), "--out", dir.resolve("site"), "--templates", theme);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("index.ftlh"), r.err());
        assertFalse(Files.exists(dir.resolve("site")));
    }

    @Test
    void threadsMustBeOneOrMore() throws Exception {
        Result r = build("--content", content(), "--out", dir.resolve("site"), "--threads", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--threads must be 1 or more"), r.err());
        assertFalse(Files.exists(dir.resolve("site")));
        assertEquals(0, build("--content", content(), "--out", dir.resolve("site"), "--threads", "3").exitCode());
    }

    @Test
    void aBuildStoppedFromOutsideLeavesNoTemporaryFolder() throws Exception {
        Path out = dir.resolve("site");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "build", "--content", Path.of("content").toAbsolutePath().toString(),
                "--out", out.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile());
        builder.environment().put("TCPSTORY_CACHE", "off"); // every diagram drawn: the build takes a while
        Process build = builder.start();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (temporaryFolders().isEmpty() && build.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertFalse(temporaryFolders().isEmpty(), "the build started writing");
            build.destroy(); // SIGTERM, as a CI time-out or a closed terminal sends
            build.waitFor();
        } finally {
            build.destroyForcibly();
        }
        assertEquals(List.of(), temporaryFolders(), "the half-written site was deleted");
        assertFalse(Files.exists(out));
    }

    private List<String> temporaryFolders() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".site.tmp-")).toList();
        }
    }

    @Test
    void helpListsTheOptions() {
        Result r = build("--help");
        assertEquals(0, r.exitCode());
        for (String option : new String[] {"--content", "--out", "--templates", "--threads"}) {
            assertTrue(r.out().contains(option), r.out());
        }
    }

    private static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(root.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    @SuppressWarnings("unused")
    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
