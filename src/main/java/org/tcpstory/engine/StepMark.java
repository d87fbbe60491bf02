package org.tcpstory.engine;

/**
 * Something an event did that a reader is shown beside the states: a duplicate ACK and its count, a fast
 * retransmit called for, a retransmission and why, a zero-window probe, a window update.
 *
 * @param peer  the peer it concerns (the one that counts the duplicate ACK, the one that sends)
 * @param count the duplicate ACK's number in a row; 0 for the other kinds
 */
public record StepMark(Kind kind, String peer, int count) {

    public enum Kind {
        /** An ACK that repeats SND.UNA while data is outstanding (RFC 5681 §2). */
        DUPLICATE_ACK("dup-ack"),
        /** The third duplicate ACK: the first unacknowledged segment is to be resent now (RFC 5681 §3.2). */
        FAST_RETRANSMIT_CALLED("fast-retransmit"),
        /** The retransmission timer expired for this peer (RFC 6298). */
        TIMEOUT("timeout"),
        /** The probe timeout fired for this peer: its last segment may go again as a probe (RFC 8985 §7). */
        PROBE_TIMEOUT("probe-timeout"),
        /** A segment sent again. */
        RETRANSMISSION("retransmission"),
        /** One octet sent into a zero window (RFC 9293 §3.8.6.1). */
        ZERO_WINDOW_PROBE("probe"),
        /** An ACK that only opens the window (RFC 9293 §3.8.6). */
        WINDOW_UPDATE("window-update");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** A short stable name, for tests, exports and the site's CSS classes. */
        public String id() {
            return id;
        }
    }

    /** {@code dup-ack-2}, {@code timeout}: the kind, and the count where there is one. */
    public String id() {
        return count == 0 ? kind.id() : kind.id() + "-" + count;
    }
}
