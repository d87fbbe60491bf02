package org.tcpstory.engine;

import org.tcpstory.diagnostic.Text;

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
    private Text lastChange = Text.EMPTY;
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
        String formula = choices.initialWindow() == RuleChoices.InitialWindow.TEN_SEGMENTS
                ? "RFC 6928: min(10*SMSS, max(2*SMSS, 14600))" : "RFC 5681 §3.1: min(4*SMSS, max(2*SMSS, 4380))";
        changed(Text.of(peerMss == null ? "engine.cwnd.started.defaultMss" : "engine.cwnd.started.announcedMss",
                cwnd, formula, smss));
    }

    private void changed(Text why) {
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
    Text explain() {
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
            changed(Text.of("engine.cwnd.recoveryEnded", line, cwnd));
        } else if (cwnd < ssthresh) {
            cwnd += Math.min(octets, smss);
            changed(Text.of("engine.cwnd.slowStart", line, octets, Math.min(octets, smss), cwnd));
        } else {
            long growth = Math.max(1, smss * smss / cwnd);
            cwnd += growth;
            changed(Text.of("engine.cwnd.avoidance", line, growth, cwnd));
        }
    }

    /**
     * Fast retransmit and fast recovery (§3.2), entered at {@code line}: by the third duplicate ACK, or
     * ({@code onSack}) by the retransmission of SND.UNA that SACK blocks called for first (RFC 6675 §5).
     */
    void fastRetransmit(long flightSize, int line, boolean onSack) {
        if (!started()) {
            return;
        }
        ssthresh = Math.max(flightSize / 2, 2 * smss);
        cwnd = ssthresh + 3 * smss;
        recovering = true;
        changed(Text.of(onSack ? "engine.cwnd.sackRecovery" : "engine.cwnd.fastRetransmit", line, ssthresh, cwnd));
    }

    /** A further duplicate ACK during recovery inflates the window by a segment. */
    void duplicateAck(int line) {
        if (started() && recovering) {
            cwnd += smss;
            changed(Text.of("engine.cwnd.inflated", line, cwnd));
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
        changed(Text.of("engine.cwnd.timeout", line, ssthresh, cwnd));
    }
}
