package org.tcpstory.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.tcpstory.story.Flag;
import org.tcpstory.story.Options;
import org.tcpstory.story.Segment;

/**
 * What a segment's arrow says, not yet escaped: its flags and fields in the author's notation, and below them
 * its options, compactly, as a packet trace shows them. On a SYN the options are what is being negotiated
 * ({@code MSS 1460 · WS 7 · SACK · TS}); afterwards only what changes from segment to segment is left: the
 * SACK blocks ({@code SACK 3001:4001 5001:6001}) and the timestamps ({@code TS 101/500}).
 */
final class ArrowLabel {

    /** Between two options: a middle dot, as the site writes lists of short things. */
    static final String SEPARATOR = " · ";

    private ArrowLabel() {
    }

    /** The label's lines: the fields, then the options when there are any. */
    static List<String> lines(Segment segment) {
        List<String> lines = new ArrayList<>(2);
        lines.add(fields(segment));
        String options = options(segment);
        if (!options.isEmpty()) {
            lines.add(options);
        }
        return lines;
    }

    /** The flags and fields without the options: {@code SYN=1, seq=x, win=65535}. */
    static String fields(Segment segment) {
        return segment.options().isEmpty() ? segment.label()
                : new Segment(segment.flags(), segment.seq(), segment.ack(), segment.length(), segment.data(),
                        segment.window()).label();
    }

    /** The options in short, or the empty string when the segment has none. */
    static String options(Segment segment) {
        Options options = segment.options();
        StringJoiner out = new StringJoiner(SEPARATOR);
        boolean syn = segment.has(Flag.SYN);
        if (options.mss() != null) {
            out.add("MSS " + options.mss());
        }
        if (options.wscale() != null) {
            out.add("WS " + options.wscale());
        }
        if (options.sackOk() != null) {
            out.add("SACK");
        }
        if (!options.sack().isEmpty()) {
            StringJoiner blocks = new StringJoiner(" ", "SACK ", "");
            options.sack().forEach(block -> blocks.add(block.toString()));
            out.add(blocks.toString());
        }
        if (options.ts() != null) {
            // On a SYN the offer is what matters; later, the numbers are what PAWS and the RTT are made of.
            out.add(syn ? "TS" : "TS " + options.ts());
        }
        return out.toString();
    }
}
