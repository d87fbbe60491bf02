package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.tcpstory.diagnostic.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diagram cache on its own; builds that share it are in {@code publish.IncrementalBuildTest}. */
class DiagramCacheTest {

    @TempDir
    Path dir;

    @Test
    void memoryHoldsABoundedAmountOfSvgAndForgetsTheLeastRecentlyUsed() {
        DiagramCache cache = DiagramCache.at(dir.resolve("cache"));
        int third = (int) (DiagramCache.MEMORY_CHARS / 3) + 1; // three of these do not fit
        for (String source : List.of("a", "b", "c")) {
            cache.svg(source, Theme.LIGHT, s -> "<svg>" + s.repeat(third) + "</svg>");
        }
        assertEquals(3, cache.drawn());
        cache.svg("c", Theme.LIGHT, s -> fail("c is in memory"));
        assertEquals(1, cache.fromMemory());
        cache.svg("a", Theme.LIGHT, s -> fail("a is on disk"));
        assertEquals(1, cache.fromDisk(), "the least recently used SVG left memory");
    }

    @Test
    void aDiagramAskedForByManyThreadsAtOnceIsDrawnOnce() throws Exception {
        DiagramCache cache = DiagramCache.at(dir.resolve("cache"));
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<String> results = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(new Thread(() -> results.add(cache.svg("shared layout", Theme.LIGHT, s -> {
                calls.incrementAndGet();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "<svg>drawn</svg>";
            }))));
        }
        threads.forEach(Thread::start);
        // Until every thread is drawing or waiting for the one that draws (or the bound runs out).
        for (int polls = 0; polls < 1000; polls++) {
            long blocked = threads.stream().filter(t -> t.getState() == Thread.State.BLOCKED).count();
            if (calls.get() == threads.size() || calls.get() >= 1 && blocked == threads.size() - 1) {
                break;
            }
            Thread.sleep(10);
        }
        release.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1, calls.get(), "drawn once");
        assertEquals(1, cache.drawn());
        assertEquals(List.of("<svg>drawn</svg>"), results.stream().distinct().toList());
        assertEquals(4, results.size());
    }

    @Test
    void theKeyCoversSourceAndTheme() {
        DiagramCache cache = DiagramCache.at(dir.resolve("cache"));
        int[] calls = new int[1];
        String source = "@startuml\nA -> B\n@enduml\n";
        assertEquals("<svg>1</svg>", cache.svg(source, Theme.LIGHT, s -> "<svg>" + ++calls[0] + "</svg>"));
        assertEquals("<svg>1</svg>", cache.svg(source, Theme.LIGHT, s -> "<svg>" + ++calls[0] + "</svg>"));
        assertEquals("<svg>2</svg>", cache.svg(source, Theme.DARK, s -> "<svg>" + ++calls[0] + "</svg>"), "another theme");
        assertEquals("<svg>3</svg>", cache.svg(source + "' x\n", Theme.LIGHT, s -> "<svg>" + ++calls[0] + "</svg>"), "another source");
        assertEquals(3, cache.drawn());
        assertEquals(1, cache.fromMemory());
        assertEquals("<svg>1</svg>", DiagramCache.at(dir.resolve("cache")).svg(source, Theme.LIGHT, s -> "<svg>drawn again</svg>"));
    }

    @Test
    void aFailedDrawingIsNotKeptAndNoCacheMeansNoFiles() {
        DiagramCache cache = DiagramCache.at(dir.resolve("cache"));
        assertThrows(IllegalStateException.class, () -> cache.svg("@startuml\n@enduml\n", Theme.LIGHT, s -> {
            throw new IllegalStateException("rejected");
        }));
        assertEquals("ok", cache.svg("@startuml\n@enduml\n", Theme.LIGHT, s -> "ok"));

        DiagramCache none = DiagramCache.none();
        assertEquals("a", none.svg("x", Theme.LIGHT, s -> "a"));
        assertEquals("b", none.svg("x", Theme.LIGHT, s -> "b"));
        assertFalse(none.folder().isPresent());
    }

    private static final String SOURCE = "@startuml\nA -> B\n@enduml\n";
    private static final String SAFE = "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>A</text></svg>";

    /**
     * Anyone who can write to the cache folder can write an entry with a valid header (the key is a hash of
     * public inputs, the checksum a CRC): each such entry must pass the SVG check of a fresh drawing.
     */
    @Test
    void aForgedEntryWithAValidHeaderIsRejectedAndDrawnAgain() throws Exception {
        Path folder = dir.resolve("cache");
        assertEquals(SAFE, DiagramCache.at(folder).svg(SOURCE, Theme.LIGHT, s -> SAFE));
        String key = DiagramCache.key(SOURCE, Theme.LIGHT);
        Path entry = folder.resolve("diagrams").resolve(key + ".svg");
        for (String forged : List.of(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"javascript:alert(1)\"><text>x</text></a></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><meta xmlns=\"http://www.w3.org/1999/xhtml\""
                        + " http-equiv=\"refresh\" content=\"0;url=https://example.org\"/></foreignObject></svg>",
                "not xml at all")) {
            Files.write(entry, DiagramCache.entry(key, forged));
            DiagramCache cache = DiagramCache.at(folder);
            assertEquals(SAFE, cache.svg(SOURCE, Theme.LIGHT, s -> SAFE), forged);
            assertEquals(1, cache.rejected(), forged);
            assertEquals(1, cache.drawn(), forged);
            assertEquals(SAFE, DiagramCache.parse(key, Files.readAllBytes(entry)), "the entry is written again");
        }
        DiagramCache cache = DiagramCache.at(folder);
        cache.svg(SOURCE, Theme.LIGHT, s -> fail("a safe entry is used"));
        assertEquals(1, cache.fromDisk());
    }

    /** A cache folder committed as a link (to anywhere) led writes and pruning there. */
    @Test
    void aCacheFolderThatIsALinkIsNotUsed() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path old = oldFiles(elsewhere, "a.svg", "b.tmp", "c.txt");
        Files.createDirectories(old.resolve("diagrams"));
        Path link = Files.createSymbolicLink(dir.resolve(".tcpstory-cache"), elsewhere);

        DiagramCache cache = DiagramCache.at(link);
        String problem = Messages.english().render(cache.problem().orElseThrow());
        assertTrue(problem.contains("symbolic link"), problem);
        assertFalse(cache.folder().isPresent());
        assertEquals(SAFE, cache.svg(SOURCE, Theme.LIGHT, s -> SAFE));
        assertEquals(SAFE, cache.svg(SOURCE, Theme.LIGHT, s -> fail("kept in memory")));
        cache.prune();
        assertEquals(List.of("a.svg", "b.tmp", "c.txt", "diagrams"), names(elsewhere));
        assertEquals(List.of(), names(elsewhere.resolve("diagrams")), "nothing written through the link");
    }

    @Test
    void aCacheFolderWhoseSubfoldersAreLinksIsNotUsed() throws Exception {
        for (String sub : List.of("diagrams", "builds")) {
            Path elsewhere = Files.createDirectories(dir.resolve("elsewhere-" + sub));
            oldFiles(elsewhere, "0".repeat(64) + ".svg", "0".repeat(64) + ".txt");
            Path folder = Files.createDirectories(dir.resolve("cache-" + sub));
            Files.createSymbolicLink(folder.resolve(sub), elsewhere);
            DiagramCache cache = DiagramCache.at(folder);
            String problem = Messages.english().render(cache.problem().orElseThrow());
            assertTrue(problem.contains(sub + "/"), problem);
            cache.svg(SOURCE, Theme.LIGHT, s -> SAFE);
            cache.prune();
            assertEquals(List.of("0".repeat(64) + ".svg", "0".repeat(64) + ".txt"), names(elsewhere));
            assertFalse(Files.exists(folder.resolve("diagrams/" + DiagramCache.key(SOURCE, Theme.LIGHT) + ".svg")));
        }
    }

    /** Pruning deletes the cache's own stale files only: by name and, for entries, by header. */
    @Test
    void pruneDeletesOnlyFilesTheCacheWrote() throws Exception {
        Path folder = dir.resolve("cache");
        DiagramCache.at(folder).svg(SOURCE, Theme.LIGHT, s -> SAFE);
        Path diagrams = folder.resolve("diagrams");
        String key = DiagramCache.key(SOURCE, Theme.LIGHT);
        String other = "f".repeat(64);
        Files.write(diagrams.resolve(other + ".svg"), DiagramCache.entry(other, SAFE));
        oldFiles(diagrams, key + ".svg", other + ".svg", "." + key + ".svg.0123456789ab.tmp");
        Files.writeString(diagrams.resolve("e".repeat(64) + ".svg"), "<svg>someone else's</svg>");
        oldFiles(diagrams, "e".repeat(64) + ".svg", "notes.svg", "x.tmp", ".notes.svg.0123456789ab.tmp", "README.txt");
        Files.createDirectories(folder.resolve("builds"));
        oldFiles(folder.resolve("builds"), "list.txt", "d".repeat(64) + ".txt");

        DiagramCache.at(folder).prune();
        assertEquals(List.of(".notes.svg.0123456789ab.tmp", "README.txt", "e".repeat(64) + ".svg", "notes.svg", "x.tmp"),
                names(diagrams));
        assertEquals(List.of("d".repeat(64) + ".txt", "list.txt"), names(folder.resolve("builds")),
                "a record's name without a record's header");
    }

    /** Creates (when missing) and back-dates the named files: 40 days old. */
    private static Path oldFiles(Path folder, String... names) throws Exception {
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofDays(40)));
        for (String name : names) {
            Path file = folder.resolve(name);
            if (!Files.exists(file)) {
                Files.writeString(file, "not the cache's", StandardCharsets.UTF_8);
            }
            Files.setLastModifiedTime(file, old);
        }
        return folder;
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
