package org.tcpstory.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;

class CaptureReaderTest {

    private static final List<CaptureFiles.Segment> HANDSHAKE = List.of(
            CaptureFiles.Segment.of(true, TcpPacket.SYN, 100, 0, 0),
            CaptureFiles.Segment.of(false, TcpPacket.SYN | TcpPacket.ACK, 300, 101, 0),
            CaptureFiles.Segment.of(true, TcpPacket.ACK, 101, 301, 0));

    /** Every frame of a capture: number, link type and kept length. */
    private static List<String> frames(byte[] capture) throws Exception {
        CaptureReader reader = CaptureReader.open(new ByteArrayInputStream(capture));
        List<String> frames = new ArrayList<>();
        Frame frame;
        while ((frame = reader.next()) != null) {
            frames.add(frame.number() + ":" + frame.linkType() + ":" + frame.capturedLength() + "/" + frame.originalLength());
        }
        return frames;
    }

    private static CaptureException failure(byte[] capture) {
        return assertThrows(CaptureException.class, () -> frames(capture));
    }

    @ParameterizedTest(name = "{0}: {1} packets of link type {2}")
    @CsvSource({"normal.pcap,12,1", "refused.pcap,2,1", "half-close.pcap,12,113", "abort.pcap,8,276",
            "ipv6.pcap,12,1", "normal.pcapng,12,1", "loss.pcap,120,1", "loss-unseen.pcap,87,1", "loss-lo.pcap,144,1",
            "resend-merged.pcap,62,1", "loss-nosack.pcap,117,1"})
    void readsEveryPacketOfTheRealCaptures(String name, int packets, int linkType) throws Exception {
        List<String> frames = frames(CaptureFiles.fixture(name));
        assertEquals(packets, frames.size());
        for (int i = 0; i < packets; i++) {
            assertTrue(frames.get(i).startsWith((i + 1) + ":" + linkType + ":"), frames.get(i));
        }
    }

    @Test
    void readsBothByteOrdersAndNanosecondPcap() throws Exception {
        List<byte[]> frames = CaptureFiles.frames(HANDSHAKE);
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            CaptureReader reader = CaptureReader.open(new ByteArrayInputStream(CaptureFiles.pcap(1, frames, order, true, 65535)));
            Frame first = reader.next();
            assertEquals(1_700_000_000_000_000_000L, first.timestampNanos());
            assertEquals(1_700_000_000_001_000_000L, reader.next().timestampNanos(), "nanoseconds as written");
            assertEquals(54, reader.next().capturedLength());
            assertNull(reader.next());
        }
    }

    @Test
    void readsGzipCompressedCaptures() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(CaptureFiles.fixture("normal.pcapng"));
        }
        assertEquals(12, frames(zipped.toByteArray()).size());
    }

    @Test
    void pcapngSectionsSetTheirOwnByteOrderAndInterfaces() throws Exception {
        byte[] frame = CaptureFiles.frames(HANDSHAKE).get(0);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(CaptureFiles.sectionHeader(ByteOrder.LITTLE_ENDIAN));
        file.writeBytes(CaptureFiles.interfaceBlock(1, ByteOrder.LITTLE_ENDIAN, 9)); // nanoseconds
        file.writeBytes(CaptureFiles.block(0x0BAD, ByteOrder.LITTLE_ENDIAN, new byte[8])); // custom: skipped
        file.writeBytes(CaptureFiles.enhancedPacket(0, frame, ByteOrder.LITTLE_ENDIAN, 5_000_000_000L));
        file.writeBytes(CaptureFiles.sectionHeader(ByteOrder.BIG_ENDIAN));
        file.writeBytes(CaptureFiles.interfaceBlock(101, ByteOrder.BIG_ENDIAN, 0x80 | 10)); // 2^-10 s
        byte[] ip = Arrays.copyOfRange(frame, 14, frame.length);
        file.writeBytes(CaptureFiles.enhancedPacket(0, ip, ByteOrder.BIG_ENDIAN, 1024));
        CaptureReader reader = CaptureReader.open(new ByteArrayInputStream(file.toByteArray()));
        Frame first = reader.next();
        assertEquals(1, first.linkType());
        assertEquals(5_000_000_000L, first.timestampNanos());
        Frame second = reader.next();
        assertEquals(2, second.number());
        assertEquals(101, second.linkType());
        assertEquals(1_000_000_000L, second.timestampNanos());
        assertNull(reader.next());
    }

    @Test
    void readsSimplePacketBlocks() throws Exception {
        byte[] frame = CaptureFiles.frames(HANDSHAKE).get(0);
        java.nio.ByteBuffer body = java.nio.ByteBuffer.allocate(4 + ((frame.length + 3) & ~3)).order(ByteOrder.LITTLE_ENDIAN);
        body.putInt(frame.length).put(frame);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(CaptureFiles.sectionHeader(ByteOrder.LITTLE_ENDIAN));
        file.writeBytes(CaptureFiles.interfaceBlock(1, ByteOrder.LITTLE_ENDIAN, -1));
        file.writeBytes(CaptureFiles.block(3, ByteOrder.LITTLE_ENDIAN, body.array()));
        assertEquals(List.of("1:1:54/54"), frames(file.toByteArray()));
    }

    @Test
    void namesWhatIsNotACapture() {
        assertEquals("the file is empty: not a capture", failure(new byte[0]).getMessage());
        CaptureException text = failure("# a chapter\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(text.getMessage().startsWith("not a pcap or pcapng capture: it starts with the bytes 23 20 61 20 (text)"),
                text.getMessage());
        assertTrue(failure(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}).getMessage().contains("gzip"));
    }

    @Test
    void aFileCutShortNamesThePacket() throws Exception {
        byte[] whole = CaptureFiles.fixture("normal.pcap");
        CaptureException inPacket = failure(Arrays.copyOf(whole, whole.length - 10));
        assertEquals(12, inPacket.packet());
        assertTrue(inPacket.getMessage().contains("cut short"), inPacket.getMessage());
        CaptureException inHeader = failure(Arrays.copyOf(whole, 30));
        assertEquals(1, inHeader.packet());
        CaptureException fileHeader = failure(Arrays.copyOf(whole, 20));
        String described = Messages.english().render(fileHeader.describe());
        assertTrue(described.startsWith("the file is cut short in the file header"), described);
        assertEquals("文件在第 12 个数据包处被截断：应有 66 个字节，只有 56 个（是不是抓包时文件还没写完？）",
                Messages.of(Language.CHINESE).render(inPacket.text()));
        byte[] ng = CaptureFiles.fixture("normal.pcapng");
        assertTrue(failure(Arrays.copyOf(ng, ng.length - 2)).getMessage().contains("cut short"));
    }

    @Test
    void damagedRecordsAreErrorsNotAllocations() {
        byte[] capture = CaptureFiles.pcap(1, CaptureFiles.frames(HANDSHAKE));
        capture[24 + 8] = (byte) 0xff; // packet 1's captured length: 0x..ff
        capture[24 + 11] = (byte) 0x7f;
        CaptureException e = failure(capture);
        assertEquals(1, e.packet());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void pcapngBlocksMustAgreeWithThemselves() {
        byte[] ng = CaptureFiles.pcapng(1, CaptureFiles.frames(HANDSHAKE), ByteOrder.LITTLE_ENDIAN);
        byte[] mismatched = ng.clone();
        mismatched[mismatched.length - 4] ^= 4; // the last block's trailing length
        assertTrue(failure(mismatched).getMessage().contains("damaged"));
        ByteArrayOutputStream noInterface = new ByteArrayOutputStream();
        noInterface.writeBytes(CaptureFiles.sectionHeader(ByteOrder.LITTLE_ENDIAN));
        noInterface.writeBytes(CaptureFiles.enhancedPacket(0, new byte[20], ByteOrder.LITTLE_ENDIAN, 0));
        CaptureException e = failure(noInterface.toByteArray());
        assertEquals("packet 1: it was captured on interface 0, which the file never describes (it describes 0): "
                + "the file is damaged", Messages.english().render(e.describe()));
        assertEquals("第 1 个数据包：它是在接口 0 上捕获的，但文件里从没描述过这个接口（只描述了 0 个）：文件已损坏",
                Messages.of(Language.CHINESE).render(e.describe()));
        assertEquals(e.getMessage(), Messages.english().render(e.text()), "the message is the English words");
    }

    @Test
    void keepsOnlyTheHeadersOfLargePackets() throws Exception {
        byte[] big = CaptureFiles.ethernet(CaptureFiles.ipv4(CaptureFiles.tcp(
                CaptureFiles.Segment.of(true, TcpPacket.ACK, 1, 1, 60000), 1, 2), true));
        CaptureReader reader = CaptureReader.open(new ByteArrayInputStream(CaptureFiles.pcap(1, List.of(big, big))));
        Frame frame = reader.next();
        assertEquals(Frame.HEADER_BYTES, frame.length());
        assertEquals(big.length, frame.capturedLength());
        assertEquals(2, reader.next().number());
    }
}
