package org.tcpstory.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.PeerWindow;
import org.tcpstory.engine.StepMark;
import org.tcpstory.engine.StoryEngine;
import org.tcpstory.story.ChapterParser;
import org.tcpstory.story.ParseResult;

/** The benchmark's stories are valid and use what they claim to measure, so a score is a score of real work. */
class EngineBenchmarkTest {

    @Test
    void theBenchmarkSetsUpOnValidStories() {
        assertDoesNotThrow(() -> new EngineBenchmark().parse());
    }

    @Test
    void theV2StoryLosesRepairsAndCountsItsWindows() {
        ChapterResult result = check(EngineBenchmark.windowsAndLoss(2));
        assertEquals(List.of(), result.diagnostics());
        List<StepMark.Kind> marks = result.steps().stream().flatMap(step -> step.marks().stream()).map(StepMark::kind).toList();
        assertEquals(2, marks.stream().filter(kind -> kind == StepMark.Kind.FAST_RETRANSMIT_CALLED).count());
        assertEquals(2, marks.stream().filter(kind -> kind == StepMark.Kind.RETRANSMISSION).count());
        PeerWindow afterFirstAck = result.steps().get(6).windows().get(0);
        assertEquals(65536, afterFirstAck.sendWindow(), "win=512 scaled by 7: " + afterFirstAck);
        PeerWindow beforeTheClose = result.steps().get(result.steps().size() - 6).windows().get(0);
        assertEquals(2000, beforeTheClose.ssthresh(), beforeTheClose.toString());
        assertEquals(2000, beforeTheClose.cwnd(), "fast recovery ends at cwnd = ssthresh: " + beforeTheClose);
    }

    private static ChapterResult check(String story) {
        ParseResult parsed = new ChapterParser().parse("bench.md", story.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), parsed.diagnostics());
        return new StoryEngine().validate(List.of(parsed.chapter().orElseThrow())).get(0);
    }
}
