package org.tcpstory.engine;

/**
 * The engine's answer to each question where RFC 9293 and real stacks differ, one switch per question.
 * A {@link Profile} names a set of answers; every switch here has profiles on both sides of it. Where all
 * of them agree (RFC 5961's challenge ACKs, ABORT into CLOSED, Note 2's FIN-WAIT-1 into TIME-WAIT, the
 * crossing segments of a simultaneous open and close) the engine simply does it.
 *
 * @param rstInTimeWait         what a valid RST does to TIME-WAIT
 * @param synInTimeWait         what a SYN above the old connection's numbers does to TIME-WAIT
 * @param synAgainInSynReceived how a SYN-RECEIVED peer answers its peer's SYN again (its SYN,ACK was lost)
 * @param dataBeyondWindow      what a receiver does with a segment whose octets end beyond its window
 * @param finIntoZeroWindow     whether a FIN is acceptable while the receive window is zero
 * @param initialWindow         the congestion window a sender starts with, when congestion control is on
 */
public record RuleChoices(RstInTimeWait rstInTimeWait,
                          SynInTimeWait synInTimeWait,
                          SynAgainInSynReceived synAgainInSynReceived,
                          DataBeyondWindow dataBeyondWindow,
                          FinIntoZeroWindow finIntoZeroWindow,
                          InitialWindow initialWindow) {

    /** RFC 9293 closes TIME-WAIT on a valid RST; RFC 1337 ignores it (no TIME-WAIT assassination). */
    public enum RstInTimeWait { CLOSES, IGNORED }

    /**
     * RFC 9293 with RFC 5961 answers a SYN in TIME-WAIT with a challenge ACK; stacks reopen the connection
     * when the SYN's number is above the old connection's (MAY-2, RFC 6191).
     */
    public enum SynInTimeWait { CHALLENGED, REOPENS }

    /** RFC 9293 answers with an empty ACK (the SYN is old) and lets its timer resend; stacks resend at once. */
    public enum SynAgainInSynReceived { ACK_OR_SYN_ACK, SYN_ACK }

    /** RFC 9293 trims the segment to the window (§3.10.7.4); Linux drops it whole and repeats its ACK. */
    public enum DataBeyondWindow { TRIMMED, DROPPED }

    /** Table 6 makes a FIN unacceptable into a zero window; Linux takes it. */
    public enum FinIntoZeroWindow { NOT_ACCEPTABLE, ACCEPTED }

    /** RFC 5681 §3.1: at most four segments; RFC 6928: ten. */
    public enum InitialWindow { RFC_5681, TEN_SEGMENTS }
}
