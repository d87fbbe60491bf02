package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check -o FILE} wrote beside FILE and renamed over it: {@code -o /dev/null} (as root, as in CI)
 * turned the device into a regular file, a link became a file, and {@code -o content/01-x.md} overwrote a
 * chapter with the report. A regular file or a new path is replaced; a device or a link is written through;
 * a chapter, anything in the checked folders, a folder and a dangling link are refused.
 */
class CheckOutputFileTest {

    @TempDir
    Path dir;

    private Path content() throws Exception {
        Path content = Files.createDirectories(dir.resolve("content"));
        Stories.write(content, "01-valid.md", Stories.VALID);
        Stories.write(content, "02-wrong.md", Stories.WRONG_ACK);
        return content;
    }

    @Test
    void aRegularFileOrANewPathIsReplacedWhole() throws Exception {
        Path content = content();
        Path report = dir.resolve("check.txt");
        Files.writeString(report, "an old report that is much longer than the new one ".repeat(100));
        Stories.Run run = Stories.run("check", "-o", report, content);
        assertEquals(1, run.exitCode(), run::err);
        assertTrue(Files.readString(report).startsWith(Stories.shown(content.resolve("02-wrong.md"))), Files.readString(report));
        assertFalse(Files.readString(report).contains("old report"));
        Path fresh = dir.resolve("new.xml");
        assertEquals(1, Stories.run("check", "--format", "junit", "-o", fresh, content).exitCode());
        assertTrue(Files.readString(fresh).startsWith("<?xml"));
        assertEquals(List.of(), leftovers(dir));
    }

    @Test
    void aChapterOrAnythingInTheCheckedFoldersIsNeverOverwritten() throws Exception {
        Path content = content();
        byte[] chapter = Files.readAllBytes(content.resolve("01-valid.md"));
        for (Object[] args : List.of(
                new Object[] {"check", "-o", content.resolve("01-valid.md"), content},
                new Object[] {"check", "-o", content.resolve("01-valid.md"), content.resolve("02-wrong.md")},
                new Object[] {"check", "-o", content.resolve("report.txt"), content},
                new Object[] {"check", "-o", content.resolve("01-valid.md"), content.resolve("01-valid.md")})) {
            Stories.Run run = Stories.run(args);
            assertEquals(2, run.exitCode(), run::out);
            assertTrue(run.err().startsWith("tcpstory: refusing to write the report to "), run.err());
            assertArrayEquals(chapter, Files.readAllBytes(content.resolve("01-valid.md")));
        }
        assertFalse(Files.exists(content.resolve("report.txt")));
        Path link = Files.createSymbolicLink(dir.resolve("report-link.txt"), content.resolve("01-valid.md"));
        assertEquals(2, Stories.run("check", "-o", link, content).exitCode(), "a link into the content");
        assertArrayEquals(chapter, Files.readAllBytes(content.resolve("01-valid.md")));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void aLinkIsWrittenThroughAndStaysALink() throws Exception {
        Path content = content();
        Path target = Files.writeString(dir.resolve("target.txt"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("report.txt"), target);
        assertEquals(1, Stories.run("check", "-o", link, content).exitCode());
        assertTrue(Files.isSymbolicLink(link), "still a link");
        assertTrue(Files.readString(target).contains("error: wrong acknowledgment number"), Files.readString(target));

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.txt"), dir.resolve("nowhere/report.txt"));
        Stories.Run run = Stories.run("check", "-o", dangling, content);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("a symbolic link to nothing"), run.err());
        assertFalse(Files.exists(dir.resolve("nowhere")));

        Path folder = Files.createDirectories(dir.resolve("folder"));
        assertEquals(2, Stories.run("check", "-o", folder, content).exitCode());
        assertEquals(List.of(), leftovers(dir));
    }

    @Test
    void whyAReportIsNotWrittenIsSaidInTheReadersLanguage() throws Exception {
        Path content = content();
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Stories.Run chinese = Stories.run("check", "--lang", "zh", "-o", folder, content);
        assertEquals(2, chinese.exitCode());
        assertEquals("tcpstory: 不把报告写进 " + Stories.shown(folder) + "：它是一个文件夹\n", chinese.err());
        Stories.Run english = Stories.run("check", "--lang", "en", "-o", content.resolve("report.txt"), content);
        assertEquals("tcpstory: refusing to write the report to " + Stories.shown(content.resolve("report.txt"))
                + ": it is inside " + Stories.shown(content) + ", which is being read\n", english.err());
    }

    @Test
    void devicesStayDevices() throws Exception {
        Path content = content();
        Path devNull = Path.of("/dev/null");
        Path devFull = Path.of("/dev/full");
        assumeTrue(Files.exists(devNull) && Files.exists(devFull), "no /dev/null and /dev/full here");
        Path link = Files.createSymbolicLink(dir.resolve("null-link"), devNull);
        for (Path output : List.of(devNull, link)) {
            Stories.Run run = Stories.run("check", "-o", output, content);
            assertEquals(1, run.exitCode(), run::err);
            assertEquals("checked 2 chapters: 1 error\n", run.out());
        }
        Stories.Run full = Stories.run("check", "-o", devFull, content);
        assertEquals(2, full.exitCode());
        assertTrue(full.err().startsWith("tcpstory: cannot write /dev/full: "), full.err());
        for (Path device : List.of(devNull, devFull)) {
            assertTrue(Files.readAttributes(device, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther(),
                    device + " is still a device");
        }
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(List.of(), leftovers(Path.of("/dev")));
    }

    /** {@code -o /dev/stdout}, a link to the process's own output: the report goes there, in a real process. */
    @Test
    void devStdoutGetsTheReport() throws Exception {
        Path content = content();
        assumeTrue(Files.isSymbolicLink(Path.of("/dev/stdout")), "no /dev/stdout link here");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process check = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "check", "-o", "/dev/stdout", content.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String written = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // a pipe
        assertTrue(check.waitFor(60, TimeUnit.SECONDS), "check ended");
        assertEquals(1, check.exitValue());
        assertTrue(written.contains("error: wrong acknowledgment number"), written);
        assertTrue(written.endsWith("checked 2 chapters: 1 error\n"), written);
        assertTrue(Files.isSymbolicLink(Path.of("/dev/stdout")));
    }

    /** The temporary files of an atomic replace, left behind. */
    private static List<String> leftovers(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }
}
