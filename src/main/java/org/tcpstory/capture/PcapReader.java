package org.tcpstory.capture;

import java.io.IOException;
import org.tcpstory.diagnostic.Text;

/** The classic libpcap format: a 24-byte file header, then a 16-byte header before each packet. */
final class PcapReader extends CaptureReader {

    private static final long MICROS = 0xa1b2c3d4L;
    private static final long NANOS = 0xa1b23c4dL;

    private final byte[] header = new byte[24];
    private final boolean nanos;
    private final int linkType;

    PcapReader(ByteInput input) throws IOException, CaptureException {
        super(input);
        input.readFully(header, 0, 24, 0, Text.of("capture.what.fileHeader"));
        long magic = Bytes.u32(header, 0);
        input.bigEndian = isMagic(magic);
        magic = input.u32(header, 0);
        nanos = magic == NANOS;
        int major = input.u16(header, 4);
        if (major != 2) {
            throw new CaptureException(Text.of("capture.pcapVersion", major, input.u16(header, 6)));
        }
        // The link type is the low 16 bits; the bits above say whether frames carry a checksum (FCS).
        linkType = (int) (input.u32(header, 20) & 0xffff);
    }

    static boolean isMagic(long word) {
        return word == MICROS || word == NANOS;
    }

    @Override
    public Frame next() throws IOException, CaptureException {
        long number = packets + 1;
        if (!input.read(header, 0, 16, number, Text.of("capture.what.packetHeader", number))) {
            return null;
        }
        packets = number;
        long seconds = input.u32(header, 0);
        long fraction = input.u32(header, 4);
        long captured = input.u32(header, 8);
        long original = input.u32(header, 12);
        if (captured > MAX_RECORD) {
            throw new CaptureException(number, Text.of("capture.recordTooLong", captured));
        }
        frame.number = number;
        frame.linkType = linkType;
        frame.timestampNanos = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000);
        frame.originalLength = Math.max(original, captured);
        readData((int) captured, 0);
        return frame;
    }
}
