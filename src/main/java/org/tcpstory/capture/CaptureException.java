package org.tcpstory.capture;

/**
 * A capture that cannot be read or imported: not a capture, cut short, damaged, of a kind tcpstory does not
 * read, or without the connection asked for. The message is for people; {@link #packet()} is the packet it
 * is about (numbered from 1 as Wireshark numbers them), or 0 when it is about the file as a whole.
 */
public final class CaptureException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long packet;

    public CaptureException(long packet, String message) {
        super(message);
        this.packet = packet;
    }

    public CaptureException(String message) {
        this(0, message);
    }

    public long packet() {
        return packet;
    }

    /** The message with its packet: {@code packet 12: ...}, as the command prints it after the file's name. */
    public String describe() {
        return packet > 0 ? "packet " + packet + ": " + getMessage() : getMessage();
    }
}
