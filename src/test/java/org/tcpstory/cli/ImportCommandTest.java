package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.capture.CaptureFiles;

class ImportCommandTest {

    @TempDir
    Path dir;

    private Path fixture(String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, CaptureFiles.fixture(name));
        return file;
    }

    @Test
    void writesTheChapterToStandardOutputAndTheCheckToStandardError() throws Exception {
        Stories.Run run = Stories.run("import", fixture("half-close.pcap"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("---\ntitle: \"127.0.0.1:60590 → 127.0.0.1:18403\"\nslug: half-close\n"), run.out());
        assertEquals("checked 1 chapter: no problems\n", run.err());
    }

    @Test
    void writesAFileThatCheckAccepts() throws Exception {
        Path chapter = dir.resolve("03-goodbye.md");
        Stories.Run run = Stories.run("import", fixture("normal.pcap"), "-o", chapter,
                "--peers", "browser=浏览器,server=服务器");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.out());
        String text = Files.readString(chapter);
        assertFalse(text.contains("slug:"), "the file name gives the page name");
        assertTrue(text.contains("  browser: { label: \"浏览器\", isn: x }"), text);
        Stories.Run check = Stories.run("check", chapter);
        assertEquals(0, check.exitCode(), check.out());
    }

    @Test
    void neverReplacesAFileWithoutForce() throws Exception {
        Path chapter = dir.resolve("mine.md");
        Files.writeString(chapter, "my own words");
        Stories.Run run = Stories.run("import", fixture("normal.pcap"), "-o", chapter);
        assertEquals(2, run.exitCode());
        assertEquals("tcpstory: " + Stories.shown(chapter) + " exists: pass --force to replace it\n", run.err());
        assertEquals("my own words", Files.readString(chapter));
        Stories.Run forced = Stories.run("import", fixture("normal.pcap"), "-o", chapter, "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertTrue(Files.readString(chapter).startsWith("---\n"));
    }

    @Test
    void aBadCaptureWritesNothingAndNamesTheFileAndPacket() throws Exception {
        Path cut = dir.resolve("cut.pcap");
        byte[] whole = CaptureFiles.fixture("normal.pcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 7));
        Path chapter = dir.resolve("out.md");
        Stories.Run run = Stories.run("import", cut, "-o", chapter);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("tcpstory: " + Stories.shown(cut) + ": packet 12: the file is cut short"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(chapter));
        assertEquals(0, Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".tmp")).count());

        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, this is not a capture");
        Stories.Run notCapture = Stories.run("import", text);
        assertEquals(2, notCapture.exitCode());
        assertTrue(notCapture.err().startsWith("tcpstory: " + Stories.shown(text) + ": not a pcap or pcapng capture"),
                notCapture.err());
        Stories.Run missing = Stories.run("import", dir.resolve("nowhere.pcap"));
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().endsWith("nowhere.pcap: no such file\n"), missing.err());
        Stories.Run missingInChinese = Stories.run("import", dir.resolve("nowhere.pcap"), "--lang", "zh");
        assertTrue(missingInChinese.err().startsWith("tcpstory: 读不了 ")
                && missingInChinese.err().endsWith("nowhere.pcap：没有这个文件\n"), missingInChinese.err());
        Stories.Run noFolder = Stories.run("import", fixture("normal.pcap"), "-o", dir.resolve("no/such/folder.md"));
        assertEquals(2, noFolder.exitCode());
        assertTrue(noFolder.err().endsWith("folder.md: its folder does not exist\n"), noFolder.err());
    }

    @Test
    void aStreamThatDoesNotExistIsNamed() throws Exception {
        Stories.Run run = Stories.run("import", fixture("abort.pcap"), "--stream", "3");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().endsWith(": there is no stream 3: the capture has 1 TCP connection, stream 0 (--list shows them)\n"),
                run.err());
        assertEquals("", run.out());
    }

    @Test
    void listsTheConnections() throws Exception {
        Stories.Run run = Stories.run("import", fixture("refused.pcap"), "--list");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(2, lines.length, run.out());
        assertTrue(lines[0].startsWith("stream  client           server           begins     packets  bytes"), lines[0]);
        assertTrue(lines[1].matches("\\s+0  127\\.0\\.0\\.1:\\d+  127\\.0\\.0\\.1:18402  handshake\\s+2  0 / 0 +1-2 +"
                + "refused: RST to the SYN"), lines[1]);
    }

    @Test
    void badPeersAreAUsageError() throws Exception {
        Stories.Run run = Stories.run("import", fixture("normal.pcap"), "--peers", "1st=a,b");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'1st' is not a peer id"), run.err());
    }

    @Test
    void slugsComeFromTheFileNames() {
        assertEquals(null, ImportCommand.slugUnlessNamed("03-goodbye.md"));
        assertEquals("my-capture", ImportCommand.slugUnlessNamed("My Capture.md"));
        assertEquals("capture", ImportCommand.slugUnlessNamed("index.md"));
        assertEquals("curl-example", ImportCommand.slugOf(Path.of("dir/curl example.pcapng.gz")));
    }

    /** README shows what importing refused.pcap gives: the documentation cannot drift from the tool. */
    @Test
    void theReadmeExampleIsWhatImportWrites() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String command = "`import refused.pcap --peers curl=curl,web=web`:\n\n````markdown\n";
        int start = readme.indexOf(command);
        assertTrue(start > 0, "README.md shows an imported chapter");
        start += command.length();
        String shown = readme.substring(start, readme.indexOf("\n````\n", start) + 1);
        Stories.Run run = Stories.run("import", fixture("refused.pcap"), "--peers", "curl=curl,web=web");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(shown, run.out());
    }

    @Test
    void helpListsTheCommand() {
        Stories.Run run = Stories.run("--help");
        assertTrue(run.out().contains("import"), run.out());
        assertTrue(new String(Stories.run("import", "--help").out().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .contains("--max-packets"));
    }
}
