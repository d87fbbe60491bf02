package org.tcpstory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpstory.engine.Stories.lineOf;
import static org.tcpstory.engine.Stories.onlyError;
import static org.tcpstory.engine.Stories.run;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tcpstory.diagnostic.Diagnostic;

/**
 * The invalid stories I1 to I13 of the project's TCP rules: each is rejected with exactly one error, on
 * the line of the mistake, naming the rule. The lines after the mistake are written as the author
 * meant them, so they also show that the engine recovers without a cascade.
 */
class InvalidScenariosTest {

    private static final String CLIENT = "state: CLOSED, isn: x";
    private static final String SERVER = "state: LISTEN, isn: y";
    private static final String OPEN_A = "state: ESTABLISHED, seq: u";
    private static final String OPEN_B = "state: ESTABLISHED, seq: v";

    private static Diagnostic assertOneError(ChapterResult result, int eventIndex, Rule rule) {
        Diagnostic error = onlyError(result);
        assertEquals(lineOf(eventIndex), error.position().line(), () -> "line of " + error.message());
        assertEquals(rule.id(), error.rule(), () -> "rule of " + error.message());
        return error;
    }

    private static void assertDetail(Diagnostic error, String expected) {
        assertTrue(error.details().stream().anyMatch(d -> d.contains(expected)),
                () -> "details " + error.details() + " should mention " + expected);
    }

    @Test
    @DisplayName("I1 the ACK of a FIN at u is ack=u+1, not ack=u")
    void ackOfFinIsOneMore() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: FIN, ACK, seq=u, ack=v",
                "B -> A: ACK, seq=v, ack=u",
                "expect A FIN-WAIT-2");
        Diagnostic error = assertOneError(result, 1, Rule.ACK_NUMBER);
        assertDetail(error, "expected ack=u+1");
        assertEquals(21, error.position().column(), "points at ack=");
    }

    @Test
    @DisplayName("I2 no data after the sender's own FIN")
    void dataAfterFin() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: FIN, ACK, seq=u, ack=v",
                "B -> A: ACK, seq=v, ack=u+1",
                "A -> B: ACK, PSH, seq=u+1, ack=v, len=10",
                "B -> A: ACK, seq=v, ack=u+11");
        assertOneError(result, 2, Rule.CONNECTION_CLOSING);
    }

    @Test
    @DisplayName("I3 FIN-WAIT-2 receiving a FIN enters TIME-WAIT, not CLOSED")
    void finWait2GoesToTimeWait() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: FIN, ACK, seq=u, ack=v",
                "B -> A: ACK, seq=v, ack=u+1",
                "B -> A: FIN, ACK, seq=v, ack=u+1",
                "expect A CLOSED",
                "A -> B: ACK, seq=u+1, ack=v+1");
        Diagnostic error = assertOneError(result, 3, Rule.EXPECT_STATE);
        assertDetail(error, "wait 2MSL");
    }

    @Test
    @DisplayName("I3 TIME-WAIT does not end before 2MSL")
    void timeWaitLasts2Msl() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: FIN, ACK, seq=u, ack=v",
                "B -> A: FIN, ACK, seq=v, ack=u+1",
                "A -> B: ACK, seq=u+1, ack=v+1",
                "expect A CLOSED, B CLOSED");
        assertOneError(result, 3, Rule.EXPECT_STATE);
    }

    @Test
    @DisplayName("I4 once synchronized, a FIN without ACK is an error")
    void finWithoutAck() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: FIN, seq=u",
                "expect A FIN-WAIT-1, B CLOSE-WAIT",
                "B -> A: ACK, seq=v, ack=u+1");
        assertOneError(result, 0, Rule.ACK_REQUIRED);
    }

    @Test
    @DisplayName("I5 a SYN,ACK with ack=x does not acknowledge the SYN")
    void synAckWithAckX() {
        ChapterResult result = run(CLIENT, SERVER,
                "A -> B: SYN, seq=x",
                "B -> A: SYN, ACK, seq=y, ack=x",
                "expect A ESTABLISHED",
                "A -> B: ACK, seq=x+1, ack=y+1");
        Diagnostic error = assertOneError(result, 1, Rule.ACK_NUMBER);
        assertDetail(error, "expected ack=x+1");
    }

    @Test
    @DisplayName("I6 the third ACK with ack=y does not establish the connection")
    void thirdAckWithAckY() {
        ChapterResult result = run(CLIENT, SERVER,
                "A -> B: SYN, seq=x",
                "B -> A: SYN, ACK, seq=y, ack=x+1",
                "A -> B: ACK, seq=x+1, ack=y",
                "expect B ESTABLISHED");
        assertDetail(assertOneError(result, 2, Rule.ACK_NUMBER), "expected ack=y+1");
    }

    @Test
    @DisplayName("I6 nor does one with ack=y+2")
    void thirdAckWithAckYPlus2() {
        ChapterResult result = run(CLIENT, SERVER,
                "A -> B: SYN, seq=x",
                "B -> A: SYN, ACK, seq=y, ack=x+1",
                "A -> B: ACK, seq=x+1, ack=y+2");
        assertDetail(assertOneError(result, 2, Rule.ACK_NUMBER), "expected ack=y+1");
    }

    @Test
    @DisplayName("I7 after 100 bytes at x+1 the next segment starts at x+101, not x+100")
    void nextSeqAfterData() {
        ChapterResult result = run("state: ESTABLISHED, seq: x+1", "state: ESTABLISHED, seq: y+1",
                "A -> B: ACK, PSH, seq=x+1, ack=y+1, len=100",
                "B -> A: ACK, seq=y+1, ack=x+101",
                "A -> B: ACK, PSH, seq=x+100, ack=y+1, len=10",
                "B -> A: ACK, seq=y+1, ack=x+111");
        assertDetail(assertOneError(result, 2, Rule.SEQ_NUMBER), "expected seq=x+101");
    }

    @Test
    @DisplayName("I7 acknowledged data is not resent at x+1")
    void acknowledgedDataIsNotResent() {
        ChapterResult result = run("state: ESTABLISHED, seq: x+1", "state: ESTABLISHED, seq: y+1",
                "A -> B: ACK, PSH, seq=x+1, ack=y+1, len=100",
                "B -> A: ACK, seq=y+1, ack=x+101",
                "A -> B: ACK, PSH, seq=x+1, ack=y+1, len=100");
        Diagnostic error = assertOneError(result, 2, Rule.SEQ_NUMBER);
        assertDetail(error, "acknowledged already");
    }

    @Test
    @DisplayName("I7 an ACK of x+102 acknowledges a byte never sent")
    void ackBeyondData() {
        ChapterResult result = run("state: ESTABLISHED, seq: x+1", "state: ESTABLISHED, seq: y+1",
                "A -> B: ACK, PSH, seq=x+1, ack=y+1, len=100",
                "B -> A: ACK, seq=y+1, ack=x+102");
        assertDetail(assertOneError(result, 1, Rule.ACK_NUMBER), "expected ack=x+101");
    }

    @Test
    @DisplayName("I8 LISTEN does not move on a bare ACK")
    void listenKeepsStateOnAck() {
        ChapterResult result = run("state: ESTABLISHED, seq: 17", "state: LISTEN",
                "A -> B: ACK, seq=17, ack=34",
                "expect B SYN-RECEIVED",
                "B -> A: RST, seq=34");
        assertOneError(result, 1, Rule.EXPECT_STATE);
    }

    @Test
    @DisplayName("I8 LISTEN answers a SYN,ACK with a RST, and stays")
    void listenKeepsStateOnSynAck() {
        ChapterResult result = run("state: CLOSED, isn: 50", "state: LISTEN",
                "old A -> B: SYN, ACK, seq=50, ack=700",
                "expect B ESTABLISHED",
                "B -> A: RST, seq=700");
        assertOneError(result, 1, Rule.EXPECT_STATE);
    }

    @Test
    @DisplayName("I9 a RST inside the window but not at RCV.NXT does not abort (RFC 5961)")
    void rstNotAtRcvNxt() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "old A -> B: RST, seq=u+100",
                "expect B CLOSED",
                "B -> A: ACK, seq=v, ack=u");
        assertOneError(result, 1, Rule.EXPECT_STATE);
    }

    @Test
    @DisplayName("I9 a RST is never answered with a RST")
    void rstForRst() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: RST, seq=u",
                "B -> A: RST, seq=v");
        assertDetail(assertOneError(result, 1, Rule.RST_STATE), "never answered with a RST");
    }

    @Test
    @DisplayName("I10 a second CLOSE does not send a second FIN")
    void secondFin() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: FIN, ACK, seq=u, ack=v",
                "A -> B: FIN, ACK, seq=u+1, ack=v",
                "B -> A: ACK, seq=v, ack=u+2");
        assertOneError(result, 1, Rule.SECOND_FIN);
    }

    @Test
    @DisplayName("I10 CLOSE in CLOSE-WAIT leads to LAST-ACK, not FIN-WAIT-1")
    void closeWaitGoesToLastAck() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: FIN, ACK, seq=u, ack=v",
                "B -> A: FIN, ACK, seq=v, ack=u+1",
                "expect B FIN-WAIT-1",
                "A -> B: ACK, seq=u+1, ack=v+1");
        assertOneError(result, 2, Rule.EXPECT_STATE);
    }

    @Test
    @DisplayName("I11 FIN-WAIT-1 receiving a FIN that does not ACK its own enters CLOSING")
    void closingNotTimeWait() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A ~> B: FIN, ACK, seq=u, ack=v as f1",
                "B -> A: FIN, ACK, seq=v, ack=u",
                "expect A TIME-WAIT",
                "f1 arrives",
                "A -> B: ACK, seq=u+1, ack=v+1",
                "B -> A: ACK, seq=v+1, ack=u+1");
        Diagnostic error = assertOneError(result, 2, Rule.EXPECT_STATE);
        assertDetail(error, "CLOSING");
    }

    @Test
    @DisplayName("I12 a resent SYN keeps its seq")
    void resentSynChanged() {
        ChapterResult result = run(CLIENT, SERVER,
                "A -x B: SYN, seq=x",
                "wait RTO",
                "A -> B: SYN, seq=x+5");
        assertDetail(assertOneError(result, 2, Rule.RETRANSMISSION_CHANGED), "expected seq=x");
    }

    @Test
    @DisplayName("I12 a resent FIN keeps its seq")
    void resentFinChanged() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -x B: FIN, ACK, seq=u, ack=v",
                "wait RTO",
                "A -> B: FIN, ACK, seq=u+3, ack=v",
                "B -> A: ACK, seq=v, ack=u+1");
        assertDetail(assertOneError(result, 2, Rule.RETRANSMISSION_CHANGED), "expected seq=u");
    }

    @Test
    @DisplayName("I13 nobody acknowledges data still in flight")
    void ackOfDataInFlight() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A ~> B: ACK, PSH, seq=u, ack=v, len=10 as d1",
                "B -> A: ACK, seq=v, ack=u+10",
                "d1 arrives",
                "B -> A: ACK, seq=v, ack=u+10");
        Diagnostic error = assertOneError(result, 1, Rule.ACK_NUMBER);
        assertDetail(error, "d1 is still in flight");
    }

    @Test
    @DisplayName("I13 nor data that was lost")
    void ackOfLostData() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -x B: ACK, PSH, seq=u, ack=v, len=10",
                "B -> A: ACK, seq=v, ack=u+10");
        assertDetail(assertOneError(result, 1, Rule.ACK_NUMBER), "expected ack=u");
    }
}
