package org.tcpstory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tcpstory.engine.Stories.assertClean;
import static org.tcpstory.engine.Stories.run;
import static org.tcpstory.engine.Stories.states;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The valid scenarios V1 to V22 of the project's TCP rules: each is accepted with no diagnostic, and
 * each peer passes through the states the scenario names, in order.
 */
class ValidScenariosTest {

    private static final String CLIENT = "state: CLOSED, isn: x";
    private static final String SERVER = "state: LISTEN, isn: y";
    private static final String OPEN_A = "state: ESTABLISHED, seq: u";
    private static final String OPEN_B = "state: ESTABLISHED, seq: v";

    private static void assertPaths(ChapterResult result, String[] a, String[] b) {
        assertClean(result);
        assertEquals(states(a), result.path("A"), "A's states");
        assertEquals(states(b), result.path("B"), "B's states");
    }

    @Test
    @DisplayName("V1 three-way handshake (Figure 6)")
    void handshake() {
        ChapterResult result = run(CLIENT, SERVER,
                "A -> B: SYN, seq=x",
                "B -> A: SYN, ACK, seq=y, ack=x+1",
                "A -> B: ACK, seq=x+1, ack=y+1",
                "expect A ESTABLISHED, B ESTABLISHED");
        assertPaths(result, new String[] {"CLOSED", "SYN-SENT", "ESTABLISHED"},
                new String[] {"LISTEN", "SYN-RECEIVED", "ESTABLISHED"});
        // Step by step: after the SYN, A is SYN-SENT and B SYN-RECEIVED.
        assertEquals(states("SYN-SENT", "SYN-RECEIVED"), result.steps().get(0).statesAfter());
        assertEquals(states("ESTABLISHED", "SYN-RECEIVED"), result.steps().get(1).statesAfter());
        assertEquals(Rule.SYN_IN_LISTEN, result.steps().get(0).changes().get(1).rule());
    }

    @Test
    @DisplayName("V1 without declared ISNs: the first seq each side writes defines its ISN")
    void handshakeWithoutDeclaredIsns() {
        ChapterResult result = run("state: CLOSED", "state: LISTEN",
                "A -> B: SYN, seq=x",
                "B -> A: SYN, ACK, seq=y, ack=x+1",
                "A -> B: ACK, seq=x+1, ack=y+1");
        assertPaths(result, new String[] {"CLOSED", "SYN-SENT", "ESTABLISHED"},
                new String[] {"LISTEN", "SYN-RECEIVED", "ESTABLISHED"});
    }

    @Test
    @DisplayName("V2 data both ways, acknowledged by byte count")
    void data() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: ACK, PSH, seq=u, ack=v, len=100",
                "B -> A: ACK, seq=v, ack=u+100",
                "B -> A: ACK, PSH, seq=v, ack=u+100, len=50",
                "A -> B: ACK, seq=u+100, ack=v+50");
        assertPaths(result, new String[] {"ESTABLISHED"}, new String[] {"ESTABLISHED"});
    }

    @Test
    @DisplayName("V3 four-way close (Figure 12)")
    void fourWayClose() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: FIN, ACK, seq=u, ack=v",
                "expect A FIN-WAIT-1, B CLOSE-WAIT",
                "B -> A: ACK, seq=v, ack=u+1",
                "expect A FIN-WAIT-2",
                "B -> A: FIN, ACK, seq=v, ack=u+1",
                "expect A TIME-WAIT, B LAST-ACK",
                "A -> B: ACK, seq=u+1, ack=v+1",
                "expect B CLOSED",
                "wait 2MSL",
                "expect A CLOSED");
        assertPaths(result, new String[] {"ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED"},
                new String[] {"ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"});
    }

    @Test
    @DisplayName("V4 three-segment close: FIN-WAIT-1 straight to TIME-WAIT (Note 2)")
    void threeSegmentClose() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: FIN, ACK, seq=u, ack=v",
                "B -> A: FIN, ACK, seq=v, ack=u+1",
                "expect A TIME-WAIT",
                "A -> B: ACK, seq=u+1, ack=v+1",
                "wait 2MSL");
        assertPaths(result, new String[] {"ESTABLISHED", "FIN-WAIT-1", "TIME-WAIT", "CLOSED"},
                new String[] {"ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"});
    }

    @Test
    @DisplayName("V5 simultaneous open (Figure 7)")
    void simultaneousOpen() {
        ChapterResult result = run(CLIENT, "state: CLOSED, isn: y",
                "A ~> B: SYN, seq=x as s1",
                "B ~> A: SYN, seq=y as s2",
                "s1 arrives",
                "s2 arrives",
                "expect A SYN-RECEIVED, B SYN-RECEIVED",
                "A ~> B: SYN, ACK, seq=x, ack=y+1 as sa1",
                "B ~> A: SYN, ACK, seq=y, ack=x+1 as sa2",
                "sa1 arrives",
                "sa2 arrives");
        assertPaths(result, new String[] {"CLOSED", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED"},
                new String[] {"CLOSED", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED"});
    }

    @Test
    @DisplayName("V6 simultaneous close through CLOSING (Figure 13)")
    void simultaneousClose() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A ~> B: FIN, ACK, seq=u, ack=v as f1",
                "B ~> A: FIN, ACK, seq=v, ack=u as f2",
                "f1 arrives",
                "f2 arrives",
                "expect A CLOSING, B CLOSING",
                "A -> B: ACK, seq=u+1, ack=v+1",
                "B -> A: ACK, seq=v+1, ack=u+1",
                "expect A TIME-WAIT, B TIME-WAIT",
                "wait 2MSL");
        assertPaths(result, new String[] {"ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT", "CLOSED"},
                new String[] {"ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT", "CLOSED"});
    }

    @Test
    @DisplayName("V7 half-close: data keeps flowing into FIN-WAIT-2")
    void halfClose() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: FIN, ACK, seq=u, ack=v",
                "B -> A: ACK, seq=v, ack=u+1",
                "B -> A: ACK, PSH, seq=v, ack=u+1, len=500",
                "A -> B: ACK, seq=u+1, ack=v+500",
                "B -> A: FIN, ACK, seq=v+500, ack=u+1",
                "A -> B: ACK, seq=u+1, ack=v+501",
                "expect A TIME-WAIT, B CLOSED");
        assertPaths(result, new String[] {"ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT"},
                new String[] {"ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"});
    }

    @Test
    @DisplayName("V8 connection refused: a SYN to a CLOSED port gets <SEQ=0><ACK=x+1><RST,ACK>")
    void refused() {
        ChapterResult result = run(CLIENT, "state: CLOSED",
                "A -> B: SYN, seq=x",
                "B -> A: RST, ACK, seq=0, ack=x+1");
        assertPaths(result, new String[] {"CLOSED", "SYN-SENT", "CLOSED"}, new String[] {"CLOSED"});
    }

    @Test
    @DisplayName("V9 RST abort in ESTABLISHED")
    void abort() {
        ChapterResult result = run(OPEN_A, OPEN_B, "A -> B: RST, seq=u");
        assertPaths(result, new String[] {"ESTABLISHED", "CLOSED"}, new String[] {"ESTABLISHED", "CLOSED"});
        assertEquals(Rule.ABORT_SENDS_RST, result.steps().get(0).changes().get(0).rule());
    }

    @Test
    @DisplayName("V10 lost SYN, resent unchanged after the RTO")
    void lostSyn() {
        ChapterResult result = run(CLIENT, SERVER,
                "A -x B: SYN, seq=x",
                "wait RTO",
                "A -> B: SYN, seq=x",
                "B -> A: SYN, ACK, seq=y, ack=x+1",
                "A -> B: ACK, seq=x+1, ack=y+1");
        assertPaths(result, new String[] {"CLOSED", "SYN-SENT", "ESTABLISHED"},
                new String[] {"LISTEN", "SYN-RECEIVED", "ESTABLISHED"});
        assertEquals(Rule.RETRANSMISSION, result.steps().get(2).changes().get(0).rule());
    }

    @Test
    @DisplayName("V11 lost SYN,ACK, the RFC's way: an ACK for the old SYN, then the timer resends")
    void lostSynAckRfc() {
        ChapterResult result = run(CLIENT, SERVER,
                "A -> B: SYN, seq=x",
                "B -x A: SYN, ACK, seq=y, ack=x+1",
                "wait RTO",
                "A -> B: SYN, seq=x",
                "B -> A: ACK, seq=y+1, ack=x+1",
                "expect A SYN-SENT",
                "wait RTO",
                "B -> A: SYN, ACK, seq=y, ack=x+1",
                "A -> B: ACK, seq=x+1, ack=y+1");
        assertPaths(result, new String[] {"CLOSED", "SYN-SENT", "ESTABLISHED"},
                new String[] {"LISTEN", "SYN-RECEIVED", "ESTABLISHED"});
    }

    @Test
    @DisplayName("V11 lost SYN,ACK, the stacks' way: the SYN,ACK again at once")
    void lostSynAckResentAtOnce() {
        ChapterResult result = run(CLIENT, SERVER,
                "A -> B: SYN, seq=x",
                "B -x A: SYN, ACK, seq=y, ack=x+1",
                "wait RTO",
                "A -> B: SYN, seq=x",
                "B -> A: SYN, ACK, seq=y, ack=x+1",
                "A -> B: ACK, seq=x+1, ack=y+1");
        assertPaths(result, new String[] {"CLOSED", "SYN-SENT", "ESTABLISHED"},
                new String[] {"LISTEN", "SYN-RECEIVED", "ESTABLISHED"});
    }

    @Test
    @DisplayName("V12 lost third ACK: the first data completes the handshake")
    void lostThirdAck() {
        ChapterResult result = run(CLIENT, SERVER,
                "A -> B: SYN, seq=x",
                "B -> A: SYN, ACK, seq=y, ack=x+1",
                "A -x B: ACK, seq=x+1, ack=y+1",
                "expect B SYN-RECEIVED",
                "A -> B: ACK, PSH, seq=x+1, ack=y+1, len=100",
                "B -> A: ACK, seq=y+1, ack=x+101");
        assertPaths(result, new String[] {"CLOSED", "SYN-SENT", "ESTABLISHED"},
                new String[] {"LISTEN", "SYN-RECEIVED", "ESTABLISHED"});
    }

    @Test
    @DisplayName("V13 lost FIN, resent unchanged")
    void lostFin() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -x B: FIN, ACK, seq=u, ack=v",
                "wait RTO",
                "A -> B: FIN, ACK, seq=u, ack=v",
                "B -> A: ACK, seq=v, ack=u+1");
        assertPaths(result, new String[] {"ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2"},
                new String[] {"ESTABLISHED", "CLOSE-WAIT"});
    }

    @Test
    @DisplayName("V14 lost final ACK: TIME-WAIT acknowledges the FIN again")
    void lostFinalAck() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: FIN, ACK, seq=u, ack=v",
                "B -> A: ACK, seq=v, ack=u+1",
                "B -> A: FIN, ACK, seq=v, ack=u+1",
                "A -x B: ACK, seq=u+1, ack=v+1",
                "wait RTO",
                "B -> A: FIN, ACK, seq=v, ack=u+1",
                "expect A TIME-WAIT, B LAST-ACK",
                "A -> B: ACK, seq=u+1, ack=v+1",
                "wait 2MSL");
        assertPaths(result, new String[] {"ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED"},
                new String[] {"ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"});
        assertEquals(Rule.FIN_AGAIN_IN_TIME_WAIT, result.steps().get(5).changes().get(1).rule());
    }

    @Test
    @DisplayName("V15 old duplicate SYN (Figure 8)")
    void oldDuplicateSyn() {
        ChapterResult result = run("state: CLOSED, isn: 100", "state: LISTEN",
                "A ~> B: SYN, seq=100 as syn",
                "old A -> B: SYN, seq=90",
                "B -> A: SYN, ACK, seq=300, ack=91",
                "A -> B: RST, seq=91",
                "expect B LISTEN",
                "syn arrives",
                "B -> A: SYN, ACK, seq=400, ack=101",
                "A -> B: ACK, seq=101, ack=401");
        assertPaths(result, new String[] {"CLOSED", "SYN-SENT", "ESTABLISHED"},
                new String[] {"LISTEN", "SYN-RECEIVED", "LISTEN", "SYN-RECEIVED", "ESTABLISHED"});
    }

    @Test
    @DisplayName("V16 half-open connection found after a reboot (Figure 9, RFC 5961)")
    void halfOpen() {
        ChapterResult result = run("state: CLOSED, isn: 400", "state: ESTABLISHED, seq: 300",
                "A -> B: SYN, seq=400",
                "B -> A: ACK, seq=300, ack=100",
                "A -> B: RST, seq=100",
                "expect A SYN-SENT, B CLOSED",
                "A -> B: SYN, seq=400",
                "B -> A: RST, ACK, seq=0, ack=401");
        assertPaths(result, new String[] {"CLOSED", "SYN-SENT", "CLOSED"}, new String[] {"ESTABLISHED", "CLOSED"});
    }

    @Test
    @DisplayName("V17 old SYN in TIME-WAIT: a challenge ACK, the state kept")
    void oldSynInTimeWait() {
        ChapterResult result = run("state: ESTABLISHED, seq: 1000", "state: ESTABLISHED, seq: 5000",
                "A -> B: FIN, ACK, seq=1000, ack=5000",
                "B -> A: FIN, ACK, seq=5000, ack=1001",
                "A -> B: ACK, seq=1001, ack=5001",
                "old B -> A: SYN, seq=6000",
                "expect A TIME-WAIT",
                "A -x B: ACK, seq=1001, ack=5001",
                "wait 2MSL");
        assertPaths(result, new String[] {"ESTABLISHED", "FIN-WAIT-1", "TIME-WAIT", "CLOSED"},
                new String[] {"ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"});
        assertEquals(Rule.SYN_CHALLENGED, result.steps().get(3).changes().get(0).rule());
    }

    @Test
    @DisplayName("V18 LISTEN answers a bare ACK with <SEQ=SEG.ACK><RST>")
    void listenGetsAck() {
        ChapterResult result = run("state: ESTABLISHED, seq: 17", "state: LISTEN",
                "A -> B: ACK, seq=17, ack=34",
                "expect B LISTEN",
                "B -> A: RST, seq=34");
        assertPaths(result, new String[] {"ESTABLISHED", "CLOSED"}, new String[] {"LISTEN"});
    }

    @Test
    @DisplayName("V19 sequence numbers wrap around 2^32")
    void wraparound() {
        ChapterResult result = run("state: CLOSED, isn: 4294967290", SERVER,
                "A -> B: SYN, seq=4294967290",
                "B -> A: SYN, ACK, seq=y, ack=4294967291",
                "A -> B: ACK, seq=4294967291, ack=y+1",
                "A -> B: ACK, PSH, seq=4294967291, ack=y+1, len=10",
                "B -> A: ACK, seq=y+1, ack=5",
                "A -> B: FIN, ACK, seq=5, ack=y+1",
                "B -> A: ACK, seq=y+1, ack=6");
        assertPaths(result, new String[] {"CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2"},
                new String[] {"LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT"});
        assertEquals(5, result.steps().get(4).ack());
    }

    @Test
    @DisplayName("V20 CLOSE in SYN-SENT sends nothing; the late SYN,ACK gets a RST from CLOSED")
    void closeInSynSent() {
        ChapterResult result = run(CLIENT, SERVER,
                "A -> B: SYN, seq=x",
                "A: close",
                "B -> A: SYN, ACK, seq=y, ack=x+1",
                "A -> B: RST, seq=x+1");
        assertPaths(result, new String[] {"CLOSED", "SYN-SENT", "CLOSED"},
                new String[] {"LISTEN", "SYN-RECEIVED", "LISTEN"});
    }

    @Test
    @DisplayName("V21 a RST inside the window but not at RCV.NXT gets a challenge ACK")
    void rstInWindow() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "old A -> B: RST, seq=u+100",
                "expect B ESTABLISHED",
                "B -> A: ACK, seq=v, ack=u");
        assertPaths(result, new String[] {"ESTABLISHED"}, new String[] {"ESTABLISHED"});
        assertEquals(Rule.RST_CHALLENGED, result.steps().get(0).changes().get(0).rule());
    }

    @Test
    @DisplayName("V22 old data outside the window gets a duplicate ACK")
    void outOfWindowData() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: ACK, PSH, seq=u, ack=v, len=100",
                "B -x A: ACK, seq=v, ack=u+100",
                "wait RTO",
                "A -> B: ACK, PSH, seq=u, ack=v, len=100",
                "B -> A: ACK, seq=v, ack=u+100");
        assertPaths(result, new String[] {"ESTABLISHED"}, new String[] {"ESTABLISHED"});
        assertEquals(Rule.SEGMENT_NOT_ACCEPTABLE, result.steps().get(3).changes().get(1).rule());
    }
}
