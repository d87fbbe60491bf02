import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JDK Flight Recorder profile spent its samples: the methods on top of the stack (self), and
 * tcpstory's methods anywhere on it (inclusive), as shares of all execution samples; then the JIT's and
 * the collector's time, which the samples do not show. Run as a source file: java bench/JfrSummary.java X.jfr
 */
public final class JfrSummary {
    public static void main(String[] args) throws Exception {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        double compiling = 0;
        double collecting = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.CompilerStatistics")) {
                compiling = Math.max(compiling, event.getDuration("totalTimeSpent").toMillis() / 1000.0);
            } else if (type.equals("jdk.GarbageCollection")) {
                collecting += event.getDuration().toMillis() / 1000.0;
            } else if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null
                    && !event.getStackTrace().getFrames().isEmpty()) {
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                self.merge(name(frames.get(0)), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String name = name(frame);
                    if (name.startsWith("org.tcpstory.") && seen.add(name)) {
                        inclusive.merge(name, 1, Integer::sum);
                    }
                }
            }
        }
        System.out.printf("%d execution samples; JIT compiling %.2f s (elapsed), garbage collection %.2f s%n", samples, compiling,
                collecting);
        print("on top of the stack", self, samples, 25);
        print("tcpstory's methods, anywhere on the stack", inclusive, samples, 60);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int limit) {
        System.out.println("== " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> System.out.printf("%5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}
