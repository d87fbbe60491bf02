package org.tcpstory.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.diagram.Theme;
import org.tcpstory.site.BuildResult;
import org.tcpstory.site.DiagramCache;
import org.tcpstory.site.SiteBuilder;

/**
 * The diagram cache that {@code build} and {@code serve} share (it lives in the site package; its tests sit
 * here with the rest of the incremental-build work).
 */
class DiagramCacheTest {

    @TempDir
    Path dir;

    private BuildResult build(DiagramCache cache, Path content, Path out) throws Exception {
        BuildResult result = new SiteBuilder(null, cache).build(new SiteBuilder.Request(content, out, null));
        assertTrue(result.published());
        return result;
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(root.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    private static List<Path> entries(Path cache) throws IOException {
        try (Stream<Path> all = Files.list(cache.resolve("diagrams"))) {
            return all.filter(p -> p.getFileName().toString().endsWith(".svg")).sorted().toList();
        }
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), name);
        }
    }

    @Test
    void aSecondBuildWithNothingChangedDrawsNoDiagram() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        Path cacheDir = dir.resolve("cache");

        DiagramCache cold = DiagramCache.at(cacheDir);
        BuildResult first = build(cold, content, dir.resolve("site"));
        assertEquals(6, first.diagrams());
        assertTrue(cold.drawn() >= 5, "drawn: " + cold.drawn() + " (identical diagrams are drawn once)");
        assertEquals(cold.drawn(), entries(cacheDir).size(), "one entry per diagram drawn");
        Map<String, byte[]> coldFiles = files(dir.resolve("site"));

        // A new process, another output folder (so the whole site is rendered): every diagram from disk.
        DiagramCache warm = DiagramCache.at(cacheDir);
        build(warm, content, dir.resolve("site2"));
        assertEquals(0, warm.drawn(), "no diagram drawn");
        assertEquals(cold.drawn(), warm.fromDisk());
        assertSameFiles(coldFiles, files(dir.resolve("site2")));

        assertTrue(Files.readString(cacheDir.resolve(".gitignore")).contains("*"), "the cache ignores itself in git");
        assertTrue(Files.readString(cacheDir.resolve("CACHEDIR.TAG")).startsWith("Signature: 8a477f597d28d172789f06886806bc55"));
    }

    @Test
    void anUnchangedCleanRebuildDoesNotEvenReadTheChapters() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        Path site = dir.resolve("site");
        BuildResult first = build(DiagramCache.at(dir.resolve("cache")), content, site);
        assertEquals(List.of(), first.diagnostics(), "the fixture is clean");
        assertTrue(first.content().requested().size() >= 3);

        BuildResult again = build(DiagramCache.at(dir.resolve("cache")), content, site);
        assertEquals(0, again.content().requested().size(), "no chapter read");
        assertEquals(first.chapters(), again.chapters());
        assertEquals(first.pages(), again.pages());

        // One byte more in the prose: the chapters are read and checked again.
        Path chapter = content.resolve("04-quick-goodbye.md");
        Files.writeString(chapter, Files.readString(chapter, StandardCharsets.UTF_8) + " ", StandardCharsets.UTF_8);
        BuildResult touched = build(DiagramCache.at(dir.resolve("cache")), content, site);
        assertTrue(touched.content().requested().size() >= 3, "checked again");

        // A chapter with a warning is checked on every build, so the warning is reported every time.
        ServeFixtures.edit(chapter, "wait 2MSL", "wait 2MSL\nwait 2MSL");
        BuildResult warned = build(DiagramCache.at(dir.resolve("cache")), content, site);
        assertEquals(1, warned.warnings());
        BuildResult stillWarned = build(DiagramCache.at(dir.resolve("cache")), content, site);
        assertEquals(1, stillWarned.warnings(), "an unchanged build with a warning still reports it");
    }

    @Test
    void aBuildIntoAFolderThatHoldsExactlyThisSiteKeepsIt() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        Path site = dir.resolve("site");
        build(DiagramCache.at(dir.resolve("cache")), content, site);
        Map<String, byte[]> first = files(site);
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(site.resolve("index.html"));

        DiagramCache cache = DiagramCache.at(dir.resolve("cache"));
        BuildResult again = build(cache, content, site);
        assertEquals(3, again.chapters());
        assertEquals(6, again.diagrams());
        assertEquals(1 + 3 + 11 + 1, again.pages());
        assertEquals(0, cache.drawn() + cache.fromDisk(), "nothing rendered");
        assertEquals(written, Files.getLastModifiedTime(site.resolve("index.html")), "nothing written");
        assertSameFiles(first, files(site));

        // A file of the site changed, or one added: a full build puts the site back as it should be.
        Files.writeString(site.resolve("talking.html"), "edited by hand");
        Files.writeString(site.resolve("extra.html"), "not ours");
        build(DiagramCache.at(dir.resolve("cache")), content, site);
        assertSameFiles(first, files(site));

        // A chapter changed: a full build, its page changes.
        ServeFixtures.edit(content.resolve("04-quick-goodbye.md"), "wait 2MSL", "note girl: 关灯\nwait 2MSL");
        build(DiagramCache.at(dir.resolve("cache")), content, site);
        assertTrue(Files.readString(site.resolve("quick-goodbye.html"), StandardCharsets.UTF_8).contains("关灯"));

        // The templates changed: a full build.
        Path templates = Files.createDirectories(dir.resolve("templates/assets"));
        Files.writeString(templates.resolve("extra.css"), "p { color: teal }\n");
        new SiteBuilder(null, DiagramCache.at(dir.resolve("cache"))).build(new SiteBuilder.Request(content, site,
                templates.getParent()));
        assertTrue(Files.isRegularFile(site.resolve("assets/extra.css")));

        // Without a cache folder there is no record of the last build: always a full build.
        DiagramCache none = DiagramCache.none();
        new SiteBuilder(null, none).build(new SiteBuilder.Request(content, site, templates.getParent()));
        assertEquals(6, none.drawn());
    }

    @Test
    void aChangedChapterDrawsOnlyItsChangedDiagrams() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        build(DiagramCache.at(dir.resolve("cache")), content, dir.resolve("site"));
        ServeFixtures.edit(content.resolve("04-quick-goodbye.md"), "wait 2MSL", "note girl: 关灯\nwait 2MSL");
        DiagramCache cache = DiagramCache.at(dir.resolve("cache"));
        build(cache, content, dir.resolve("site"));
        assertEquals(1, cache.drawn(), "the new sequence diagram; its state diagram is unchanged");
    }

    @Test
    void brokenEntriesAreIgnoredAndDrawnAgain() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        Path cacheDir = dir.resolve("cache");
        build(DiagramCache.at(cacheDir), content, dir.resolve("site"));
        Map<String, byte[]> expected = files(dir.resolve("site"));
        List<Path> entries = entries(cacheDir);

        byte[] bytes = Files.readAllBytes(entries.get(0));
        Files.write(entries.get(0), java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated
        String text = Files.readString(entries.get(1), StandardCharsets.UTF_8);
        Files.writeString(entries.get(1), text.replace("<svg", "<svg data-evil=\"1\""), StandardCharsets.UTF_8); // edited
        Files.writeString(entries.get(2), "", StandardCharsets.UTF_8); // empty

        DiagramCache cache = DiagramCache.at(cacheDir);
        build(cache, content, dir.resolve("site2"));
        assertEquals(3, cache.rejected());
        assertEquals(3, cache.drawn());
        assertSameFiles(expected, files(dir.resolve("site2")));
        assertArrayEquals(bytes, Files.readAllBytes(entries.get(0)), "the entry was written again");

        DiagramCache again = DiagramCache.at(cacheDir);
        build(again, content, dir.resolve("site3"));
        assertEquals(0, again.drawn());
        assertEquals(0, again.rejected());
    }

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
    void theKeyCoversSourceAndTheme() {
        DiagramCache cache = DiagramCache.at(dir.resolve("cache"));
        int[] calls = new int[1];
        String source = "@startuml\nA -> B\n@enduml\n";
        assertEquals("svg 1", cache.svg(source, Theme.LIGHT, s -> "svg " + ++calls[0]));
        assertEquals("svg 1", cache.svg(source, Theme.LIGHT, s -> "svg " + ++calls[0]));
        assertEquals("svg 2", cache.svg(source, Theme.DARK, s -> "svg " + ++calls[0]), "another theme");
        assertEquals("svg 3", cache.svg(source + "' x\n", Theme.LIGHT, s -> "svg " + ++calls[0]), "another source");
        assertEquals(3, cache.drawn());
        assertEquals(1, cache.fromMemory());
        assertEquals("svg 1", DiagramCache.at(dir.resolve("cache")).svg(source, Theme.LIGHT, s -> "drawn again"));
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

    @Test
    void pruneDeletesWhatWasNotUsedForAMonth() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        Path cacheDir = dir.resolve("cache");
        build(DiagramCache.at(cacheDir), content, dir.resolve("site"));
        List<Path> entries = entries(cacheDir);
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(40)));
        Files.setLastModifiedTime(entries.get(0), old);
        Path record;
        try (Stream<Path> builds = Files.list(cacheDir.resolve("builds"))) {
            record = builds.findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(record, old);
        Path leftover = Files.writeString(cacheDir.resolve("diagrams/.x.tmp"), "half");
        Files.setLastModifiedTime(leftover, old);

        DiagramCache.at(cacheDir).prune();
        assertFalse(Files.exists(entries.get(0)));
        assertFalse(Files.exists(record));
        assertFalse(Files.exists(leftover));
        assertEquals(entries.size() - 1, entries(cacheDir).size(), "the others are kept");
    }

    @Test
    void anUnwritableCacheFolderDoesNotFailTheBuild() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        Path blocked = Files.writeString(dir.resolve("not-a-folder"), "a file where the cache folder would be");
        DiagramCache cache = DiagramCache.at(blocked);
        build(cache, content, dir.resolve("site"));
        assertTrue(cache.drawn() > 0);
    }
}
