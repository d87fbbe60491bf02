package org.tcpstory.capture;

/**
 * One packet record of a capture, as a reader's cursor: valid until the reader's next call. Only the first
 * {@link #length()} bytes are held (a packet's headers; the payload is skipped unread), so reading a capture
 * takes the same small memory whatever its packets' sizes.
 */
public final class Frame {

    /** How many bytes of each packet are kept: every header tcpstory reads fits, with IPv6 extension headers. */
    public static final int HEADER_BYTES = 2048;

    long number;
    int linkType;
    long timestampNanos;
    final byte[] bytes = new byte[HEADER_BYTES];
    int length;
    int capturedLength;
    long originalLength;

    /** The packet's number in the file, from 1, as Wireshark shows it. */
    public long number() {
        return number;
    }

    /** The link-layer header type of the interface it was captured on (LINKTYPE_ values of pcap and pcapng). */
    public int linkType() {
        return linkType;
    }

    /** When it was captured, in nanoseconds since the epoch (the file's resolution, which may be coarser). */
    public long timestampNanos() {
        return timestampNanos;
    }

    /** The buffer that holds the first {@link #length()} bytes of the packet. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** How many bytes of the packet the capture kept (its snapshot length may have cut the rest). */
    public int capturedLength() {
        return capturedLength;
    }

    /** How long the packet was on the wire. */
    public long originalLength() {
        return originalLength;
    }
}
