package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.capture.CaptureFiles;
import org.tcpstory.capture.TcpPacket;
import org.tcpstory.diagnostic.Language;

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

    /** With --lang zh the table speaks Chinese, its columns still lined up in terminal cells. */
    @Test
    void listsTheConnectionsInChinese() throws Exception {
        Stories.Run run = Stories.run("import", fixture("refused.pcap"), "--list", "--lang", "zh");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(2, lines.length, run.out());
        assertTrue(lines[0].startsWith("流  客户端           服务器           开头  数据包  字节（客户端/服务器）  编号  结局"), lines[0]);
        assertTrue(lines[1].matches("\\s+0  127\\.0\\.0\\.1:\\d+  127\\.0\\.0\\.1:18402  握手\\s+2  0 / 0 +1-2 +"
                + "被拒绝：SYN 换来一个 RST"), lines[1]);
        // Where each column starts, in terminal cells: the same in both lines.
        assertEquals(cellsBefore(lines[0], "编号"), cellsBefore(lines[1], "1-2"), run.out());
        assertEquals(cellsBefore(lines[0], "结局"), cellsBefore(lines[1], "被拒绝"), run.out());
    }

    private static int cellsBefore(String line, String text) {
        return line.substring(0, line.indexOf(text)).codePoints().map(Excerpt::width).sum();
    }

    /** A chapter for a Chinese book: its words in Chinese, checked clean as the English one. */
    @Test
    void writesTheChapterInTheLanguageAsked() throws Exception {
        Path chapter = dir.resolve("01-curl.md");
        Stories.Run run = Stories.run("import", fixture("half-close.pcap"), "-o", chapter, "--lang", "zh");
        assertEquals(0, run.exitCode(), run.err());
        String text = Files.readString(chapter);
        assertTrue(text.contains("summary: \"抓包 half-close.pcap 里的一条 TCP 连接\"\n"), text);
        assertTrue(text.contains("\n127.0.0.1:60590 向 127.0.0.1:18403 发起连接：三次握手。\n"), text);
        assertTrue(text.contains("\n# 抓包结束时 client 还在 TIME-WAIT：写一行 `wait 2MSL`，等 2MSL 过去，它就关闭了\n"
                + "expect client TIME-WAIT, server CLOSED\n"), text);
        Stories.Run check = Stories.run("check", "--strict", chapter);
        assertEquals(0, check.exitCode(), check.out() + check.err());
    }

    /** Into a language's folder of a book in several languages, the chapter is told in that book's language. */
    @Test
    void aChapterForABookIsToldInTheBooksLanguage() throws Exception {
        Path book = Files.createDirectories(dir.resolve("content"));
        Files.writeString(book.resolve("_index.md"), "---\ntitle: 书\nlanguages: [zh, en]\n---\n");
        Files.createDirectories(book.resolve("zh"));
        Files.writeString(book.resolve("zh/_index.md"), "---\ntitle: 书\nlanguage: zh-CN\n---\n");
        Files.createDirectories(book.resolve("en"));
        Path chinese = book.resolve("zh/05-curl.md");
        Path english = book.resolve("en/05-curl.md");
        Path alone = Files.createDirectories(dir.resolve("notes")).resolve("05-curl.md");
        Path capture = fixture("refused.pcap");
        assertEquals(0, Stories.run("import", capture, "-o", chinese, "--lang", "en").exitCode());
        assertEquals(0, Stories.run("import", capture, "-o", english, "--lang", "zh").exitCode());
        assertEquals(0, Stories.run("import", capture, "-o", alone, "--lang", "zh").exitCode());
        assertTrue(Files.readString(chinese).contains("\n# 导入自 refused.pcap，第 0 条流：第 1 到第 2 个数据包\n"),
                Files.readString(chinese));
        assertTrue(Files.readString(english).contains("\n# imported from refused.pcap, stream 0: packets 1 to 2\n"),
                Files.readString(english));
        assertTrue(Files.readString(alone).contains("\n# 导入自 refused.pcap"), "outside a book, --lang says");
        Stories.Run check = Stories.run("check", "--strict", book);
        assertEquals(0, check.exitCode(), check.out() + check.err());
    }

    @Test
    void helpListsTheCommand() {
        Stories.Run run = Stories.run("--help");
        assertTrue(run.out().contains("import"), run.out());
        assertTrue(new String(Stories.run("import", "--help").out().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .contains("--max-packets"));
    }

    /** A broken capture, imported: exit 2, nothing on standard output, and this one line on standard error. */
    private void refused(String expected, Object... args) {
        Stories.Run run = Stories.run(args);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals(expected, run.err());
    }

    private Path file(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void anEmptyFileIsSaidInEachLanguage() throws Exception {
        Path empty = file("empty.pcap", new byte[0]);
        String shown = Stories.shown(empty);
        refused("tcpstory: " + shown + ": the file is empty: not a capture\n", "import", empty, "--lang", "en");
        refused("tcpstory: " + shown + "：文件是空的：不是抓包文件\n", "import", empty, "--lang", "zh");
    }

    @Test
    void aFileThatIsNotACaptureIsSaidInEachLanguage() throws Exception {
        Path text = file("notes.pcap", "hello, this is not a capture".getBytes(StandardCharsets.UTF_8));
        String shown = Stories.shown(text);
        refused("tcpstory: " + shown + ": not a pcap or pcapng capture: it starts with the bytes 68 65 6c 6c (text); "
                + "save the capture as pcap or pcapng\n", "import", text, "--lang", "en");
        refused("tcpstory: " + shown + "：不是 pcap 或 pcapng 抓包文件：它开头的字节是 68 65 6c 6c（文本）；"
                + "请把抓包存成 pcap 或 pcapng\n", "import", text, "--lang", "zh");
    }

    @Test
    void aCaptureCutShortNamesItsPacketInEachLanguage() throws Exception {
        byte[] whole = CaptureFiles.fixture("normal.pcap");
        Path cut = file("cut.pcap", Arrays.copyOf(whole, whole.length - 7));
        String shown = Stories.shown(cut);
        refused("tcpstory: " + shown + ": packet 12: the file is cut short in packet 12: 59 of 66 bytes are there "
                + "(was the capture still being written?)\n", "import", cut, "--lang", "en");
        refused("tcpstory: " + shown + "：第 12 个数据包：文件在第 12 个数据包处被截断：应有 66 个字节，只有 59 个"
                + "（是不是抓包时文件还没写完？）\n", "import", cut, "--lang", "zh");
        Path header = file("header.pcap", Arrays.copyOf(whole, 30));
        refused("tcpstory: " + Stories.shown(header) + "：第 1 个数据包：文件在第 1 个数据包的包头处被截断：应有 16 个字节，"
                + "只有 6 个（是不是抓包时文件还没写完？）\n", "import", header, "--lang", "zh");
    }

    @Test
    void aDamagedPcapngBlockIsSaidInEachLanguage() throws Exception {
        byte[] ng = CaptureFiles.fixture("normal.pcapng");
        // The file ends with packet 12's block (100 bytes), then an interface statistics block (108 bytes).
        byte[] statistics = ng.clone();
        statistics[ng.length - 4] ^= 4;
        Path damaged = file("damaged.pcapng", statistics);
        String shown = Stories.shown(damaged);
        refused("tcpstory: " + shown + ": a block says it is 108 bytes long at its start and 104 at its end: "
                + "the file is damaged\n", "import", damaged, "--lang", "en");
        refused("tcpstory: " + shown + "：一个块开头说它长 108 个字节，结尾却说是 104 个：文件已损坏\n",
                "import", damaged, "--lang", "zh");
        byte[] packet = ng.clone();
        packet[ng.length - 108 - 4] ^= 8;
        Path damagedPacket = file("packet.pcapng", packet);
        shown = Stories.shown(damagedPacket);
        refused("tcpstory: " + shown + ": packet 12: a block says it is 100 bytes long at its start and 108 at its end: "
                + "the file is damaged\n", "import", damagedPacket, "--lang", "en");
        refused("tcpstory: " + shown + "：第 12 个数据包：一个块开头说它长 100 个字节，结尾却说是 108 个：文件已损坏\n",
                "import", damagedPacket, "--lang", "zh");
    }

    @Test
    void aStreamThatDoesNotExistIsSaidInEachLanguage() throws Exception {
        Path abort = fixture("abort.pcap");
        String shown = Stories.shown(abort);
        refused("tcpstory: " + shown + ": there is no stream 3: the capture has 1 TCP connection, stream 0 "
                + "(--list shows them)\n", "import", abort, "--stream", "3", "--lang", "en");
        refused("tcpstory: " + shown + "：没有流 3：抓包里有 1 个 TCP 连接，流 0（--list 会列出它们）\n",
                "import", abort, "--stream", "3", "--lang", "zh");
    }

    @Test
    void theLocaleChoosesTheLanguageWithoutLang() throws Exception {
        Path empty = file("empty.pcap", new byte[0]);
        Stories.Run run = Stories.runIn(Language.CHINESE, "import", empty);
        assertEquals("tcpstory: " + Stories.shown(empty) + "：文件是空的：不是抓包文件\n", run.err());
    }

    @Test
    void whatWasPassedOverIsANoteInEachLanguage() throws Exception {
        List<byte[]> frames = new ArrayList<>(CaptureFiles.frames(List.of(
                CaptureFiles.Segment.of(true, TcpPacket.SYN, 100, 0, 0),
                CaptureFiles.Segment.of(false, TcpPacket.SYN | TcpPacket.ACK, 300, 101, 0),
                CaptureFiles.Segment.of(true, TcpPacket.ACK, 101, 301, 0))));
        byte[] fragment = frames.get(2).clone();
        fragment[14 + 6] = 0x20; // more fragments
        frames.add(fragment);
        Path capture = file("fragment.pcap", CaptureFiles.pcap(1, frames, ByteOrder.LITTLE_ENDIAN, false, 65535));
        Stories.Run english = Stories.run("import", capture, "--lang", "en");
        assertEquals(0, english.exitCode(), english.err());
        assertTrue(english.err().startsWith("tcpstory: note: passed over 1 IP fragments of TCP segments: they are not put "
                + "back together\n"), english.err());
        Stories.Run chinese = Stories.run("import", capture, "--lang", "zh");
        assertEquals(0, chinese.exitCode(), chinese.err());
        assertTrue(chinese.err().startsWith("tcpstory: 提示：跳过了 TCP 报文段的 1 个 IP 分片：它们不会被重组\n"), chinese.err());
    }

    @Test
    void badPeersAreSaidInEachLanguage() throws Exception {
        Path normal = fixture("normal.pcap");
        Stories.Run english = Stories.run("import", normal, "--peers", "a,a", "--lang", "en");
        assertEquals(2, english.exitCode());
        assertTrue(english.err().startsWith("tcpstory: Invalid value for option '--peers': the two peers need different "
                + "ids, not a twice\n"), english.err());
        Stories.Run chinese = Stories.run("import", normal, "--lang", "zh", "--peers", "x=,b");
        assertEquals(2, chinese.exitCode());
        assertTrue(chinese.err().startsWith("tcpstory: --peers 的值不对：x 的标签是空的：要用它的地址作标签，就不要写 '='\n"),
                chinese.err());
        assertEquals("", chinese.out());
    }
}
