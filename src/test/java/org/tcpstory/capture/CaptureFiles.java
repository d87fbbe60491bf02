package org.tcpstory.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Capture files made in tests: TCP segments in IPv4 or IPv6, framed in any link type, written as pcap or
 * pcapng in either byte order. Shared by the capture, transcribe and cli tests; the fixtures of real traffic
 * are read with {@link #fixture}.
 */
public final class CaptureFiles {

    public static final String FIXTURES = "/org/tcpstory/capture/";

    /** The real captures of make-captures.sh, each of one connection that must import without an error. */
    public static final List<String> REAL = List.of("normal.pcap", "refused.pcap", "half-close.pcap", "abort.pcap",
            "ipv6.pcap", "normal.pcapng", "loss.pcap", "loss-unseen.pcap", "loss-lo.pcap", "resend-merged.pcap",
            "loss-nosack.pcap");

    private CaptureFiles() {
    }

    public static byte[] fixture(String name) {
        try (InputStream in = CaptureFiles.class.getResourceAsStream(FIXTURES + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One TCP segment: its numbers, flags and options; {@code payload} zero bytes follow the header. */
    public record Segment(boolean fromClient, int flags, long seq, long ack, int window, int payload, byte[] options) {
        public static Segment of(boolean fromClient, int flags, long seq, long ack, int payload) {
            return new Segment(fromClient, flags, seq, ack, 512, payload, new byte[0]);
        }
    }

    /** A SYN's options as Linux orders them: MSS, SACK permitted, timestamps, then the window scale. */
    public static byte[] synOptions(int mss, int shift, long tsVal, long tsEcr) {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.put((byte) 2).put((byte) 4).putShort((short) mss);
        b.put((byte) 4).put((byte) 2);
        b.put((byte) 8).put((byte) 10).putInt((int) tsVal).putInt((int) tsEcr);
        b.put((byte) 1).put((byte) 3).put((byte) 3).put((byte) shift);
        return b.array();
    }

    /** Timestamps (when {@code tsVal} is not negative) and SACK blocks, each padded as Linux pads them. */
    public static byte[] options(long tsVal, long tsEcr, long... sackEdges) {
        ByteBuffer b = ByteBuffer.allocate(40);
        if (tsVal >= 0) {
            b.put((byte) 1).put((byte) 1).put((byte) 8).put((byte) 10).putInt((int) tsVal).putInt((int) tsEcr);
        }
        if (sackEdges.length > 0) {
            b.put((byte) 1).put((byte) 1).put((byte) 5).put((byte) (2 + 4 * sackEdges.length));
            for (long edge : sackEdges) {
                b.putInt((int) edge);
            }
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    /** The TCP header and payload of a segment between two ports. */
    public static byte[] tcp(Segment s, int clientPort, int serverPort) {
        int headerLength = 20 + ((s.options().length + 3) & ~3);
        ByteBuffer b = ByteBuffer.allocate(headerLength + s.payload());
        b.putShort((short) (s.fromClient() ? clientPort : serverPort));
        b.putShort((short) (s.fromClient() ? serverPort : clientPort));
        b.putInt((int) s.seq());
        b.putInt((int) s.ack());
        b.put((byte) (headerLength / 4 << 4));
        b.put((byte) s.flags());
        b.putShort((short) s.window());
        b.putShort((short) 0);
        b.putShort((short) 0);
        b.put(s.options());
        return b.array();
    }

    /** An IPv4 packet around a transport payload, from 10.0.0.1 (client) or 10.0.0.2. */
    public static byte[] ipv4(byte[] transport, boolean fromClient) {
        ByteBuffer b = ByteBuffer.allocate(20 + transport.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + transport.length));
        b.putShort((short) 1).putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0);
        b.put(new byte[] {10, 0, 0, (byte) (fromClient ? 1 : 2)});
        b.put(new byte[] {10, 0, 0, (byte) (fromClient ? 2 : 1)});
        b.put(transport);
        return b.array();
    }

    /** An IPv6 packet around a transport payload, from 2001:db8::1 (client) or 2001:db8::2. */
    public static byte[] ipv6(byte[] transport, boolean fromClient) {
        ByteBuffer b = ByteBuffer.allocate(40 + transport.length);
        b.putInt(0x60000000).putShort((short) transport.length).put((byte) 6).put((byte) 64);
        for (int end : new int[] {fromClient ? 1 : 2, fromClient ? 2 : 1}) {
            b.putInt(0x20010db8).putInt(0).putInt(0).putInt(end);
        }
        b.put(transport);
        return b.array();
    }

    /** An Ethernet frame around an IP packet. */
    public static byte[] ethernet(byte[] ip) {
        ByteBuffer b = ByteBuffer.allocate(14 + ip.length);
        b.put(new byte[12]).putShort((short) ((ip[0] >> 4) == 6 ? 0x86DD : 0x0800)).put(ip);
        return b.array();
    }

    /** A conversation of segments between 10.0.0.1:40000 and 10.0.0.2:80 as Ethernet frames. */
    public static List<byte[]> frames(List<Segment> segments) {
        List<byte[]> frames = new ArrayList<>();
        for (Segment s : segments) {
            frames.add(ethernet(ipv4(tcp(s, 40000, 80), s.fromClient())));
        }
        return frames;
    }

    /** A pcap file: microseconds, little-endian, as tcpdump on x86 writes it; packets 1 ms apart. */
    public static byte[] pcap(int linkType, List<byte[]> frames) {
        return pcap(linkType, frames, ByteOrder.LITTLE_ENDIAN, false, 262144);
    }

    public static byte[] pcap(int linkType, List<byte[]> frames, ByteOrder order, boolean nanos, int snapLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(order);
        header.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(snapLength).putInt(linkType);
        out.writeBytes(header.array());
        int i = 0;
        for (byte[] frame : frames) {
            int kept = Math.min(frame.length, snapLength);
            ByteBuffer record = ByteBuffer.allocate(16).order(order);
            record.putInt(1_700_000_000).putInt(nanos ? i * 1_000_000 : i * 1000).putInt(kept).putInt(frame.length);
            out.writeBytes(record.array());
            out.write(frame, 0, kept);
            i++;
        }
        return out.toByteArray();
    }

    /** A pcapng file: one section, one interface of the link type, enhanced packet blocks. */
    public static byte[] pcapng(int linkType, List<byte[]> frames, ByteOrder order) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sectionHeader(order));
        out.writeBytes(interfaceBlock(linkType, order, -1));
        int i = 0;
        for (byte[] frame : frames) {
            out.writeBytes(enhancedPacket(0, frame, order, i++ * 1000L));
        }
        return out.toByteArray();
    }

    public static byte[] sectionHeader(ByteOrder order) {
        return block(0x0A0D0D0A, order, ByteBuffer.allocate(16).order(order)
                .putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).array());
    }

    /** An interface description; {@code tsresol} the if_tsresol option's byte, or -1 for none. */
    public static byte[] interfaceBlock(int linkType, ByteOrder order, int tsresol) {
        ByteBuffer body = ByteBuffer.allocate(tsresol < 0 ? 12 : 24).order(order);
        body.putShort((short) linkType).putShort((short) 0).putInt(0);
        if (tsresol >= 0) {
            body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
            body.putShort((short) 0).putShort((short) 0);
        } else {
            body.putShort((short) 0).putShort((short) 0);
        }
        return block(1, order, body.array());
    }

    public static byte[] enhancedPacket(int interfaceId, byte[] frame, ByteOrder order, long timestamp) {
        ByteBuffer body = ByteBuffer.allocate(20 + ((frame.length + 3) & ~3)).order(order);
        body.putInt(interfaceId).putInt((int) (timestamp >>> 32)).putInt((int) timestamp)
                .putInt(frame.length).putInt(frame.length).put(frame);
        return block(6, order, body.array());
    }

    public static byte[] block(int type, ByteOrder order, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(order);
        b.putInt(type).putInt(12 + body.length).put(body).putInt(12 + body.length);
        return b.array();
    }

    /** The frames of a capture, as read: each frame's kept bytes, to reframe a real capture in another link type. */
    public static List<byte[]> readFrames(byte[] capture) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        CaptureReader reader = CaptureReader.open(new java.io.ByteArrayInputStream(capture));
        Frame frame;
        while ((frame = reader.next()) != null) {
            frames.add(java.util.Arrays.copyOf(frame.bytes(), frame.length()));
        }
        return frames;
    }
}
