package org.tcpstory.engine;

/**
 * Where RFC 9293 and real stacks disagree, the engine's choice, one named switch each. {@link #RFC_9293}
 * is tcpstory's v1 profile; a "linux" or "freebsd" profile is another instance of this record.
 *
 * @param challengeAcks             RFC 5961: a RST whose SEQ is in the window but is not RCV.NXT, and any
 *                                  SYN in a synchronized state, get a challenge ACK instead of a reset
 * @param rstClosesTimeWait         a valid RST received in TIME-WAIT closes it (RFC 9293); false is the
 *                                  RFC 1337 protection against TIME-WAIT assassination
 * @param abortEntersClosed         the side that sends a RST enters CLOSED (§3.10.5); false follows
 *                                  Note 3 of §3.3.2, which says it should enter TIME-WAIT
 * @param finAckedByFinInFinWait1   FIN-WAIT-1 receiving a FIN that also acknowledges its own FIN goes
 *                                  straight to TIME-WAIT (Note 2); false records the path through FIN-WAIT-2
 * @param crossingSynAckAccepted    in SYN-RECEIVED, a SYN,ACK with SEG.SEQ+1 = RCV.NXT and SEG.ACK = SND.NXT
 *                                  is accepted (simultaneous open, Appendix A.2; Linux does the same);
 *                                  false applies Table 6 literally and drops it
 * @param synAckResendAnswersOldSyn a SYN-RECEIVED peer that gets its peer's SYN again may answer with its
 *                                  SYN,ACK at once (many stacks) as well as with the RFC's empty ACK
 *
 * <p>A SYN in TIME-WAIT falls under {@code challengeAcks}: challenge ACK, state kept. Reopening from
 * TIME-WAIT (MAY-2) is not modelled in v1.
 */
public record RuleChoices(boolean challengeAcks,
                          boolean rstClosesTimeWait,
                          boolean abortEntersClosed,
                          boolean finAckedByFinInFinWait1,
                          boolean crossingSynAckAccepted,
                          boolean synAckResendAnswersOldSyn) {

    /** tcpstory's v1 choices, as listed in the project's TCP rules. */
    public static final RuleChoices RFC_9293 = new RuleChoices(true, true, true, true, true, true);
}
