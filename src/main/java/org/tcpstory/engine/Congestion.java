package org.tcpstory.engine;

/**
 * One sender's congestion control, as RFC 5681 describes Reno: slow start from the initial window, then
 * congestion avoidance, a fast retransmit and fast recovery on the third duplicate ACK, one segment after
 * a retransmission timeout. Numbers are octets. Mutable and private to the engine, like {@link Tcb}; it
 * remembers its last change, so that an error can say where cwnd came from.
 */
final class Congestion {

    /** The MSS a sender assumes when its peer announced none (RFC 9293 §3.7.1, IPv4). */
    static final long DEFAULT_MSS = 536;

    private final RuleChoices choices;
    private long smss = DEFAULT_MSS;
    private long cwnd = -1;
    /** Arbitrarily high at first (RFC 5681 §3.1). */
    private long ssthresh = Long.MAX_VALUE;
    private boolean recovering;
    private String lastChange = "";
    /** Whether sending past this cwnd was reported already: one mistake, one error, until cwnd changes. */
    private boolean overrunReported;

    Congestion(RuleChoices choices) {
        this.choices = choices;
    }

    Congestion copy() {
        Congestion copy = new Congestion(choices);
        copy.smss = smss;
        copy.cwnd = cwnd;
        copy.ssthresh = ssthresh;
        copy.recovering = recovering;
        copy.lastChange = lastChange;
        copy.overrunReported = overrunReported;
        return copy;
    }

    RuleChoices choices() {
        return choices;
    }

    /** The connection is established: SMSS is what the peer announced, and cwnd starts at the initial window. */
    void start(Long peerMss) {
        smss = peerMss == null ? DEFAULT_MSS : peerMss;
        cwnd = initialWindow();
        changed("cwnd started at the initial window, " + cwnd + " octets ("
                + (choices.initialWindow() == RuleChoices.InitialWindow.TEN_SEGMENTS
                        ? "RFC 6928: min(10*SMSS, max(2*SMSS, 14600))" : "RFC 5681 §3.1: min(4*SMSS, max(2*SMSS, 4380))")
                + ", SMSS=" + smss + (peerMss == null ? ", the default MSS" : ", the MSS the other peer announced") + ")");
    }

    private void changed(String why) {
        lastChange = why;
        overrunReported = false;
    }

    /** Whether an overrun of the current cwnd is the first one, which is then reported. */
    boolean firstOverrun() {
        boolean first = !overrunReported;
        overrunReported = true;
        return first;
    }

    /** IW: RFC 5681 §3.1, or RFC 6928's ten segments. */
    private long initialWindow() {
        return choices.initialWindow() == RuleChoices.InitialWindow.TEN_SEGMENTS
                ? Math.min(10 * smss, Math.max(2 * smss, 14_600))
                : Math.min(4 * smss, Math.max(2 * smss, 4_380));
    }

    boolean started() {
        return cwnd >= 0;
    }

    long cwnd() {
        return cwnd;
    }

    /** ssthresh, or -1 while it is still arbitrarily high. */
    long ssthresh() {
        return ssthresh == Long.MAX_VALUE ? -1 : ssthresh;
    }

    /** Where cwnd comes from: its last change and the line that made it. */
    String explain() {
        return lastChange;
    }

    /** An ACK at {@code line} acknowledges {@code octets} new octets: recovery ends, or the window grows. */
    void acknowledged(long octets, int line) {
        if (!started() || octets <= 0) {
            return;
        }
        if (recovering) {
            recovering = false;
            cwnd = ssthresh;
            changed("the ACK of new data at line " + line + " ended fast recovery: cwnd=ssthresh=" + cwnd);
        } else if (cwnd < ssthresh) {
            cwnd += Math.min(octets, smss);
            changed("slow start: the ACK at line " + line + " of " + octets + " new octets grew cwnd by "
                    + Math.min(octets, smss) + " to " + cwnd + " (RFC 5681 §3.1)");
        } else {
            long growth = Math.max(1, smss * smss / cwnd);
            cwnd += growth;
            changed("congestion avoidance: the ACK at line " + line + " grew cwnd by SMSS*SMSS/cwnd=" + growth
                    + " to " + cwnd + " (RFC 5681 §3.1)");
        }
    }

    /** The third duplicate ACK, at {@code line}: fast retransmit and fast recovery (§3.2). */
    void fastRetransmit(long flightSize, int line) {
        if (!started()) {
            return;
        }
        ssthresh = Math.max(flightSize / 2, 2 * smss);
        cwnd = ssthresh + 3 * smss;
        recovering = true;
        changed("the third duplicate ACK at line " + line + " set ssthresh=max(FlightSize/2, 2*SMSS)=" + ssthresh
                + " and cwnd=ssthresh+3*SMSS=" + cwnd + " (RFC 5681 §3.2)");
    }

    /** A further duplicate ACK during recovery inflates the window by a segment. */
    void duplicateAck(int line) {
        if (started() && recovering) {
            cwnd += smss;
            changed("the duplicate ACK at line " + line + " inflated cwnd by SMSS to " + cwnd + " (RFC 5681 §3.2)");
        }
    }

    /** The retransmission timer expired at {@code line} with data outstanding: one segment (§3.1, the loss window). */
    void timeout(long flightSize, int line) {
        if (!started()) {
            return;
        }
        ssthresh = Math.max(flightSize / 2, 2 * smss);
        cwnd = smss;
        recovering = false;
        changed("the timeout at line " + line + " set ssthresh=max(FlightSize/2, 2*SMSS)=" + ssthresh
                + " and cwnd=SMSS=" + cwnd + " (RFC 5681 §3.1)");
    }
}
