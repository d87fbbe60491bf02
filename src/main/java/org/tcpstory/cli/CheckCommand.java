package org.tcpstory.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.StoryEngine;
import org.tcpstory.files.PathNames;
import org.tcpstory.files.SafeFiles;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.ContentLoader;
import org.tcpstory.story.ContentSet;
import org.tcpstory.story.ParseResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tcpstory check}: parses the chapters, runs them through the state engine and reports. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
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

    @Parameters(paramLabel = "PATH", arity = "0..*", defaultValue = "content",
            description = "Chapter files or folders to check (folders recursively). Default: ${DEFAULT-VALUE}.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--strict", description = "Treat warnings as failures: exit 1 if there is any warning.")
    boolean strict;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = Format.Converter.class,
            description = "Report format: ${COMPLETION-CANDIDATES}. text is for people, json for tools, "
                    + "junit for CI test reports, github for GitHub Actions annotations. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE (replaced atomically) instead of standard output, "
                    + "which then gets only the summary line.")
    Path output;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ContentSet content;
        try {
            content = new ContentLoader().load(paths);
        } catch (ContentLoader.UnreadablePathException e) {
            err.println("tcpstory: cannot read " + PathNames.shown(e.path()) + ": " + reason(e));
            err.flush();
            return ExitCodes.CANNOT_RUN;
        }
        Report report = report(content, new StoryEngine().validate(chapters(content.library())));
        boolean colour = parent != null && parent.colourAllowed && output == null && format == Format.TEXT;
        Reporter reporter = format.reporter(strict, colour);
        try {
            if (output == null) {
                reporter.write(report, out);
            } else {
                SafeFiles.replace(output, stream -> {
                    Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                    reporter.write(report, writer);
                    writer.flush();
                });
                out.println(report.summary());
            }
        } catch (IOException e) {
            String target = output == null ? "standard output" : PathNames.shown(output);
            err.println("tcpstory: cannot write " + target + ": " + reason(e));
            err.flush();
            return ExitCodes.CANNOT_RUN;
        } finally {
            out.flush();
        }
        boolean failed = report.errors() > 0 || strict && report.warnings() > 0;
        return failed ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    private static List<Chapter> chapters(List<ParseResult> results) {
        return results.stream().flatMap(r -> r.chapter().stream()).toList();
    }

    /**
     * The requested files with their parse and engine diagnostics, sorted by position (stable, so the
     * parser's come before the engine's at the same place). Library-only chapters are not reported.
     */
    static Report report(ContentSet content, List<ChapterResult> results) {
        Map<String, ChapterResult> byFile = new HashMap<>();
        for (ChapterResult result : results) {
            byFile.putIfAbsent(result.chapter().file(), result);
        }
        List<Report.FileReport> files = new ArrayList<>();
        for (ParseResult parsed : content.requested()) {
            List<Diagnostic> diagnostics = new ArrayList<>(parsed.diagnostics());
            ChapterResult result = parsed.chapter().map(c -> byFile.get(c.file())).orElse(null);
            if (result != null) {
                diagnostics.addAll(result.diagnostics());
            }
            diagnostics.sort(Comparator.comparing(Diagnostic::position));
            String title = parsed.chapter().map(Chapter::title).orElse(null);
            List<String> lines = parsed.chapter().map(Chapter::lines)
                    .orElseGet(() -> diagnostics.isEmpty() ? List.of() : sourceLines(parsed.file()));
            files.add(new Report.FileReport(parsed.file(), title, diagnostics, lines));
        }
        return new Report(files);
    }

    /**
     * The lines of a file that did not parse as a chapter (broken front matter, say), so its diagnostics
     * get excerpts too. Best effort: binary or unreadable files get none.
     */
    private static List<String> sourceLines(String file) {
        try {
            Path path = Path.of(file);
            if (Files.size(path) > 8L * 1024 * 1024) {
                return List.of();
            }
            byte[] bytes = Files.readAllBytes(path);
            for (byte b : bytes) {
                if (b == 0) {
                    return List.of();
                }
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return Arrays.asList(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Why a path could not be read, in words rather than as an exception's class. */
    private static String reason(ContentLoader.UnreadablePathException e) {
        if (e.getCause() != null) {
            return reason(e.getCause());
        }
        Path path = e.path();
        if (path != null && !Files.exists(path)) {
            return "no such file or folder";
        }
        if (path != null && !Files.isReadable(path)) {
            return "permission denied";
        }
        if (path != null && !Files.isRegularFile(path) && !Files.isDirectory(path)) {
            return "not a file or folder";
        }
        return e.getMessage();
    }

    private static String reason(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A path as the user wrote it, with / between names (as diagnostics show paths). */
}
