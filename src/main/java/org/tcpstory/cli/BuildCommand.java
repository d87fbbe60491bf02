package org.tcpstory.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Report;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.diagram.DiagramCache;
import org.tcpstory.diagram.RenderPool;
import org.tcpstory.files.PathNames;
import org.tcpstory.publish.SiteBuild;
import org.tcpstory.site.BuildListener;
import org.tcpstory.site.SiteException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tcpstory build}: checks every chapter, then writes the static site. */
@Command(name = "build",
        mixinStandardHelpOptions = true,
        defaultValueProvider = LanguageOption.LocaleDefault.class,
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
            "1:errors in the chapters, or a diagram PlantUML rejects: nothing was published",
            "2:the command could not run: a bad option, an unreadable folder, a broken template, or an output "
                + "folder that tcpstory will not replace"
        })
public final class BuildCommand implements Callable<Integer> {

    @Mixin
    ContentFolderOption content;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "site",
            description = "Where to write the site. It is replaced as a whole, so it must be empty, missing, "
                    + "or a site tcpstory built before (it has a .tcpstory-site file). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin
    TemplatesFolderOption templates;

    @Option(names = "--threads", paramLabel = "N",
            description = "How many chapters to render at once (diagrams and pages), 1 or more. "
                    + "Default: one per processor (${DEFAULT-VALUE} here).")
    int threads = RenderPool.defaultThreads();

    @Mixin
    ProfileOption profile;

    @Mixin
    LanguageOption language;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Messages messages = language.messages(parent);
        Words words = new Words(messages);
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), words.of("build.threads", threads));
        }
        Progress progress = new Progress(err, System.console() != null, words);
        SiteBuild.Result result;
        try {
            result = new SiteBuild(DiagramCache.standard(), progress).run(
                    new SiteBuild.Request(content.content, this.out, templates.folder(), threads, profile.chosen()));
        } catch (SiteException e) {
            progress.clear();
            err.println("tcpstory: " + messages.render(e.text()));
            words.say(err, "build.failed", PathNames.shown(this.out));
            return e.exitCode() == 1 ? ExitCodes.PROBLEMS : ExitCodes.CANNOT_RUN;
        }
        progress.clear();
        Report report = result.report();
        TextReporter.writeDiagnostics(report, out, parent != null && parent.colourAllowed, messages);
        if (!result.published()) {
            out.println(report.summary(messages));
            out.flush();
            words.say(err, "build.failedWithErrors", PathNames.shown(this.out));
            return ExitCodes.PROBLEMS;
        }
        out.println(messages.render(result.summary()));
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Progress on a terminal: one line on standard error, rewritten with {@code \r}, shown only once the
     * build has taken more than a moment. Elsewhere (CI, a pipe) it says nothing but warnings.
     */
    static final class Progress implements BuildListener {
        private static final long QUIET_NANOS = 400_000_000L;

        private final PrintWriter err;
        private final boolean terminal;
        private final Words words;
        private final long start = System.nanoTime();
        private int width;
        private final java.util.Set<Text> warned = new java.util.HashSet<>();

        Progress(PrintWriter err, boolean terminal, Words words) {
            this.err = err;
            this.terminal = terminal;
            this.words = words;
        }

        @Override
        public void validated(int chapters) {
            show(words.of("build.validated", Text.count("report.chapters", chapters)));
        }

        @Override
        public void diagram(int done, int total) {
            show(words.of("build.renderingDiagrams", done, total));
        }

        @Override
        public void page(int done, int total) {
            show(words.of("build.writingPages", done, total));
        }

        @Override
        public void warning(Text message) {
            if (!warned.add(message)) {
                return;
            }
            clear();
            err.println("tcpstory: warning: " + words.messages().render(message));
            err.flush();
        }

        private void show(String text) {
            if (!terminal || System.nanoTime() - start < QUIET_NANOS) {
                return;
            }
            String line = "tcpstory: " + text;
            int columns = columns(line);
            err.print("\r" + line + " ".repeat(Math.max(0, width - columns)));
            err.flush();
            width = columns;
        }

        /** How many terminal columns a line takes: Chinese characters two each (a few more than need it is harmless). */
        static int columns(String line) {
            return line.codePoints().map(c -> c >= 0x2E80 ? 2 : 1).sum();
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
