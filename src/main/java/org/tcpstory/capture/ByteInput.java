package org.tcpstory.capture;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.tcpstory.diagnostic.Text;

/** A capture file's bytes, read forward only, in the byte order its current section was written in. */
final class ByteInput {

    private final InputStream in;
    private final byte[] scratch = new byte[8];
    boolean bigEndian;

    ByteInput(InputStream in) {
        this.in = in;
    }

    // `what` names the part being read, as a noun phrase of the catalog's capture.what section.

    /**
     * Reads exactly {@code length} bytes. Returns false when the input ends before the first byte (a clean
     * end); throws when it ends after some of them.
     */
    boolean read(byte[] into, int offset, int length, long packet, Text what) throws IOException, CaptureException {
        int got = in.readNBytes(into, offset, length);
        if (got == length) {
            return true;
        }
        if (got == 0 && length > 0) {
            return false;
        }
        throw cutShort(packet, what, got, length);
    }

    /** Reads exactly {@code length} bytes, where the end of the input is always a cut. */
    void readFully(byte[] into, int offset, int length, long packet, Text what) throws IOException, CaptureException {
        if (!read(into, offset, length, packet, what)) {
            throw cutShort(packet, what, 0, length);
        }
    }

    void skip(long count, long packet, Text what) throws IOException, CaptureException {
        try {
            in.skipNBytes(count);
        } catch (EOFException e) {
            throw new CaptureException(packet, Text.of("capture.cutShortRecord", what));
        }
    }

    int u16(long packet, Text what) throws IOException, CaptureException {
        readFully(scratch, 0, 2, packet, what);
        return u16(scratch, 0);
    }

    long u32(long packet, Text what) throws IOException, CaptureException {
        readFully(scratch, 0, 4, packet, what);
        return u32(scratch, 0);
    }

    int u16(byte[] b, int at) {
        return bigEndian ? (b[at] & 0xff) << 8 | (b[at + 1] & 0xff) : (b[at + 1] & 0xff) << 8 | (b[at] & 0xff);
    }

    long u32(byte[] b, int at) {
        return bigEndian ? Bytes.u32(b, at) : Bytes.u32le(b, at);
    }

    private static CaptureException cutShort(long packet, Text what, int got, int wanted) {
        return new CaptureException(packet, Text.of("capture.cutShort", what, got, wanted));
    }
}
