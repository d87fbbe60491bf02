package org.tcpstory.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.tcpstory.diagnostic.Text;

/**
 * The pcapng format (Wireshark's default): blocks, each with its type and length before and its length again
 * after. Section headers set the byte order and forget the interfaces; interface descriptions give each
 * packet its link type, snapshot length and timestamp resolution; packet blocks (enhanced, simple and the
 * obsolete packet block) carry the packets; every other block is skipped.
 */
final class PcapngReader extends CaptureReader {

    static final long SECTION_HEADER = 0x0A0D0D0AL;
    private static final long BYTE_ORDER_MAGIC = 0x1A2B3C4DL;
    private static final long INTERFACE = 1;
    private static final long OBSOLETE_PACKET = 2;
    private static final long SIMPLE_PACKET = 3;
    private static final long ENHANCED_PACKET = 6;
    private static final int TSRESOL_OPTION = 9;

    // The parts of the file being read, made once: each block names some of them.
    private static final Text BLOCK_HEADER = Text.of("capture.what.blockHeader");
    private static final Text BLOCK_END = Text.of("capture.what.blockEnd");
    private static final Text SECTION_HEADER_BLOCK = Text.of("capture.what.sectionHeader");
    private static final Text INTERFACE_DESCRIPTION = Text.of("capture.what.interfaceDescription");
    private static final Text INTERFACE_OPTION = Text.of("capture.what.interfaceOption");
    private static final Text SIMPLE_PACKET_BLOCK = Text.of("capture.what.simplePacketBlock");
    private static final Text PACKET_BLOCK = Text.of("capture.what.packetBlock");

    /** What a section says about one of its interfaces. */
    private record Interface(int linkType, long snapLength, boolean binary, int exponent) {
        long nanos(long units) {
            if (binary) {
                return (long) (units * (1e9 / Math.pow(2, exponent)));
            }
            if (exponent <= 9) {
                long scale = 1;
                for (int i = exponent; i < 9; i++) {
                    scale *= 10;
                }
                return units * scale;
            }
            long scale = 1;
            for (int i = 9; i < exponent && scale < Long.MAX_VALUE / 10; i++) {
                scale *= 10;
            }
            return units / scale;
        }
    }

    private final byte[] head = new byte[32];
    private final List<Interface> interfaces = new ArrayList<>();
    private boolean sectionSeen;

    PcapngReader(ByteInput input) {
        super(input);
    }

    @Override
    public Frame next() throws IOException, CaptureException {
        while (true) {
            long number = packets + 1;
            if (!input.read(head, 0, 8, number, BLOCK_HEADER)) {
                return null;
            }
            long type = Bytes.u32(head, 0);
            if (type == SECTION_HEADER) {
                readSectionHeader(number);
                continue;
            }
            if (!sectionSeen) {
                throw new CaptureException(Text.of("capture.noSectionHeader"));
            }
            long total = input.u32(head, 4);
            type = input.u32(head, 0);
            checkLength(total, 12);
            long body = total - 12;
            if (type == ENHANCED_PACKET || type == SIMPLE_PACKET || type == OBSOLETE_PACKET) {
                packets = number;
                readPacket(type, body, number);
            } else if (type == INTERFACE) {
                readInterface(body, number);
            } else {
                input.skip(body, number, Text.of("capture.what.blockOfType", type));
            }
            long trailer = input.u32(number, BLOCK_END);
            if (trailer != total) {
                throw new CaptureException(packetOrZero(type, number),
                        Text.of("capture.blockLengthsDiffer", total, trailer));
            }
            if (type == ENHANCED_PACKET || type == SIMPLE_PACKET || type == OBSOLETE_PACKET) {
                return frame;
            }
        }
    }

    private static long packetOrZero(long type, long number) {
        return type == ENHANCED_PACKET || type == SIMPLE_PACKET || type == OBSOLETE_PACKET ? number : 0;
    }

    private static void checkLength(long total, long least) throws CaptureException {
        if (total < least || total % 4 != 0 || total > MAX_RECORD) {
            throw new CaptureException(Text.of("capture.blockLength", total));
        }
    }

    private void readSectionHeader(long number) throws IOException, CaptureException {
        input.readFully(head, 8, 16, number, SECTION_HEADER_BLOCK);
        long magic = Bytes.u32(head, 8);
        if (magic == BYTE_ORDER_MAGIC) {
            input.bigEndian = true;
        } else if (Bytes.u32le(head, 8) == BYTE_ORDER_MAGIC) {
            input.bigEndian = false;
        } else {
            throw new CaptureException(Text.of("capture.noByteOrderMagic"));
        }
        long total = input.u32(head, 4);
        checkLength(total, 28);
        int major = input.u16(head, 12);
        if (major != 1) {
            throw new CaptureException(Text.of("capture.pcapngVersion", major, input.u16(head, 14)));
        }
        input.skip(total - 28, 0, SECTION_HEADER_BLOCK);
        if (input.u32(0, SECTION_HEADER_BLOCK) != total) {
            throw new CaptureException(Text.of("capture.sectionLengthsDiffer"));
        }
        interfaces.clear();
        sectionSeen = true;
    }

    private void readInterface(long body, long number) throws IOException, CaptureException {
        if (body < 8) {
            throw new CaptureException(Text.of("capture.interfaceTooShort"));
        }
        input.readFully(head, 0, 8, 0, INTERFACE_DESCRIPTION);
        int linkType = input.u16(head, 0);
        long snap = input.u32(head, 4);
        boolean binary = false;
        int exponent = 6;
        long left = body - 8;
        while (left >= 4) {
            input.readFully(head, 0, 4, 0, INTERFACE_OPTION);
            left -= 4;
            int code = input.u16(head, 0);
            int length = input.u16(head, 2);
            long padded = (length + 3L) & ~3L;
            if (code == 0 || padded > left) {
                break;
            }
            if (code == TSRESOL_OPTION && length == 1) {
                input.readFully(head, 0, 4, 0, INTERFACE_OPTION);
                int value = head[0] & 0xff;
                binary = (value & 0x80) != 0;
                exponent = value & 0x7f;
                padded -= 4;
                left -= 4;
            }
            input.skip(padded, 0, INTERFACE_OPTION);
            left -= padded;
        }
        input.skip(left, 0, INTERFACE_DESCRIPTION);
        if (exponent > 63 || !binary && exponent > 18) {
            throw new CaptureException(Text.of("capture.timestampResolution", interfaces.size(),
                    (binary ? "2^-" : "10^-") + exponent));
        }
        interfaces.add(new Interface(linkType, snap, binary, exponent));
    }

    private void readPacket(long type, long body, long number) throws IOException, CaptureException {
        frame.number = number;
        Interface where;
        long captured;
        long original;
        long units;
        long header;
        if (type == SIMPLE_PACKET) {
            header = 4;
            if (body < header) {
                throw new CaptureException(number, Text.of("capture.blockTooShort"));
            }
            original = input.u32(number, SIMPLE_PACKET_BLOCK);
            where = interfaceNumber(0, number);
            captured = Math.min(original, body - header);
            if (where.snapLength() > 0) {
                captured = Math.min(captured, where.snapLength());
            }
            units = 0;
        } else {
            header = 20;
            if (body < header) {
                throw new CaptureException(number, Text.of("capture.blockTooShort"));
            }
            input.readFully(head, 0, 20, number, PACKET_BLOCK);
            long id = type == ENHANCED_PACKET ? input.u32(head, 0) : input.u16(head, 0);
            where = interfaceNumber(id, number);
            units = input.u32(head, 4) << 32 | input.u32(head, 8);
            captured = input.u32(head, 12);
            original = input.u32(head, 16);
            if (captured > body - header) {
                throw new CaptureException(number, Text.of("capture.blockHolds", body - header, captured));
            }
        }
        frame.linkType = where.linkType();
        frame.timestampNanos = where.nanos(units);
        frame.originalLength = Math.max(original, captured);
        readData((int) captured, body - header - captured);
    }

    private Interface interfaceNumber(long id, long number) throws CaptureException {
        if (id >= interfaces.size()) {
            throw new CaptureException(number, Text.of("capture.unknownInterface", id, interfaces.size()));
        }
        return interfaces.get((int) id);
    }
}
