package org.tcpstory.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tcpstory.book.Book;
import org.tcpstory.book.ContentReader;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Report;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.files.OutputFile;
import org.tcpstory.files.PathNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tcpstory check}: parses the chapters, runs them through the state engine and reports. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        defaultValueProvider = LanguageOption.LocaleDefault.class,
        versionProvider = Main.Version.class,
        header = "Checks chapters against RFC 9293 and reports every problem.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Reads every chapter (*.md, not _*.md) under the given files and folders, checks each event of "
                + "its ```tcp blocks with the TCP state engine, and prints each problem with the line it is on.",
            "A file named on its own is checked with the other chapters of its folder at hand, so that "
                + "'continues:' resolves."
        },
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.PROBLEMS_HELP, ExitCodes.CANNOT_RUN_HELP})
final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*", defaultValue = "content", descriptionKey = "paths",
            description = "Chapter files or folders to check (folders recursively). Default: ${DEFAULT-VALUE}.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--strict", description = "Treat warnings as failures: exit 1 if there is any warning.")
    boolean strict;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = Format.Converter.class,
            description = "Report format: ${COMPLETION-CANDIDATES}. text is for people, json for tools, "
                    + "junit for CI test reports, github for GitHub Actions annotations, sarif for code-scanning "
                    + "dashboards (SARIF 2.1.0). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE (a regular file is replaced atomically; a device or a link is "
                    + "written through) instead of standard output, which then gets only the summary line. "
                    + "Never a chapter, nor anything inside the paths checked.")
    Path output;

    @Mixin
    ProfileOption profile;

    @Mixin
    LanguageOption language;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Messages messages = language.messages(parent);
        Words words = new Words(messages);
        Book book;
        try {
            book = Book.of(ContentReader.read(paths), profile.chosen());
        } catch (ContentReader.UnreadablePathException e) {
            words.say(err, "cli.cannotRead", PathNames.shown(e.path()), why(e));
            return ExitCodes.CANNOT_RUN;
        }
        Report report = book.report();
        boolean colour = parent != null && parent.colourAllowed && output == null && format == Format.TEXT;
        Reporter reporter = format.reporter(strict, colour, messages);
        try {
            if (output == null) {
                reporter.write(report, out);
            } else {
                OutputFile.write(output, contentRead(), stream -> {
                    Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                    reporter.write(report, writer);
                    writer.flush();
                });
                out.println(report.summary(messages));
            }
        } catch (OutputFile.RefusedException e) {
            words.say(err, "check.refusingToWrite", PathNames.shown(output), e.text());
            return ExitCodes.CANNOT_RUN;
        } catch (IOException e) {
            Object target = output == null ? Text.of("cli.standardOutput") : PathNames.shown(output);
            words.say(err, "cli.cannotWrite", target, Words.why(e));
            return ExitCodes.CANNOT_RUN;
        } finally {
            out.flush();
        }
        boolean failed = report.errors() > 0 || strict && report.warnings() > 0;
        return failed ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    /**
     * What the report must not overwrite: the paths checked and, beside a chapter named on its own, the
     * Markdown files of its folder (its siblings are read too).
     */
    private List<Path> contentRead() {
        List<Path> read = new ArrayList<>(paths);
        Path target = PathNames.resolved(output);
        boolean markdown = target.getFileName() != null
                && target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md");
        for (Path path : paths) {
            Path folder = path.toAbsolutePath().getParent();
            if (markdown && !Files.isDirectory(path) && folder != null && PathNames.resolved(folder).equals(target.getParent())) {
                read.add(output);
            }
        }
        return read;
    }

    /** Why a path could not be read, in words rather than as an exception's class. */
    private static Text why(ContentReader.UnreadablePathException e) {
        if (e.getCause() != null) {
            return Words.why(e.getCause());
        }
        Path path = e.path();
        if (path != null && !Files.exists(path)) {
            return Text.of("cli.why.noSuchFileOrFolder");
        }
        if (path != null && !Files.isReadable(path)) {
            return Text.of("cli.why.permissionDenied");
        }
        if (path != null && !Files.isRegularFile(path) && !Files.isDirectory(path)) {
            return Text.of("cli.why.notAFileOrFolder");
        }
        return e.text();
    }
}
