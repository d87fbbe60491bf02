package org.tcpstory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpstory.engine.Stories.describe;
import static org.tcpstory.engine.Stories.lineOf;
import static org.tcpstory.engine.Stories.run;
import static org.tcpstory.engine.Stories.states;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Severity;
import org.tcpstory.story.Chapter;

/** Recovery after errors, loose ends, names, and {@code continues:} across chapters. */
class StoryEngineTest {

    private static final String OPEN_A = "state: ESTABLISHED, seq: u";
    private static final String OPEN_B = "state: ESTABLISHED, seq: v";

    private static Chapter story(String file, String frontMatter, String... events) {
        return Stories.parse(file, "---\n" + frontMatter + "\n---\n```tcp\n" + String.join("\n", events) + "\n```\n");
    }

    @Test
    void twoIndependentMistakesGiveTwoErrorsAndNothingElse() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: ACK, PSH, seq=u, ack=v, len=10",
                "B -> A: ACK, seq=v, ack=u+9",
                "A -> B: FIN, ACK, seq=u+10, ack=v",
                "B -> A: ACK, seq=v, ack=u+10",
                "expect A FIN-WAIT-2");
        assertEquals(List.of(lineOf(1), lineOf(3)),
                result.diagnostics().stream().map(d -> d.position().line()).toList(), () -> describe(result.diagnostics()).toString());
        assertTrue(result.diagnostics().stream().allMatch(d -> d.rule().equals("ack-number")));
    }

    @Test
    void theExpectedValueIsWrittenInTheAuthorsSymbols() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> B: FIN, ACK, seq=u, ack=v",
                "B -> A: ACK, seq=v, ack=u+2");
        Diagnostic error = result.diagnostics().get(0);
        assertEquals("wrong acknowledgment number: ack=u+2", error.message());
        assertEquals("expected ack=u+1: the next sequence number B expects from A (RCV.NXT)", error.details().get(0));
        assertTrue(error.details().contains("now: A FIN-WAIT-1, B CLOSE-WAIT"), () -> error.details().toString());
        assertEquals("RFC 9293 §3.4", error.reference());
    }

    /** A RST answers the RST received last only while the peer has sent nothing since: later it is an ABORT. */
    @Test
    void aRstSentAfterOtherSegmentsIsAnAbortNotAnAnswerToAnOldRst() {
        ChapterResult result = run("state: CLOSED, isn: x", "state: LISTEN, isn: y",
                "old B -> A: RST, seq=5",
                "A -> B: SYN, seq=x",
                "A -> B: RST, seq=x+1",
                "expect A CLOSED, B LISTEN");
        Diagnostic error = Stories.onlyError(result);
        assertEquals(Rule.RST_STATE.id(), error.rule());
        assertTrue(error.details().contains("ABORT in SYN-SENT sends nothing: write `A: abort`"), () -> error.details().toString());
    }

    @Test
    void aSegmentWithoutAnyFlagIsAnErrorNotACrash() {
        // No flag at all: every check of the sender has to cope with an empty flag set.
        ChapterResult result = run(OPEN_A, OPEN_B, "A -> B: seq=u", "B -> A: ACK, seq=v, ack=u");
        assertEquals(List.of(Rule.ACK_REQUIRED.id()), result.diagnostics().stream().map(Diagnostic::rule).toList());
    }

    @Test
    void answersStillOwedAreWarnedAboutAtTheLineThatAskedForThem() {
        ChapterResult result = run(OPEN_A, OPEN_B, "A -> B: FIN, ACK, seq=u, ack=v");
        assertEquals(1, result.diagnostics().size());
        Diagnostic warning = result.diagnostics().get(0);
        assertEquals(Severity.WARNING, warning.severity());
        assertEquals(Rule.ANSWER_OWED.id(), warning.rule());
        assertEquals(lineOf(0), warning.position().line());
    }

    @Test
    void segmentsLeftInFlightAreWarnedAbout() {
        ChapterResult result = run(OPEN_A, OPEN_B, "A ~> B: ACK, seq=u, ack=v as late");
        assertEquals(List.of(Rule.STILL_IN_FLIGHT.id()), result.diagnostics().stream().map(Diagnostic::rule).toList());
    }

    @Test
    void unknownNamesSuggestTheNearestOne() {
        ChapterResult result = run(OPEN_A, OPEN_B,
                "A -> C: ACK, seq=u, ack=v",
                "expect A FIN-WAIT1",
                "expect B ESTABLISHD",
                "fni arrives");
        List<String> details = result.diagnostics().stream().map(d -> d.details().get(0)).toList();
        assertTrue(details.get(1).contains("did you mean FIN-WAIT-1?"), details::toString);
        assertTrue(details.get(2).contains("did you mean ESTABLISHED?"), details::toString);
        assertEquals(4, result.errorCount());
    }

    @Test
    void aChapterCannotStartHalfwayThroughAClose() {
        ChapterResult result = run("state: FIN-WAIT-2, seq: u", OPEN_B);
        assertEquals(List.of(Rule.START_STATE.id()), result.diagnostics().stream().map(Diagnostic::rule).toList());
    }

    @Test
    void continuesPicksUpStatesNumbersAndSymbols() {
        Chapter open = story("01-open.md", "title: open\npeers:\n  A: { state: CLOSED, isn: x }\n  B: { state: LISTEN, isn: y }",
                "A -> B: SYN, seq=x",
                "B -> A: SYN, ACK, seq=y, ack=x+1",
                "A -> B: ACK, seq=x+1, ack=y+1");
        Chapter talk = story("02-talk.md", "title: talk\ncontinues: open\npeers:\n  A: { label: Alice }\n  B: { label: Bob }",
                "A -> B: ACK, seq=x+1, ack=y+1, data=\"hi\"",
                "B -> A: ACK, seq=y+1, ack=x+3");
        List<ChapterResult> results = new StoryEngine().validate(List.of(open, talk));
        assertEquals(List.of(), describe(results.get(0).diagnostics()));
        assertEquals(List.of(), describe(results.get(1).diagnostics()));
        assertEquals(states("ESTABLISHED", "ESTABLISHED"), results.get(1).initialStates());
    }

    @Test
    void aContinuedChapterLeavesItsLooseEndsToTheNextOne() {
        Chapter first = story("01-a.md", "title: a\npeers:\n  A: { " + OPEN_A + " }\n  B: { " + OPEN_B + " }",
                "A -> B: FIN, ACK, seq=u, ack=v");
        Chapter second = story("02-b.md", "title: b\ncontinues: a\npeers:\n  A: {}\n  B: {}",
                "B -> A: ACK, seq=v, ack=u+1");
        List<ChapterResult> results = new StoryEngine().validate(List.of(first, second));
        assertEquals(List.of(), describe(results.get(0).diagnostics()));
        assertEquals(List.of(), describe(results.get(1).diagnostics()));
    }

    @Test
    void aMissingChapterIsAClearError() {
        Chapter lost = story("02-b.md", "title: b\ncontinues: handshak\npeers:\n  A: {}\n  B: {}", "wait RTO");
        Chapter first = story("01-handshake.md", "title: a\npeers:\n  A: { " + OPEN_A + " }\n  B: { " + OPEN_B + " }",
                "wait RTO");
        ChapterResult result = new StoryEngine().validate(List.of(first, lost)).get(1);
        Diagnostic error = result.diagnostics().get(0);
        assertEquals("continues: no chapter has the slug handshak", error.message());
        assertEquals("did you mean handshake?", error.details().get(0));
        assertEquals(3, error.position().line());
    }

    @Test
    void aCycleIsAClearError() {
        Chapter a = story("a.md", "title: a\ncontinues: b\npeers:\n  A: {}\n  B: {}", "wait RTO");
        Chapter b = story("b.md", "title: b\ncontinues: a\npeers:\n  A: {}\n  B: {}", "wait RTO");
        List<ChapterResult> results = new StoryEngine().validate(List.of(a, b));
        List<String> messages = results.stream().flatMap(r -> r.diagnostics().stream()).map(Diagnostic::message).toList();
        assertTrue(messages.contains("continues: makes a cycle: a -> b -> a"), messages::toString);
    }

    @Test
    void duplicateSlugsAreRejected() {
        Chapter one = story("one/x.md", "title: one\npeers:\n  A: {}\n  B: {}", "wait RTO");
        Chapter two = story("two/x.md", "title: two\npeers:\n  A: {}\n  B: {}", "wait RTO");
        List<ChapterResult> results = new StoryEngine().validate(List.of(one, two));
        assertEquals(List.of("duplicate-slug"), results.get(1).diagnostics().stream().map(Diagnostic::rule).toList());
    }
}
