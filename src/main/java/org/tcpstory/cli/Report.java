package org.tcpstory.cli;

import java.util.List;
import org.tcpstory.diagnostic.Diagnostic;

/**
 * What {@code check} found, ready for any reporter: the requested files in reading order, each with its
 * diagnostics sorted by position. Reporters need nothing else (no file access).
 */
record Report(List<FileReport> files) {

    Report {
        files = List.copyOf(files);
    }

    /**
     * One requested file.
     *
     * @param title  the chapter title, or null when the file could not be read as a chapter
     * @param lines  the source lines, for excerpts under diagnostics; empty when unknown
     */
    record FileReport(String file, String title, List<Diagnostic> diagnostics, List<String> lines) {

        FileReport {
            diagnostics = List.copyOf(diagnostics);
            lines = List.copyOf(lines);
        }

        /** The text of a 1-based line, or null when there is no such line. */
        String line(int number) {
            return number >= 1 && number <= lines.size() ? lines.get(number - 1) : null;
        }

        long errors() {
            return diagnostics.stream().filter(Diagnostic::isError).count();
        }

        long warnings() {
            return diagnostics.size() - errors();
        }
    }

    /** Every requested file counts as a chapter, including those that failed to parse. */
    int chapters() {
        return files.size();
    }

    long errors() {
        return files.stream().mapToLong(FileReport::errors).sum();
    }

    long warnings() {
        return files.stream().mapToLong(FileReport::warnings).sum();
    }

    /** {@code checked 10 chapters: 2 errors, 1 warning}, or {@code ...: no problems}. */
    String summary() {
        long errors = errors();
        long warnings = warnings();
        String counts;
        if (errors == 0 && warnings == 0) {
            counts = "no problems";
        } else if (warnings == 0) {
            counts = plural(errors, "error");
        } else if (errors == 0) {
            counts = plural(warnings, "warning");
        } else {
            counts = plural(errors, "error") + ", " + plural(warnings, "warning");
        }
        return "checked " + plural(chapters(), "chapter") + ": " + counts;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
