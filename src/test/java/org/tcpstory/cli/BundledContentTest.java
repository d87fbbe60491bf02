package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpstory.book.Book;
import org.tcpstory.book.ContentReader;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.StoryEngine;
import org.tcpstory.engine.TcpState;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.ParseResult;

/** The bundled tutorial stays valid: what a newcomer sees first must pass {@code check --strict}. */
class BundledContentTest {

    @Test
    void bundledContentPassesStrictCheck() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "check", "--strict", "content");
        String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, () -> report + err.toString(StandardCharsets.UTF_8));
        assertTrue(report.endsWith("no problems" + System.lineSeparator()), report);
    }

    @Test
    void bundledChaptersVisitAllElevenStates() throws Exception {
        List<Chapter> chapters = Book.of(ContentReader.read(List.of(Path.of("content")))).library().stream()
                .map(ParseResult::chapter).flatMap(java.util.Optional::stream).toList();
        EnumSet<TcpState> visited = EnumSet.noneOf(TcpState.class);
        for (ChapterResult result : new StoryEngine().validate(chapters)) {
            visited.addAll(result.statesVisited());
        }
        assertEquals(EnumSet.allOf(TcpState.class), visited);
        assertTrue(chapters.size() >= 10, "at least ten chapters");
    }
}
