package org.tcpstory.diagnostic;

import java.util.List;

/**
 * The diagnostics of a set of files, ready for any reporter: the files in the order to report them, each
 * with its diagnostics sorted by position and its lines, so that an excerpt can show the line a
 * diagnostic points at. Reporters need nothing else (no file access).
 *
 * @param files the files; those that are not chapters (the site settings in {@code _index.md}) come first
 */
public record Report(List<FileReport> files) {

    public Report {
        files = List.copyOf(files);
    }

    /**
     * One file.
     *
     * @param title   the chapter title, or null when the file could not be read as a chapter
     * @param chapter whether the file is a chapter (every requested file counts as one, even if it failed
     *                to parse), not the site settings
     * @param lines   the source lines, for excerpts under diagnostics; empty when unknown
     */
    public record FileReport(String file, String title, boolean chapter, List<Diagnostic> diagnostics,
                             List<String> lines) {

        public FileReport {
            diagnostics = List.copyOf(diagnostics);
            lines = List.copyOf(lines);
        }

        /** The text of a 1-based line, or null when there is no such line. */
        public String line(int number) {
            return number >= 1 && number <= lines.size() ? lines.get(number - 1) : null;
        }

        public long errors() {
            return diagnostics.stream().filter(Diagnostic::isError).count();
        }

        public long warnings() {
            return diagnostics.size() - errors();
        }
    }

    /** The chapters checked, including those that failed to parse. */
    public long chapters() {
        return files.stream().filter(FileReport::chapter).count();
    }

    public long errors() {
        return files.stream().mapToLong(FileReport::errors).sum();
    }

    public long warnings() {
        return files.stream().mapToLong(FileReport::warnings).sum();
    }

    /** Every diagnostic of every file, in report order. */
    public List<Diagnostic> diagnostics() {
        return files.stream().flatMap(f -> f.diagnostics().stream()).toList();
    }

    /**
     * {@code checked 10 chapters: 2 errors, 1 warning}, or {@code ...: no problems}; the site settings are
     * named when they have something to report ({@code checked 10 chapters and the site settings: 1 error}).
     */
    public String summary() {
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
        boolean settings = files.stream().anyMatch(f -> !f.chapter());
        return "checked " + plural(chapters(), "chapter") + (settings ? " and the site settings" : "") + ": " + counts;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
