package org.tcpstory.capture;

import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;

/**
 * A capture that cannot be read or imported: not a capture, cut short, damaged, of a kind tcpstory does not
 * read, or without the connection asked for. It holds its words as a {@link Text}, so that the command line
 * says them in the reader's language; the message is the English rendering, for logs. {@link #packet()} is
 * the packet it is about (numbered from 1 as Wireshark numbers them), or 0 when it is about the file as a whole.
 */
public final class CaptureException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long packet;
    private final transient Text text;

    public CaptureException(long packet, Text text) {
        super(Messages.english().render(text));
        this.packet = packet;
        this.text = text;
    }

    public CaptureException(Text text) {
        this(0, text);
    }

    public long packet() {
        return packet;
    }

    /** What is wrong, without its packet. */
    public Text text() {
        return text;
    }

    /** The words with their packet: {@code packet 12: ...}, as the command prints them after the file's name. */
    public Text describe() {
        return atPacket(packet, text);
    }

    /** {@code packet N: } before the words, when they are about a packet. */
    static Text atPacket(long packet, Text words) {
        return packet > 0 ? Text.of("capture.atPacket", packet, words) : words;
    }
}
