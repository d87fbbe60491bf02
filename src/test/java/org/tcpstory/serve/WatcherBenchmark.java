package org.tcpstory.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tcpstory.files.SafeFiles;

/**
 * How short the watcher's debounce may be: editors save a file in several steps (truncate then write; a
 * temporary file renamed over it; vim's backup, new file and fsync; JetBrains' safe write), and a debounce
 * shorter than the gaps between those steps cuts one save into two rebuilds, the first of which may read the
 * file half-saved (gone, or empty). For each debounce and each way of saving, this saves a chapter many times
 * while a {@link Watcher} watches, and counts the saves that came as more than one burst and the bursts after
 * which the file was not yet as saved (what the rebuild would have read).
 *
 * <p>{@code java -cp ... org.tcpstory.serve.WatcherBenchmark [SAVES=40] [BUSY_THREADS=0] [DEBOUNCE_MS...]};
 * busy threads spin on every core to stand for a loaded machine.
 */
public final class WatcherBenchmark {

    private WatcherBenchmark() {
    }

    /** One way an editor saves {@code file} with {@code text}. */
    @FunctionalInterface
    private interface Save {
        void save(Path file, byte[] text) throws IOException;
    }

    private static final Map<String, Save> SAVES = Map.of(
            "truncate-then-write", (file, text) -> Files.write(file, text),
            "truncate-then-write-in-3-writes", (file, text) -> {
                try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    int third = text.length / 3;
                    out.write(ByteBuffer.wrap(text, 0, third));
                    out.write(ByteBuffer.wrap(text, third, third));
                    out.write(ByteBuffer.wrap(text, 2 * third, text.length - 2 * third));
                }
            },
            "temporary-file-renamed", (file, text) -> {
                Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
                Files.write(temporary, text);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            },
            "vim-backup-fsync", (file, text) -> {
                Path probe = file.resolveSibling("4913");
                Files.write(probe, new byte[0]);
                Files.delete(probe);
                Path backup = file.resolveSibling(file.getFileName() + "~");
                Files.move(file, backup, StandardCopyOption.REPLACE_EXISTING);
                try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    out.write(ByteBuffer.wrap(text));
                    out.force(true);
                }
                Files.delete(backup);
            },
            "jetbrains-safe-write", (file, text) -> {
                Path temporary = file.resolveSibling(file.getFileName() + "___jb_tmp___");
                Path old = file.resolveSibling(file.getFileName() + "___jb_old___");
                Files.write(temporary, text);
                Files.move(file, old);
                Files.move(temporary, file);
                Files.delete(old);
            });

    public static void main(String[] args) throws Exception {
        int saves = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int busy = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        List<Integer> debounces = args.length > 2
                ? Arrays.stream(args).skip(2).map(Integer::parseInt).toList() : List.of(5, 10, 15, 20, 30, 50);
        AtomicBoolean running = new AtomicBoolean(true);
        for (int i = 0; i < busy; i++) {
            Thread spin = new Thread(() -> {
                long x = 0;
                while (running.get()) {
                    x += System.nanoTime() % 7;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }, "busy-" + i);
            spin.setDaemon(true);
            spin.start();
        }
        System.out.printf(Locale.ROOT, "%d saves of each kind, %d busy threads, load average %s%n", saves, busy,
                Files.readString(Path.of("/proc/loadavg")).strip());
        Path work = Files.createTempDirectory("tcpstory-watcher-bench-").toRealPath();
        try {
            for (int debounce : debounces) {
                for (String kind : new TreeSet<>(SAVES.keySet())) {
                    measure(work, debounce, kind, SAVES.get(kind), saves);
                }
            }
        } finally {
            running.set(false);
            SafeFiles.deleteTree(work);
        }
    }

    private static void measure(Path work, int debounce, String kind, Save save, int saves) throws Exception {
        Path content = Files.createDirectories(work.resolve(kind + "-" + debounce));
        Path file = content.resolve("01-chapter.md");
        byte[] base = "---\ntitle: A chapter\n---\n\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file, base);
        int split = 0;
        int halfSaved = 0;
        List<Double> settle = new ArrayList<>();
        try (Watcher watcher = new Watcher(Map.of(content, Watcher.Kind.CONTENT), Duration.ofMillis(debounce))) {
            for (int i = 0; i < saves; i++) {
                byte[] text = (new String(base, StandardCharsets.UTF_8) + "save " + i + "\n").getBytes(StandardCharsets.UTF_8);
                Thread saver = new Thread(() -> {
                    try {
                        save.save(file, text);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                long start = System.nanoTime();
                saver.start();
                int bursts = 0;
                boolean seenHalf = false;
                long last = start;
                // Every burst of this save: the first arrives surely, the others within the next half second.
                for (Watcher.Changes changes = watcher.await(Duration.ofSeconds(10)); changes != null && changes.any();
                        changes = watcher.await(Duration.ofMillis(500))) {
                    bursts++;
                    last = System.nanoTime();
                    byte[] now = Files.exists(file) ? Files.readAllBytes(file) : null;
                    seenHalf |= !Arrays.equals(now, text);
                }
                saver.join();
                settle.add((last - start) / 1e6);
                split += bursts > 1 ? 1 : 0;
                halfSaved += seenHalf ? 1 : 0;
            }
        }
        settle.sort(null);
        System.out.printf(Locale.ROOT, "debounce %2d ms  %-32s saves cut in two or more: %3d of %d  read half-saved: %3d"
                + "  save to last burst: median %.0f ms, p90 %.0f ms%n", debounce, kind, split, saves, halfSaved,
                settle.get(saves / 2), settle.get((int) Math.ceil(saves * 0.9) - 1));
    }
}
