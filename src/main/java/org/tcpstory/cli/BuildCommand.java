package org.tcpstory.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagram.RenderPool;
import org.tcpstory.files.PathNames;
import org.tcpstory.site.BuildListener;
import org.tcpstory.site.BuildResult;
import org.tcpstory.site.SiteBuilder;
import org.tcpstory.site.SiteException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tcpstory build}: checks every chapter, then writes the static site. */
@Command(name = "build",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "Checks every chapter, then builds the static tutorial site.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Validates every chapter under the content folder like 'check' does. If there is no error, writes "
                + "the site: a home page, a page per chapter with its events as cards and its sequence and "
                + "state diagrams, a page per TCP state, and a 404 page. Every link is relative: the site "
                + "works from any folder, from file://, and offline.",
            "The site is built next to the output folder and swapped in only when complete; a failed build "
                + "leaves the previous site as it was. Site settings (title, language, baseURL, description, "
                + "allowRawHtml) are the front matter of _index.md in the content folder."
        },
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the site was built (warnings are printed, they do not fail the build)",
            "1:errors in the chapters, a diagram PlantUML rejects, or a broken template: nothing was published",
            "2:the command could not run: a bad option, an unreadable folder, or an output folder that "
                + "tcpstory will not replace"
        })
public final class BuildCommand implements Callable<Integer> {

    @Option(names = "--content", paramLabel = "DIR", defaultValue = "content",
            description = "The folder of chapters (*.md) and of _index.md, the home page text and site settings. "
                    + "Default: ${DEFAULT-VALUE}.")
    Path content;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "site",
            description = "Where to write the site. It is replaced as a whole, so it must be empty, missing, "
                    + "or a site tcpstory built before (it has a .tcpstory-site file). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "A theme folder: FreeMarker templates (*.ftlh) and assets/ that override tcpstory's "
                    + "default theme file by file. Default: templates, if that folder exists.")
    Path templates;

    @Option(names = "--threads", paramLabel = "N",
            description = "How many chapters to render at once (diagrams and pages), 1 or more. "
                    + "Default: one per processor (${DEFAULT-VALUE} here).")
    int threads = RenderPool.defaultThreads();

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path themes = templates;
        if (themes == null && java.nio.file.Files.isDirectory(Path.of("templates"))) {
            themes = Path.of("templates");
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be 1 or more, not " + threads);
        }
        Progress progress = new Progress(err, System.console() != null);
        BuildResult result;
        try {
            result = new SiteBuilder(progress, null, threads).build(new SiteBuilder.Request(content, this.out, themes));
        } catch (SiteException e) {
            progress.clear();
            err.println("tcpstory: " + e.getMessage());
            err.println("tcpstory: build failed; " + PathNames.shown(this.out) + " was left as it was");
            err.flush();
            return e.exitCode() == 1 ? ExitCodes.PROBLEMS : ExitCodes.CANNOT_RUN;
        }
        progress.clear();
        Report report = report(result);
        boolean colour = parent != null && parent.colourAllowed;
        for (Report.FileReport file : report.files()) {
            for (Diagnostic diagnostic : file.diagnostics()) {
                out.println(TextReporter.describe(file, diagnostic, colour));
            }
        }
        if (!result.published()) {
            out.println(summary(report, result));
            out.flush();
            err.println("tcpstory: build failed: there are errors; " + PathNames.shown(this.out) + " was left as it was");
            err.flush();
            return ExitCodes.PROBLEMS;
        }
        out.println(result.summary());
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * {@code checked 10 chapters: 2 errors, 1 warning}, as {@code check} says it; files that are not
     * chapters (the site settings in _index.md) are named instead of counted as chapters.
     */
    static String summary(Report report, BuildResult result) {
        long chapters = result.content().requested().size();
        boolean settings = report.files().size() > chapters;
        long errors = report.errors();
        long warnings = report.warnings();
        String counts = errors == 0 && warnings == 0 ? "no problems"
                : warnings == 0 ? plural(errors, "error")
                : errors == 0 ? plural(warnings, "warning")
                : plural(errors, "error") + ", " + plural(warnings, "warning");
        return "checked " + plural(chapters, "chapter") + (settings ? " and the site settings" : "") + ": " + counts;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** The diagnostics as {@code check} reports them, with the build's own (site settings, page names) merged in. */
    static Report report(BuildResult result) {
        Report checked = CheckCommand.report(result.content(), result.results());
        Map<String, Report.FileReport> files = new LinkedHashMap<>();
        for (Report.FileReport file : checked.files()) {
            files.put(file.file(), file);
        }
        List<Report.FileReport> extra = new ArrayList<>();
        for (BuildResult.FileProblems problems : result.extra()) {
            Report.FileReport known = files.get(problems.file());
            if (known != null) {
                List<Diagnostic> all = new ArrayList<>(known.diagnostics());
                all.addAll(problems.diagnostics());
                all.sort(Comparator.comparing(Diagnostic::position));
                files.put(known.file(), new Report.FileReport(known.file(), known.title(), all, known.lines()));
            } else {
                extra.add(new Report.FileReport(problems.file(), null, problems.diagnostics(), problems.lines()));
            }
        }
        List<Report.FileReport> all = new ArrayList<>(extra);
        all.addAll(files.values());
        return new Report(all);
    }


    /**
     * Progress on a terminal: one line on standard error, rewritten with {@code \r}, shown only once the
     * build has taken more than a moment. Elsewhere (CI, a pipe) it says nothing but warnings.
     */
    static final class Progress implements BuildListener {
        private static final long QUIET_NANOS = 400_000_000L;

        private final PrintWriter err;
        private final boolean terminal;
        private final long start = System.nanoTime();
        private int width;
        private boolean warned;

        Progress(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public void validated(int chapters) {
            show("validated " + chapters + " chapter" + (chapters == 1 ? "" : "s"));
        }

        @Override
        public void diagram(int done, int total) {
            show("rendering diagrams " + done + "/" + total);
        }

        @Override
        public void page(int done, int total) {
            show("writing pages " + done + "/" + total);
        }

        @Override
        public void warning(String message) {
            if (warned) {
                return;
            }
            warned = true;
            clear();
            err.println("tcpstory: warning: " + message);
            err.flush();
        }

        private void show(String text) {
            if (!terminal || System.nanoTime() - start < QUIET_NANOS) {
                return;
            }
            String line = "tcpstory: " + text;
            err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
            err.flush();
            width = line.length();
        }

        /** Removes the progress line, so the next output starts on a clean line. */
        void clear() {
            if (width > 0) {
                err.print("\r" + " ".repeat(width) + "\r");
                err.flush();
                width = 0;
            }
        }
    }
}
