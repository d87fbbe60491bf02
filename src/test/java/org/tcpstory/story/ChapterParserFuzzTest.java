package org.tcpstory.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.Step;
import org.tcpstory.engine.StoryEngine;

/**
 * Fuzz tests (Jazzer). A plain {@code mvn test} runs each method once per regression input in
 * {@code src/test/resources/org/tcpstory/story/ChapterParserFuzzTestInputs/<method>/}; to fuzz, run one
 * method with {@code JAZZER_FUZZ=1}, e.g.
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=ChapterParserFuzzTest#parseArbitraryBytes}. A crash found is
 * saved as a new regression input there.
 *
 * <p>What must hold for any input: the parser answers (it never throws, and never has to fall back on
 * its {@code internal-error} diagnostic), every diagnostic points at a line of the file, and the engine
 * runs the chapter to its end, one step per event.
 */
class ChapterParserFuzzTest {

    private static final ChapterParser PARSER = new ChapterParser();
    private static final StoryEngine ENGINE = new StoryEngine();

    /** Any bytes, as a chapter file. */
    @FuzzTest(maxDuration = "5m")
    void parseArbitraryBytes(byte[] bytes) {
        ParseResult result = PARSER.parse("fuzz.md", bytes);
        checkParse(result, lineCount(bytes));
        result.chapter().ifPresent(chapter -> checkRun(ENGINE.validate(List.of(chapter)).get(0), chapter));
    }

    /**
     * A story built from the fuzz data: front matter with two peers in a fuzzed state, then a block of event
     * lines made of the format's own words, numbers and symbols, with fuzzed text mixed in. Reaches the
     * engine far more often than arbitrary bytes.
     */
    @FuzzTest(maxDuration = "5m")
    void parseAndRunStory(FuzzedDataProvider data) {
        String story = StoryFromFuzz.story(data);
        byte[] bytes = story.getBytes(StandardCharsets.UTF_8);
        try {
            ParseResult result = PARSER.parse("fuzz.md", bytes);
            checkParse(result, lineCount(bytes));
            result.chapter().ifPresent(chapter -> checkRun(ENGINE.validate(List.of(chapter)).get(0), chapter));
        } catch (RuntimeException | AssertionError e) {
            // The story is made from the fuzz data: show it, so that a finding can be read and reproduced.
            throw new AssertionError(e + " for the story:\n" + story, e);
        }
    }

    static void checkParse(ParseResult result, int lines) {
        for (Diagnostic d : result.diagnostics()) {
            assertTrue(!d.rule().equals("internal-error"), () -> "the parser failed: " + d);
            assertTrue(d.position().line() <= lines, () -> "line " + d.position().line() + " of " + lines + ": " + d);
            assertTrue(!d.message().isBlank() && !d.rule().isBlank(), d::toString);
        }
    }

    static void checkRun(ChapterResult run, Chapter chapter) {
        assertEquals(chapter.events().size(), run.steps().size(), "one step per event");
        int lines = chapter.lines().size();
        for (Diagnostic d : run.diagnostics()) {
            assertTrue(d.position().line() <= lines + 1, () -> "line " + d.position().line() + " of " + lines + ": " + d);
        }
        for (Step step : run.steps()) {
            assertEquals(run.peers().size(), step.statesAfter().size(), "a state for each peer");
        }
    }

    /** Lines as an editor counts them: LF, CRLF and lone CR each end one. */
    static int lineCount(byte[] bytes) {
        int lines = 1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) {
                lines++;
            }
        }
        return lines;
    }
}
