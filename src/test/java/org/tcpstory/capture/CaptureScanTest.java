package org.tcpstory.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;

class CaptureScanTest {

    private static final List<CaptureFiles.Segment> OPEN_AND_CLOSE = List.of(
            CaptureFiles.Segment.of(true, TcpPacket.SYN, 100, 0, 0),
            CaptureFiles.Segment.of(false, TcpPacket.SYN | TcpPacket.ACK, 300, 101, 0),
            CaptureFiles.Segment.of(true, TcpPacket.ACK, 101, 301, 0),
            CaptureFiles.Segment.of(true, TcpPacket.ACK | TcpPacket.PSH, 101, 301, 10),
            CaptureFiles.Segment.of(false, TcpPacket.ACK, 301, 111, 0),
            CaptureFiles.Segment.of(true, TcpPacket.FIN | TcpPacket.ACK, 111, 301, 0),
            CaptureFiles.Segment.of(false, TcpPacket.FIN | TcpPacket.ACK, 301, 112, 0),
            CaptureFiles.Segment.of(true, TcpPacket.ACK, 112, 302, 0));

    private static CaptureScan scan(byte[] capture) throws Exception {
        return CaptureScan.read(new ByteArrayInputStream(capture), -1, 1000);
    }

    private static CaptureScan scan(byte[] capture, int stream) throws Exception {
        return CaptureScan.read(new ByteArrayInputStream(capture), stream, 1000);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "normal.pcap;127.0.0.1;18401;closed: FIN both ways",
        "refused.pcap;127.0.0.1;18402;refused: RST to the SYN",
        "half-close.pcap;127.0.0.1;18403;closed: FIN both ways",
        "abort.pcap;127.0.0.1;18404;reset by the client",
        "ipv6.pcap;::1;18405;closed: FIN both ways",
        "loss.pcap;198.18.2.1;18407;closed: FIN both ways"})
    void listsTheConnectionOfEachRealCapture(String name, String server, int port, String ending) throws Exception {
        CaptureScan scan = scan(CaptureFiles.fixture(name));
        assertEquals(1, scan.connections().size());
        ConnectionSummary c = scan.connections().get(0);
        assertEquals(server, c.server().address().toString());
        assertEquals(port, c.server().port());
        assertTrue(c.handshake());
        assertEquals(ending, Messages.english().render(c.ending()));
        assertEquals(c.packets(), scan.chosen().orElseThrow().packets().size());
        assertEquals(List.of(), scan.notes());
    }

    @Test
    void decodesTheSegmentsNumbersAndOptions() throws Exception {
        List<TcpPacket> packets = scan(CaptureFiles.fixture("normal.pcap")).chosen().orElseThrow().packets();
        TcpPacket syn = packets.get(0);
        assertEquals("S", syn.flagText());
        assertEquals(new TcpOptions(65495, 10, true, List.of(), true, 2429299909L, 0, List.of()), syn.options());
        TcpPacket request = packets.get(3);
        assertEquals("P.", request.flagText());
        assertEquals(87, request.payload(), "from the IP header, though the capture kept 160 bytes of each packet");
        assertEquals((syn.seq() + 1) & 0xffffffffL, request.seq());
    }

    @Test
    void decodesSackBlocksMostRecentFirst() throws Exception {
        TcpPacket ack = scan(CaptureFiles.fixture("loss.pcap")).chosen().orElseThrow().packets().get(26);
        assertEquals(27, ack.number());
        assertEquals(List.of(new TcpOptions.SackBlock(2039574315L, 2039575763L),
                new TcpOptions.SackBlock(2039561283L, 2039562731L)), ack.options().sack());
        assertEquals(641837157L, ack.options().tsVal());
        assertEquals(3036097747L, ack.options().tsEcr());
    }

    /** Options a story cannot write are kept by kind, to be named; a malformed one ends the options as a stack would. */
    @Test
    void keepsTheKindsOfOtherOptions() {
        byte[] options = {2, 4, 5, (byte) 0xb4, 34, 10, 1, 2, 3, 4, 5, 6, 7, 8, 1, 30, 1};
        TcpOptions read = TcpOptions.parse(options, 0, options.length);
        assertEquals(1460, read.mss());
        assertEquals(List.of(34), read.others(), "the Fast Open cookie; the MPTCP option's length is broken");
    }

    /** The same conversation, framed in each link type tcpstory reads, gives the same segments. */
    @ParameterizedTest(name = "link type {0}")
    @CsvSource({"0,little", "0,big", "108,big", "101,-", "12,-", "14,-", "228,-", "113,-", "276,-"})
    void readsEveryLinkType(int linkType, String order) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        for (byte[] ethernet : CaptureFiles.frames(OPEN_AND_CLOSE)) {
            byte[] ip = Arrays.copyOfRange(ethernet, 14, ethernet.length);
            ByteBuffer b;
            switch (linkType) {
                case 0, 108 -> {
                    b = ByteBuffer.allocate(4 + ip.length).order(order.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                    b.putInt(2).put(ip);
                }
                case 113 -> {
                    b = ByteBuffer.allocate(16 + ip.length);
                    b.put(new byte[14]).putShort((short) 0x0800).put(ip);
                }
                case 276 -> {
                    b = ByteBuffer.allocate(20 + ip.length);
                    b.putShort((short) 0x0800).put(new byte[18]).put(ip);
                }
                default -> b = ByteBuffer.wrap(ip);
            }
            frames.add(b.array());
        }
        CaptureScan scan = scan(CaptureFiles.pcap(linkType, frames));
        CapturedConnection c = scan.chosen().orElseThrow();
        assertEquals(8, c.packets().size());
        assertEquals("10.0.0.1:40000", c.client().toString());
        assertEquals("10.0.0.2:80", c.server().toString());
        assertEquals(10, c.packets().get(3).payload());
    }

    @Test
    void readsIpv6WithExtensionHeadersAndVlanTags() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        for (CaptureFiles.Segment s : OPEN_AND_CLOSE) {
            byte[] tcp = CaptureFiles.tcp(s, 40000, 80);
            byte[] ip = CaptureFiles.ipv6(new byte[8 + tcp.length], s.fromClient());
            ip[6] = 0; // a hop-by-hop options header first
            ByteBuffer.wrap(ip, 4, 2).putShort((short) (8 + tcp.length));
            ip[40] = 6; // then TCP
            System.arraycopy(tcp, 0, ip, 48, tcp.length);
            ByteBuffer vlan = ByteBuffer.allocate(18 + ip.length);
            vlan.put(new byte[12]).putShort((short) 0x8100).putShort((short) 7).putShort((short) 0x86DD).put(ip);
            frames.add(vlan.array());
        }
        CapturedConnection c = scan(CaptureFiles.pcapng(1, frames, ByteOrder.BIG_ENDIAN)).chosen().orElseThrow();
        assertEquals("[2001:db8::1]:40000", c.client().toString());
        assertEquals(10, c.packets().get(3).payload());
    }

    @Test
    void aSnapshotLengthThatCutsTheTcpHeaderIsAnError() {
        byte[] capture = CaptureFiles.pcap(1, CaptureFiles.frames(OPEN_AND_CLOSE), ByteOrder.LITTLE_ENDIAN, false, 40);
        CaptureException e = assertThrows(CaptureException.class, () -> scan(capture));
        assertEquals(1, e.packet());
        assertTrue(e.getMessage().startsWith("the capture kept only its first 40 of 54 bytes (its snapshot length), "
                + "which cuts its TCP header"), e.getMessage());
        assertEquals("第 1 个数据包：抓包只保留了它 54 个字节中的前 40 个（快照长度），TCP 头部被截掉了一部分：请用更大的快照长度"
                + "重新抓包（tcpdump -s 0，或 Wireshark 的默认值）", Messages.of(Language.CHINESE).render(e.describe()));
    }

    @Test
    void aLinkTypeNotReadIsNamed() {
        byte[] capture = CaptureFiles.pcap(105, CaptureFiles.frames(OPEN_AND_CLOSE));
        CaptureException e = assertThrows(CaptureException.class, () -> scan(capture));
        assertEquals("link type 105 IEEE 802.11 (8 packets) is not one tcpstory reads: it reads Ethernet, "
                + "Linux cooked (v1 and v2), BSD loopback and raw IP", e.getMessage());
        List<byte[]> frames = new ArrayList<>(CaptureFiles.frames(OPEN_AND_CLOSE));
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        two.writeBytes(CaptureFiles.sectionHeader(ByteOrder.LITTLE_ENDIAN));
        two.writeBytes(CaptureFiles.interfaceBlock(9, ByteOrder.LITTLE_ENDIAN, -1));
        two.writeBytes(CaptureFiles.interfaceBlock(220, ByteOrder.LITTLE_ENDIAN, -1));
        two.writeBytes(CaptureFiles.enhancedPacket(0, frames.get(0), ByteOrder.LITTLE_ENDIAN, 0));
        two.writeBytes(CaptureFiles.enhancedPacket(1, frames.get(1), ByteOrder.LITTLE_ENDIAN, 0));
        two.writeBytes(CaptureFiles.enhancedPacket(1, frames.get(2), ByteOrder.LITTLE_ENDIAN, 0));
        CaptureException both = assertThrows(CaptureException.class, () -> scan(two.toByteArray()));
        assertEquals("link type 9 PPP (1 packet), 220 USB (2 packets) is not one tcpstory reads: it reads Ethernet, "
                + "Linux cooked (v1 and v2), BSD loopback and raw IP", both.getMessage());
        assertEquals("tcpstory 读不了链路类型 9 PPP（1 个数据包）、220 USB（2 个数据包）：它读以太网、Linux cooked（v1 和 v2）、"
                + "BSD loopback 和裸 IP", Messages.of(Language.CHINESE).render(both.describe()));
    }

    @Test
    void aCaptureWithoutTcpSaysSo() {
        byte[] udp = CaptureFiles.ethernet(CaptureFiles.ipv4(new byte[8], true));
        udp[14 + 9] = 17;
        CaptureException e = assertThrows(CaptureException.class, () -> scan(CaptureFiles.pcap(1, List.of(udp, udp))));
        assertEquals("no TCP segment in the capture's 2 packets", e.getMessage());
        assertEquals("抓包的 2 个数据包里没有 TCP 报文段", Messages.of(Language.CHINESE).render(e.describe()));
        CaptureException one = assertThrows(CaptureException.class, () -> scan(CaptureFiles.pcap(1, List.of(udp))));
        assertEquals("no TCP segment in the capture's 1 packet", one.getMessage());
    }

    @Test
    void malformedPacketsAndFragmentsArePassedOverAndCounted() throws Exception {
        List<byte[]> frames = new ArrayList<>(CaptureFiles.frames(OPEN_AND_CLOSE));
        byte[] badOffset = frames.get(2).clone();
        badOffset[14 + 20 + 12] = (byte) 0xf0; // a TCP header of 60 bytes in a 40-byte packet
        byte[] fragment = frames.get(2).clone();
        fragment[14 + 6] = 0x20; // more fragments
        frames.add(badOffset);
        frames.add(fragment);
        CaptureScan scan = scan(CaptureFiles.pcap(1, frames));
        assertEquals(8, scan.chosen().orElseThrow().packets().size());
        assertEquals(List.of("passed over 1 IP fragments of TCP segments: they are not put back together",
                "passed over 1 malformed packets (the first: packet 9: its TCP header (60 bytes) is longer than the "
                        + "IP packet holds (20))"), Messages.english().render(scan.notes()));
        assertEquals(List.of("跳过了 TCP 报文段的 1 个 IP 分片：它们不会被重组",
                "跳过了 1 个格式错误的数据包（第一个是第 9 个数据包：它的 TCP 头部（60 个字节）比 IP 包里装的（20）还长）"),
                Messages.of(Language.CHINESE).render(scan.notes()));
    }

    @Test
    void anIpv4TotalLengthOfZeroIsTakenFromTheFrame() throws Exception {
        List<byte[]> frames = CaptureFiles.frames(OPEN_AND_CLOSE);
        byte[] offloaded = frames.get(3).clone();
        offloaded[14 + 2] = 0;
        offloaded[14 + 3] = 0;
        CaptureScan scan = scan(CaptureFiles.pcap(1, List.of(frames.get(0), offloaded)));
        assertEquals(10, scan.chosen().orElseThrow().packets().get(1).payload());
    }

    @Test
    void aNewSynOnTheSamePortsAfterTheEndIsANewStream() throws Exception {
        List<CaptureFiles.Segment> twice = new ArrayList<>(OPEN_AND_CLOSE);
        twice.add(CaptureFiles.Segment.of(true, TcpPacket.SYN, 5000, 0, 0));
        twice.add(CaptureFiles.Segment.of(false, TcpPacket.RST | TcpPacket.ACK, 0, 5001, 0));
        byte[] capture = CaptureFiles.pcap(1, CaptureFiles.frames(twice));
        CaptureScan scan = scan(capture);
        assertEquals(2, scan.connections().size());
        assertEquals("refused: RST to the SYN", Messages.english().render(scan.connections().get(1).ending()));
        assertEquals(0, scan.chosen().orElseThrow().stream(), "the first with a handshake");
        CapturedConnection second = scan(capture, 1).chosen().orElseThrow();
        assertEquals(2, second.packets().size());
        assertEquals(9, second.packets().get(0).number());
        assertTrue(scan(capture, 2).chosen().isEmpty());
        assertFalse(scan.ambiguous());
    }

    @Test
    void theDefaultIsTheFirstConnectionWhoseHandshakeTheCaptureShows() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        // A connection already open (no SYN) on other ports, then the one that opens.
        frames.add(CaptureFiles.ethernet(CaptureFiles.ipv4(CaptureFiles.tcp(
                CaptureFiles.Segment.of(true, TcpPacket.ACK, 7, 9, 5), 50000, 443), true)));
        frames.addAll(CaptureFiles.frames(OPEN_AND_CLOSE));
        CaptureScan scan = scan(CaptureFiles.pcap(1, frames));
        assertEquals(2, scan.connections().size());
        assertEquals("mid-connection", scan.connections().get(0).handshake() ? "handshake" : "mid-connection");
        assertEquals(443, scan.connections().get(0).server().port(), "without a SYN, the lower port serves");
        CapturedConnection chosen = scan.chosen().orElseThrow();
        assertEquals(1, chosen.stream());
        assertEquals(8, chosen.packets().size());
    }

    @Test
    void theKeptSegmentsAreBounded() throws Exception {
        CaptureScan scan = CaptureScan.read(new ByteArrayInputStream(CaptureFiles.pcap(1, CaptureFiles.frames(OPEN_AND_CLOSE))), -1, 3);
        CapturedConnection c = scan.chosen().orElseThrow();
        assertEquals(3, c.packets().size());
        assertEquals(8, c.totalPackets());
        assertTrue(c.cut());
    }
}
