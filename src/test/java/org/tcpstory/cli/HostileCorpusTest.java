package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tcpstory.book.Book;
import org.tcpstory.book.ContentReader;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Report;

/**
 * The robustness corpus, {@code src/test/resources/hostile/}: broken, malicious and odd chapters, each
 * with the diagnostics {@code check} must give for it, listed in {@code expected.txt} beside them as
 * {@code rule@line} (errors) and {@code ~rule@line} (warnings), in file order; {@code valid} for none.
 * One test per file: the diagnostics are exactly those, {@code check} exits 1 (0 when valid) within a
 * bounded time, and nothing on its output looks like a stack trace.
 */
class HostileCorpusTest {

    static final Path CORPUS = Path.of("src", "test", "resources", "hostile");
    static final String INDEX = "expected.txt";
    /** A hang guard, not a speed limit: each file takes milliseconds. */
    static final Duration BOUND = Duration.ofSeconds(20);

    /** The index: file name to its expected diagnostics, in the order of the file. */
    static Map<String, List<String>> index() throws IOException {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(CORPUS.resolve(INDEX), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String rest = parts.length < 2 ? "" : parts[1].replaceFirst("\\s+#.*$", "").strip();
            expected.put(parts[0], rest.equals("valid") ? List.of() : List.of(rest.split("\\s*,\\s*")));
        }
        return expected;
    }

    @Test
    void everyFileOfTheCorpusIsInTheIndexAndBack() throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(CORPUS)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> !n.equals(INDEX)).sorted().toList();
        }
        assertEquals(files, index().keySet().stream().sorted().toList());
    }

    @TestFactory
    Stream<DynamicTest> eachFileGivesItsExpectedDiagnostics() throws IOException {
        return index().entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue())));
    }

    private static void check(String name, List<String> expected) {
        Path file = CORPUS.resolve(name);
        // What check reports for the file, through the same loader, engine and report as the command.
        List<String> actual = assertTimeoutPreemptively(BOUND, () -> diagnostics(file));
        assertEquals(expected, actual, name);

        Stories.Run run = assertTimeoutPreemptively(BOUND, () -> Stories.run("check", file));
        assertEquals(expected.stream().anyMatch(d -> !d.startsWith("~")) ? 1 : 0, run.exitCode(), run::out);
        assertNoStackTrace(run);
        String shown = Stories.shown(file);
        for (String d : expected) {
            int line = Integer.parseInt(d.substring(d.indexOf('@') + 1));
            assertTrue(run.out().contains(shown + ":" + line + ":"), () -> d + " printed at its line: " + run.out());
        }
        for (String format : List.of("json", "junit", "github")) {
            Stories.Run other = assertTimeoutPreemptively(BOUND, () -> Stories.run("check", "--format", format, file));
            assertEquals(run.exitCode(), other.exitCode(), format);
            assertNoStackTrace(other);
        }
    }

    static List<String> diagnostics(Path file) throws Exception {
        Report report = Book.of(ContentReader.read(List.of(file))).report();
        List<String> out = new ArrayList<>();
        for (Report.FileReport f : report.files()) {
            for (Diagnostic d : f.diagnostics()) {
                out.add((d.isError() ? "" : "~") + d.rule() + "@" + d.position().line());
            }
        }
        return out;
    }

    static void assertNoStackTrace(Stories.Run run) {
        String all = run.out() + run.err();
        assertFalse(all.contains("internal error"), all);
        assertFalse(all.contains("internal-error"), all);
        assertFalse(all.matches("(?s).*\\n\\s+at [a-z]+\\.[\\w.$]+\\(.*"), () -> "a stack trace: " + all);
        assertFalse(all.contains("Exception"), all);
        assertFalse(all.contains("Error:") && !all.contains("error:"), all);
        assertEquals("", run.err(), "nothing on standard error");
    }
}
