package org.tcpstory.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParsedFilesTest {

    @TempDir
    Path content;

    @Test
    void onlyChangedFilesAreParsedAgainAndTheBookIsTheSame() throws Exception {
        Files.writeString(content.resolve("01-one.md"), BookTest.CHAPTER.formatted("One", "one"), StandardCharsets.UTF_8);
        Files.writeString(content.resolve("02-two.md"), BookTest.CHAPTER.formatted("Two", "two"), StandardCharsets.UTF_8);
        ParsedFiles parsed = new ParsedFiles();
        Book first = Book.of(ContentReader.readSite(content), Optional.empty(), parsed);

        Files.writeString(content.resolve("02-two.md"), BookTest.CHAPTER.formatted("Two, edited", "two"), StandardCharsets.UTF_8);
        Book second = Book.of(ContentReader.readSite(content), Optional.empty(), parsed);
        Book fresh = Book.of(ContentReader.readSite(content), Optional.empty());

        assertSame(first.chapters().get(0).chapter(), second.chapters().get(0).chapter(), "unchanged: kept");
        assertNotSame(first.chapters().get(1).chapter(), second.chapters().get(1).chapter(), "changed: parsed again");
        assertSame(first.chapters().get(0), second.chapters().get(0), "unchanged: not checked again");
        assertNotSame(first.chapters().get(1), second.chapters().get(1), "changed: checked again");
        assertEquals("Two, edited", second.chapters().get(1).chapter().title());
        assertEquals(fresh.report(), second.report());
        assertEquals(fresh.chapters().stream().map(r -> r.chapter().title()).toList(),
                second.chapters().stream().map(r -> r.chapter().title()).toList());
    }
}
