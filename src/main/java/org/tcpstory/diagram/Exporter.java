package org.tcpstory.diagram;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.engine.ChapterResult;

/**
 * The diagrams of chapters as files, for the {@code diagrams} command: each chapter's sequence and state
 * diagram (and, for slides, one sequence frame per event, see {@link SequenceDiagram#frame}) in every format
 * asked for, under stable names ({@code handshake-sequence.svg}, {@code handshake-states.png},
 * {@code handshake-sequence-step-07.png}). With a slide size, every image is a slide ({@link SlideImage}: the
 * chapter's title, the diagram, a caption in the story's words from {@link Moments}) and the landscape state
 * diagram is added ({@code handshake-states-landscape.png}); the PPTX format is one deck per chapter
 * ({@link Deck}: {@code handshake-slides.pptx}). Rendering runs on a small thread pool; the results are handed
 * over on the calling thread, chapter by chapter in the order given, each chapter's files in a fixed order,
 * so that whoever writes them does so deterministically. No file I/O here: see {@link ExportFolder}.
 */
public final class Exporter {

    /** The file formats: a rendered image, the PlantUML source, or a PowerPoint deck of the chapter. */
    public enum Format {
        SVG, PNG, PUML, PPTX;

        /** The file extension, also the name on the command line. */
        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return extension();
        }

        /** The format of a name (any case), if there is one. */
        public static Optional<Format> of(String name) {
            return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(name.strip())).findFirst();
        }
    }

    /**
     * What to export.
     *
     * @param formats the formats, written in the order of {@link Format}
     * @param scale   PNG scale factor, 1 to {@link DiagramRenderer#MAX_SCALE}; a slide's pixels per pixel at 1
     * @param steps   whether to add one sequence frame per event
     * @param slide   the slide size images are made for (with a heading and a caption), or empty for plain
     *                diagrams; a deck's size, 16:9 when empty
     * @param words   the words slides and decks add, in the story's language
     */
    public record Options(Set<Format> formats, Theme theme, int scale, boolean steps, Optional<SlideSize> slide,
                          SlideWords words) {
        public Options {
            if (formats.isEmpty()) {
                throw new IllegalArgumentException("no format");
            }
            if (scale < 1 || scale > DiagramRenderer.MAX_SCALE) {
                throw new IllegalArgumentException("scale must be 1 to " + DiagramRenderer.MAX_SCALE + ", not " + scale);
            }
            formats = Collections.unmodifiableSet(EnumSet.copyOf(formats));
        }

        /** Plain diagrams, no slide, no deck words. */
        public Options(Set<Format> formats, Theme theme, int scale, boolean steps) {
            this(formats, theme, scale, steps, Optional.empty(), SlideWords.ENGLISH);
        }

        /** The image formats asked for: every format but the deck. */
        Set<Format> images() {
            Set<Format> images = EnumSet.noneOf(Format.class);
            formats.stream().filter(f -> f != Format.PPTX).forEach(images::add);
            return images;
        }
    }

    /** A file ready to be written. */
    public record DiagramFile(String name, byte[] bytes) {
    }

    /**
     * One chapter's files, all rendered; or, when one of them could not be (PlantUML rejected a source, a PNG
     * would be too large), none of them and the reason.
     */
    public record ChapterFiles(ChapterResult result, List<DiagramFile> files, Optional<Text> failure) {
        public ChapterFiles {
            files = List.copyOf(files);
        }
    }

    /** Receives each chapter's files on the thread that called {@link #export}, in the order of the chapters. */
    public interface Sink {
        void accept(ChapterFiles chapter) throws IOException;
    }

    /** A chapter whose slug cannot be part of a file name, so it has no diagram files. */
    public static final class UnnamableSlugException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** The slug as the chapter has it. */
        public final String slug;

        UnnamableSlugException(String slug) {
            super("the chapter's slug `" + slug + "` cannot be part of a file name");
            this.slug = slug;
        }
    }

    /**
     * The kinds of file of a chapter. The name of a file says its kind; frames of one build-up share a kind.
     */
    public enum Kind {
        SEQUENCE("sequence"), STATES("states"), LANDSCAPE("states-landscape"), STEP("sequence-step"), DECK("slides");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * What a file name says: the chapter, the kind of diagram and the format.
     *
     * @param step the frame number of a {@link Kind#STEP} file (as written, zero-padded), else empty
     */
    public record FileName(String slug, Kind kind, String step, Format format) {

        /** Chapter slugs, as the story parser allows them. */
        public static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");

        private static final Pattern NAME = Pattern.compile("(" + SLUG.pattern()
                + ")-(sequence|states|states-landscape|sequence-step-([0-9]+))\\.(svg|png|puml)"
                + "|(" + SLUG.pattern() + ")-slides\\.pptx");

        /** The name of a file this exporter writes, if it is one; the slug is the longest that fits. */
        public static Optional<FileName> parse(String name) {
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                return Optional.empty();
            }
            if (m.group(5) != null) {
                return Optional.of(new FileName(m.group(5), Kind.DECK, "", Format.PPTX));
            }
            Kind kind = m.group(3) != null ? Kind.STEP : switch (m.group(2)) {
                case "states" -> Kind.STATES;
                case "states-landscape" -> Kind.LANDSCAPE;
                default -> Kind.SEQUENCE;
            };
            return Optional.of(new FileName(m.group(1), kind, m.group(3) == null ? "" : m.group(3),
                    Format.of(m.group(4)).orElseThrow()));
        }

        @Override
        public String toString() {
            return slug + "-" + kind.word() + (kind == Kind.STEP ? "-" + step : "") + "." + format.extension();
        }

        /** The files a rerun replaces together: the same chapter, kind and format (every frame of a build-up). */
        public String group() {
            return slug + "/" + kind.word() + "/" + format.extension();
        }
    }

    /**
     * A file to render: its name, its format and its PlantUML source; for an image on a slide its words, for a
     * deck its plan (and no source).
     */
    public record Planned(FileName name, String source, Optional<SlideText> slide, Optional<Deck.Plan> deck) {

        /** A plain diagram. */
        public Planned(FileName name, String source) {
            this(name, source, Optional.empty(), Optional.empty());
        }
    }

    private final DiagramRenderer renderer;
    private final RenderPool pool;

    /**
     * @param threads how many diagrams to render at once (at least 1)
     */
    public Exporter(DiagramRenderer renderer, int threads) {
        this.renderer = renderer;
        this.pool = new RenderPool(threads);
    }

    /** One thread per processor, at most four: PlantUML is CPU-bound, and a large PNG takes much memory. */
    public static int defaultThreads() {
        return Math.min(4, RenderPool.defaultThreads());
    }

    /**
     * The files of one chapter, in the order they are written: sequence, states (and for slides the landscape
     * states), then the frames, each in every image format; then the deck. Frames are numbered from 1 with at least two digits ({@code -step-01}), whatever their
     * count, so a name never changes when a chapter gains or loses events and links to it keep working; up
     * to 99 frames the names sort in the order of the story.
     *
     * @throws UnnamableSlugException when the chapter's slug cannot be part of a file name
     */
    public static List<Planned> plan(ChapterResult result, Options options) {
        String slug = result.chapter().slug();
        if (slug == null || !FileName.SLUG.matcher(slug).matches()) {
            throw new UnnamableSlugException(String.valueOf(slug));
        }
        Theme theme = options.theme();
        SlideWords words = options.words();
        String title = result.chapter().title();
        boolean deck = options.formats().contains(Format.PPTX);
        boolean slideImages = options.slide().isPresent();
        Moments moments = slideImages || deck ? Moments.of(result, words) : null;
        String sequence = SequenceDiagram.source(result, theme);
        String states = StateDiagram.source(result, theme);
        String landscape = slideImages || deck ? StateDiagram.landscape(result, theme) : null;

        List<Planned> planned = new ArrayList<>();
        add(planned, slug, Kind.SEQUENCE, "", slideImages ? SequenceDiagram.forSlide(sequence) : sequence,
                new SlideText(title, "", words.format("conversation")), options);
        add(planned, slug, Kind.STATES, "", states, new SlideText(title, "", words.format("figure")), options);
        if (slideImages) {
            add(planned, slug, Kind.LANDSCAPE, "", landscape, new SlideText(title, "", words.format("path")), options);
        }
        List<Deck.DiagramSlide> slides = new ArrayList<>();
        List<Integer> frames = SequenceDiagram.frameSteps(result);
        boolean frameFiles = options.steps() && !options.images().isEmpty();
        for (int i = 0; i < frames.size() && (frameFiles || deck); i++) {
            int step = frames.get(i);
            String frame = SequenceDiagram.frame(result, theme, step);
            String counter = words.format("step", i + 1, frames.size());
            String caption = moments == null ? "" : moments.caption(step);
            if (frameFiles) {
                add(planned, slug, Kind.STEP, frameNumber(i + 1), slideImages ? SequenceDiagram.forSlide(frame) : frame,
                        new SlideText(title, counter, caption), options);
            }
            if (deck) {
                slides.add(new Deck.DiagramSlide(SequenceDiagram.forSlide(frame), counter, caption,
                        moments.passage(step)));
            }
        }
        if (deck) {
            slides.add(new Deck.DiagramSlide(SequenceDiagram.forSlide(sequence), "", words.format("conversation"),
                    moments.epilogue()));
            slides.add(new Deck.DiagramSlide(landscape, "", words.format("path"), ""));
            slides.add(new Deck.DiagramSlide(states, "", words.format("figure"), ""));
            String summary = result.chapter().frontMatter().summary();
            Deck.Plan plan = new Deck.Plan(title, summary == null ? "" : summary,
                    options.slide().orElse(SlideSize.WIDE), theme, words, slides);
            planned.add(new Planned(new FileName(slug, Kind.DECK, "", Format.PPTX), "", Optional.empty(),
                    Optional.of(plan)));
        }
        return planned;
    }

    /** A frame's number as its file name writes it: {@code 01}, {@code 02}... {@code 99}, {@code 100}. */
    static String frameNumber(int frame) {
        return String.format(Locale.ROOT, "%02d", frame);
    }

    /** One file per image format; with the slide's words when images are slides. */
    private static void add(List<Planned> planned, String slug, Kind kind, String step, String source,
                            SlideText text, Options options) {
        Optional<SlideText> slide = options.slide().map(size -> text);
        for (Format format : options.images()) {
            planned.add(new Planned(new FileName(slug, kind, step, format), source, slide, Optional.empty()));
        }
    }

    /** The content of one planned file. */
    byte[] render(Planned planned, Options options) {
        Optional<SlideLayout> layout = options.slide().map(SlideLayout::new);
        Optional<SlideText> slide = planned.slide().filter(text -> layout.isPresent());
        return switch (planned.name().format()) {
            case SVG -> (slide.isPresent()
                    ? SlideImage.svg(renderer.svg(planned.source()), layout.get(), slide.get(), options.theme())
                    : renderer.svg(planned.source())).getBytes(StandardCharsets.UTF_8);
            case PNG -> {
                if (slide.isEmpty()) {
                    yield renderer.png(planned.source(), options.scale());
                }
                Rectangle box = SlideImage.pictureAt(layout.get(), options.scale());
                yield SlideImage.png(renderer.png(planned.source(), box.width, box.height), layout.get(), slide.get(),
                        options.theme(), options.scale());
            }
            case PUML -> planned.source().getBytes(StandardCharsets.UTF_8);
            case PPTX -> Deck.write(planned.deck().orElseThrow(), renderer, options.scale());
        };
    }

    /** A planned file of the chapter at {@code chapter} (an index into the list of chapters). */
    private record Task(int chapter, Planned planned) {
    }

    /**
     * Renders the files of every chapter and hands each chapter to the sink once all its files are ready, in
     * the order of {@code chapters}. At most a few chapters' files are held in memory at once. A chapter
     * whose slug cannot name a file, or one of whose diagrams cannot be drawn, is handed over with a failure
     * and no files; the others are not affected.
     *
     * @throws IOException          what the sink threw; the remaining renders are cancelled
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public void export(List<ChapterResult> chapters, Options options, Sink sink)
            throws IOException, InterruptedException {
        List<Task> tasks = new ArrayList<>();
        List<Optional<Text>> planFailures = new ArrayList<>();
        for (int c = 0; c < chapters.size(); c++) {
            Optional<Text> failure = Optional.empty();
            try {
                for (Planned planned : plan(chapters.get(c), options)) {
                    tasks.add(new Task(c, planned));
                }
            } catch (DiagramException e) {
                failure = Optional.of(e.text());
            } catch (UnnamableSlugException e) {
                failure = Optional.of(Text.of("diagrams.slugNotAFileName", e.slug));
            } catch (IllegalArgumentException e) {
                failure = Optional.of(Text.message(e));
            }
            planFailures.add(failure);
        }
        Chapters collected = new Chapters(chapters, planFailures, sink);
        pool.run(tasks.size(), i -> () -> render(tasks.get(i).planned(), options), (i, result) -> {
            Task task = tasks.get(i);
            collected.upTo(task.chapter());
            if (collected.failure.isEmpty()) {
                try {
                    collected.files.add(new DiagramFile(task.planned().name().toString(), RenderPool.valueOf(result)));
                } catch (ExecutionException e) {
                    collected.failure = Optional.of(failureOf(task.planned().name(), e.getCause()));
                } catch (CancellationException e) {
                    collected.failure = Optional.of(Text.of("diagrams.cancelled", task.planned().name().toString()));
                }
            }
        });
        collected.upTo(chapters.size());
    }

    /** Gathers the files of the chapter being handed over, and hands chapters to the sink as they complete. */
    private static final class Chapters {
        private final List<ChapterResult> chapters;
        private final List<Optional<Text>> planFailures;
        private final Sink sink;
        private int current = -1;
        private List<DiagramFile> files = new ArrayList<>();
        private Optional<Text> failure = Optional.empty();

        Chapters(List<ChapterResult> chapters, List<Optional<Text>> planFailures, Sink sink) {
            this.chapters = chapters;
            this.planFailures = planFailures;
            this.sink = sink;
        }

        /** Hands over every chapter before {@code chapter} (those without files too) and starts that one. */
        void upTo(int chapter) throws IOException {
            if (chapter == current) {
                return;
            }
            for (int c = Math.max(current, 0); c < chapter; c++) {
                if (c == current) {
                    sink.accept(new ChapterFiles(chapters.get(c), failure.isPresent() ? List.of() : files, failure));
                } else {
                    sink.accept(new ChapterFiles(chapters.get(c), List.of(), planFailures.get(c)));
                }
            }
            current = chapter;
            files = new ArrayList<>();
            failure = chapter < chapters.size() ? planFailures.get(chapter) : Optional.empty();
        }
    }

    private static Text failureOf(FileName name, Throwable cause) {
        Text what = switch (name.kind()) {
            case STEP -> Text.of("diagrams.what.step", name.step());
            case DECK -> Text.of("diagrams.what.deck");
            case LANDSCAPE -> Text.of("diagrams.what.landscape");
            case SEQUENCE -> Text.of("diagrams.what.sequence");
            case STATES -> Text.of("diagrams.what.states");
        };
        Text message = cause instanceof DiagramException drawing ? drawing.text() : Text.plain(String.valueOf(cause));
        return Text.of("diagrams.cannotDraw", what, name.toString(), message);
    }
}
