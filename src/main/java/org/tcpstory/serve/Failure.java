package org.tcpstory.serve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Report;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.site.SiteException;

/**
 * Why the last rebuild published nothing, as the browser overlay shows it: the errors with their place
 * and source line, or the message of a build that could not run (a template, a diagram) or crashed.
 *
 * @param language the language of the words, and of the overlay around them
 * @param headline one line: what failed
 * @param problems the errors, at most {@link #MAX_PROBLEMS}
 * @param more     how many errors were left out
 */
public record Failure(Language language, String headline, List<Problem> problems, int more) {

    static final int MAX_PROBLEMS = 50;

    public Failure {
        problems = List.copyOf(problems);
    }

    /**
     * One error.
     *
     * @param file   the file as the user named it, or an empty string when the error is not in a file
     * @param line   1-based, or 0 when unknown
     * @param source the text of the line, or null
     */
    public record Problem(String file, int line, int column, String severity, String message, List<String> details,
                          String source) {
        public Problem {
            details = List.copyOf(details);
        }

        /** {@code content/03-goodbye.md:14:28: error: message}, as {@code check} writes it. */
        public String headline() {
            String where = file.isEmpty() ? "" : line > 0 ? file + ":" + line + ":" + column + ": " : file + ": ";
            return where + severity + ": " + message;
        }
    }

    /** The errors of a book that has some (warnings are not why it failed, and are left out). */
    static Failure of(Report report, Messages messages) {
        Map<String, Report.FileReport> byFile = new HashMap<>();
        report.files().forEach(f -> byFile.putIfAbsent(f.file(), f));
        List<Diagnostic> errors = report.diagnostics().stream().filter(Diagnostic::isError)
                .sorted(Comparator.comparing(Diagnostic::position)).toList();
        List<Problem> problems = new ArrayList<>();
        for (Diagnostic d : errors.subList(0, Math.min(errors.size(), MAX_PROBLEMS))) {
            int line = d.position().line();
            Report.FileReport file = byFile.get(d.position().file());
            problems.add(new Problem(d.position().file(), line, d.position().column(), d.severity().label(),
                    d.message(messages), d.detailsAndReference(messages), file == null ? null : file.line(line)));
        }
        return new Failure(messages.language(), messages.render(Text.count("serve.errors", errors.size())), problems,
                Math.max(0, errors.size() - MAX_PROBLEMS));
    }

    /** A book that cannot be read at all: its folder is gone, or a chapter cannot be read. */
    static Failure of(Text message, Messages messages) {
        return new Failure(messages.language(), messages.render(Text.of("serve.notRebuilt")),
                List.of(new Problem("", 0, 0, "error", messages.render(message), List.of(), null)), 0);
    }

    /** A build that stopped on a template, a diagram or the theme. */
    static Failure of(SiteException e, Messages messages) {
        return of(e.text(), messages);
    }

    /** A crash: a bug in tcpstory, shown all the same so that the page does not go stale silently. */
    static Failure crash(Throwable t, Messages messages) {
        StackTraceElement[] stack = t.getStackTrace();
        List<String> details = new ArrayList<>();
        for (int i = 0; i < Math.min(stack.length, 8); i++) {
            details.add("at " + stack[i]);
        }
        return new Failure(messages.language(), messages.render(Text.of("serve.crashed")),
                List.of(new Problem("", 0, 0, "internal error", String.valueOf(t), details, null)), 0);
    }
}
