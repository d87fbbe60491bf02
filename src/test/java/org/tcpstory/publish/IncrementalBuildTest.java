package org.tcpstory.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.tcpstory.diagram.DiagramCache;
import org.tcpstory.site.SiteFixtures;

/**
 * Builds that share a diagram cache and a build record: what an unchanged, a slightly changed and a
 * damaged set of inputs cost, and that the output is the same whatever came from the cache.
 */
class IncrementalBuildTest {

    @TempDir
    Path dir;

    private SiteBuild.Result build(DiagramCache cache, Path content, Path out) throws Exception {
        SiteBuild.Result result = SiteFixtures.build(cache, content, out, null);
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
        Path content = SiteFixtures.bundledCopy(dir.resolve("content"));
        Path cacheDir = dir.resolve("cache");

        DiagramCache cold = DiagramCache.at(cacheDir);
        SiteBuild.Result first = build(cold, content, dir.resolve("site"));
        assertEquals(6, first.diagrams());
        assertEquals(4, cold.drawn(), "three sequence diagrams, and one layout the three state diagrams share");
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
        Path content = SiteFixtures.bundledCopy(dir.resolve("content"));
        Path site = dir.resolve("site");
        SiteBuild.Result first = build(DiagramCache.at(dir.resolve("cache")), content, site);
        assertEquals(List.of(), first.diagnostics(), "the fixture is clean");
        assertTrue(first.book().orElseThrow().requested().size() >= 3);

        SiteBuild.Result again = build(DiagramCache.at(dir.resolve("cache")), content, site);
        assertTrue(again.book().isEmpty(), "no chapter read");
        assertEquals(first.chapters(), again.chapters());
        assertEquals(first.pages(), again.pages());

        // One byte more in the prose: the chapters are read and checked again.
        Path chapter = content.resolve("04-quick-goodbye.md");
        Files.writeString(chapter, Files.readString(chapter, StandardCharsets.UTF_8) + " ", StandardCharsets.UTF_8);
        SiteBuild.Result touched = build(DiagramCache.at(dir.resolve("cache")), content, site);
        assertTrue(touched.book().orElseThrow().requested().size() >= 3, "checked again");

        // A chapter with a warning is checked on every build, so the warning is reported every time.
        SiteFixtures.edit(chapter, "wait 2MSL", "wait 2MSL\nwait 2MSL");
        SiteBuild.Result warned = build(DiagramCache.at(dir.resolve("cache")), content, site);
        assertEquals(1, warned.warnings());
        SiteBuild.Result stillWarned = build(DiagramCache.at(dir.resolve("cache")), content, site);
        assertEquals(1, stillWarned.warnings(), "an unchanged build with a warning still reports it");
    }

    @Test
    void aBuildIntoAFolderThatHoldsExactlyThisSiteKeepsIt() throws Exception {
        Path content = SiteFixtures.bundledCopy(dir.resolve("content"));
        Path site = dir.resolve("site");
        build(DiagramCache.at(dir.resolve("cache")), content, site);
        Map<String, byte[]> first = files(site);
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(site.resolve("index.html"));

        DiagramCache cache = DiagramCache.at(dir.resolve("cache"));
        SiteBuild.Result again = build(cache, content, site);
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
        SiteFixtures.edit(content.resolve("04-quick-goodbye.md"), "wait 2MSL", "note girl: 关灯\nwait 2MSL");
        build(DiagramCache.at(dir.resolve("cache")), content, site);
        assertTrue(Files.readString(site.resolve("quick-goodbye.html"), StandardCharsets.UTF_8).contains("关灯"));

        // The templates changed: a full build.
        Path templates = Files.createDirectories(dir.resolve("templates/assets"));
        Files.writeString(templates.resolve("extra.css"), "p { color: teal }\n");
        SiteFixtures.build(DiagramCache.at(dir.resolve("cache")), content, site,
                templates.getParent());
        assertTrue(Files.isRegularFile(site.resolve("assets/extra.css")));

        // Without a cache folder there is no record of the last build: always a full build.
        DiagramCache none = DiagramCache.none();
        SiteFixtures.build(none, content, site, templates.getParent());
        assertEquals(6, none.drawn());
    }

    @Test
    void aChangedChapterDrawsOnlyItsChangedDiagrams() throws Exception {
        Path content = SiteFixtures.bundledCopy(dir.resolve("content"));
        build(DiagramCache.at(dir.resolve("cache")), content, dir.resolve("site"));
        SiteFixtures.edit(content.resolve("04-quick-goodbye.md"), "wait 2MSL", "note girl: 关灯\nwait 2MSL");
        DiagramCache cache = DiagramCache.at(dir.resolve("cache"));
        build(cache, content, dir.resolve("site"));
        assertEquals(1, cache.drawn(), "the new sequence diagram; its state diagram is unchanged");
    }

    @Test
    void brokenEntriesAreIgnoredAndDrawnAgain() throws Exception {
        Path content = SiteFixtures.bundledCopy(dir.resolve("content"));
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

    /**
     * The campaign's forged entry: the SVG of every entry replaced by script, a javascript: link and a meta
     * refresh, under a header rewritten to match (a CRC is no secret). The build draws them all again and
     * publishes exactly the site it would have published.
     */
    @Test
    void forgedEntriesWithValidHeadersNeverReachTheSite() throws Exception {
        Path content = SiteFixtures.bundledCopy(dir.resolve("content"));
        Path cacheDir = dir.resolve("cache");
        build(DiagramCache.at(cacheDir), content, dir.resolve("site"));
        Map<String, byte[]> expected = files(dir.resolve("site"));
        List<Path> entries = entries(cacheDir);
        for (Path entry : entries) {
            String[] parts = Files.readString(entry, StandardCharsets.UTF_8).split("\n", 4);
            String svg = parts[3].replaceFirst("(<svg[^>]*>)", "$1<script>alert(document.domain)</script>"
                    + "<a href=\"javascript:alert(1)\"><text>x</text></a>"
                    + "<foreignObject><meta xmlns=\"http://www.w3.org/1999/xhtml\" http-equiv=\"refresh\" content=\"0;url=/x\"/>"
                    + "</foreignObject>");
            byte[] body = svg.getBytes(StandardCharsets.UTF_8);
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(body);
            Files.writeString(entry, parts[0] + "\n" + parts[1] + "\nlength " + body.length + " crc32c "
                    + Long.toHexString(crc.getValue()) + "\n" + svg, StandardCharsets.UTF_8);
        }

        DiagramCache cache = DiagramCache.at(cacheDir);
        build(cache, content, dir.resolve("site2"));
        assertEquals(entries.size(), cache.rejected());
        assertEquals(entries.size(), cache.drawn());
        assertSameFiles(expected, files(dir.resolve("site2")));
    }

    @Test
    void pruneDeletesWhatWasNotUsedForAMonth() throws Exception {
        Path content = SiteFixtures.bundledCopy(dir.resolve("content"));
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
        Path leftover = Files.writeString(cacheDir.resolve("diagrams/." + entries.get(1).getFileName() + ".0123456789ab.tmp"),
                "half");
        Files.setLastModifiedTime(leftover, old);

        DiagramCache.at(cacheDir).prune();
        assertFalse(Files.exists(entries.get(0)));
        assertFalse(Files.exists(record));
        assertFalse(Files.exists(leftover));
        assertEquals(entries.size() - 1, entries(cacheDir).size(), "the others are kept");
    }

    @Test
    void anUnwritableCacheFolderDoesNotFailTheBuild() throws Exception {
        Path content = SiteFixtures.bundledCopy(dir.resolve("content"));
        Path blocked = Files.writeString(dir.resolve("not-a-folder"), "a file where the cache folder would be");
        DiagramCache cache = DiagramCache.at(blocked);
        build(cache, content, dir.resolve("site"));
        assertTrue(cache.drawn() > 0);
    }
}
