package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
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
}
