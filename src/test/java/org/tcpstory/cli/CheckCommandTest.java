package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    @TempDir
    Path dir;

    @Test
    void validChapterExitsZero() throws Exception {
        Path valid = Stories.write(dir, "01-valid.md", Stories.VALID);
        Stories.Run run = Stories.run("check", valid);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("checked 1 chapter: no problems\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void wrongAckExitsOneWithCompilerStyleReport() throws Exception {
        Path wrong = Stories.write(dir, "02-wrong.md", Stories.WRONG_ACK);
        Stories.Run run = Stories.run("check", wrong);
        assertEquals(1, run.exitCode());
        List<String> lines = run.out().lines().toList();
        String header = Stories.shown(wrong) + ":" + Stories.WRONG_ACK_LINE + ":" + Stories.WRONG_ACK_COLUMN + ": error: ";
        assertTrue(lines.get(0).startsWith(header), lines.get(0));
        assertTrue(lines.get(1).startsWith("    ") && !lines.get(1).startsWith("     "), "detail indented by 4: " + lines.get(1));
        int source = lines.indexOf("  10 | boy -> girl: ACK=1, seq=x+1, ack=y");
        assertTrue(source > 0, run.out());
        String caret = lines.get(source + 1);
        assertEquals("     | " + " ".repeat(Stories.WRONG_ACK_COLUMN - 1) + "^", caret);
        assertEquals("", lines.get(source + 2), "blank line after each diagnostic");
        assertEquals("checked 1 chapter: 1 error", lines.get(lines.size() - 1));
        assertFalse(run.out().contains("\033["), "no colour in tests");
    }

    @Test
    void caretCountsWideCharactersAndTabs() throws Exception {
        // The error follows Chinese text and a tab on the same line.
        String story = Stories.VALID.replace("boy -> girl: ACK=1, seq=x+1, ack=y+1",
                "boy -> girl: ACK=1, data=\"你好\", seq=x+1,\tack=y");
        Path file = Stories.write(dir, "05-cjk.md", story);
        Stories.Run run = Stories.run("check", file);
        assertEquals(1, run.exitCode());
        int column = "boy -> girl: ACK=1, data=\"你好\", seq=x+1,\t".length() + 1;
        assertTrue(run.out().contains(Stories.shown(file) + ":10:" + column + ": error: "), run.out());
        List<String> lines = run.out().lines().toList();
        // 4-column tab stops: "...seq=x+1," ends at cell 41 (two CJK characters take 2 cells each), the tab fills to 44.
        // The last excerpt of line 10 is the error's (a warning about the data comes first, at column 1).
        int source = lines.lastIndexOf("  10 | boy -> girl: ACK=1, data=\"你好\", seq=x+1,   ack=y");
        assertTrue(source > 0, run.out());
        assertEquals("     | " + " ".repeat(44) + "^", lines.get(source + 1));
    }

    @Test
    void brokenYamlIsReportedWithExcerpt() throws Exception {
        Path broken = Stories.write(dir, "03-broken.md", Stories.BROKEN_YAML);
        Stories.Run run = Stories.run("check", broken);
        assertEquals(1, run.exitCode());
        assertTrue(run.out().startsWith(Stories.shown(broken) + ":4:"), run.out());
        assertTrue(run.out().contains("  4 |   boy: { label: \"男生\", state: CLOSED\n"), run.out());
        assertTrue(run.out().endsWith("checked 1 chapter: 1 error\n"), run.out());
    }

    @Test
    void folderIsCheckedInReadingOrderWithSummary() throws Exception {
        Stories.write(dir, "01-valid.md", Stories.VALID);
        Stories.write(dir, "02-wrong.md", Stories.WRONG_ACK);
        Stories.write(dir, "04-warn.md", Stories.WARNING);
        Stories.write(dir, "_index.md", "# not a chapter\n");
        Stories.Run run = Stories.run("check", dir);
        assertEquals(1, run.exitCode());
        assertTrue(run.out().indexOf("02-wrong.md:10:") < run.out().indexOf("04-warn.md:"), run.out());
        assertTrue(run.out().endsWith("checked 3 chapters: 1 error, 1 warning\n"), run.out());
    }

    @Test
    void warningsFailOnlyWhenStrict() throws Exception {
        Path warn = Stories.write(dir, "04-warn.md", Stories.WARNING);
        Stories.Run lenient = Stories.run("check", warn);
        assertEquals(0, lenient.exitCode(), lenient.out());
        assertTrue(lenient.out().contains(": warning: "), lenient.out());
        assertTrue(lenient.out().endsWith("checked 1 chapter: 1 warning\n"), lenient.out());
        assertEquals(1, Stories.run("check", "--strict", warn).exitCode());
    }

    @Test
    void missingPathExitsTwo() {
        Path missing = dir.resolve("nope");
        Stories.Run run = Stories.run("check", missing);
        assertEquals(2, run.exitCode());
        assertEquals("tcpstory: cannot read " + Stories.shown(missing) + ": no such file or folder\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void whyItCannotRunIsSaidInTheLanguageChosen() {
        Path missing = dir.resolve("nope");
        Stories.Run run = Stories.run("check", "--lang", "zh", missing);
        assertEquals(2, run.exitCode());
        assertEquals("tcpstory: 读不了 " + Stories.shown(missing) + "：没有这个文件或文件夹\n", run.err());
    }

    @Test
    void badOptionAndBadValueExitTwoWithShortUsage() throws Exception {
        Path valid = Stories.write(dir, "01-valid.md", Stories.VALID);
        Stories.Run unknown = Stories.run("check", "--bogus", valid);
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("tcpstory: Unknown option: '--bogus'"), unknown.err());
        assertTrue(unknown.err().contains("tcpstory check --help"), unknown.err());
        assertTrue(unknown.err().lines().count() <= 3, "short: " + unknown.err());
        Stories.Run badValue = Stories.run("check", "--format", "xml", valid);
        assertEquals(2, badValue.exitCode());
        assertTrue(badValue.err().contains("expected one of text, json, junit, github, sarif but was 'xml'"), badValue.err());
        assertEquals("", badValue.out());
    }

    @Test
    void formatIsCaseInsensitive() throws Exception {
        Path valid = Stories.write(dir, "01-valid.md", Stories.VALID);
        Stories.Run run = Stories.run("check", "--format", "JSON", valid);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("{\n  \"version\": 1,"), run.out());
    }

    @Test
    void outputFileGetsTheReportAndStdoutTheSummary() throws Exception {
        Path wrong = Stories.write(dir, "02-wrong.md", Stories.WRONG_ACK);
        Path report = dir.resolve("report.json");
        Files.writeString(report, "old");
        Stories.Run run = Stories.run("check", "--format", "json", "--output", report, wrong);
        assertEquals(1, run.exitCode());
        assertEquals("checked 1 chapter: 1 error\n", run.out());
        String json = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"rule\": \"ack-number\""), json);
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void unwritableOutputExitsTwo() throws Exception {
        Path valid = Stories.write(dir, "01-valid.md", Stories.VALID);
        Path report = dir.resolve("no-such-folder").resolve("report.xml");
        Stories.Run run = Stories.run("check", "--format", "junit", "-o", report, valid);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("tcpstory: cannot write " + Stories.shown(report) + ": "), run.err());
    }
}
