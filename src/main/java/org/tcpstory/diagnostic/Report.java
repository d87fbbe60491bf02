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
     * In English.
     */
    public String summary() {
        return summary(Messages.english());
    }

    /** The summary line in the catalog's language. */
    public String summary(Messages messages) {
        return messages.render(summaryText());
    }

    /** The summary line as a text. */
    public Text summaryText() {
        long errors = errors();
        long warnings = warnings();
        Text counts;
        if (errors == 0 && warnings == 0) {
            counts = Text.of("report.noProblems");
        } else if (warnings == 0) {
            counts = Text.count("report.errors", errors);
        } else if (errors == 0) {
            counts = Text.count("report.warnings", warnings);
        } else {
            counts = Text.of("report.errorsAndWarnings", Text.count("report.errors", errors),
                    Text.count("report.warnings", warnings));
        }
        boolean settings = files.stream().anyMatch(f -> !f.chapter());
        return Text.of(settings ? "report.checkedWithSettings" : "report.checked", Text.count("report.chapters", chapters()),
                counts);
    }
}
