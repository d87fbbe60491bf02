package org.tcpstory.transcribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.tcpstory.diagnostic.Report;

/**
 * Captures become chapters that check: the real captures of make-captures.sh, and made-up ones for what a
 * one-place capture hides. A chapter with an error here is either the converter's fault or the engine's.
 */
class CaptureImportTest {

    static final List<String> REAL = CaptureFiles.REAL;

    static String chapter(byte[] capture) throws Exception {
        return CaptureImport.run(new ByteArrayInputStream(capture), "test.pcap", "imported.md", null,
                new CaptureImport.Options(-1, CaptureImport.DEFAULT_LIMIT, PeerNames.DEFAULT)).chapter();
    }

    /** The chapter checked as `check` checks it: every diagnostic, as text. */
    static String problems(String chapter) {
        Report report = Book.of(new Sources(List.of(new Source("imported.md",
                chapter.getBytes(StandardCharsets.UTF_8), null)), List.of(), null)).report();
        StringBuilder text = new StringBuilder();
        report.files().forEach(f -> f.diagnostics().forEach(d -> text.append(d).append('\n')));
        return text.toString();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("REAL")
    void everyRealCaptureImportsWithoutAProblem(String name) throws Exception {
        String chapter = chapter(CaptureFiles.fixture(name));
        assertEquals("", problems(chapter), chapter);
    }

    @ParameterizedTest(name = "{0} ends with {1}")
    @CsvSource(delimiter = ';', value = {
        "normal.pcap;expect client CLOSED, server TIME-WAIT",
        "refused.pcap;expect client CLOSED, server CLOSED",
        "half-close.pcap;expect client TIME-WAIT, server CLOSED",
        "abort.pcap;expect client CLOSED, server CLOSED",
        "loss.pcap;expect client CLOSED, server TIME-WAIT"})
    void theLastExpectIsWhereThePeersEnd(String name, String expect) throws Exception {
        List<String> expects = chapter(CaptureFiles.fixture(name)).lines().filter(l -> l.startsWith("expect ")).toList();
        assertEquals(expect, expects.get(expects.size() - 1));
    }

    /**
     * Linux resends eight lost segments of 29 octets and the lost FIN as one segment (packet 58:
     * {@code FP. seq 639:871}). The v1 story format allows it ("retransmitted data may be repackaged: split,
     * merged with other unacknowledged octets, extended with new data or with the FIN"), so the chapter is
     * right and the engine is wrong: it takes only a resend that repeats one earlier segment exactly.
     */
    @Test
    void aResendThatMergesLostSegmentsChecks() throws Exception {
        String chapter = chapter(CaptureFiles.fixture("resend-merged.pcap"));
        assertTrue(chapter.contains("client -> server: FIN, PSH, ACK, seq=x+639, ack=y+1, len=232, win=64512\n"), chapter);
        assertEquals("", problems(chapter), chapter);
    }

    @Test
    void aHandshakeBecomesSymbolsBoundAtTheIsns() throws Exception {
        String chapter = chapter(CaptureFiles.fixture("normal.pcap"));
        assertTrue(chapter.contains("\n  client: { label: \"127.0.0.1:46052\", isn: x }  # x is "), chapter);
        assertTrue(chapter.contains("\n  server: { label: \"127.0.0.1:18401\", state: LISTEN, isn: y }"), chapter);
        assertTrue(chapter.contains("\nclient -> server: SYN, seq=x, win=65495\n"
                + "server -> client: SYN, ACK, seq=y, ack=x+1, win=65483\n"
                + "client -> server: ACK, seq=x+1, ack=y+1, win=65536\n"
                + "expect client ESTABLISHED, server ESTABLISHED\n```\n"), chapter);
        assertTrue(chapter.contains("client -> server: PSH, ACK, seq=x+1, ack=y+1, len=87, win=65536\n"), chapter);
        assertTrue(chapter.contains("# left out (v1 cannot say them): client's SYN offers mss=65495, wscale=10, sackOK, "
                + "timestamps;"), chapter);
        assertEquals(3, chapter.lines().filter("```tcp"::equals).count(), "handshake, data, close");
        assertTrue(chapter.endsWith("server -> client: ACK, seq=y+3188, ack=x+89, win=65536\n"
                + "# the capture ends with server in TIME-WAIT: `wait 2MSL` would let the 2MSL pass and close it\n"
                + "expect client CLOSED, server TIME-WAIT\n```\n"), chapter);
    }

    @Test
    void aSegmentResentBeforeAnyAckCoveredItWasLost() throws Exception {
        String chapter = chapter(CaptureFiles.fixture("loss.pcap"));
        assertTrue(chapter.contains("server -x client: ACK, seq=y+4345, ack=x+5, len=1448, win=65536   # lost: sent "
                + "again at packet 26 before any acknowledgment covered it\n"), chapter);
    }

    @Test
    void octetsTheCaptureNeverShowsAreWrittenAsTheirOwnSegments() throws Exception {
        String chapter = chapter(CaptureFiles.fixture("loss-unseen.pcap"));
        assertTrue(chapter.contains("server -x client: ACK, seq=y+4345, ack=x+5, len=1448, win=65536   # not in the "
                + "capture: 1448 octets that packet 12 shows were sent before it;"), chapter);
        assertTrue(chapter.contains("server -x client: ACK, seq=y+5793, ack=x+5, len=1448, win=65536   # not in the "
                + "capture: 1448 octets, the rest of that gap;"), chapter);
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
     * capture shows acknowledges what was sent twenty segments before.
     */
    @Test
    void aWindowOfSegmentsOnTheWayIsInFlight() throws Exception {
        List<Segment> transfer = new java.util.ArrayList<>(List.of(
                Segment.of(true, TcpPacket.SYN, 100, 0, 0),
                Segment.of(false, TcpPacket.SYN | TcpPacket.ACK, 300, 101, 0),
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
        assertTrue(chapter.contains("server ~> client: ACK, seq=y+2001, ack=x+1, len=100, win=512 as p24\n"), chapter);
        assertEquals(segments - 1, chapter.lines().filter(l -> l.startsWith("server ~> client")).count(),
                "all but the first, which the first ACK covers at once");
    }

    /** ECN is negotiated with ECE and CWR on the SYN: flags v1 cannot write, so they are left out and said. */
    @Test
    void ecnFlagsAreLeftOutAndSaid() throws Exception {
        List<Segment> ecn = List.of(
                Segment.of(true, TcpPacket.SYN | TcpPacket.ECE | TcpPacket.CWR, 100, 0, 0),
                Segment.of(false, TcpPacket.SYN | TcpPacket.ACK | TcpPacket.ECE, 300, 101, 0),
                Segment.of(true, TcpPacket.ACK, 101, 301, 0));
        String chapter = chapter(CaptureFiles.pcap(1, CaptureFiles.frames(ecn)));
        assertTrue(chapter.contains("# left out (v1 cannot say them): the ECN flags (ECE, CWR) on 2 segments\n"
                + "client -> server: SYN, seq=x, win=512\nserver -> client: SYN, ACK, seq=y, ack=x+1, win=512\n"), chapter);
        assertEquals("", problems(chapter), chapter);
    }

    /**
     * A capture at a laptop whose network card segments: the stack hands it one packet of three MSS, which
     * is what the capture shows; the wire carried three segments, and the lost middle one is resent alone.
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
                new Segment(false, TcpPacket.ACK, 1301, 101, window, 1000, new byte[0]),
                new Segment(true, TcpPacket.ACK, 101, 3301, window, 0, new byte[0]));
        String chapter = chapter(CaptureFiles.pcap(1, CaptureFiles.frames(offload)));
        assertTrue(chapter.contains("server -> client: ACK, seq=y+1, ack=x+1, len=1000, win=60000   # packet 4 holds 3000 "
                + "octets, more than the MSS of 1000: segmentation offload, written as the 3 segments on the wire\n"
                + "server -x client: ACK, seq=y+1001, ack=x+1, len=1000, win=60000   # lost: sent again at packet 8 before "
                + "any acknowledgment covered it\n"
                + "server -> client: PSH, ACK, seq=y+2001, ack=x+1, len=1000, win=60000\n"), chapter);
        assertEquals("", problems(chapter), chapter);
    }

    @Test
    void aCaptureThatBeginsMidConnectionStartsEstablished() throws Exception {
        List<Segment> middle = List.of(
                Segment.of(true, TcpPacket.ACK | TcpPacket.PSH, 5000, 9000, 100),
                Segment.of(false, TcpPacket.ACK, 9000, 5100, 0),
                Segment.of(false, TcpPacket.ACK, 8999, 5100, 0), // a keep-alive
                Segment.of(true, TcpPacket.ACK, 5100, 9000, 0));
        String chapter = chapter(CaptureFiles.pcap(1, CaptureFiles.frames(middle)));
        assertTrue(chapter.contains("client: { label: \"10.0.0.1:40000\", state: ESTABLISHED, seq: u }  # u is 5000"), chapter);
        assertTrue(chapter.contains("# no win=: without the SYNs, the scale of the window field is not known\n"
                + "client -> server: PSH, ACK, seq=u, ack=v, len=100\n"), chapter);
        assertTrue(chapter.contains("old server -> client: ACK, seq=v+4294967295, ack=u+100   # a keep-alive"), chapter);
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
                + "acknowledgment covered it\nwait RTO   # 0.001 s after packet 1, with no duplicate ACK or SACK before it\n"
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
