package org.tcpstory.engine;

/**
 * Every rule the engine applies, with the part of RFC 9293 (or RFC 5961) behind it. Transitions cite
 * the rule that allowed them, diagnostics the rule that was broken, so pages and messages can name it.
 */
public enum Rule {
    // Calls and sends that change the sender's state
    PASSIVE_OPEN("passive-open", "RFC 9293 §3.10.1", "a passive OPEN waits in LISTEN for a SYN"),
    ACTIVE_OPEN("active-open", "RFC 9293 §3.10.1", "an active OPEN sends a SYN and enters SYN-SENT"),
    CLOSE_SENDS_FIN("close-sends-fin", "RFC 9293 §3.10.4",
            "CLOSE sends a FIN: ESTABLISHED or SYN-RECEIVED enter FIN-WAIT-1, CLOSE-WAIT enters LAST-ACK"),
    CLOSE_SILENT("close", "RFC 9293 §3.10.4", "CLOSE in LISTEN or SYN-SENT deletes the connection and sends nothing"),
    CLOSE_ALREADY_CLOSING("close-again", "RFC 9293 §3.10.4",
            "CLOSE after our own FIN is allowed, but no second FIN is sent"),
    ABORT_SENDS_RST("abort-sends-rst", "RFC 9293 §3.10.5",
            "ABORT in a synchronized state or SYN-RECEIVED sends <SEQ=SND.NXT><RST> and deletes the connection"),
    ABORT_SILENT("abort", "RFC 9293 §3.10.5",
            "ABORT in LISTEN, SYN-SENT, CLOSING, LAST-ACK or TIME-WAIT deletes the connection and sends nothing"),
    SEND("send", "RFC 9293 §3.10.2", "data and ACKs go out at SND.NXT with ACK=RCV.NXT"),
    RETRANSMISSION("retransmission", "RFC 9293 §3.10.8",
            "a retransmission resends an unacknowledged segment unchanged"),
    SYN_ACK_SENT("syn-ack", "RFC 9293 §3.10.7.2", "the SYN,ACK answers a SYN: <SEQ=ISS><ACK=RCV.NXT><SYN,ACK>"),
    RST_ANSWER("rst-answer", "RFC 9293 §3.10.7.1",
            "a RST that answers a segment takes its numbers from that segment"),
    TIME_WAIT_TIMEOUT("time-wait-timeout", "RFC 9293 §3.6.1",
            "TIME-WAIT lasts 2MSL (MUST-13), then the connection is deleted"),

    // Segment arrival, in the order of §3.10.7
    CLOSED_ANSWERS_RST("closed-port", "RFC 9293 §3.10.7.1",
            "a segment for a CLOSED peer is answered with a RST (a RST itself is discarded)"),
    LISTEN_IGNORES_RST("listen-rst", "RFC 9293 §3.10.7.2", "a RST in LISTEN is ignored"),
    LISTEN_ANSWERS_ACK("listen-ack", "RFC 9293 §3.10.7.2",
            "an ACK in LISTEN is answered with <SEQ=SEG.ACK><RST>; the state stays LISTEN"),
    SYN_IN_LISTEN("syn-in-listen", "RFC 9293 §3.10.7.2",
            "a SYN in LISTEN sets IRS, enters SYN-RECEIVED and is answered with a SYN,ACK"),
    LISTEN_DROPS("listen-drop", "RFC 9293 §3.10.7.2", "LISTEN drops anything that is not a SYN"),
    LISTEN_DROPS_SYN_ACK("listen-syn-ack", "RFC 9293 §3.10.7.2",
            "a SYN,ACK in LISTEN is dropped without a RST (FreeBSD); RFC 9293 and Linux answer it as any ACK"),
    SYN_SENT_BAD_ACK("syn-sent-bad-ack", "RFC 9293 §3.10.7.3",
            "in SYN-SENT an ACK with SEG.ACK =< ISS or > SND.NXT is answered with <SEQ=SEG.ACK><RST>"),
    SYN_SENT_RST("syn-sent-rst", "RFC 9293 §3.10.7.3",
            "in SYN-SENT a RST with an acceptable ACK means the connection was refused"),
    SYN_SENT_DROPS("syn-sent-drop", "RFC 9293 §3.10.7.3", "SYN-SENT drops a segment with neither SYN nor an acceptable RST"),
    SYN_ACK_ESTABLISHES("syn-ack-received", "RFC 9293 §3.10.7.3",
            "a SYN,ACK that acknowledges our SYN establishes the connection; it is answered with an ACK"),
    SIMULTANEOUS_OPEN("simultaneous-open", "RFC 9293 §3.10.7.3",
            "a SYN without ACK in SYN-SENT: both sides opened at once; enter SYN-RECEIVED and send a SYN,ACK"),
    CROSSING_SYN_ACK("crossing-syn-ack", "RFC 9293 Appendix A.2",
            "in a simultaneous open, the SYN,ACK that crosses ours is accepted although Table 6 would drop it"),
    SEGMENT_NOT_ACCEPTABLE("not-acceptable", "RFC 9293 §3.10.7.4",
            "a segment outside the receive window is dropped and answered with <SEQ=SND.NXT><ACK=RCV.NXT><ACK>"),
    RST_RESETS("rst-received", "RFC 9293 §3.10.7.4",
            "a RST with SEG.SEQ = RCV.NXT resets the connection"),
    RST_WITH_BAD_ACK_IGNORED("syn-received-rst-bad-ack", "RFC 9293 §3.10.7.4",
            "a RST,ACK whose ACK is not acceptable leaves SYN-RECEIVED (from LISTEN) as it is: the listener "
                    + "gets it and ignores a RST (Linux)"),
    RST_CHALLENGED("rst-challenge", "RFC 5961 §3.2",
            "a RST inside the window but not at RCV.NXT is answered with a challenge ACK and dropped"),
    SYN_CHALLENGED("syn-challenge", "RFC 5961 §4.2",
            "a SYN in a synchronized state is answered with a challenge ACK and dropped"),
    SYN_RETURNS_TO_LISTEN("syn-back-to-listen", "RFC 9293 §3.10.7.4",
            "a SYN in SYN-RECEIVED that began with a passive OPEN returns the connection to LISTEN"),
    ACK_BIT_OFF("ack-bit-off", "RFC 9293 §3.10.7.4",
            "once synchronized, a segment without the ACK bit is dropped"),
    ACK_ESTABLISHES("ack-in-syn-received", "RFC 9293 §3.10.7.4",
            "an ACK with SND.UNA < SEG.ACK =< SND.NXT in SYN-RECEIVED establishes the connection"),
    SYN_RECEIVED_BAD_ACK("syn-received-bad-ack", "RFC 9293 §3.10.7.4",
            "an unacceptable ACK in SYN-RECEIVED is answered with <SEQ=SEG.ACK><RST>"),
    ACK_OF_UNSENT("ack-of-unsent", "RFC 9293 §3.10.7.4",
            "an ACK of something not yet sent is answered with an ACK and dropped"),
    ACK_RECEIVED("ack-received", "RFC 9293 §3.10.7.4", "an acceptable ACK advances SND.UNA"),
    FIN_ACKED_IN_FIN_WAIT_1("fin-wait-1-acked", "RFC 9293 §3.10.7.4",
            "FIN-WAIT-1 enters FIN-WAIT-2 once its FIN is acknowledged"),
    FIN_ACKED_IN_CLOSING("closing-acked", "RFC 9293 §3.10.7.4",
            "CLOSING enters TIME-WAIT once its FIN is acknowledged"),
    FIN_ACKED_IN_LAST_ACK("last-ack-acked", "RFC 9293 §3.10.7.4",
            "LAST-ACK deletes the connection once its FIN is acknowledged"),
    DATA_RECEIVED("data-received", "RFC 9293 §3.10.7.4",
            "data at RCV.NXT is accepted, RCV.NXT advances by its length, and it is acknowledged"),
    DATA_AFTER_FIN_IGNORED("data-ignored", "RFC 9293 §3.10.7.4",
            "text after the peer's FIN is ignored"),
    FIN_RECEIVED("fin-received", "RFC 9293 §3.10.7.4",
            "a FIN takes one sequence number and is acknowledged; SYN-RECEIVED and ESTABLISHED enter CLOSE-WAIT"),
    SIMULTANEOUS_CLOSE("simultaneous-close", "RFC 9293 §3.10.7.4",
            "FIN-WAIT-1 receiving a FIN that does not acknowledge its own FIN enters CLOSING"),
    FIN_AND_ACK_IN_FIN_WAIT_1("fin-wait-1-fin-ack", "RFC 9293 §3.3.2 Note 2",
            "FIN-WAIT-1 receiving a FIN that also acknowledges its own FIN enters TIME-WAIT"),
    FIN_IN_FIN_WAIT_2("fin-wait-2-fin", "RFC 9293 §3.10.7.4", "FIN-WAIT-2 receiving a FIN enters TIME-WAIT"),
    FIN_AGAIN_IN_TIME_WAIT("time-wait-fin", "RFC 9293 §3.10.7.4",
            "TIME-WAIT acknowledges a retransmitted FIN and restarts the 2MSL timeout"),
    SYN_AGAIN_IN_SYN_RECEIVED("syn-again", "RFC 9293 §3.10.7.4",
            "SYN-RECEIVED gets the SYN again (its SYN,ACK was lost): RFC 9293 answers with an ACK, stacks with the SYN,ACK again"),
    FIN_AGAIN_IN_CLOSING("closing-fin-again", "RFC 9293 Appendix A.2",
            "in CLOSING the other side's FIN again, now acknowledging ours, is taken for that ACK: TIME-WAIT"),
    WINDOW_TRIMMED("window-trimmed", "RFC 9293 §3.10.7.4",
            "octets beyond the receive window are not taken: the segment is trimmed to the window"),
    WINDOW_DROPPED("window-dropped", "RFC 9293 §3.10.7.4",
            "a segment that ends beyond the receive window is dropped whole and answered with an ACK (Linux)"),
    RST_IGNORED_IN_TIME_WAIT("time-wait-rst", "RFC 1337",
            "a RST in TIME-WAIT is ignored, so that no stray RST ends TIME-WAIT early (FreeBSD)"),
    RST_DROPPED_IN_TIME_WAIT("time-wait-rst-window", "RFC 5961 §3.2",
            "in TIME-WAIT a RST inside the window but not at RCV.NXT is dropped without a challenge ACK (Linux, FreeBSD)"),
    TIME_WAIT_REOPENED("time-wait-syn", "RFC 9293 §3.10.7.4 MAY-2, RFC 6191",
            "a SYN above the old connection's numbers reopens TIME-WAIT as a new connection (Linux, FreeBSD)"),
    ANSWER_OWED("answer-owed", "RFC 9293 §3.10.7", "a segment the RFC says must be answered was never answered"),
    STILL_IN_FLIGHT("still-in-flight", "", "a segment sent with ~> never arrives"),

    // What a story may not do
    SEQ_NUMBER("seq-number", "RFC 9293 §3.4",
            "seq is the sender's SND.NXT, or repeats an unacknowledged segment; SYN and FIN take one number, data its length"),
    ACK_NUMBER("ack-number", "RFC 9293 §3.4",
            "ack is the sender's RCV.NXT: the next sequence number it has really received"),
    ACK_REQUIRED("ack-required", "RFC 9293 §3.10.7.4",
            "once synchronized, every segment but a RST carries ACK (§3.1); one without is dropped"),
    CONNECTION_CLOSING("data-after-fin", "RFC 9293 §3.10.2",
            "no data after the sender's own FIN: SEND answers \"connection closing\""),
    NOT_CONNECTED("not-connected", "RFC 9293 §3.10.2",
            "data and ACKs need a synchronized connection"),
    SYN_STATE("syn-state", "RFC 9293 §3.10.1",
            "a SYN opens a connection from CLOSED or LISTEN; a SYN,ACK answers a SYN in SYN-RECEIVED"),
    SECOND_FIN("second-fin", "RFC 9293 §3.10.4", "a second CLOSE does not send a second FIN"),
    FIN_STATE("fin-state", "RFC 9293 §3.10.4", "a FIN needs a connection: CLOSE in CLOSED, LISTEN or SYN-SENT sends nothing"),
    RST_STATE("rst-state", "RFC 9293 §3.5.2",
            "a RST answers a segment that needs one, or aborts a synchronized connection; a RST is never answered with a RST"),
    RST_NUMBERS("rst-numbers", "RFC 9293 §3.10.7.1",
            "a RST that answers a segment is <SEQ=SEG.ACK><RST>, or <SEQ=0><ACK=SEG.SEQ+SEG.LEN><RST,ACK> when it had no ACK"),
    EARLY_RETRANSMISSION("early-retransmission", "RFC 6298 §5, RFC 5681 §3.2, RFC 6675 §5, RFC 6582 §3.2, RFC 8985 §6.2, §7",
            "a sender resends what it sent only after a sign of its loss: its retransmission timer (wait RTO), "
                    + "three duplicate ACKs, a SACK that leaves it out, a partial ACK in recovery, a segment sent after "
                    + "it delivered first, or, for its last segment, the probe timeout (wait PTO)"),
    FIRST_AFTER_TIMEOUT("rto-first", "RFC 6298 §5.4",
            "when the retransmission timer expires, the sender resends its earliest unacknowledged segment first"),
    RETRANSMISSION_CHANGED("retransmission-changed", "RFC 9293 §3.10.8",
            "a retransmitted SYN or FIN repeats the original's seq; a different ISN is a new connection"),
    WINDOW("window", "RFC 9293 §3.8.6",
            "a sender sends no octet beyond the right edge of its peer's window, but one to probe a zero window"),
    WINDOW_SHRUNK("window-shrunk", "RFC 9293 §3.8.6.2.2",
            "a receiver should not move the right edge of its window to the left (shrink the window)"),
    PROFILE("profile", "", "profile: names rfc9293, linux or freebsd"),
    CONGESTION("congestion", "", "congestion: names reno, or none"),
    OPTION_PLACE("option-place", "RFC 9293 §3.7.1, RFC 7323 §2.2, RFC 2018 §2",
            "MSS, window scale and SACK-permitted go only in SYNs; a SYN,ACK carries window scale, "
                    + "SACK-permitted and timestamps only when the SYN did"),
    OPTION_VALUE("option-value", "RFC 9293 §3.7.1, RFC 7323 §2.3",
            "an MSS is a 16-bit number; a window scale shift above 14 is used as 14"),
    MSS_EXCEEDED("mss", "RFC 9293 §3.7.1", "a segment carries no more data than the MSS its receiver announced"),
    SACK_NOT_PERMITTED("sack-permitted", "RFC 2018 §2", "SACK blocks need sackOK on both SYNs"),
    SACK_BLOCK("sack-block", "RFC 2018 §4, RFC 2883",
            "a SACK block names octets received and held above RCV.NXT; a first block below it (D-SACK) names "
                    + "octets that arrived twice"),
    TIMESTAMPS_MISSING("ts-missing", "RFC 7323 §3.2",
            "once both SYNs carried timestamps, every segment but a RST carries them"),
    TIMESTAMPS_NOT_NEGOTIATED("ts-not-negotiated", "RFC 7323 §3.2",
            "timestamps are sent only when both SYNs carried them"),
    TIMESTAMP_ECHO("ts-echo", "RFC 7323 §4.3",
            "TSecr echoes TS.Recent: the TSval of the earliest segment this ACK acknowledges"),
    TIMESTAMP_ORDER("ts-order", "RFC 7323 §5.4", "a peer's TSval never goes back"),
    PAWS("paws", "RFC 7323 §5.3",
            "a segment whose TSval is older than TS.Recent is dropped (PAWS) and answered with an ACK"),
    DUPLICATE_ACK("dup-ack", "RFC 5681 §2",
            "an ACK that repeats SND.UNA while data is outstanding, with no data and the same window, is a duplicate ACK"),
    FAST_RETRANSMIT("fast-retransmit", "RFC 5681 §3.2",
            "the third duplicate ACK calls for the retransmission of the first unacknowledged segment"),
    FIRST_AFTER_FAST_RETRANSMIT("fast-retransmit-first", "RFC 5681 §3.2",
            "after the third duplicate ACK the sender resends the first unacknowledged segment before new data"),
    CONGESTION_WINDOW("cwnd", "RFC 5681 §3.1",
            "with congestion control on, the octets in flight stay within the congestion and receive windows"),
    CALL_STATE("call-state", "RFC 9293 §3.10", "the call is not allowed in this state"),
    EXPECT_STATE("expect-state", "", "an expect line claims a state the peer is not in"),
    WAIT_WITHOUT_TIME_WAIT("wait-2msl", "RFC 9293 §3.6.1", "wait 2MSL only ends TIME-WAIT"),
    START_STATE("start-state", "", "a chapter starts in CLOSED, LISTEN or ESTABLISHED, or continues another chapter"),
    UNKNOWN_NAME("unknown-name", "", "every peer, state and in-flight name must be declared"),
    UNBOUND_SYMBOL("unbound-symbol", "RFC 9293 §3.4",
            "a symbol gets its value from the first place the engine can expect one"),
    DUPLICATE_FLIGHT("duplicate-flight", "", "two segments in flight cannot share a name"),
    SELF_SEND("self-send", "", "a peer sends to the other peer"),
    CONTINUES("continues", "", "continues: names an earlier chapter, without cycles"),
    DUPLICATE_SLUG("duplicate-slug", "", "each chapter has its own slug");

    private final String id;
    private final String reference;
    private final String summary;

    Rule(String id, String reference, String summary) {
        this.id = id;
        this.reference = reference;
        this.summary = summary;
    }

    /** The stable name used in diagnostics, JSON output and tests. */
    public String id() {
        return id;
    }

    /** The RFC and section behind the rule, or an empty string for rules of the story format. */
    public String reference() {
        return reference;
    }

    public String summary() {
        return summary;
    }
}
