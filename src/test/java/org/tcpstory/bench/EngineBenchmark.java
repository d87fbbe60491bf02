package org.tcpstory.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.StoryEngine;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.ChapterParser;

/**
 * Events validated per second on one long conversation: a handshake, {@link #EXCHANGES} rounds of data
 * both ways with their ACKs, and the four-way close. The score is per event (operations per invocation).
 *
 * <p>Run: {@code bench/engine.sh} (JMH options may follow).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {

    /** As many as fit in a chapter: {@link org.tcpstory.story.EventLimits#MAX_EVENTS} events in all. */
    static final int EXCHANGES = 2_498;
    /** Handshake (3) + four events per exchange + close (4) + wait. */
    static final int EVENTS = 3 + 4 * EXCHANGES + 5;

    private final StoryEngine engine = new StoryEngine();
    private List<Chapter> chapters;

    @Setup(Level.Trial)
    public void parse() {
        String story = conversation(EXCHANGES);
        chapters = List.of(new ChapterParser().parse("bench.md", story.getBytes(StandardCharsets.UTF_8))
                .chapter().orElseThrow());
        ChapterResult check = engine.validate(chapters).get(0);
        if (!check.diagnostics().isEmpty() || check.steps().size() != EVENTS) {
            throw new IllegalStateException("the benchmark story is not valid: " + check.diagnostics());
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public ChapterResult validate() {
        return engine.validate(chapters).get(0);
    }

    /** A valid story with the given number of data rounds. */
    static String conversation(int exchanges) {
        StringBuilder out = new StringBuilder(64 * (exchanges * 4 + 16));
        out.append("---\ntitle: bench\npeers:\n  a: { state: CLOSED, isn: x }\n  b: { state: LISTEN, isn: y }\n---\n```tcp\n");
        out.append("a -> b: SYN, seq=x\nb -> a: SYN, ACK, seq=y, ack=x+1\na -> b: ACK, seq=x+1, ack=y+1\n");
        long a = 1;
        long b = 1;
        for (int i = 0; i < exchanges; i++) {
            out.append("a -> b: ACK, PSH, seq=x+").append(a).append(", ack=y+").append(b).append(", len=100\n");
            a += 100;
            out.append("b -> a: ACK, seq=y+").append(b).append(", ack=x+").append(a).append('\n');
            out.append("b -> a: ACK, PSH, seq=y+").append(b).append(", ack=x+").append(a).append(", len=40\n");
            b += 40;
            out.append("a -> b: ACK, seq=x+").append(a).append(", ack=y+").append(b).append('\n');
        }
        out.append("a -> b: FIN, ACK, seq=x+").append(a).append(", ack=y+").append(b).append('\n');
        out.append("b -> a: ACK, seq=y+").append(b).append(", ack=x+").append(a + 1).append('\n');
        out.append("b -> a: FIN, ACK, seq=y+").append(b).append(", ack=x+").append(a + 1).append('\n');
        out.append("a -> b: ACK, seq=x+").append(a + 1).append(", ack=y+").append(b + 1).append('\n');
        out.append("wait 2MSL\n```\n");
        return out.toString();
    }
}
