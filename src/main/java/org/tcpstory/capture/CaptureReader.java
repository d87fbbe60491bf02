package org.tcpstory.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.tcpstory.diagnostic.Text;

/**
 * Reads a capture file packet by packet: pcap (microsecond or nanosecond, either byte order) or pcapng (any
 * number of sections and interfaces), plain or gzip-compressed as Wireshark writes them. One packet's headers
 * are held at a time, so a capture of any size is read in the same small memory.
 */
public abstract class CaptureReader {

    /** A packet record longer than this is a damaged file, not a packet: no link type tcpstory reads has them. */
    static final long MAX_RECORD = 16L << 20;

    final ByteInput input;
    final Frame frame = new Frame();
    long packets;

    CaptureReader(ByteInput input) {
        this.input = input;
    }

    /** Opens a capture: reads its first bytes to tell which format it is. */
    public static CaptureReader open(InputStream stream) throws IOException, CaptureException {
        PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(stream, 1 << 16), 4);
        byte[] magic = new byte[4];
        int got = in.readNBytes(magic, 0, 4);
        if (got >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            in.unread(magic, 0, got);
            try {
                return open(new GZIPInputStream(in, 1 << 16));
            } catch (ZipException e) {
                throw new CaptureException(Text.of("capture.gzip", Text.message(e)));
            }
        }
        if (got < 4) {
            throw new CaptureException(got == 0 ? Text.of("capture.empty") : Text.of("capture.tooShort", got));
        }
        in.unread(magic, 0, 4);
        long big = Bytes.u32(magic, 0);
        long little = Bytes.u32le(magic, 0);
        if (big == PcapngReader.SECTION_HEADER) {
            return new PcapngReader(new ByteInput(in));
        }
        if (PcapReader.isMagic(big) || PcapReader.isMagic(little)) {
            return new PcapReader(new ByteInput(in));
        }
        throw new CaptureException(Text.of(looksLikeText(magic) ? "capture.notCaptureText" : "capture.notCapture",
                Bytes.hex(magic, 4)));
    }

    private static boolean looksLikeText(byte[] magic) {
        for (byte b : magic) {
            if (b < 0x09 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The next packet, or null at the end of the file. The frame is reused by the next call. */
    public abstract Frame next() throws IOException, CaptureException;

    /**
     * Reads a packet's data into the frame: its first {@link Frame#HEADER_BYTES} bytes, skipping the rest, and
     * then {@code padding} more bytes the format adds after it.
     */
    void readData(int captured, long padding) throws IOException, CaptureException {
        int kept = Math.min(captured, Frame.HEADER_BYTES);
        Text what = Text.of("capture.what.packet", frame.number);
        input.readFully(frame.bytes, 0, kept, frame.number, what);
        long rest = (long) captured - kept + padding;
        if (rest > 0) {
            input.skip(rest, frame.number, what);
        }
        frame.length = kept;
        frame.capturedLength = captured;
    }
}
