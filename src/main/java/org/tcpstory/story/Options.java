package org.tcpstory.story;

import java.util.ArrayList;
import java.util.List;
import org.tcpstory.diagnostic.SourcePosition;

/**
 * The TCP options of a segment as written (contract v2). Numbers and symbols keep their place, so that
 * an option in the wrong place is reported there.
 *
 * @param mss    {@code mss=N}, the Maximum Segment Size (RFC 9293 §3.7.1), or {@code null}
 * @param wscale {@code wscale=N}, the window scale shift count (RFC 7323 §2), or {@code null}
 * @param sackOk where {@code sackOK} was written (RFC 2018), or {@code null}
 * @param sack   the {@code sack=A:B} blocks, most recent first
 * @param ts     {@code ts=V/E}, the timestamps (RFC 7323 §3), or {@code null}
 */
public record Options(Operand mss, Operand wscale, SourcePosition sackOk, List<SackBlock> sack, Timestamps ts) {

    public static final Options NONE = new Options(null, null, null, List.of(), null);

    public Options {
        sack = List.copyOf(sack);
    }

    /** {@code sack=A:B}: octets A up to B-1 were received. */
    public record SackBlock(Operand left, Operand right) {
        @Override
        public String toString() {
            return left + ":" + right;
        }
    }

    /** {@code ts=V/E}: TSval and TSecr. */
    public record Timestamps(Operand value, Operand echo) {
        @Override
        public String toString() {
            return value + "/" + echo;
        }
    }

    public boolean isEmpty() {
        return mss == null && wscale == null && sackOk == null && sack.isEmpty() && ts == null;
    }

    /** The options as written: {@code mss=1460, wscale=7, sackOK, ts=100/0}. */
    public String label() {
        return String.join(", ", written());
    }

    /** Each option as written, in the order of {@link #label()}: {@code [mss=1460, sackOK, sack=x+55:x+79]}. */
    public List<String> written() {
        List<String> out = new ArrayList<>();
        if (mss != null) {
            out.add("mss=" + mss);
        }
        if (wscale != null) {
            out.add("wscale=" + wscale);
        }
        if (sackOk != null) {
            out.add("sackOK");
        }
        sack.forEach(block -> out.add("sack=" + block));
        if (ts != null) {
            out.add("ts=" + ts);
        }
        return List.copyOf(out);
    }
}
