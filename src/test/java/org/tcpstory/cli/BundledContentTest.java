package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled tutorial stays valid: what a newcomer sees first must pass {@code check --strict}, the whole book
 * and each of its languages on its own, with no warning. (What it teaches is {@code book.BundledBookTest}'s.)
 */
class BundledContentTest {

    @ParameterizedTest
    @ValueSource(strings = {"content", "content/zh", "content/en"})
    void bundledContentPassesStrictCheck(String folder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "check", "--strict", folder);
        String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, () -> report + err.toString(StandardCharsets.UTF_8));
        assertEquals("checked " + chapterFiles(Path.of(folder)) + " chapters: no problems" + System.lineSeparator(), report);
    }

    /** The chapter files under a folder, as the check should count them: every language's. */
    private static long chapterFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            long count = files.filter(f -> f.toString().endsWith(".md") && !f.getFileName().toString().startsWith("_"))
                    .count();
            assertTrue(count >= 16, folder + " has parts one and two");
            return count;
        }
    }
}
