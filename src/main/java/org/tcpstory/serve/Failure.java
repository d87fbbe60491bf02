package org.tcpstory.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.site.BuildResult;
import org.tcpstory.site.SiteException;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.ParseResult;

/**
 * Why the last rebuild published nothing, as the browser overlay shows it: the errors with their place
 * and source line, or the message of a build that could not run (a template, a diagram) or crashed.
 *
 * @param headline one line: what failed
 * @param problems the errors, at most {@link #MAX_PROBLEMS}
 * @param more     how many errors were left out
 */
public record Failure(String headline, List<Problem> problems, int more) {

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

    /** The errors of a build that found some (warnings are not why it failed, and are left out). */
    static Failure of(BuildResult result, Path content) {
        Map<String, List<String>> lines = new HashMap<>();
        for (ParseResult parsed : result.content().library()) {
            parsed.chapter().map(Chapter::lines).ifPresent(l -> lines.put(parsed.file(), l));
        }
        for (BuildResult.FileProblems problems : result.extra()) {
            if (!problems.lines().isEmpty()) {
                lines.putIfAbsent(problems.file(), problems.lines());
            }
        }
        List<Diagnostic> errors = result.diagnostics().stream().filter(Diagnostic::isError).sorted((a, b) ->
                a.position().compareTo(b.position())).toList();
        List<Problem> problems = new ArrayList<>();
        for (Diagnostic d : errors.subList(0, Math.min(errors.size(), MAX_PROBLEMS))) {
            String file = d.position().file();
            List<String> text = lines.computeIfAbsent(file, f -> read(f, content));
            int line = d.position().line();
            String source = line >= 1 && line <= text.size() ? text.get(line - 1) : null;
            List<String> details = new ArrayList<>(d.details());
            if (!d.reference().isEmpty()) {
                details.add("see " + d.reference());
            }
            problems.add(new Problem(file, line, d.position().column(), d.severity().label(), d.message(), details, source));
        }
        String headline = errors.size() == 1 ? "1 error: the site was not rebuilt"
                : errors.size() + " errors: the site was not rebuilt";
        return new Failure(headline, problems, Math.max(0, errors.size() - MAX_PROBLEMS));
    }

    /** A build that stopped on a template, a diagram or a folder. */
    static Failure of(SiteException e) {
        return new Failure("the site was not rebuilt", List.of(new Problem("", 0, 0, "error",
                String.valueOf(e.getMessage()), List.of(), null)), 0);
    }

    /** A crash: a bug in tcpstory, shown all the same so that the page does not go stale silently. */
    static Failure crash(Throwable t) {
        StackTraceElement[] stack = t.getStackTrace();
        List<String> details = new ArrayList<>();
        for (int i = 0; i < Math.min(stack.length, 8); i++) {
            details.add("at " + stack[i]);
        }
        return new Failure("tcpstory crashed while rebuilding (the server keeps running; details are in the terminal)",
                List.of(new Problem("", 0, 0, "internal error", String.valueOf(t), details, null)), 0);
    }

    /**
     * The lines of a file that did not parse as a chapter, for its excerpt; best effort, and only for a
     * small text file inside the content folder.
     */
    private static List<String> read(String file, Path content) {
        try {
            Path path = Path.of(file);
            if (!path.toRealPath().startsWith(content.toRealPath()) || Files.size(path) > 8L * 1024 * 1024) {
                return List.of();
            }
            String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
            if (text.indexOf('\0') >= 0) {
                return List.of();
            }
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return Arrays.asList(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
