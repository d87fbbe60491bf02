package org.tcpstory.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tcpstory.book.Book;
import org.tcpstory.book.Source;
import org.tcpstory.book.Sources;
import org.tcpstory.capture.CaptureException;
import org.tcpstory.capture.CaptureScan;
import org.tcpstory.capture.ConnectionSummary;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Report;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.files.PathNames;
import org.tcpstory.files.SafeFiles;
import org.tcpstory.story.HomePage;
import org.tcpstory.story.HomePageParser;
import org.tcpstory.transcribe.CaptureImport;
import org.tcpstory.transcribe.PeerNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tcpstory import}: a capture's TCP connection becomes a chapter, checked as {@code check} checks it. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        defaultValueProvider = LanguageOption.LocaleDefault.class,
        versionProvider = Main.Version.class,
        header = "Turns a TCP connection of a pcap or pcapng capture into a checked chapter.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Reads a capture (pcap or pcapng, as tcpdump, dumpcap and Wireshark write them; gzip-compressed too) "
                + "of Ethernet, Linux cooked (v1, v2), BSD loopback or raw IP packets, IPv4 or IPv6, and writes one "
                + "of its TCP connections as a chapter: the peers in the front matter (the side that sent the SYN "
                + "is the client), then one ```tcp block per phase (handshake, data, close), each after a short "
                + "paragraph to rewrite and ending with the states the peers reach. Segments carry the SYNs' "
                + "options, the window field as sent, SACK blocks and timestamps.",
            "A capture is taken at one place, so what the other side received is inferred from its "
                + "acknowledgments, SACK blocks and timestamp echoes: segments sent again before any acknowledgment "
                + "covered them are written as lost, segments shown later than others as in flight, octets the "
                + "capture never shows as segments of their own, and a timer's wait before a resend nothing called "
                + "for. Comments in the blocks say what was inferred and what a story cannot say.",
            "The chapter is then checked as 'check' checks it, and its diagnostics are printed on standard error."
        },
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the chapter was written and has no errors",
            "1:the chapter was written and has errors (they are printed)",
            "2:nothing was written: a bad option, a capture that cannot be read or has no such connection, or an "
                + "output file that exists (without --force) or cannot be written"
        })
final class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CAPTURE", descriptionKey = "capture",
            description = "The capture file (.pcap, .pcapng, or either gzip-compressed).")
    Path capture;

    @Option(names = "--list", description = "List the capture's TCP connections (stream, ends, packets, bytes, how "
            + "each ended) instead of importing one.")
    boolean list;

    @Option(names = "--stream", paramLabel = "N",
            description = "The connection to import, by its stream number in --list (numbered from 0 in order of "
                    + "appearance, as Wireshark's tcp.stream). Default: the only one, or the first whose handshake "
                    + "the capture shows.")
    Integer stream;

    // Read in call(), not by a converter, so that what is wrong with it is said in the language of --lang.
    @Option(names = "--peers", paramLabel = "ID[=LABEL],ID[=LABEL]",
            description = "The peers' ids and labels, the client first: --peers browser=Browser,web=\"Web server\". "
                    + "Default: client and server, labelled with their addresses.")
    String peers;

    @Option(names = "--max-packets", paramLabel = "N", defaultValue = "" + CaptureImport.DEFAULT_LIMIT,
            description = "Tell at most the first N packets of the connection. Default: ${DEFAULT-VALUE}.")
    int maxPackets;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the chapter to FILE (atomically) instead of standard output.")
    Path output;

    @Option(names = "--force", description = "Replace FILE when it exists.")
    boolean force;

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
        String captureName = PathNames.shown(capture);
        Messages messages = language.messages(parent);
        Words words = new Words(messages);
        PeerNames names;
        try {
            names = peers == null ? PeerNames.DEFAULT : PeerNames.parse(peers);
        } catch (PeerNames.Invalid e) {
            throw new ParameterException(spec.commandLine(), words.of("import.peers", e.text()));
        }
        if (stream != null && stream < 0) {
            return cannotRun(err, words.of("import.streamNumber", stream));
        }
        if (maxPackets < 1) {
            return cannotRun(err, words.of("import.maxPackets", maxPackets));
        }
        if (!list && output != null) {
            String shown = PathNames.shown(output);
            Path folder = output.toAbsolutePath().getParent();
            if (Files.isDirectory(output)) {
                return cannotRun(err, words.of("import.outputIsFolder", shown));
            }
            if (Files.exists(output) && !force) {
                return cannotRun(err, words.of("import.outputExists", shown));
            }
            if (folder != null && !Files.isDirectory(folder)) {
                return cannotRun(err, words.of("import.noFolder", shown));
            }
        }
        try (InputStream in = Files.newInputStream(capture)) {
            if (list) {
                CaptureScan scan = CaptureImport.list(in);
                out.print(ConnectionTable.format(scan.connections(), messages));
                notes(err, scan, words);
                out.flush();
                return ExitCodes.OK;
            }
            String chapterFile = output != null ? PathNames.shown(output) : "<stdout>";
            String slug = output != null ? slugUnlessNamed(output.getFileName().toString()) : slugOf(capture);
            Messages told = output == null ? messages : bookLanguage(output).map(Messages::of).orElse(messages);
            CaptureImport.Options options = new CaptureImport.Options(stream == null ? -1 : stream, maxPackets, names,
                    told);
            // The chapter names the capture by its file name: where it lay on this machine is no part of the story.
            String fileName = capture.getFileName() == null ? captureName : capture.getFileName().toString();
            CaptureImport.Result result = CaptureImport.run(in, fileName, chapterFile, slug, options);
            notes(err, result.scan(), words);
            if (stream == null && result.scan().connections().size() > 1) {
                words.say(err, "import.several", captureName, result.scan().connections().size(),
                        result.conversation().connection().stream());
            }
            if (result.conversation().connection().cut()) {
                words.say(err, "import.cut", result.conversation().connection().totalPackets(), maxPackets);
            }
            byte[] bytes = result.chapter().getBytes(StandardCharsets.UTF_8);
            Report report = Book.of(new Sources(List.of(new Source(chapterFile, bytes, null)), List.of(), null)).report();
            if (output == null) {
                out.print(result.chapter());
                out.flush();
            } else {
                try {
                    SafeFiles.replace(output, bytes);
                } catch (IOException e) {
                    return cannotRun(err, words.of("cli.cannotWrite", chapterFile, why(e)));
                }
                words.say(err, "import.wrote", chapterFile, result.conversation().connection().stream(), captureName);
            }
            boolean colour = parent != null && parent.colourAllowed;
            TextReporter.writeDiagnostics(report, err, colour, messages);
            err.println(report.summary(messages));
            err.flush();
            return report.errors() > 0 ? ExitCodes.PROBLEMS : ExitCodes.OK;
        } catch (CaptureException e) {
            return cannotRun(err, words.of("import.captureFailed", captureName, e.describe()));
        } catch (IOException e) {
            return cannotRun(err, words.of("cli.cannotRead", captureName, why(e)));
        }
    }

    /**
     * The language of the book a chapter is written into, when {@code -o} puts it in a language's folder of a
     * book in several languages (its {@code _index.md} lists the folder): the language that folder's site
     * speaks, its own {@code _index.md}'s {@code language:}, else the folder's name. Empty elsewhere, or for a
     * language tcpstory has no words in.
     */
    static Optional<Language> bookLanguage(Path output) {
        Path folder = output.toAbsolutePath().normalize().getParent();
        if (folder == null || folder.getParent() == null || folder.getFileName() == null) {
            return Optional.empty();
        }
        String name = folder.getFileName().toString();
        Path book = folder.getParent().resolve(HomePage.FILE_NAME);
        try {
            if (!Files.isRegularFile(book) || HomePageParser.parse(PathNames.shown(book), Files.readAllBytes(book))
                    .settings().languages().stream().noneMatch(l -> l.value().equals(name))) {
                return Optional.empty();
            }
            Path own = folder.resolve(HomePage.FILE_NAME);
            String tag = Files.isRegularFile(own) ? HomePageParser.parseLanguage(PathNames.shown(own),
                    Files.readAllBytes(own), PathNames.shown(book)).settings().language() : name;
            return Language.named(tag);
        } catch (IOException e) {
            // A book that cannot be read says nothing of its language: the chapter follows --lang.
            return Optional.empty();
        }
    }

    /** Why the capture or the chapter could not be read or written: a capture is a file, never a folder. */
    private static Text why(IOException e) {
        return e instanceof NoSuchFileException ? Text.of("cli.why.noSuchFile") : Words.why(e);
    }

    private static void notes(PrintWriter err, CaptureScan scan, Words words) {
        for (Text note : scan.notes()) {
            err.println("tcpstory: " + words.of("import.note", note));
        }
    }

    private static int cannotRun(PrintWriter err, String message) {
        err.println("tcpstory: " + message);
        err.flush();
        return ExitCodes.CANNOT_RUN;
    }

    /** A page name for a chapter written to standard output: from the capture's file name. */
    static String slugOf(Path capture) {
        String name = capture.getFileName() == null ? "capture" : capture.getFileName().toString();
        name = name.replaceFirst("(?i)(\\.gz)$", "").replaceFirst("(?i)\\.(pcap|pcapng|cap)$", "");
        return sanitised(name);
    }

    /** The page name to write when the file name would not give a valid one; null when it does. */
    static String slugUnlessNamed(String fileName) {
        String stem = fileName.replaceFirst("(?i)\\.md$", "");
        String fromName = stem.replaceFirst("^\\d+[-_.]", "").toLowerCase(Locale.ROOT);
        if (fromName.isEmpty()) {
            fromName = stem.toLowerCase(Locale.ROOT);
        }
        return fromName.matches("[a-z0-9-]+") && !Book.SITE_PAGE_NAMES.contains(fromName) ? null : sanitised(stem);
    }

    private static String sanitised(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceFirst("^\\d+[-_.]", "")
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() || Book.SITE_PAGE_NAMES.contains(slug) ? "capture" : slug;
    }
}
