package org.tcpstory.story;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A TCP segment as written in an event: flags and fields in the author's notation.
 *
 * @param flags   the control bits that are on
 * @param seq     {@code seq=}, or {@code null} if the author left it out
 * @param ack     {@code ack=}, or {@code null}
 * @param length  payload octets: {@code len=N}, or the UTF-8 size of {@code data}; 0 when neither is given
 * @param data    the payload text of {@code data="..."}, or {@code null}
 * @param window  {@code win=N}, or {@code null} when not given
 * @param options the TCP options written with it
 */
public record Segment(Set<Flag> flags, Operand seq, Operand ack, long length, String data, Long window,
                      Options options) {

    /** A segment without options. */
    public Segment(Set<Flag> flags, Operand seq, Operand ack, long length, String data, Long window) {
        this(flags, seq, ack, length, data, window, Options.NONE);
    }

    public Segment {
        flags = flags.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(Flag.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        if (data != null && length != data.getBytes(StandardCharsets.UTF_8).length) {
            throw new IllegalArgumentException("length " + length + " does not match data");
        }
        options = options == null ? Options.NONE : options;
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /** SEG.LEN of RFC 9293: the payload plus one for SYN and one for FIN. */
    public long sequenceLength() {
        return length + (has(Flag.SYN) ? 1 : 0) + (has(Flag.FIN) ? 1 : 0);
    }

    /** The segment in the textbook notation: {@code FIN=1, ACK=1, seq=u, ack=v, len=5}. */
    public String label() {
        StringJoiner out = new StringJoiner(", ");
        for (Flag flag : flags) {
            out.add(flag.name() + "=1");
        }
        if (seq != null) {
            out.add("seq=" + seq);
        }
        if (ack != null) {
            out.add("ack=" + ack);
        }
        if (data != null) {
            out.add("data=\"" + data + "\"");
        } else if (length > 0) {
            out.add("len=" + length);
        }
        if (window != null) {
            out.add("win=" + window);
        }
        if (!options.isEmpty()) {
            out.add(options.label());
        }
        return out.toString();
    }
}
