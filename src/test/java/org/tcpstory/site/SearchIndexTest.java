package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.book.Book;
import org.tcpstory.book.ContentReader;
import org.tcpstory.diagram.DiagramCache;

class SearchIndexTest {

    @TempDir
    Path dir;

    private String index(Path content) throws Exception {
        SiteRenderer renderer = new SiteRenderer(null, DiagramCache.none(), 2, SiteRenderer.Mode.PUBLISH, null);
        byte[] bytes = renderer.render(Book.of(ContentReader.readSite(content))).file(SearchIndex.PATH).orElseThrow();
        byte[] again = renderer.render(Book.of(ContentReader.readSite(content))).file(SearchIndex.PATH).orElseThrow();
        assertArrayEquals(bytes, again, "the same site gives the same index");
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void chaptersAndStatesWithTheirPassagesAndAnchors() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        SiteFixtures.edit(content.resolve("01-hello.md"), "连接建立了。", "## 挥手之前\n\n连接建立了。");
        String index = index(content);
        assertTrue(index.startsWith("/* The search index of this site, written by tcpstory build. */\n"
                + "window.tcpstorySearchIndex = {\"docs\": [\n[\"hello.html\",\"你好\",\"chapter\",[[\"\",\"三次握手\"]"), index);
        assertTrue(index.contains("[\"挥手之前\",\"连接建立了。\"]"), "a paragraph under its heading's anchor");
        assertTrue(index.contains("[\"events-1\",\"boy -\\u003e girl: SYN=1, seq=x"), "the events of a tcp block, at its cards");
        assertTrue(index.contains("[\"states/time-wait.html\",\"TIME-WAIT\",\"state\",[[\"\",\"两个 FIN 都已确认"),
                "a state page, in the site's language");
    }

    @Test
    void nothingAuthoredCanEndTheValueOrAScript() {
        StringBuilder out = new StringBuilder();
        SearchIndex.string(out, "</script><!-- \"a\\b\" & \u2028\u2029\n\u0001");
        String json = out.toString();
        assertEquals("\"\\u003c/script\\u003e\\u003c!-- \\\"a\\\\b\\\" \\u0026 \\u2028\\u2029\\n\\u0001\"", json);
        assertFalse(json.contains("<") || json.contains(">") || json.contains("\u2028"));
    }

    @Test
    void anIndexThatTakesTheLastOnesEntriesGivesTheBytesOfOneWrittenAfresh() {
        SearchIndex.Document kept = new SearchIndex.Document("bye.html", "再见", "chapter",
                List.of(new SearchIndex.Passage("", "四次挥手 \uD83D\uDC4B <FIN>")));
        SearchIndex last = new SearchIndex();
        last.add(kept);
        last.add(new SearchIndex.Document("hello.html", "你好", "chapter", List.of(new SearchIndex.Passage("", "三次握手"))));
        last.script();

        SearchIndex.Document edited = new SearchIndex.Document("hello.html", "你好", "chapter",
                List.of(new SearchIndex.Passage("", "三次握手，又一次")));
        SearchIndex next = new SearchIndex(last);
        next.add(kept);
        next.add(edited);
        SearchIndex fresh = new SearchIndex();
        fresh.add(kept);
        fresh.add(edited);
        byte[] bytes = fresh.script();
        assertArrayEquals(bytes, next.script());
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("[\"bye.html\",\"再见\",\"chapter\",[[\"\",\"四次挥手 \uD83D\uDC4B \\u003cFIN\\u003e\"]]],\n"), text);
        assertTrue(text.endsWith("\"三次握手，又一次\"]]]\n]};\n"), text);
    }
}
