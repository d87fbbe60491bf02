package org.tcpstory.serve;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tcpstory.diagram.DiagramCache;
import org.tcpstory.files.SafeFiles;

/**
 * Save-to-reload latency of {@code serve}: edits one chapter of a copy of a story (the bundled one, or a
 * generated course: the chapter in the middle) while the server runs, and measures from the moment the file is written to the moment the reload event arrives
 * on an open event stream (what a browser tab gets), and to the moment the new page has been fetched.
 * Two kinds of edit: prose only (no diagram changes) and an event line (one diagram drawn by PlantUML). The
 * CPU time of the whole process from save to page fetched is reported too: on a shared machine it varies less
 * than the wall clock.
 *
 * <p>Run by {@code bench/serve.sh}, or: {@code java -cp ... org.tcpstory.serve.ServeBenchmark [CONTENT] [EDITS]
 * [CACHE]} (a diagram cache folder to start from; by default an empty one).
 */
public final class ServeBenchmark {

    /** The CPU time of this process, every thread: the measure that holds when other work shares the cores. */
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private ServeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args.length > 0 ? args[0] : "content");
        int edits = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path work = Files.createTempDirectory("tcpstory-serve-bench-");
        try {
            Path content = work.resolve("content");
            Files.createDirectories(content);
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (f.getFileName().toString().endsWith(".md")) {
                        Files.copy(f, content.resolve(f.getFileName()));
                    }
                }
            }
            Path chapter = edited(content);
            String original = Files.readString(chapter, StandardCharsets.UTF_8);
            String pageName = slug(chapter, original) + ".html";
            String peer = firstPeer(original);
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            List<Long> rebuildMillis = Collections.synchronizedList(new ArrayList<>());
            long startNanos = System.nanoTime();
            try (ServeSession session = ServeSession.start(new ServeSession.Options(content, null, 0,
                    DiagramCache.at(args.length > 2 ? Path.of(args[2]) : work.resolve("cache")), null), new ServeSession.Listener() {
                        @Override
                        public void built(ServeSession.Build build) {
                            if (build.changed()) {
                                rebuildMillis.add(build.millis());
                            }
                        }
                    })) {
                System.out.printf(Locale.ROOT, "first build (cold JVM; the diagram cache as given): %d ms%n",
                        (System.nanoTime() - startNanos) / 1_000_000);
                rebuildMillis.clear();
                HttpClient http = HttpClient.newHttpClient();
                URI base = session.address();
                HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(base.resolve(LiveReload.EVENTS))
                        .build(), HttpResponse.BodyHandlers.ofLines());
                Thread reader = new Thread(() -> {
                    try {
                        stream.body().forEach(line -> {
                            if (line.startsWith("data: ")) {
                                events.add(line.substring(6));
                            }
                        });
                    } catch (RuntimeException e) {
                        // closed
                    }
                }, "bench-sse");
                reader.setDaemon(true);
                reader.start();
                events.poll(10, TimeUnit.SECONDS); // hello

                for (String kind : List.of("prose", "event")) {
                    List<Double> toEvent = new ArrayList<>();
                    List<Double> toPage = new ArrayList<>();
                    List<Double> cpu = new ArrayList<>();
                    rebuildMillis.clear();
                    for (int i = 0; i < edits; i++) {
                        Thread.sleep(250); // an author types, then saves
                        String marker = kind + "-edit-" + i;
                        String edited = kind.equals("prose") ? original + "\n" + marker + "\n"
                                : original.replaceFirst("\n```tcp\n", "\n```tcp\nnote " + peer + ": " + marker + "\n");
                        if (edited.equals(original)) {
                            throw new IllegalStateException("the chapter no longer has the text this benchmark edits");
                        }
                        long cpu0 = PROCESS.getProcessCpuTime();
                        long t0 = System.nanoTime();
                        Files.writeString(chapter, edited, StandardCharsets.UTF_8);
                        String version = events.poll(30, TimeUnit.SECONDS);
                        long t1 = System.nanoTime();
                        if (version == null) {
                            throw new IllegalStateException("no reload event within 30 s");
                        }
                        String page = http.send(HttpRequest.newBuilder(base.resolve(pageName)).build(),
                                HttpResponse.BodyHandlers.ofString()).body();
                        long t2 = System.nanoTime();
                        cpu.add((PROCESS.getProcessCpuTime() - cpu0) / 1e6);
                        if (!page.contains(marker) || page.contains("tcpstory-overlay")) {
                            throw new IllegalStateException("the reloaded page does not show edit " + marker);
                        }
                        toEvent.add((t1 - t0) / 1e6);
                        toPage.add((t2 - t0) / 1e6);
                    }
                    report(kind + " edit, save -> reload event", toEvent);
                    report(kind + " edit, save -> new page fetched", toPage);
                    report(kind + " edit, CPU of the process meanwhile", cpu);
                    List<Double> rebuilds = rebuildMillis.stream().map(Long::doubleValue).toList();
                    report(kind + " edit, rebuild alone (after the debounce)", new ArrayList<>(rebuilds));
                }
            }
        } finally {
            SafeFiles.deleteTree(work);
        }
    }

    /** The chapter to edit: the middle one in file-name order. */
    private static Path edited(Path content) throws java.io.IOException {
        try (Stream<Path> files = Files.list(content)) {
            List<Path> chapters = files.filter(f -> !f.getFileName().toString().startsWith("_")).sorted().toList();
            return chapters.get(chapters.size() / 2);
        }
    }

    /** The chapter's page name: its front matter's slug, else its file name without the number. */
    private static String slug(Path chapter, String text) {
        String frontMatter = text.substring(0, Math.max(0, text.indexOf("\n---\n", 4)));
        return frontMatter.lines().filter(line -> line.startsWith("slug:")).map(line -> line.substring(5).strip()).findFirst()
                .orElse(chapter.getFileName().toString().replaceFirst("\\.md$", "").replaceFirst("^\\d+[-_.]", ""));
    }

    /** The id of the first peer in a chapter's front matter, for the note an event edit adds. */
    private static String firstPeer(String chapter) {
        int peers = chapter.indexOf("\npeers:\n");
        String line = chapter.substring(peers + "\npeers:\n".length()).lines().findFirst().orElseThrow();
        return line.strip().substring(0, line.strip().indexOf(':')).strip();
    }

    private static void report(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int n = sorted.size();
        System.out.printf(Locale.ROOT, "%-52s n=%d  first %.0f ms  median %.0f ms  p90 %.0f ms  max %.0f ms%n", what, n,
                millis.get(0), sorted.get(n / 2), sorted.get(Math.min(n - 1, (int) Math.ceil(n * 0.9) - 1)), sorted.get(n - 1));
    }
}
