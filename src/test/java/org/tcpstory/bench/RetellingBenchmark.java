package org.tcpstory.bench;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.tcpstory.capture.CaptureScan;
import org.tcpstory.capture.CapturedConnection;
import org.tcpstory.capture.Retelling;

/**
 * CPU time of {@link Retelling} alone on one capture: the capture is read once, then retold over and over,
 * and the median of the measured rounds is printed in milliseconds. It uses only what main and this branch
 * both have, so bench/retell.sh runs the same class against two revisions, in turns, and compares them.
 * Thread CPU time, not the wall clock, because the machine it runs on is shared.
 *
 * <p>Run: {@code bench/retell.sh [OLD_REVISION] [NEW_REVISION] [DATA_SEGMENTS]}
 */
public final class RetellingBenchmark {

    private RetellingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        byte[] capture = Files.readAllBytes(Path.of(args[0]));
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        CapturedConnection connection = CaptureScan.read(new ByteArrayInputStream(capture), -1, Integer.MAX_VALUE)
                .chosen().orElseThrow();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long[] millis = new long[rounds];
        for (int i = 0; i < warmups + rounds; i++) {
            long start = cpu.getCurrentThreadCpuTime();
            Retelling.of(connection);
            long spent = cpu.getCurrentThreadCpuTime() - start;
            if (i >= warmups) {
                millis[i - warmups] = spent / 1_000_000;
            }
        }
        Arrays.sort(millis);
        System.out.println(connection.packets().size() + " packets retold: median " + millis[rounds / 2]
                + " ms of CPU over " + rounds + " rounds, after " + warmups + " to warm up");
    }
}
