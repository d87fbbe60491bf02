package org.tcpstory.transcribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.tcpstory.book.Book;
import org.tcpstory.book.Source;
import org.tcpstory.book.Sources;
import org.tcpstory.capture.CaptureFiles;
import org.tcpstory.capture.CaptureFiles.Segment;
import org.tcpstory.capture.TcpPacket;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.Step;
import org.tcpstory.engine.StoryEngine;
import org.tcpstory.story.ChapterParser;

/**
 * Captures become chapters that check: the real captures of make-captures.sh, and made-up ones for what a
 * one-place capture hides. A chapter with a problem here is the converter's fault, the engine's (then
 * known-disagreements.txt says so), or the capture's, which cannot tell (said there too).
 */
class CaptureImportTest {

    static final List<String> REAL = CaptureFiles.REAL;

    private static final Pattern KNOWN = Pattern.compile("(\\S+)\\s+\\[([a-z, -]+)]\\s+(engine|capture): (.+)");

    static String chapter(byte[] capture) throws Exception {
        return CaptureImport.run(new ByteArrayInputStream(capture), "test.pcap", "imported.md", null,
                new CaptureImport.Options(-1, CaptureImport.DEFAULT_LIMIT, PeerNames.DEFAULT)).chapter();
    }

    static String chineseChapter(byte[] capture) throws Exception {
        return CaptureImport.run(new ByteArrayInputStream(capture), "test.pcap", "imported.md", null,
                new CaptureImport.Options(-1, CaptureImport.DEFAULT_LIMIT, PeerNames.DEFAULT,
                        Messages.of(Language.CHINESE))).chapter();
    }

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    private static final Pattern COMMENT_AFTER = Pattern.compile("\\s+#\\s(.*)$");

    /** A line of an imported chapter, with where it stands: a front matter line, or one inside a tcp block. */
    private record Placed(String text, boolean frontMatter, boolean block) {

        /** Words, not something the engine reads: the summary, a paragraph, or a whole-line comment. */
        boolean words() {
            return frontMatter ? text.startsWith("summary:")
                    : block ? text.startsWith("# ") : !text.isBlank() && !text.equals("---") && !text.startsWith("```");
        }
    }

    private static List<Placed> placed(String chapter) {
        List<Placed> lines = new ArrayList<>();
        boolean frontMatter = false;
        boolean block = false;
        for (String line : chapter.lines().toList()) {
            boolean fence = line.equals("---") || line.startsWith("```");
            lines.add(new Placed(line, frontMatter && !fence, block && !fence));
            frontMatter ^= line.equals("---");
            block ^= line.startsWith("```");
        }
        return lines;
    }

    /** A chapter's lines the engine reads, in order: the front matter's and the events, without their comments. */
    static List<String> whatTheEngineReads(String chapter) {
        return placed(chapter).stream().filter(l -> !l.words() && (l.frontMatter() || l.block() || !l.text().isBlank()))
                .map(l -> COMMENT_AFTER.matcher(l.text()).replaceFirst("")).toList();
    }

    /** A chapter's words: its summary, its paragraphs and its comments, whole-line or after an event. */
    static List<String> words(String chapter) {
        List<String> words = new ArrayList<>();
        for (Placed line : placed(chapter)) {
            Matcher after = COMMENT_AFTER.matcher(line.text());
            if (line.words()) {
                words.add(line.text().replaceFirst("^# ", ""));
            } else if ((line.frontMatter() || line.block()) && after.find()) {
                words.add(after.group(1));
            }
        }
        return words;
    }

    /** The chapter checked as `check` checks it: every diagnostic. */
    static List<Diagnostic> diagnostics(String chapter) {
        List<Diagnostic> all = new ArrayList<>();
        Book.of(new Sources(List.of(new Source("imported.md", chapter.getBytes(StandardCharsets.UTF_8), null)),
                List.of(), null)).report().files().forEach(f -> all.addAll(f.diagnostics()));
        return all;
    }

    static String problems(String chapter) {
        return text(diagnostics(chapter));
    }

    private static String text(List<Diagnostic> diagnostics) {
        StringBuilder text = new StringBuilder();
        diagnostics.forEach(d -> text.append(d).append('\n'));
        return text.toString();
    }

    /** The engine's run of a chapter, to see what it made of the numbers written. */
    static ChapterResult run(String chapter) {
        var parsed = new ChapterParser().parse("imported.md", chapter.getBytes(StandardCharsets.UTF_8)).chapter();
        return new StoryEngine().validate(List.of(parsed.orElseThrow())).get(0);
    }

    /**
     * Every real capture checks clean, `check --strict` included, but where known-disagreements.txt says why
     * not: then it is skipped with that reason, as long as every problem is one the file names, and fails
     * once it checks clean, so that the line goes.
     */
    @ParameterizedTest(name = "{0}")
    @FieldSource("REAL")
    void everyRealCaptureImportsWithoutAProblem(String name) throws Exception {
        String chapter = chapter(CaptureFiles.fixture(name));
        List<Diagnostic> problems = diagnostics(chapter);
        Map<String, Set<String>> known = knownDisagreements().getOrDefault(name, Map.of());
        if (known.isEmpty()) {
            assertEquals("", text(problems), chapter);
            return;
        }
        if (problems.isEmpty()) {
            fail(name + " now checks clean: remove its lines from known-disagreements.txt");
        }
        Set<String> rules = new TreeSet<>();
        known.values().forEach(rules::addAll);
        assertEquals("", text(problems.stream().filter(d -> !rules.contains(d.rule())).toList()),
                "problems known-disagreements.txt does not name for " + name + "\n" + chapter);
        Set<String> seen = new TreeSet<>(problems.stream().map(Diagnostic::rule).toList());
        known.forEach((reason, itsRules) -> assertTrue(itsRules.stream().anyMatch(seen::contains),
                "known-disagreements.txt names problems " + name + " no longer has: " + reason));
        Assumptions.abort("known: " + String.join(" | ", known.keySet()));
    }

    @Test
    void everyKnownDisagreementNamesARealCapture() throws IOException {
        for (String file : knownDisagreements().keySet()) {
            assertTrue(REAL.contains(file), "known-disagreements.txt names no real capture: " + file);
        }
    }

    /**
     * A capture imported for a Chinese book: every paragraph and comment in Chinese, the same lines for the
     * engine as the English chapter, line for line, and the same check (the same diagnostics at the same lines).
     */
    @ParameterizedTest(name = "{0}")
    @FieldSource("REAL")
    void everyRealCaptureToldInChineseReadsTheSameToTheEngine(String name) throws Exception {
        byte[] capture = CaptureFiles.fixture(name);
        String english = chapter(capture);
        String chinese = chineseChapter(capture);
        assertEquals(whatTheEngineReads(english), whatTheEngineReads(chinese));
        assertEquals(english.lines().count(), chinese.lines().count(), chinese);
        assertEquals(text(diagnostics(english)), text(diagnostics(chinese)), chinese);
        List<String> words = words(chinese);
        assertFalse(words.isEmpty(), chinese);
        for (String said : words) {
            assertTrue(HAN.matcher(said).find(), "not in Chinese: " + said + "\n" + chinese);
        }
    }

    /** What a capture hides and a story cannot say is said in Chinese too, next to the same events. */
    @Test
    void whatIsLeftOutAndInferredIsSaidInChinese() throws Exception {
        List<Segment> middle = List.of(
                new Segment(true, TcpPacket.ACK | TcpPacket.PSH | TcpPacket.ECE, 5000, 9000, 512, 100,
                        CaptureFiles.options(70, 40)),
                new Segment(false, TcpPacket.ACK, 9000, 5100, 512, 0, CaptureFiles.options(41, 70, 5200, 5300)),
                new Segment(true, TcpPacket.ACK, 5100, 9000, 512, 0, CaptureFiles.options(71, 42)));
        byte[] capture = CaptureFiles.pcap(1, CaptureFiles.frames(middle));
        String chinese = chineseChapter(capture);
        assertTrue(chinese.contains("state: ESTABLISHED, seq: u }  # u 是 5000，client 在抓包里的第一个序号\n"), chinese);
        assertTrue(chinese.contains("\n抓包从 10.0.0.1:40000 和 10.0.0.2:80 之间一条连接的中途开始。"), chinese);
        assertTrue(chinese.contains("\n# 抓包开始时握手已经结束：双方一开始就是 ESTABLISHED\n# 不写 win=："), chinese);
        assertTrue(chinese.contains("\n# 没有写进来（故事里表达不了）：1 个报文段上的 ECN 标志（ECE、CWR）；1 个 ACK 上的 SACK 块"
                + "（是在抓包里没有的 SYN 上商定的）；3 个报文段上的时间戳（是在抓包里没有的 SYN 上商定的）\n"), chinese);
        assertEquals(whatTheEngineReads(chapter(capture)), whatTheEngineReads(chinese));
        assertEquals(problems(chapter(capture)), problems(chinese));
    }

    /** For each capture, each line's text to the rules it names. */
    private static Map<String, Map<String, Set<String>>> knownDisagreements() throws IOException {
        Map<String, Map<String, Set<String>>> known = new LinkedHashMap<>();
        try (InputStream in = CaptureImportTest.class.getResourceAsStream("known-disagreements.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher m = KNOWN.matcher(line.strip());
                if (!m.matches()) {
                    fail("known-disagreements.txt: cannot read " + line);
                }
                Set<String> rules = new TreeSet<>();
                for (String rule : m.group(2).split(",")) {
                    rules.add(rule.strip());
                }
                known.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>()).put(m.group(3) + ": " + m.group(4), rules);
            }
        }
        return known;
    }

    @ParameterizedTest(name = "{0} ends with {1}")
    @CsvSource(delimiter = ';', value = {
        "normal.pcap;expect client CLOSED, server TIME-WAIT",
        "refused.pcap;expect client CLOSED, server CLOSED",
        "half-close.pcap;expect client TIME-WAIT, server CLOSED",
        "abort.pcap;expect client CLOSED, server CLOSED",
        "loss.pcap;expect client CLOSED, server TIME-WAIT",
        "loss-nosack.pcap;expect client CLOSED, server TIME-WAIT"})
    void theLastExpectIsWhereThePeersEnd(String name, String expect) throws Exception {
        List<String> expects = chapter(CaptureFiles.fixture(name)).lines().filter(l -> l.startsWith("expect ")).toList();
        assertEquals(expect, expects.get(expects.size() - 1));
    }

    @Test
    void aHandshakeBecomesSymbolsBoundAtTheIsns() throws Exception {
        String chapter = chapter(CaptureFiles.fixture("normal.pcap"));
        assertTrue(chapter.contains("\n  client: { label: \"127.0.0.1:46052\", isn: x }  # x is "), chapter);
        assertTrue(chapter.contains("\n  server: { label: \"127.0.0.1:18401\", state: LISTEN, isn: y }"), chapter);
        assertTrue(chapter.contains("client -> server: PSH, ACK, seq=x+1, ack=y+1, len=87, win=64, ts=tx+3/ty\n"), chapter);
        assertEquals(3, chapter.lines().filter("```tcp"::equals).count(), "handshake, data, close");
        assertTrue(chapter.endsWith("server -> client: ACK, seq=y+3188, ack=x+89, win=64, ts=ty+16/tx+16\n"
                + "# the capture ends with server in TIME-WAIT: `wait 2MSL` would let the 2MSL pass and close it\n"
                + "expect client CLOSED, server TIME-WAIT\n```\n"), chapter);
        assertFalse(chapter.contains("left out"), "everything Linux says on loopback, a story says");
    }

    /** The SYNs' options are fields of their lines; the SYN,ACK echoes the SYN's TSval. */
    @Test
    void theSynsOptionsAreWrittenAsFields() throws Exception {
        String chapter = chapter(CaptureFiles.fixture("normal.pcap"));
        assertTrue(chapter.contains("\n# ts=TSVAL/TSECR: tx is 2429299909, client's first TSval, and ty is 3454903289, "
                + "server's (each side counts its own clock)\n"
                + "client -> server: SYN, seq=x, win=65495, mss=65495, wscale=10, sackOK, ts=tx/0\n"
                + "server -> client: SYN, ACK, seq=y, ack=x+1, win=65483, mss=65495, wscale=10, sackOK, ts=ty/tx\n"
                + "client -> server: ACK, seq=x+1, ack=y+1, win=64, ts=tx/ty\n"
                + "expect client ESTABLISHED, server ESTABLISHED\n"), chapter);
    }

    /**
     * win= is the field as sent: 64 from a side whose SYN said wscale=10 is 65536 octets to the engine, and
     * a SYN's own window is never scaled.
     */
    @Test
    void windowsAreTheFieldAsSentAndTheEngineScalesThem() throws Exception {
        String chapter = chapter(CaptureFiles.fixture("normal.pcap"));
        assertTrue(chapter.contains("\n# win= is the window field as sent; after the SYNs, shifted left by its sender's "
                + "wscale (client 10, server 10), it is the window in octets\n"), chapter);
        List<Step> steps = run(chapter).steps();
        assertEquals(65483, steps.get(1).windows().get(0).sendWindow(), "the SYN,ACK's win=65483, unscaled");
        assertEquals(64 << 10, steps.get(2).windows().get(1).sendWindow(), "the client's win=64 after the SYNs");
    }

    @Test
    void aSegmentResentBeforeAnyAckCoveredItWasLost() throws Exception {
        String chapter = chapter(CaptureFiles.fixture("loss.pcap"));
        assertTrue(chapter.contains("server -x client: ACK, seq=y+4345, ack=x+5, len=1448, win=64, ts=ty+1/tx   # lost: "
                + "sent again at packet 26 before any acknowledgment covered it\n"), chapter);
    }

    /**
     * SACK blocks are written in the numbers of the octets they report; the block that leaves octets
     * missing below it is the sign that calls for their resend, so no timer is written before it.
     */
    @Test
    void sackBlocksAreWrittenAndCallForTheResend() throws Exception {
        String chapter = chapter(CaptureFiles.fixture("loss.pcap"));
        assertTrue(chapter.contains("\nclient -> server: ACK, seq=x+5, ack=y+4345, win=75, sack=y+7241:y+8689, ts=tx+4/ty+1\n"
                + "server ~> client: ACK, seq=y+4345, ack=x+5, len=1448, win=64, ts=ty+4/tx+4 as p26\n"), chapter);
        assertTrue(chapter.contains("\nclient -> server: ACK, seq=x+5, ack=y+4345, win=78, sack=y+20273:y+21721, "
                + "sack=y+7241:y+8689, ts=tx+5/ty+1\n"), chapter);
        assertFalse(chapter.contains("wait RTO"), "every resend follows a SACK block, or a later segment's delivery");
    }

    /** Linux resends what a later-sent segment overtook (RACK): the line says so, as the engine does not know it. */
    @Test
    void aResendAfterALaterSegmentWasDeliveredSaysRack() throws Exception {
        String chapter = chapter(CaptureFiles.fixture("loss.pcap"));
        assertTrue(chapter.contains("\nserver ~> client: ACK, seq=y+24617, ack=x+5, len=1448, win=64, ts=ty+19/tx+19 as p55"
                + "   # RACK: a segment sent after it was delivered first (RFC 8985 §6.2)\n"), chapter);
    }

    /**
     * TSecr tells what its sender had received: the server's packet 12 echoes the client's TSval of before
     * packet 11, so that ACK was still on its way (the capture is at the router, between them).
     */
    @Test
    void anEchoThatLagsHoldsTheSegmentItDoesNotEchoInFlight() throws Exception {
        String chapter = chapter(CaptureFiles.fixture("loss.pcap"));
        assertTrue(chapter.contains("\nclient ~> server: ACK, seq=x+5, ack=y+1449, win=66, ts=tx+1/ty+1 as p11\n"
                + "server ~> client: ACK, seq=y+7241, ack=x+5, len=1448, win=64, ts=ty+1/tx as p12\n"), chapter);
    }

    @Test
    void octetsTheCaptureNeverShowsAreWrittenAsTheirOwnSegments() throws Exception {
        String chapter = chapter(CaptureFiles.fixture("loss-unseen.pcap"));
        assertTrue(chapter.contains("server -x client: ACK, seq=y+4345, ack=x+5, len=1448, win=64, ts=ty+1/tx   # not in the "
                + "capture: 1448 octets that packet 12 shows were sent before it;"), chapter);
        assertTrue(chapter.contains("server -x client: ACK, seq=y+5793, ack=x+5, len=1448, win=64, ts=ty+1/tx   # not in the "
                + "capture: 1448 octets, the rest of that gap;"), chapter);
    }

    /** Where the capture never shows the first sending of resent octets, nothing tells why; the line says so. */
    @Test
    void aResendOfOctetsFirstSentUnseenSaysItCannotTell() throws Exception {
        String chapter = chapter(CaptureFiles.fixture("loss-lo.pcap"));
        assertTrue(chapter.contains("\nserver ~> client: ACK, seq=y+26065, ack=x+5, len=1448, win=64, ts=ty+28/tx+25 as p41"
                + "   # the capture does not show when server first sent these octets, so nor what called for this resend\n"),
                chapter);
    }

    /** Linux's tail loss probe: the FIN again after a few milliseconds, then its retransmission timer. */
    @Test
    void aTailLossProbeFollowsItsProbeTimeoutAndTheMergedResendItsTimer() throws Exception {
        String chapter = chapter(CaptureFiles.fixture("resend-merged.pcap"));
        assertTrue(chapter.contains("\nwait PTO client   # a tail loss probe, 0.005 s after packet 49: client resends its "
                + "last segment (RFC 8985 §7.3)\nclient -x server: FIN, ACK, seq=x+871, ack=y+1, win=63, ts=tx+13/ty+8"), chapter);
        assertTrue(chapter.contains("\nwait RTO client   # 0.241 s after packet 41, with nothing it received calling for it\n"
                + "client -> server: FIN, PSH, ACK, seq=x+639, ack=y+1, len=232, win=63, ts=tx+245/ty+85\n"), chapter);
    }

    /**
     * Without SACK, three duplicate ACKs call for the first resend and each partial ACK for the next
     * (NewReno); a resend after a silence longer than an exchange is the retransmission timer's.
     */
    @Test
    void withoutSackDuplicateAndPartialAcksCallForResends() throws Exception {
        String chapter = chapter(CaptureFiles.fixture("loss-nosack.pcap"));
        assertFalse(chapter.contains("sack"), chapter);
        assertFalse(chapter.contains("ts="), chapter);
        assertTrue(chapter.contains("\nclient -> server: ACK, seq=x+5, ack=y+5841, win=75\nserver ~> client: ACK, seq=y+5841, "
                + "ack=x+5, len=1460, win=63 as p36   # a partial ACK during recovery calls for it (RFC 6582 §3.2)\n"), chapter);
        assertTrue(chapter.contains("\nwait RTO server   # 0.240 s after packet 27, 0.207 s after the last segment it received\n"
                + "server -> client: ACK, seq=y+24821, ack=x+5, len=1460, win=63\n"), chapter);
    }

    /** A capture at the client, 10 ms from the server: the server's answer was sent before the request arrived. */
    @Test
    void segmentsThatCrossAreInFlight() throws Exception {
        List<Segment> crossing = List.of(
                Segment.of(true, TcpPacket.SYN, 100, 0, 0),
                Segment.of(false, TcpPacket.SYN | TcpPacket.ACK, 300, 101, 0),
                Segment.of(true, TcpPacket.ACK, 101, 301, 0),
                Segment.of(true, TcpPacket.ACK | TcpPacket.PSH, 101, 301, 10),
                Segment.of(false, TcpPacket.ACK | TcpPacket.PSH, 301, 101, 20), // the server's greeting, sent earlier
                Segment.of(false, TcpPacket.ACK, 321, 111, 0),
                Segment.of(true, TcpPacket.ACK, 111, 321, 0));
        String chapter = chapter(CaptureFiles.pcap(1, CaptureFiles.frames(crossing)));
        assertTrue(chapter.contains("client ~> server: PSH, ACK, seq=x+1, ack=y+1, len=10, win=512 as p4\n"
                + "server -> client: PSH, ACK, seq=y+1, ack=x+1, len=20, win=512\np4 arrives\n"), chapter);
        assertEquals("", problems(chapter), chapter);
    }

    /**
     * A capture at the sender of a long transfer: twenty segments are always on the way, so each ACK the
     * capture shows acknowledges what was sent twenty segments before. The window field, 512, is counted in
     * units of 128 octets (wscale=7): room for them all.
     */
    @Test
    void aWindowOfSegmentsOnTheWayIsInFlight() throws Exception {
        byte[] scale7 = {1, 3, 3, 7};
        List<Segment> transfer = new ArrayList<>(List.of(
                new Segment(true, TcpPacket.SYN, 100, 0, 65535, 0, scale7),
                new Segment(false, TcpPacket.SYN | TcpPacket.ACK, 300, 101, 65535, 0, scale7),
                Segment.of(true, TcpPacket.ACK, 101, 301, 0)));
        int segments = 600;
        for (int i = 0; i < segments; i++) {
            transfer.add(Segment.of(false, TcpPacket.ACK, 301 + 100L * i, 101, 100));
            if (i >= 20) {
                transfer.add(Segment.of(true, TcpPacket.ACK, 101, 301 + 100L * (i - 19), 0));
            }
        }
        for (int i = segments - 19; i <= segments; i++) {
            transfer.add(Segment.of(true, TcpPacket.ACK, 101, 301 + 100L * i, 0));
        }
        String chapter = chapter(CaptureFiles.pcap(1, CaptureFiles.frames(transfer)));
        assertEquals("", problems(chapter), chapter);
        assertTrue(chapter.contains("\nclient -> server: SYN, seq=x, win=65535, wscale=7\n"), chapter);
        assertTrue(chapter.contains("server ~> client: ACK, seq=y+2001, ack=x+1, len=100, win=512 as p24\n"), chapter);
        assertEquals(segments - 1, chapter.lines().filter(l -> l.startsWith("server ~> client")).count(),
                "all but the first, which the first ACK covers at once");
    }

    /** ECN is negotiated with ECE and CWR on the SYN: flags a story cannot write, so they are left out and said. */
    @Test
    void ecnFlagsAreLeftOutAndSaid() throws Exception {
        List<Segment> ecn = List.of(
                Segment.of(true, TcpPacket.SYN | TcpPacket.ECE | TcpPacket.CWR, 100, 0, 0),
                Segment.of(false, TcpPacket.SYN | TcpPacket.ACK | TcpPacket.ECE, 300, 101, 0),
                Segment.of(true, TcpPacket.ACK, 101, 301, 0));
        String chapter = chapter(CaptureFiles.pcap(1, CaptureFiles.frames(ecn)));
        assertTrue(chapter.contains("# left out (a story cannot say them): the ECN flags (ECE, CWR) on 2 segments\n"
                + "client -> server: SYN, seq=x, win=512\nserver -> client: SYN, ACK, seq=y, ack=x+1, win=512\n"), chapter);
        assertEquals("", problems(chapter), chapter);
    }

    /** Options a story has no field for are named by what they are. */
    @Test
    void otherOptionsAreLeftOutAndNamed() throws Exception {
        byte[] fastOpen = {34, 2};
        List<Segment> open = List.of(
                new Segment(true, TcpPacket.SYN, 100, 0, 512, 0, fastOpen),
                Segment.of(false, TcpPacket.SYN | TcpPacket.ACK, 300, 101, 0),
                Segment.of(true, TcpPacket.ACK, 101, 301, 0));
        String chapter = chapter(CaptureFiles.pcap(1, CaptureFiles.frames(open)));
        assertTrue(chapter.contains("# left out (a story cannot say them): the Fast Open cookie option (RFC 7413)\n"), chapter);
    }

    /**
     * A capture at a laptop whose network card segments: the stack hands it one packet of three MSS, which
     * is what the capture shows; the wire carried three segments, and the lost middle one is resent alone
     * after three duplicate ACKs.
     */
    @Test
    void packetsLargerThanTheMssAreTheSegmentsOnTheWire() throws Exception {
        byte[] mss1000 = {2, 4, 0x03, (byte) 0xe8};
        int window = 60000; // without window scaling: room for all three
        List<Segment> offload = List.of(
                new Segment(true, TcpPacket.SYN, 100, 0, window, 0, mss1000),
                new Segment(false, TcpPacket.SYN | TcpPacket.ACK, 300, 101, window, 0, mss1000),
                new Segment(true, TcpPacket.ACK, 101, 301, window, 0, new byte[0]),
                new Segment(false, TcpPacket.ACK | TcpPacket.PSH, 301, 101, window, 3000, new byte[0]),
                new Segment(true, TcpPacket.ACK, 101, 1301, window, 0, new byte[0]),
                new Segment(true, TcpPacket.ACK, 101, 1301, window, 0, new byte[0]),
                new Segment(true, TcpPacket.ACK, 101, 1301, window, 0, new byte[0]),
                new Segment(true, TcpPacket.ACK, 101, 1301, window, 0, new byte[0]),
                new Segment(false, TcpPacket.ACK, 1301, 101, window, 1000, new byte[0]),
                new Segment(true, TcpPacket.ACK, 101, 3301, window, 0, new byte[0]));
        String chapter = chapter(CaptureFiles.pcap(1, CaptureFiles.frames(offload)));
        assertTrue(chapter.contains("client -> server: SYN, seq=x, win=60000, mss=1000\n"), chapter);
        assertTrue(chapter.contains("server -> client: ACK, seq=y+1, ack=x+1, len=1000, win=60000   # packet 4 holds 3000 "
                + "octets, more than the MSS of 1000: segmentation offload, written as the 3 segments on the wire\n"
                + "server -x client: ACK, seq=y+1001, ack=x+1, len=1000, win=60000   # lost: sent again at packet 9 before "
                + "any acknowledgment covered it\n"
                + "server -> client: PSH, ACK, seq=y+2001, ack=x+1, len=1000, win=60000\n"), chapter);
        assertFalse(chapter.contains("wait"), "the third duplicate ACK called for the resend\n" + chapter);
        assertEquals("", problems(chapter), chapter);
    }

    /**
     * Without the SYNs, what a window field counts in is not known, nor are SACK and timestamps agreed in
     * the story: all three are left out and said; a keep-alive goes one below the sender's number.
     */
    @Test
    void aCaptureThatBeginsMidConnectionStartsEstablished() throws Exception {
        List<Segment> middle = List.of(
                new Segment(true, TcpPacket.ACK | TcpPacket.PSH, 5000, 9000, 512, 100, CaptureFiles.options(70, 40)),
                new Segment(false, TcpPacket.ACK, 9000, 5100, 512, 0, CaptureFiles.options(41, 70, 5200, 5300)),
                new Segment(false, TcpPacket.ACK, 8999, 5100, 512, 0, CaptureFiles.options(42, 70)), // a keep-alive
                new Segment(true, TcpPacket.ACK, 5100, 9000, 512, 0, CaptureFiles.options(71, 42)));
        String chapter = chapter(CaptureFiles.pcap(1, CaptureFiles.frames(middle)));
        assertTrue(chapter.contains("client: { label: \"10.0.0.1:40000\", state: ESTABLISHED, seq: u }  # u is 5000"), chapter);
        assertTrue(chapter.contains("\n# no win=: the window scale is set on SYNs the capture does not show, so what a window "
                + "field means is not known\n# left out (a story cannot say them): SACK blocks on 1 ACK (agreed on SYNs the "
                + "capture does not show); timestamps on 4 segments (agreed on SYNs the capture does not show)\n"
                + "client -> server: PSH, ACK, seq=u, ack=v, len=100\n"), chapter);
        assertTrue(chapter.contains("old server -> client: ACK, seq=v-1, ack=u+100   # a keep-alive"), chapter);
        assertEquals("", problems(chapter), chapter);
    }

    /**
     * A capture that begins with the SYN,ACK: the SYN before it offered what the SYN,ACK repeats, with the
     * TSval it echoes; its window scale is not known, so the SYN,ACK's is left out and no window is written.
     */
    @Test
    void theSynBeforeACapturedSynAckOffersWhatItAnswers() throws Exception {
        List<Segment> late = List.of(
                new Segment(false, TcpPacket.SYN | TcpPacket.ACK, 300, 101, 65535, 0, CaptureFiles.synOptions(1000, 7, 500, 50)),
                new Segment(true, TcpPacket.ACK, 101, 301, 512, 0, CaptureFiles.options(51, 500)),
                new Segment(true, TcpPacket.ACK | TcpPacket.PSH, 101, 301, 512, 10, CaptureFiles.options(52, 500)),
                new Segment(false, TcpPacket.ACK, 301, 111, 512, 0, CaptureFiles.options(501, 52)));
        String chapter = chapter(CaptureFiles.pcap(1, CaptureFiles.frames(late)));
        assertTrue(chapter.contains("\n# left out (a story cannot say them): server's wscale=7, which answers a SYN the capture "
                + "does not show\n# inferred from the acknowledgments (the capture was taken at one place): 1 segment the "
                + "capture does not show\nclient -> server: SYN, seq=x, sackOK, ts=tx/0   # not in the capture: the SYN that the "
                + "SYN,ACK answers, with the TSval the SYN,ACK echoes\n"
                + "server -> client: SYN, ACK, seq=y, ack=x+1, mss=1000, sackOK, ts=ty/tx\n"
                + "client -> server: ACK, seq=x+1, ack=y+1, ts=tx+1/ty\n"), chapter);
        assertEquals("", problems(chapter), chapter);
    }

    /**
     * A resend that the original overtook: both copies arrive, and the receiver's D-SACK names the octets
     * that came twice, in the same symbols.
     */
    @Test
    void aDuplicateSackNamesTheOctetsThatCameTwice() throws Exception {
        byte[] syn = {2, 4, 0x03, (byte) 0xe8, 1, 1, 4, 2, 1, 3, 3, 7};
        List<Segment> spurious = List.of(
                new Segment(true, TcpPacket.SYN, 100, 0, 65535, 0, syn),
                new Segment(false, TcpPacket.SYN | TcpPacket.ACK, 300, 101, 65535, 0, syn),
                Segment.of(true, TcpPacket.ACK, 101, 301, 0),
                Segment.of(false, TcpPacket.ACK, 301, 101, 100),
                Segment.of(false, TcpPacket.ACK, 401, 101, 100),
                Segment.of(true, TcpPacket.ACK, 101, 401, 0),
                Segment.of(false, TcpPacket.ACK, 401, 101, 100), // resent while the first was still on its way
                Segment.of(true, TcpPacket.ACK, 101, 501, 0),
                new Segment(true, TcpPacket.ACK, 101, 501, 512, 0, CaptureFiles.options(-1, 0, 401, 501)));
        String chapter = chapter(CaptureFiles.pcap(1, CaptureFiles.frames(spurious)));
        assertTrue(chapter.contains("\nwait RTO server   # 0.002 s after packet 5, with nothing it received calling for it\n"
                + "server -> client: ACK, seq=y+101, ack=x+1, len=100, win=512\n"), chapter);
        assertTrue(chapter.contains("\nclient -> server: ACK, seq=x+1, ack=y+201, win=512, sack=y+101:y+201\n"), chapter);
        assertEquals("", problems(chapter), chapter);
    }

    @Test
    void aResendWithNoDuplicateAckFollowsATimeout() throws Exception {
        List<Segment> timeout = List.of(
                Segment.of(true, TcpPacket.SYN, 100, 0, 0),
                Segment.of(true, TcpPacket.SYN, 100, 0, 0),
                Segment.of(false, TcpPacket.SYN | TcpPacket.ACK, 300, 101, 0),
                Segment.of(true, TcpPacket.ACK, 101, 301, 0));
        String chapter = chapter(CaptureFiles.pcap(1, CaptureFiles.frames(timeout)));
        assertTrue(chapter.contains("client -x server: SYN, seq=x, win=512   # lost: sent again at packet 2 before any "
                + "acknowledgment covered it\nwait RTO client   # 0.001 s after packet 1, with nothing it received calling for it\n"
                + "client -> server: SYN, seq=x, win=512\n"), chapter);
        assertEquals("", problems(chapter), chapter);
    }

    @Test
    void peersTakeTheIdsAndLabelsGiven() throws Exception {
        String chapter = CaptureImport.run(new ByteArrayInputStream(CaptureFiles.fixture("refused.pcap")), "r.pcap",
                "r.md", null, new CaptureImport.Options(-1, 100, PeerNames.parse("browser=浏览器 \"甲\",web=[*site*]")))
                .chapter();
        assertTrue(chapter.contains("  browser: { label: \"浏览器 \\\"甲\\\"\", isn: x }"), chapter);
        assertTrue(chapter.contains("  web: { label: \"[*site*]\", state: CLOSED }"), chapter);
        assertTrue(chapter.contains("\n浏览器 \"甲\" asks \\[\\*site\\*\\] for a connection, and is refused: nothing listens "
                + "on port 18402.\n"), chapter);
        assertTrue(chapter.contains("web -> browser: RST, ACK, seq=0, ack=x+1\n"), chapter);
        assertEquals("", problems(chapter.replace("imported", "r")), chapter);
    }
}
