package org.tcpstory.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.tcpstory.engine.StoryEngine;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.ChapterParser;

/**
 * CPU time of the validating thread on {@link EngineBenchmark}'s two stories, for comparing two revisions
 * on a shared machine, where JMH's wall-clock scores swing with the load: warm-up, then seven rounds of
 * RUNS validations; the median round, per event. Run by {@code bench/engine-cpu.sh}.
 */
public final class EngineCpu {

    private static final int ROUNDS = 7;

    private EngineCpu() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        StoryEngine engine = new StoryEngine();
        StringBuilder line = new StringBuilder();
        for (boolean v2 : new boolean[] {false, true}) {
            String story = v2 ? EngineBenchmark.windowsAndLoss(EngineBenchmark.BLOCKS)
                    : EngineBenchmark.conversation(EngineBenchmark.EXCHANGES);
            int events = v2 ? EngineBenchmark.EVENTS_V2 : EngineBenchmark.EVENTS;
            List<Chapter> chapters = List.of(new ChapterParser()
                    .parse("bench.md", story.getBytes(StandardCharsets.UTF_8)).chapter().orElseThrow());
            if (!engine.validate(chapters).get(0).diagnostics().isEmpty()) {
                throw new IllegalStateException("the benchmark story is not valid");
            }
            for (int i = 0; i < 3 * runs; i++) {
                engine.validate(chapters);
            }
            long[] rounds = new long[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                long start = clock.getCurrentThreadCpuTime();
                for (int i = 0; i < runs; i++) {
                    engine.validate(chapters);
                }
                rounds[r] = clock.getCurrentThreadCpuTime() - start;
            }
            Arrays.sort(rounds);
            double nanosPerEvent = rounds[ROUNDS / 2] / (double) runs / events;
            line.append(String.format("%s %.1f ns/event  ", v2 ? "v2" : "v1", nanosPerEvent));
        }
        System.out.println(line.toString().strip());
    }
}
