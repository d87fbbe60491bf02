package org.tcpstory.capture;

import java.util.Map;
import java.util.TreeMap;
import org.tcpstory.diagnostic.Text;

/**
 * Decodes a frame's link-layer, IP and TCP headers into a {@link TcpPacket}. Frames that are not TCP over IP
 * (ARP, UDP, a link type tcpstory does not read) are passed over and counted; so are frames whose headers
 * contradict themselves. A frame whose headers the capture's snapshot length cut is an error: its segment
 * cannot be told, and leaving it out would tell a different conversation.
 */
final class PacketDecoder {

    static final int ETHERNET = 1;
    static final int NULL = 0;
    static final int RAW = 101;
    static final int RAW_OLD = 12;
    static final int RAW_OPENBSD = 14;
    static final int LOOP = 108;
    static final int LINUX_SLL = 113;
    static final int IPV4 = 228;
    static final int IPV6 = 229;
    static final int LINUX_SLL2 = 276;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int PROTOCOL_TCP = 6;

    // The headers a frame may be too short for, made once: need() names one for every header of every packet.
    private static final Text ETHERNET_HEADER = Text.of("capture.header.ethernet");
    private static final Text VLAN_TAG = Text.of("capture.header.vlan");
    private static final Text LINUX_COOKED_HEADER = Text.of("capture.header.linuxCooked");
    private static final Text LINUX_COOKED_V2_HEADER = Text.of("capture.header.linuxCooked2");
    private static final Text LOOPBACK_HEADER = Text.of("capture.header.loopback");
    private static final Text IPV4_HEADER = Text.of("capture.header.ipv4");
    private static final Text IPV6_HEADER = Text.of("capture.header.ipv6");
    private static final Text IPV6_EXTENSION_HEADER = Text.of("capture.header.ipv6Extension");
    private static final Text IPV6_FRAGMENT_HEADER = Text.of("capture.header.ipv6Fragment");
    private static final Text IPV6_AUTHENTICATION_HEADER = Text.of("capture.header.ipv6Authentication");
    private static final Text TCP_HEADER = Text.of("capture.header.tcp");

    /** Link types seen that tcpstory does not read, with how many packets each. */
    final Map<Integer, Long> unsupportedLinkTypes = new TreeMap<>();
    long fragments;
    long malformed;
    Text firstMalformed;

    /** The TCP segment in the frame, or null when it holds none that can be read. */
    TcpPacket decode(Frame frame) throws CaptureException {
        byte[] b = frame.bytes();
        int n = frame.length();
        int at;
        int version;
        switch (frame.linkType()) {
            case ETHERNET -> {
                if (!need(frame, 14, ETHERNET_HEADER)) {
                    return null;
                }
                at = 12;
                int type = Bytes.u16(b, at);
                while ((type == 0x8100 || type == 0x88a8 || type == 0x9100) && need(frame, at + 6, VLAN_TAG)) {
                    at += 4;
                    type = Bytes.u16(b, at);
                }
                at += 2;
                version = etherVersion(type);
            }
            case LINUX_SLL -> {
                if (!need(frame, 16, LINUX_COOKED_HEADER)) {
                    return null;
                }
                at = 16;
                version = etherVersion(Bytes.u16(b, 14));
            }
            case LINUX_SLL2 -> {
                if (!need(frame, 20, LINUX_COOKED_V2_HEADER)) {
                    return null;
                }
                at = 20;
                version = etherVersion(Bytes.u16(b, 0));
            }
            case NULL, LOOP -> {
                if (!need(frame, 4, LOOPBACK_HEADER)) {
                    return null;
                }
                at = 4;
                // DLT_NULL holds the family in the capturing host's byte order; DLT_LOOP in network order.
                long family = Bytes.u32(b, 0);
                if (frame.linkType() == NULL && family > 0xffff) {
                    family = Bytes.u32le(b, 0);
                }
                version = family == 2 ? 4 : family == 10 || family == 24 || family == 28 || family == 30 ? 6 : 0;
            }
            case RAW, RAW_OLD, RAW_OPENBSD, IPV4, IPV6 -> {
                at = 0;
                version = n > 0 ? (b[0] & 0xff) >>> 4 : 0;
            }
            default -> {
                unsupportedLinkTypes.merge(frame.linkType(), 1L, Long::sum);
                return null;
            }
        }
        if (version == 4) {
            return ipv4(frame, at);
        }
        if (version == 6) {
            return ipv6(frame, at);
        }
        return null;
    }

    private static int etherVersion(int type) {
        return type == ETHERTYPE_IPV4 ? 4 : type == ETHERTYPE_IPV6 ? 6 : 0;
    }

    private TcpPacket ipv4(Frame frame, int at) throws CaptureException {
        byte[] b = frame.bytes();
        if (!need(frame, at + 20, IPV4_HEADER)) {
            return null;
        }
        if ((b[at] & 0xff) >>> 4 != 4) {
            return malformed(frame, Text.of("capture.malformed.ipVersion", (b[at] & 0xff) >>> 4, 4));
        }
        int headerLength = (b[at] & 0x0f) * 4;
        if (headerLength < 20) {
            return malformed(frame, Text.of("capture.malformed.ipv4HeaderLength", headerLength));
        }
        if (!need(frame, at + headerLength, IPV4_HEADER)) {
            return null;
        }
        if (b[at + 9] != PROTOCOL_TCP) {
            return null;
        }
        int fragment = Bytes.u16(b, at + 6);
        if ((fragment & 0x3fff) != 0) {
            fragments++; // more fragments, or not the first: the segment is not whole here
            return null;
        }
        long totalLength = Bytes.u16(b, at + 2);
        if (totalLength == 0) {
            totalLength = frame.originalLength() - at; // segmentation offload leaves it 0: the frame's length tells
        }
        if (totalLength < headerLength) {
            return malformed(frame, Text.of("capture.malformed.ipv4TotalLength", totalLength));
        }
        Address source = Address.ipv4(b, at + 12);
        Address destination = Address.ipv4(b, at + 16);
        return tcp(frame, at + headerLength, totalLength - headerLength, source, destination);
    }

    private TcpPacket ipv6(Frame frame, int at) throws CaptureException {
        byte[] b = frame.bytes();
        if (!need(frame, at + 40, IPV6_HEADER)) {
            return null;
        }
        if ((b[at] & 0xff) >>> 4 != 6) {
            return malformed(frame, Text.of("capture.malformed.ipVersion", (b[at] & 0xff) >>> 4, 6));
        }
        long payloadLength = Bytes.u16(b, at + 4);
        if (payloadLength == 0) {
            payloadLength = frame.originalLength() - at - 40; // a jumbogram, or offload: the frame's length tells
        }
        Address source = Address.ipv6(b, at + 8);
        Address destination = Address.ipv6(b, at + 24);
        int next = b[at + 6] & 0xff;
        int header = at + 40;
        long left = payloadLength;
        while (next != PROTOCOL_TCP) {
            int length;
            switch (next) {
                case 0, 43, 60 -> {
                    if (!need(frame, header + 2, IPV6_EXTENSION_HEADER)) {
                        return null;
                    }
                    length = ((b[header + 1] & 0xff) + 1) * 8;
                }
                case 44 -> {
                    if (!need(frame, header + 8, IPV6_FRAGMENT_HEADER)) {
                        return null;
                    }
                    if ((Bytes.u16(b, header + 2) & 0xfff9) != 0) {
                        fragments++;
                        return null;
                    }
                    length = 8;
                }
                case 51 -> {
                    if (!need(frame, header + 2, IPV6_AUTHENTICATION_HEADER)) {
                        return null;
                    }
                    length = ((b[header + 1] & 0xff) + 2) * 4;
                }
                default -> {
                    return null; // no TCP inside (UDP, ICMPv6, ESP, no next header ...)
                }
            }
            if (length > left) {
                return malformed(frame, Text.of("capture.malformed.ipv6Extension"));
            }
            next = b[header] & 0xff;
            header += length;
            left -= length;
        }
        return tcp(frame, header, left, source, destination);
    }

    private TcpPacket tcp(Frame frame, int at, long segmentLength, Address source, Address destination)
            throws CaptureException {
        byte[] b = frame.bytes();
        if (!need(frame, at + 20, TCP_HEADER)) {
            return null;
        }
        int headerLength = ((b[at + 12] & 0xff) >>> 4) * 4;
        if (headerLength < 20) {
            return malformed(frame, Text.of("capture.malformed.tcpHeaderLength", headerLength));
        }
        if (headerLength > segmentLength) {
            return malformed(frame, Text.of("capture.malformed.tcpHeaderPastPacket", headerLength, segmentLength));
        }
        if (!need(frame, at + headerLength, TCP_HEADER)) {
            return null;
        }
        long payload = segmentLength - headerLength;
        if (payload > 0xffffffL) {
            return malformed(frame, Text.of("capture.malformed.payload", payload));
        }
        TcpOptions options = TcpOptions.parse(b, at + 20, at + headerLength);
        return new TcpPacket(frame.number(), frame.timestampNanos(),
                new Endpoint(source, Bytes.u16(b, at)), new Endpoint(destination, Bytes.u16(b, at + 2)),
                b[at + 13] & 0xff, Bytes.u32(b, at + 4), Bytes.u32(b, at + 8), Bytes.u16(b, at + 14), (int) payload, options);
    }

    /**
     * Whether the first {@code end} bytes of the frame are there. When the capture cut them off it is an
     * error; when the packet itself is that short, the frame is malformed and passed over.
     */
    private boolean need(Frame frame, int end, Text what) throws CaptureException {
        if (end <= frame.length()) {
            return true;
        }
        if (frame.capturedLength() < frame.originalLength() && frame.capturedLength() < end) {
            throw new CaptureException(frame.number(), Text.of("capture.snapLength", frame.capturedLength(),
                    frame.originalLength(), what));
        }
        if (end > Frame.HEADER_BYTES && frame.capturedLength() >= end) {
            malformed(frame, Text.of("capture.malformed.headersPastRead", Frame.HEADER_BYTES));
            return false;
        }
        malformed(frame, Text.of("capture.malformed.tooShort", what));
        return false;
    }

    private TcpPacket malformed(Frame frame, Text why) {
        malformed++;
        if (firstMalformed == null) {
            firstMalformed = CaptureException.atPacket(frame.number(), why);
        }
        return null;
    }

    /** The sentence for a capture whose packets are all of link types tcpstory does not read. */
    Text unsupportedLinkTypesText() {
        Text types = null;
        for (Map.Entry<Integer, Long> entry : unsupportedLinkTypes.entrySet()) {
            Text type = Text.of("capture.linkType", entry.getKey() + name(entry.getKey()),
                    Text.count("capture.packets", entry.getValue()));
            types = types == null ? type : Text.of("capture.linkTypeList", types, type);
        }
        return Text.of("capture.linkTypes", types);
    }

    private static String name(int type) {
        return switch (type) {
            case 9 -> " PPP";
            case 105 -> " IEEE 802.11";
            case 127 -> " 802.11 radiotap";
            case 187 -> " Bluetooth HCI";
            case 220 -> " USB";
            default -> "";
        };
    }
}
