package org.tcpstory.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.tcpstory.book.Book;
import org.tcpstory.book.ContentReader;
import org.tcpstory.book.Edition;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Report;
import org.tcpstory.diagnostic.Suggestions;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.diagram.CjkFonts;
import org.tcpstory.diagram.DiagramRenderer;
import org.tcpstory.diagram.ExportFolder;
import org.tcpstory.diagram.Exporter;
import org.tcpstory.diagram.SlideSize;
import org.tcpstory.diagram.SlideWords;
import org.tcpstory.diagram.Theme;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.files.PathNames;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tcpstory diagrams}: exports each chapter's diagrams as image files, for slides and handouts. */
@Command(name = "diagrams",
        mixinStandardHelpOptions = true,
        defaultValueProvider = LanguageOption.LocaleDefault.class,
        versionProvider = Main.Version.class,
        header = "Exports each chapter's sequence and state diagrams as SVG, PNG or PlantUML files, slides and decks.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Checks every chapter like 'check' does, then writes each valid chapter's sequence and state "
                + "diagrams into the output folder as SLUG-sequence.svg, SLUG-states.png, SLUG-sequence.puml "
                + "and so on. Chapters with errors are reported and get no files; the others are still exported.",
            "With --steps, also one sequence image per event, the conversation up to that event with its arrow "
                + "emphasised: SLUG-sequence-step-01.png, SLUG-sequence-step-02.png... a build-up for slides.",
            "With --slide 16:9 or 4:3, every image is a whole slide: the chapter's title as a heading, the diagram, "
                + "and under each step a caption with the moment in the story's words; SLUG-states-landscape "
                + "is added, the states the chapter touches and each peer's path. --format pptx writes one "
                + "PowerPoint deck per chapter, SLUG-slides.pptx: a title slide, a slide per step with the story's "
                + "passage in the speaker notes, and the chapter's whole diagrams. The words slides add follow the "
                + "book's language as the site's do (_index.md's language:, zh-CN when it names none; English "
                + "without _index.md): Chinese for zh..., else English.",
            "Only files of these names are written, each atomically, and only files this command wrote "
                + "before (listed in " + ExportFolder.MANIFEST + ") are ever deleted, when they are out of "
                + "date; nothing else in the folder is touched. The same input gives byte-identical files."
        },
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every chapter was exported (warnings are printed, they do not fail the export)",
            "1:a chapter has errors or a diagram could not be drawn: that chapter got no files, the others did",
            "2:the command could not run: a bad option, an unknown --chapter, an unreadable content folder, or "
                + "an output folder that cannot or may not be written"
        })
public final class DiagramsCommand implements Callable<Integer> {

    @Mixin
    ContentFolderOption contentFolder;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "site/diagrams",
            description = "Where to write the files; created if missing, never emptied. It may not be the "
                    + "content or templates folder. Default: ${DEFAULT-VALUE}.")
    Path outFolder;

    @Option(names = "--chapter", paramLabel = "SLUG",
            description = "Export only the chapter with this slug (the page name: 'handshake' for "
                    + "01-handshake.md). Default: every chapter.")
    String chapter;

    @Option(names = "--format", paramLabel = "FORMAT", split = ",", converter = FormatConverter.class,
            defaultValue = "svg,png",
            description = "The formats, separated by commas: svg, png, puml (the PlantUML source), pptx (a "
                    + "PowerPoint deck per chapter). Default: ${DEFAULT-VALUE}.")
    List<Exporter.Format> formats;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "1", converter = ScaleConverter.class,
            description = "Scale PNGs by N, 1 to " + DiagramRenderer.MAX_SCALE + ": 2 gives twice the pixels in "
                    + "each direction, sharp on a projector (a 16:9 slide is 1280x720 at 1, 2560x1440 at 2; a "
                    + "deck's pictures too). SVGs scale by themselves. Default: ${DEFAULT-VALUE}.")
    int scale;

    @Option(names = "--theme", paramLabel = "THEME", defaultValue = "light", converter = ThemeConverter.class,
            description = "light (the site's look), dark (for dark slide decks) or print (black on white, no "
                    + "colour fills, for handouts). Default: ${DEFAULT-VALUE}.")
    Theme theme;

    @Option(names = "--steps",
            description = "Also write one sequence image per event (SLUG-sequence-step-01...): the conversation "
                    + "up to that event, its arrow emphasised and the earlier ones muted.")
    boolean steps;

    @Option(names = "--slide", paramLabel = "RATIO", converter = SlideConverter.class,
            description = "16:9 or 4:3: make every image a slide of that shape, with the chapter's title, and a "
                    + "caption under each step in the story's words; add SLUG-states-landscape. Also the size of "
                    + "a pptx deck's slides (16:9 when not given). Default: none, plain diagrams.")
    SlideSize slide;

    @Mixin
    ProfileOption profile;

    @Mixin
    LanguageOption language;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return export(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int export(PrintWriter out, PrintWriter err) throws InterruptedException, IOException {
        Path content = contentFolder.content;
        Messages messages = language.messages(parent);
        Words words = new Words(messages);
        try {
            ContentReader.requireFolder(content);
        } catch (ContentReader.UnreadablePathException e) {
            return cannotRun(err, messages.render(e.text()));
        }
        ExportFolder folder;
        try {
            folder = ExportFolder.open(outFolder, Arrays.asList(content, TemplatesFolderOption.existingDefault()));
        } catch (ExportFolder.RefusedException e) {
            return cannotRun(err, messages.render(e.text()));
        } catch (IOException e) {
            return cannotRun(err, words.of("cli.cannotRead", PathNames.shown(outFolder), Words.why(e)));
        }
        Book book;
        try {
            // With _index.md, for the book's language: the words slides add are in it.
            book = Book.of(ContentReader.readSite(content), profile.chosen());
        } catch (ContentReader.UnreadablePathException e) {
            return cannotRun(err, messages.render(e.text()));
        }
        if (book.multilingual()) {
            // Each language has its own chapters under the same slugs: one language's diagrams at a time.
            String folders = book.editions().stream().map(e -> PathNames.shown(content.resolve(e.folder())))
                    .collect(Collectors.joining(", "));
            return cannotRun(err, words.of("diagrams.multilingual", PathNames.shown(content), folders));
        }
        List<ChapterResult> ordered = book.chapters();

        // The chapters in scope: all, or the one named.
        List<ChapterResult> scope = ordered;
        if (chapter != null) {
            Optional<ChapterResult> named = ordered.stream().filter(r -> r.chapter().slug().equals(chapter)).findFirst();
            if (named.isEmpty()) {
                Set<String> slugs = ordered.stream().map(r -> r.chapter().slug())
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                Text hint = Suggestions.hint(chapter, slugs);
                if (hint.equals(Text.EMPTY)) {
                    hint = slugs.isEmpty() ? Text.of("diagrams.noChapters", PathNames.shown(content))
                            : Text.of("diagrams.slugs", String.join(", ", slugs));
                }
                return cannotRun(err, words.of("diagrams.noSuchChapter", chapter, hint));
            }
            scope = List.of(named.get());
        }

        // Diagnostics exactly as `check` prints them, for the files in scope.
        Set<String> scopeFiles = scope.stream().map(r -> r.chapter().file()).collect(Collectors.toSet());
        Report shown = new Report(book.report().files().stream()
                .filter(f -> chapter == null || scopeFiles.contains(f.file())).toList());
        TextReporter.writeDiagnostics(shown, out, parent != null && parent.colourAllowed, messages);
        out.println(shown.summary(messages));
        out.flush();

        CjkFonts.Lookup fonts = CjkFonts.lookup();
        if (fonts.family().isEmpty()) {
            err.println("tcpstory: warning: " + messages.render(fonts.message()));
            err.flush();
        }

        // The language of the chapters: their folder's, even when the book around it names none.
        Edition edition = book.editions().get(0);
        SlideWords slideWords = SlideWords.forLanguage(
                edition.home().file() != null ? edition.settings().language() : "en");
        Exporter.Options options = new Exporter.Options(EnumSet.copyOf(formats), theme, scale, steps,
                Optional.ofNullable(slide), slideWords);
        // A chapter with any error gets no files: the engine's, and the site's own (a reserved page name).
        Set<String> withErrors = shown.files().stream().filter(f -> f.errors() > 0).map(Report.FileReport::file)
                .collect(Collectors.toSet());
        List<ChapterResult> valid = scope.stream()
                .filter(r -> r.isValid() && !withErrors.contains(r.chapter().file())).toList();
        List<String> names = new ArrayList<>();
        for (ChapterResult result : valid) {
            try {
                Exporter.plan(result, options).forEach(p -> names.add(p.name().toString()));
            } catch (RuntimeException e) {
                // Reported below, when the exporter meets the chapter.
            }
        }
        long unparsed = shown.files().stream().filter(f -> f.chapter() && f.title() == null).count();
        int failedChapters = (int) (scope.size() - valid.size() + unparsed);
        Set<String> exportedSlugs = new HashSet<>();
        int[] files = {0};
        try {
            folder.prepare(names);
            Exporter exporter = new Exporter(new DiagramRenderer(), Exporter.defaultThreads());
            List<String> failures = new ArrayList<>();
            exporter.export(valid, options, chapterFiles -> {
                if (chapterFiles.failure().isPresent()) {
                    failures.add(chapterFiles.result().chapter().file() + ": "
                            + messages.render(chapterFiles.failure().get()));
                    return;
                }
                for (Exporter.DiagramFile file : chapterFiles.files()) {
                    folder.write(file.name(), file.bytes());
                    files[0]++;
                }
                exportedSlugs.add(chapterFiles.result().chapter().slug());
            });
            for (String failure : failures) {
                err.println("tcpstory: " + failure);
            }
            failedChapters += failures.size();
            Set<String> allSlugs = ordered.stream().map(r -> r.chapter().slug()).collect(Collectors.toSet());
            boolean everyFileParsed = book.requested().stream().allMatch(r -> r.chapter().isPresent());
            Set<String> writtenGroups = folder.written().stream()
                    .map(n -> Exporter.FileName.parse(n).orElseThrow().group()).collect(Collectors.toSet());
            List<String> deleted = folder.deleteStale(name -> {
                Exporter.FileName file = Exporter.FileName.parse(name).orElseThrow();
                if (exportedSlugs.contains(file.slug())) {
                    // Same chapter, kind and format as a file written now: an old frame, or an old padding.
                    return writtenGroups.contains(file.group());
                }
                // A chapter that is gone (renamed or deleted); only known for sure when every file parsed.
                return chapter == null && everyFileParsed && !allSlugs.contains(file.slug());
            });
            folder.finish();
            out.println(messages.render(summary(files[0], folder, exportedSlugs.size(), deleted.size(), failedChapters)));
        } catch (IOException e) {
            return cannotRun(err, words.of("diagrams.cannotWriteInto", folder.shown(), Words.why(e)));
        }
        return failedChapters > 0 ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    /**
     * {@code exported 4 files of 2 chapters into site/diagrams (1 unchanged, 2 out of date deleted)}, and
     * {@code ; 1 chapter got none: see the errors above} when one failed.
     */
    private static Text summary(int files, ExportFolder folder, int chapters, int deleted, int failed) {
        Text unchanged = Text.of("diagrams.unchanged", folder.unchanged());
        Text stale = Text.of("diagrams.deleted", deleted);
        Text notes = folder.unchanged() > 0 && deleted > 0
                ? Text.of("diagrams.notes", Text.of("cli.twoThings", unchanged, stale))
                : folder.unchanged() > 0 ? Text.of("diagrams.notes", unchanged)
                : deleted > 0 ? Text.of("diagrams.notes", stale) : Text.EMPTY;
        Text text = Text.of("diagrams.exported", Text.count("count.files", files), Text.count("report.chapters", chapters),
                folder.shown(), notes);
        return failed == 0 ? text : Text.of("diagrams.someFailed", text, Text.count("report.chapters", failed));
    }

    private static int cannotRun(PrintWriter err, String message) {
        err.println("tcpstory: " + message);
        err.flush();
        return ExitCodes.CANNOT_RUN;
    }


    /** {@code svg}, {@code png}, {@code puml} or {@code pptx}, in any case. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Exporter.Format> {
        @Override
        public Exporter.Format convert(String value) {
            return Exporter.Format.of(value).orElseThrow(() -> new ConversionException(Text.of("cli.expected.format", value)));
        }
    }

    /** {@code 16:9} or {@code 4:3}. */
    static final class SlideConverter implements CommandLine.ITypeConverter<SlideSize> {
        @Override
        public SlideSize convert(String value) {
            return SlideSize.of(value).orElseThrow(() -> new ConversionException(Text.of("cli.expected.slide", value)));
        }
    }

    /** {@code light}, {@code dark} or {@code print}, in any case. */
    static final class ThemeConverter implements CommandLine.ITypeConverter<Theme> {
        @Override
        public Theme convert(String value) {
            for (Theme theme : Theme.values()) {
                if (theme.name().equalsIgnoreCase(value.strip())) {
                    return theme;
                }
            }
            throw new ConversionException(Text.of("cli.expected.theme", value));
        }
    }

    /** A whole number from 1 to {@link DiagramRenderer#MAX_SCALE}. */
    static final class ScaleConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int scale;
            try {
                scale = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                scale = 0;
            }
            if (scale < 1 || scale > DiagramRenderer.MAX_SCALE) {
                throw new ConversionException(Text.of("cli.expected.scale", DiagramRenderer.MAX_SCALE, value));
            }
            return scale;
        }
    }
}
