package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The format of one entry of the diagram cache on disk (the cache's behaviour is tested in serve's DiagramCacheTest). */
class DiagramCacheEntryTest {

    @Test
    void anEntryReadsBackExactlyAndAnyChangedByteIsCaught() {
        String svg = "<svg><text>林晚 · 服务器 ]]&gt;</text></svg>";
        byte[] entry = DiagramCache.entry("k1", svg);
        assertEquals(svg, DiagramCache.parse("k1", entry));
        assertNull(DiagramCache.parse("k2", entry), "another key's entry");
        for (int i = 0; i < entry.length; i++) {
            byte[] damaged = entry.clone();
            damaged[i] ^= 0x20;
            assertNull(DiagramCache.parse("k1", damaged), "byte " + i + " changed");
        }
        assertNull(DiagramCache.parse("k1", Arrays.copyOf(entry, entry.length + 1)), "longer");
        assertNull(DiagramCache.parse("k1", Arrays.copyOf(entry, entry.length - 1)), "shorter");
        assertNull(DiagramCache.parse("k1", new byte[0]), "empty");
    }
}
