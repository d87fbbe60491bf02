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
 * Events validated per second on two long conversations, each as many events as a chapter may hold. The
 * first is v1: a handshake, {@link #EXCHANGES} rounds of data both ways with their ACKs, and the four-way
 * close. The second uses what contract v2 checks on every segment: options on the handshake, scaled
 * windows, timestamps, congestion control, and every tenth round a loss repaired by three duplicate ACKs
 * with SACK blocks and a fast retransmit. The score is per event (operations per invocation).
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
    /** Blocks of nine plain rounds (four events each) and one loss round (nine events) in the v2 story. */
    static final int BLOCKS = 221;
    /** Handshake (3) + 45 events per block + close (4) + wait: just under the limit of a chapter. */
    static final int EVENTS_V2 = 3 + 45 * BLOCKS + 5;

    private final StoryEngine engine = new StoryEngine();
    private List<Chapter> plain;
    private List<Chapter> windowsAndLoss;

    @Setup(Level.Trial)
    public void parse() {
        plain = valid(conversation(EXCHANGES), EVENTS);
        windowsAndLoss = valid(windowsAndLoss(BLOCKS), EVENTS_V2);
    }

    private List<Chapter> valid(String story, int events) {
        List<Chapter> chapters = List.of(new ChapterParser().parse("bench.md", story.getBytes(StandardCharsets.UTF_8))
                .chapter().orElseThrow());
        ChapterResult check = engine.validate(chapters).get(0);
        if (!check.diagnostics().isEmpty() || check.steps().size() != events) {
            throw new IllegalStateException("the benchmark story is not valid: " + check.diagnostics());
        }
        return chapters;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public ChapterResult validate() {
        return engine.validate(plain).get(0);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS_V2)
    public ChapterResult validateWindowsAndLoss() {
        return engine.validate(windowsAndLoss).get(0);
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

    /**
     * A valid v2 story: {@code blocks} times nine rounds of three 500-octet segments and their ACK, then a
     * round whose first segment is lost, answered by three duplicate ACKs with growing SACK blocks and
     * repaired by a fast retransmit. Both clocks tick once per segment; each TSecr is the TS.Recent RFC
     * 7323 section 4.3 gives; cwnd (Reno, MSS 1000) always leaves room for the next round.
     */
    static String windowsAndLoss(int blocks) {
        StringBuilder out = new StringBuilder(96 * (45 * blocks + 16));
        out.append("---\ntitle: bench v2\ncongestion: reno\npeers:\n  a: { state: CLOSED, isn: x }\n"
                + "  b: { state: LISTEN, isn: y }\n---\n```tcp\n");
        out.append("a -> b: SYN, seq=x, win=65535, mss=1460, wscale=7, sackOK, ts=1/0\n");
        out.append("b -> a: SYN, ACK, seq=y, ack=x+1, win=65535, mss=1000, wscale=7, sackOK, ts=1/1\n");
        out.append("a -> b: ACK, seq=x+1, ack=y+1, win=512, ts=2/1\n");
        Clocks t = new Clocks();
        long next = 1;
        for (int block = 0; block < blocks; block++) {
            for (int round = 0; round < 9; round++) {
                for (int k = 0; k < 3; k++) {
                    t.data(out, "->", next + 500L * k);
                }
                next += 1500;
                t.ack(out, next, "");
            }
            long hole = next;
            t.data(out, "-x", hole);
            for (int k = 1; k <= 3; k++) {
                t.data(out, "->", hole + 500L * k);
                t.ack(out, hole, ", sack=x+" + (hole + 500) + ":x+" + (hole + 500L * (k + 1)));
            }
            t.data(out, "->", hole);
            next = hole + 2000;
            t.ack(out, next, "");
        }
        t.close(out, next);
        out.append("wait 2MSL\n```\n");
        return out.toString();
    }

    /** Both peers' timestamp clocks and TS.Recent, and what b last acknowledged, for {@link #windowsAndLoss}. */
    private static final class Clocks {
        long tsA = 2;
        long tsB = 1;
        long recentA = 1;
        long recentB = 2;
        long lastAckB = 1;

        /** a sends 500 octets at x+seq; b takes its TSval as TS.Recent if seq is at or before its last ack. */
        void data(StringBuilder out, String arrow, long seq) {
            tsA++;
            out.append("a ").append(arrow).append(" b: ACK, PSH, seq=x+").append(seq).append(", ack=y+1, len=500, ts=")
                    .append(tsA).append('/').append(recentA).append('\n');
            if (arrow.equals("->") && seq <= lastAckB) {
                recentB = tsA;
            }
        }

        /** b acknowledges up to x+ack; a always takes b's TSval, as b sends no data. */
        void ack(StringBuilder out, long ack, String sack) {
            tsB++;
            out.append("b -> a: ACK, seq=y+1, ack=x+").append(ack).append(", win=512").append(sack).append(", ts=")
                    .append(tsB).append('/').append(recentB).append('\n');
            lastAckB = ack;
            recentA = tsB;
        }

        void close(StringBuilder out, long fin) {
            tsA++;
            out.append("a -> b: FIN, ACK, seq=x+").append(fin).append(", ack=y+1, ts=").append(tsA).append('/')
                    .append(recentA).append('\n');
            recentB = tsA;
            tsB++;
            out.append("b -> a: ACK, seq=y+1, ack=x+").append(fin + 1).append(", ts=").append(tsB).append('/')
                    .append(recentB).append('\n');
            tsB++;
            out.append("b -> a: FIN, ACK, seq=y+1, ack=x+").append(fin + 1).append(", ts=").append(tsB).append('/')
                    .append(recentB).append('\n');
            tsA++;
            out.append("a -> b: ACK, seq=x+").append(fin + 1).append(", ack=y+2, ts=").append(tsA).append('/')
                    .append(tsB).append('\n');
        }
    }
}
