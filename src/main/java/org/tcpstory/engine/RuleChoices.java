package org.tcpstory.engine;

/**
 * The engine's answer to each question where RFC 9293 and real stacks differ, one switch per question.
 * A {@link Profile} names a set of answers; every switch here has profiles on both sides of it. Where all
 * of them agree (RFC 5961's challenge ACKs outside TIME-WAIT, ABORT into CLOSED, Note 2's FIN-WAIT-1 into
 * TIME-WAIT, the crossing segments of a simultaneous open and close) the engine simply does it.
 *
 * @param synAckInListen              whether a SYN,ACK that reaches LISTEN is answered with a RST
 * @param textOnSynInListen           what LISTEN does with the text that comes with a SYN
 * @param textOnSynInSynSent          what SYN-SENT does with the text that comes with a SYN or a SYN,ACK
 * @param rstWithBadAckInSynReceived  what a RST,ACK at RCV.NXT whose ACK is not acceptable does to a
 *                                    SYN-RECEIVED reached from LISTEN
 * @param rstInTimeWait               what a valid RST (at RCV.NXT) does to TIME-WAIT
 * @param rstInWindowInTimeWait       how TIME-WAIT answers a RST inside its window but not at RCV.NXT
 * @param synInTimeWait               what a SYN above the old connection's numbers does to TIME-WAIT
 * @param synAgainInSynReceived       how a SYN-RECEIVED peer answers its peer's SYN again (its SYN,ACK was lost)
 * @param ackWhileFinUnacknowledged   what an ACK looks like from a peer whose own FIN is not yet acknowledged
 * @param dataBeyondWindow            what a receiver does with a segment whose octets end beyond its window
 * @param finIntoZeroWindow           whether a FIN is acceptable while the receive window is zero
 * @param initialWindow               the congestion window a sender starts with, when congestion control is on
 */
public record RuleChoices(SynAckInListen synAckInListen,
                          TextOnSynInListen textOnSynInListen,
                          TextOnSynInSynSent textOnSynInSynSent,
                          RstWithBadAckInSynReceived rstWithBadAckInSynReceived,
                          RstInTimeWait rstInTimeWait,
                          RstInWindowInTimeWait rstInWindowInTimeWait,
                          SynInTimeWait synInTimeWait,
                          SynAgainInSynReceived synAgainInSynReceived,
                          AckWhileFinUnacknowledged ackWhileFinUnacknowledged,
                          DataBeyondWindow dataBeyondWindow,
                          FinIntoZeroWindow finIntoZeroWindow,
                          InitialWindow initialWindow) {

    /**
     * RFC 9293 §3.10.7.2 answers any ACK in LISTEN with a RST, a SYN,ACK included; FreeBSD's listener drops a
     * SYN,ACK as bogus and says nothing (a bare ACK still gets its RST).
     */
    public enum SynAckInListen { ANSWERED_WITH_RST, DROPPED }

    /**
     * RFC 9293 §3.10.7.2 queues the text of a SYN in LISTEN and takes it once the connection is established;
     * the SYN caches of Linux and FreeBSD keep only the SYN (without TCP Fast Open, which stories do not tell).
     */
    public enum TextOnSynInListen { QUEUED, DROPPED }

    /**
     * RFC 9293 §3.10.7.3 takes the text of a SYN,ACK in SYN-SENT at once (and its FIN), and queues that of a
     * crossing SYN until the connection is established, as FreeBSD does; Linux drops both.
     */
    public enum TextOnSynInSynSent { TAKEN, DROPPED }

    /**
     * RFC 9293 §3.10.7.4 checks the RST bit before the ACK field, so a RST,ACK at RCV.NXT resets SYN-RECEIVED
     * whatever its ack; Linux checks the ACK of a half-open connection first and hands a segment with a
     * wrong one to the listener, which ignores a RST.
     */
    public enum RstWithBadAckInSynReceived { RESETS, IGNORED }

    /** RFC 9293 closes TIME-WAIT on a valid RST; RFC 1337 ignores it (no TIME-WAIT assassination). */
    public enum RstInTimeWait { CLOSES, IGNORED }

    /**
     * RFC 5961 §3.2 answers a RST inside the window but not at RCV.NXT with a challenge ACK, in TIME-WAIT
     * too; Linux and FreeBSD drop it there without a word.
     */
    public enum RstInWindowInTimeWait { CHALLENGED, DROPPED }

    /**
     * RFC 9293 with RFC 5961 answers a SYN in TIME-WAIT with a challenge ACK; stacks reopen the connection
     * when the SYN's number is above the old connection's (MAY-2, RFC 6191).
     */
    public enum SynInTimeWait { CHALLENGED, REOPENS }

    /** RFC 9293 answers with an empty ACK (the SYN is old) and lets its timer resend; stacks resend at once. */
    public enum SynAgainInSynReceived { ACK_OR_SYN_ACK, SYN_ACK }

    /**
     * An ACK sent while one's own FIN is unacknowledged is a bare ACK at SND.NXT, as RFC 9293 and Linux send
     * it (a FIN again then is a retransmission, and needs a sign of loss); FreeBSD sets the FIN on every
     * segment it sends in FIN-WAIT-1, CLOSING and LAST-ACK, so its ACK repeats the FIN at the FIN's number.
     */
    public enum AckWhileFinUnacknowledged { BARE, REPEATS_FIN }

    /** RFC 9293 trims the segment to the window (§3.10.7.4); Linux drops it whole and repeats its ACK. */
    public enum DataBeyondWindow { TRIMMED, DROPPED }

    /**
     * Table 6 makes a FIN unacceptable into a zero window; Linux takes it, and FreeBSD too, since it trims
     * only data octets beyond the window.
     */
    public enum FinIntoZeroWindow { NOT_ACCEPTABLE, ACCEPTED }

    /** RFC 5681 §3.1: at most four segments; RFC 6928: ten. */
    public enum InitialWindow { RFC_5681, TEN_SEGMENTS }
}
