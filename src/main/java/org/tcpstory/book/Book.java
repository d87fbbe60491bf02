package org.tcpstory.book;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Report;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.CongestionControl;
import org.tcpstory.engine.Profile;
import org.tcpstory.engine.StoryEngine;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.ChapterParser;
import org.tcpstory.story.HomePage;
import org.tcpstory.story.HomePageParser;
import org.tcpstory.story.ParseResult;
import org.tcpstory.story.Setting;
import org.tcpstory.story.SiteSettings;

/**
 * A book as a value: every file parsed (with its lines), the site settings and home page text of its
 * {@code _index.md}, and the engine's verdict on every chapter. Every command starts from one;
 * {@link #report()} is the one answer to "what are the diagnostics", the same for {@code check} and
 * {@code build}, so that a book that passes one passes the other.
 *
 * <p>Immutable once made, and made in one place, {@link #of}.
 */
public final class Book {

    /** Page names the site itself uses, which a chapter's slug may not take. */
    public static final Set<String> SITE_PAGE_NAMES = Set.of("index", "404", "sitemap");

    /**
     * Reading order: by order (chapters without one last), then by title as the contract says, then by
     * path; files that are not chapters come after all chapters.
     */
    static final Comparator<ParseResult> READING_ORDER = Comparator
            .comparing((ParseResult r) -> r.chapter().isEmpty())
            .thenComparing(r -> r.chapter().map(Chapter::order).orElse(null),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(r -> r.chapter().map(Chapter::title).orElse(""))
            .thenComparing(ParseResult::file);

    private final List<ParseResult> requested;
    private final List<ParseResult> library;
    private final HomePage home;
    private final List<ChapterResult> results;
    private final Map<Chapter, ChapterResult> byChapter = new IdentityHashMap<>();
    private final Map<String, List<Diagnostic>> siteProblems;
    private final Report report;

    private Book(List<ParseResult> requested, List<ParseResult> library, HomePage home, List<ChapterResult> results,
                 Map<String, List<Diagnostic>> siteProblems) {
        this.requested = List.copyOf(requested);
        this.library = List.copyOf(library);
        this.home = home;
        this.results = List.copyOf(results);
        this.siteProblems = Map.copyOf(siteProblems);
        this.results.forEach(r -> byChapter.put(r.chapter(), r));
        this.report = assembleReport();
    }

    /** The book of the sources, parsed and checked, chapters following the profile their book names. */
    public static Book of(Sources sources) {
        return of(sources, Optional.empty());
    }

    /**
     * @param profile the profile of the command line, which wins over the book's ({@code _index.md});
     *                a chapter's own {@code profile:} wins over both
     */
    public static Book of(Sources sources, Optional<Profile> profile) {
        List<ParseResult> asked = parseAll(sources.requested());
        List<ParseResult> library = new ArrayList<>(asked);
        library.addAll(parseAll(sources.siblings()));
        asked.sort(READING_ORDER);
        library.sort(READING_ORDER);
        List<Chapter> chapters = library.stream().flatMap(r -> r.chapter().stream()).toList();
        HomePage home = sources.homePage().map(Book::parseHome).orElseGet(HomePage::none);
        Map<String, List<Diagnostic>> problems = pageNameProblems(chapters);
        Setting booksProfile = home.settings().profile();
        Optional<Profile> named = booksProfile == null ? Optional.empty() : Profile.parse(booksProfile.value());
        if (booksProfile != null && named.isEmpty()) {
            problems.computeIfAbsent(home.file(), f -> new ArrayList<>()).add(StoryEngine.unknownProfile(booksProfile));
        }
        Profile chosen = profile.or(() -> named).orElse(Profile.RFC9293);
        Setting booksCongestion = home.settings().congestion();
        Optional<CongestionControl> congestion = booksCongestion == null ? Optional.empty()
                : CongestionControl.parse(booksCongestion.value());
        if (booksCongestion != null && congestion.isEmpty()) {
            problems.computeIfAbsent(home.file(), f -> new ArrayList<>())
                    .add(StoryEngine.unknownCongestionControl(booksCongestion));
        }
        List<ChapterResult> results = new StoryEngine(chosen, congestion.orElse(CongestionControl.NONE)).validate(chapters);
        return new Book(asked, library, home, results, problems);
    }

    /**
     * Parses the files on every processor (a chapter is parsed on its own, and the parser shares nothing but
     * CommonMark's thread-safe parser), keeping their order.
     */
    private static List<ParseResult> parseAll(List<Source> sources) {
        ChapterParser parser = new ChapterParser();
        return new ArrayList<>(sources.parallelStream()
                .map(s -> s.bytes() == null ? ParseResult.unread(s.file(), s.unread()) : parser.parse(s.file(), s.bytes()))
                .toList());
    }

    private static HomePage parseHome(Source source) {
        if (source.bytes() == null) {
            return new HomePage(source.file(), SiteSettings.defaults(), HomePage.none().prose(),
                    List.of(), List.of(source.unread()));
        }
        return HomePageParser.parse(source.file(), source.bytes());
    }

    /** Chapters whose page name the site takes, by file; a mutable map, to which other problems may be added. */
    private static Map<String, List<Diagnostic>> pageNameProblems(List<Chapter> chapters) {
        Map<String, List<Diagnostic>> problems = new HashMap<>();
        for (Chapter chapter : chapters) {
            if (SITE_PAGE_NAMES.contains(chapter.slug())) {
                problems.computeIfAbsent(chapter.file(), f -> new ArrayList<>()).add(Diagnostic.error(
                        chapter.frontMatter().position(), "reserved-slug", Text.of("book.reservedSlug", chapter.slug())));
            }
        }
        return problems;
    }

    /** The files the user asked about, in reading order. */
    public List<ParseResult> requested() {
        return requested;
    }

    /** Every file parsed, including chapters read only so that {@code continues:} resolves. */
    public List<ParseResult> library() {
        return library;
    }

    /** The home page and site settings: those of {@code _index.md}, or the defaults when there is none. */
    public HomePage home() {
        return home;
    }

    /** The engine's verdict on every chapter of the library. */
    public List<ChapterResult> results() {
        return results;
    }

    /** The requested chapters that parsed, with their verdicts, in reading order: the chapters of the site. */
    public List<ChapterResult> chapters() {
        List<ChapterResult> ordered = new ArrayList<>();
        for (ParseResult parsed : requested) {
            parsed.chapter().map(byChapter::get).ifPresent(ordered::add);
        }
        return ordered;
    }

    /**
     * Every diagnostic about the requested files, by file: the site settings first (when they have
     * something to say), then the chapters in reading order, each sorted by position (stable, so the
     * parser's come before the engine's at the same place). Chapters read only for {@code continues:} are
     * not reported.
     */
    public Report report() {
        return report;
    }

    private Report assembleReport() {
        List<Report.FileReport> files = new ArrayList<>();
        List<Diagnostic> settings = new ArrayList<>(home.diagnostics());
        if (home.file() != null) {
            settings.addAll(siteProblems.getOrDefault(home.file(), List.of()));
        }
        if (!settings.isEmpty()) {
            files.add(new Report.FileReport(home.file(), null, false, sorted(settings), home.lines()));
        }
        for (ParseResult parsed : requested) {
            List<Diagnostic> diagnostics = new ArrayList<>(parsed.diagnostics());
            parsed.chapter().map(byChapter::get).ifPresent(r -> diagnostics.addAll(r.diagnostics()));
            diagnostics.addAll(siteProblems.getOrDefault(parsed.file(), List.of()));
            String title = parsed.chapter().map(Chapter::title).orElse(null);
            files.add(new Report.FileReport(parsed.file(), title, true, sorted(diagnostics), parsed.lines()));
        }
        return new Report(files);
    }

    private static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
        List<Diagnostic> out = new ArrayList<>(diagnostics);
        out.sort(Comparator.comparing(Diagnostic::position));
        return out;
    }

    /** Whether any file has an error: a book with errors is never published. */
    public boolean hasErrors() {
        return report.errors() > 0;
    }
}
