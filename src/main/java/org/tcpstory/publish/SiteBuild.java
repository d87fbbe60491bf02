package org.tcpstory.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tcpstory.book.Book;
import org.tcpstory.book.ContentReader;
import org.tcpstory.book.Sources;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Report;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.diagram.ChapterDiagrams;
import org.tcpstory.diagram.DiagramCache;
import org.tcpstory.engine.Profile;
import org.tcpstory.files.PathNames;
import org.tcpstory.site.BuildListener;
import org.tcpstory.site.SiteException;
import org.tcpstory.site.SiteRenderer;

/**
 * {@code build} from start to end: reads the book, keeps the output folder when it is up to date, else
 * checks the book, renders its site and publishes it. A book with errors publishes nothing, and the
 * previous site stays exactly as it was.
 */
public final class SiteBuild {

    /**
     * What to build.
     *
     * @param templates the user's templates folder, or null for the default theme only
     * @param threads   how many chapters to render at once
     * @param profile   the profile of the command line, which wins over the book's
     */
    public record Request(Path content, Path out, Path templates, int threads, Optional<Profile> profile) {
        public Request(Path content, Path out, Path templates, int threads) {
            this(content, out, templates, threads, Optional.empty());
        }
    }

    /** How a build ended. */
    public enum Status {
        /** The output folder now holds the new site. */
        PUBLISHED,
        /** The output folder already held exactly this site, and was kept as it was. */
        UP_TO_DATE,
        /** The book has errors: nothing was published. */
        FAILED
    }

    /**
     * What a build did.
     *
     * @param book   the book as read and checked; empty when an up-to-date folder made reading it needless
     *               (the last build of the same inputs reported nothing)
     * @param out    the output folder as the user named it
     * @param millis how long the build took
     */
    public record Result(Status status, Optional<Book> book, int chapters, int diagrams, int pages, String out,
                         long millis) {

        /** Whether the output folder holds the site of these inputs (built now, or kept). */
        public boolean published() {
            return status != Status.FAILED;
        }

        public boolean unchanged() {
            return status == Status.UP_TO_DATE;
        }

        /** The book's diagnostics; none when it was not read. */
        public Report report() {
            return book.map(Book::report).orElseGet(() -> new Report(List.of()));
        }

        public List<Diagnostic> diagnostics() {
            return report().diagnostics();
        }

        public long errors() {
            return report().errors();
        }

        public long warnings() {
            return report().warnings();
        }

        /**
         * {@code built 10 chapters, 20 diagrams, 24 pages into site/ in 3.2 s}, or, when the folder was kept,
         * {@code site/ is up to date: 10 chapters, 20 diagrams, 24 pages (40 ms)}.
         */
        public Text summary() {
            String where = out.endsWith("/") ? out : out + "/";
            Text counts = Text.of("build.counts", Text.count("report.chapters", chapters),
                    Text.count("count.diagrams", diagrams), Text.count("count.pages", pages));
            String time = millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
            return unchanged() ? Text.of("build.upToDate", counts, where, time) : Text.of("build.done", counts, where, time);
        }
    }

    private final DiagramCache cache;
    private final BuildListener listener;

    /** @param cache where diagrams are kept between builds, and the build record with them */
    public SiteBuild(DiagramCache cache, BuildListener listener) {
        this.cache = cache;
        this.listener = listener == null ? BuildListener.SILENT : listener;
    }

    public Result run(Request request) throws SiteException {
        long start = System.nanoTime();
        Sources sources;
        OutputFolder out;
        try {
            ContentReader.requireFolder(request.content());
            if (request.templates() != null && !Files.isDirectory(request.templates())) {
                throw new SiteException(SiteException.Kind.CANNOT_RUN,
                        Text.of("build.noTemplatesFolder", PathNames.shown(request.templates())));
            }
            out = OutputFolder.check(request.out(), Arrays.asList(request.content(), request.templates()));
            out.recover(); // after a build that was killed: before the output folder is even looked at
            sources = ContentReader.readSite(request.content());
        } catch (ContentReader.UnreadablePathException e) {
            throw new SiteException(SiteException.Kind.CANNOT_RUN, e.text(), e);
        }
        BuildRecord record = BuildRecord.of(cache, out.target());
        String key = BuildRecord.key(sources, request.templates(), request.profile());
        Optional<BuildRecord.Recorded> recorded = record.upToDate(key, out.files());
        if (recorded.isPresent() && recorded.get().clean()) {
            // Byte for byte the inputs of a build that reported nothing, and the folder as it left it.
            return kept(Optional.empty(), recorded.get().counts(), out, start);
        }
        Book book = Book.of(sources, request.profile());
        listener.validated(book.results().size());
        if (book.hasErrors()) {
            return new Result(Status.FAILED, Optional.of(book), 0, 0, 0, out.shown(), millis(start));
        }
        if (recorded.isPresent()) {
            return kept(Optional.of(book), recorded.get().counts(), out, start);
        }
        SiteRenderer renderer = new SiteRenderer(request.templates(), cache, request.threads(), SiteRenderer.Mode.PUBLISH,
                listener);
        SiteRenderer.Summary site;
        try {
            site = out.publish(files -> renderer.render(book, files));
        } catch (IOException e) {
                throw new SiteException(SiteException.Kind.CANNOT_RUN,
                    Text.of("build.cannotWrite", out.shown(), Text.message(e)), e);
        }
        BuildRecord.Counts counts = new BuildRecord.Counts(site.chapters(), site.diagrams(), site.pages());
        record.record(key, counts, book.report().diagnostics().isEmpty());
        cache.prune();
        return new Result(Status.PUBLISHED, Optional.of(book), counts.chapters(), counts.diagrams(), counts.pages(),
                out.shown(), millis(start));
    }

    private Result kept(Optional<Book> book, BuildRecord.Counts counts, OutputFolder out, long start) {
        ChapterDiagrams.fontWarning().ifPresent(listener::warning);
        return new Result(Status.UP_TO_DATE, book, counts.chapters(), counts.diagrams(), counts.pages(), out.shown(),
                millis(start));
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
