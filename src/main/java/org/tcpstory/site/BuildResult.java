package org.tcpstory.site;

import java.util.List;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.story.ContentSet;

/**
 * What a build did. When the chapters have errors nothing is published and the counts are zero; the
 * diagnostics are those {@code check} reports, plus the site's own ({@code _index.md}, page names).
 *
 * @param published whether the output folder now holds the new site
 * @param unchanged whether it already held exactly this site, which was kept as it was
 * @param content   the chapters as loaded
 * @param results   the engine's verdict on each chapter
 * @param extra     problems found by the build itself, by file
 * @param out       the output folder as the user named it
 * @param millis    how long the build took
 */
public record BuildResult(boolean published, boolean unchanged, ContentSet content, List<ChapterResult> results,
                          List<FileProblems> extra, int chapters, int diagrams, int pages, String out, long millis) {

    public BuildResult {
        results = List.copyOf(results);
        extra = List.copyOf(extra);
    }

    /** Diagnostics about one file that the engine does not check, with its lines for excerpts. */
    public record FileProblems(String file, List<String> lines, List<Diagnostic> diagnostics) {
        public FileProblems {
            lines = List.copyOf(lines);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** Every diagnostic: parser, engine and build. */
    public List<Diagnostic> diagnostics() {
        java.util.ArrayList<Diagnostic> all = new java.util.ArrayList<>();
        content.library().forEach(r -> all.addAll(r.diagnostics()));
        results.forEach(r -> all.addAll(r.diagnostics()));
        extra.forEach(f -> all.addAll(f.diagnostics()));
        return all;
    }

    public long errors() {
        return diagnostics().stream().filter(Diagnostic::isError).count();
    }

    public long warnings() {
        return diagnostics().size() - errors();
    }

    /**
     * {@code built 10 chapters, 20 diagrams, 24 pages into site/ in 3.2 s}, or, when the folder was kept,
     * {@code site/ is up to date: 10 chapters, 20 diagrams, 24 pages (40 ms)}.
     */
    public String summary() {
        String where = out.endsWith("/") ? out : out + "/";
        String counts = plural(chapters, "chapter") + ", " + plural(diagrams, "diagram") + ", " + plural(pages, "page");
        String time = millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        return unchanged ? where + " is up to date: " + counts + " (" + time + ")"
                : "built " + counts + " into " + where + " in " + time;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
