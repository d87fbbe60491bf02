package org.tcpstory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.ChapterParser;
import org.tcpstory.story.ParseResult;

/** Builds small chapters for engine tests: two peers, one {@code tcp} block. */
final class Stories {

    /** The line of the first event: six lines of front matter, then the fence. */
    static final int FIRST_EVENT_LINE = 8;

    private Stories() {
    }

    static Chapter chapter(String slug, String peerA, String peerB, String... events) {
        String text = "---\n"
                + "title: " + slug + "\n"
                + "peers:\n"
                + "  A: { " + peerA + " }\n"
                + "  B: { " + peerB + " }\n"
                + "---\n"
                + "```tcp\n"
                + String.join("\n", events) + "\n"
                + "```\n";
        return parse(slug + ".md", text);
    }

    static Chapter parse(String file, String text) {
        ParseResult parsed = new ChapterParser().parse(file, text.getBytes(StandardCharsets.UTF_8));
        assertTrue(parsed.diagnostics().isEmpty(), () -> "the test story does not parse: " + parsed.diagnostics());
        return parsed.chapter().orElseThrow();
    }

    /** Runs a one-chapter story; every change of state it makes must be an arc of the state table. */
    static ChapterResult run(String peerA, String peerB, String... events) {
        return run(Profile.RFC9293, peerA, peerB, events);
    }

    /** Runs a one-chapter story under a profile. */
    static ChapterResult run(Profile profile, String peerA, String peerB, String... events) {
        ChapterResult result = new StoryEngine(profile).validate(List.of(chapter("scenario", peerA, peerB, events))).get(0);
        assertTransitionsAreArcs(result);
        return result;
    }

    /**
     * Fails unless every change of state in the result is an arc of {@link StateMachine#ALL_EDGES} with
     * the same from, to and rule: state pages show the table, so it must hold whatever the engine does.
     */
    static void assertTransitionsAreArcs(ChapterResult result) {
        for (Step step : result.steps()) {
            for (PeerChange change : step.changes()) {
                if (change.changesState()) {
                    assertTrue(isArc(change), () -> change.peer() + " went from " + change.before() + " to "
                            + change.after() + " by rule " + change.rule().id() + " at " + step.event().position()
                            + ", which is not an arc of StateMachine.ALL_EDGES");
                }
            }
        }
    }

    static boolean isArc(PeerChange change) {
        return StateMachine.ALL_EDGES.stream().anyMatch(edge -> edge.from() == change.before()
                && edge.to() == change.after() && edge.rule() == change.rule());
    }

    /** Line number of the n-th event line (0-based) of a story made by {@link #chapter}. */
    static int lineOf(int eventIndex) {
        return FIRST_EVENT_LINE + eventIndex;
    }

    static List<TcpState> states(String... names) {
        return Arrays.stream(names).map(name -> TcpState.parse(name).orElseThrow()).toList();
    }

    static void assertClean(ChapterResult result) {
        assertEquals(List.of(), describe(result.diagnostics()), "a valid story gets no diagnostic");
    }

    static Diagnostic onlyError(ChapterResult result) {
        List<Diagnostic> errors = result.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), () -> "exactly one error expected, got " + describe(result.diagnostics()));
        return errors.get(0);
    }

    static List<String> describe(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .map(d -> d.position() + " " + d.severity().label() + " [" + d.rule() + "] " + d.message()
                        + d.details().stream().collect(Collectors.joining(" | ", " | ", "")))
                .toList();
    }
}
