package org.tcpstory.engine;

import java.util.EnumSet;
import java.util.Set;
import org.tcpstory.story.Event;
import org.tcpstory.story.Flag;

/**
 * A segment on the wire, with numbers the engine has resolved from the author's notation (corrected
 * where the author was wrong, so the story goes on as meant).
 *
 * @param ack     SEG.ACK, or {@code null} when the ACK bit is off
 * @param window  the window the sender advertises, or {@code null} when the story does not say
 * @param forced  delivered although the sender broke a rule, so the receiver takes it as the author meant
 * @param options the options it carries
 */
record WireSegment(String from, String to, Set<Flag> flags, Value seq, Value ack, long length, Long window,
                   Event.Send event, boolean forced, WireOptions options) {

    boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /** SEG.LEN: data plus one for SYN and one for FIN. */
    long sequenceLength() {
        return length + (has(Flag.SYN) ? 1 : 0) + (has(Flag.FIN) ? 1 : 0);
    }

    /** The segment as it stands once its SYN is processed: its text and FIN, from SEG.SEQ+1 on. */
    WireSegment afterSyn() {
        Set<Flag> rest = EnumSet.noneOf(Flag.class);
        rest.addAll(flags);
        rest.remove(Flag.SYN);
        return new WireSegment(from, to, rest, seq.plus(1), ack, length, window, event, forced, options);
    }

    /** The sequence number just after this segment. */
    Value end() {
        return seq.plus(sequenceLength());
    }
}
