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
import org.tcpstory.diagnostic.SourcePosition;
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
 * <p>A book is in one language, or in several when its {@code _index.md} lists them ({@code languages: [zh,
 * en]}): then each language is a sub-folder with its own {@code _index.md} and chapters, checked on its own
 * (a {@code continues:} stays inside its language), and {@link #editions()} holds one per language. The
 * folder of one language, checked alone, is still that language of its book: it takes the book's settings.
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

    /**
     * One language's files before the engine has seen them.
     *
     * @param prefix the start of the path of its files ({@code content/zh/}), or null for every file
     */
    private record Part(String folder, String prefix, HomePage home, SiteSettings settings) {
        boolean holds(ParseResult file) {
            return prefix == null || file.file().startsWith(prefix);
        }
    }

    private final List<ParseResult> requested;
    private final List<ParseResult> library;
    private final HomePage home;
    /** The {@code _index.md} of each language, after the book's own, when the book has several or is one of them. */
    private final List<HomePage> languageHomes;
    private final List<Edition> editions;
    private final List<ChapterResult> results;
    private final Map<Chapter, ChapterResult> byChapter = new IdentityHashMap<>();
    private final Map<String, List<Diagnostic>> siteProblems;
    private final Report report;

    private Book(List<ParseResult> requested, List<ParseResult> library, HomePage home, List<HomePage> languageHomes,
                 List<Edition> editions, List<ChapterResult> results, Map<String, List<Diagnostic>> siteProblems) {
        this.requested = List.copyOf(requested);
        this.library = List.copyOf(library);
        this.home = home;
        this.languageHomes = List.copyOf(languageHomes);
        this.editions = List.copyOf(editions);
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
        return of(sources, profile, new ParsedFiles());
    }

    /**
     * @param parsed the files of the last build of the same folder, parsed and checked: those whose bytes are
     *               the same are not parsed again, nor checked again when what their verdict depends on is the
     *               same; this build's are kept in it for the next
     */
    public static Book of(Sources sources, Optional<Profile> profile, ParsedFiles parsed) {
        List<ParseResult> asked = parseAll(sources.requested(), parsed);
        List<ParseResult> siblings = parseAll(sources.siblings(), parsed);
        List<Source> all = new ArrayList<>(sources.requested());
        all.addAll(sources.siblings());
        List<ParseResult> library = new ArrayList<>(asked);
        library.addAll(siblings);
        parsed.keep(all, library);
        HomePage home = sources.homePage().map(Book::parseHome).orElseGet(HomePage::none);
        Map<String, List<Diagnostic>> problems = new HashMap<>();
        // The _index.md whose settings say how every chapter is checked: the book's own, or the one around it.
        HomePage book = home;
        List<HomePage> languageHomes = new ArrayList<>();
        List<Part> parts;
        Optional<HomePage> around = bookAround(sources);
        if (home.settings().multilingual()) {
            parts = languages(sources, home, problems);
            parts.forEach(p -> languageHomes.add(p.home()));
        } else if (around.isPresent()) {
            book = around.get();
            home = sources.homePage().map(s -> parseLanguage(s, around.get().file()))
                    .orElseGet(() -> noLanguageHome(sources.outer().name()));
            parts = List.of(new Part("", null, home, book.settings().ofLanguage(home.settings())));
        } else {
            parts = List.of(new Part("", null, home, home.settings()));
        }
        Setting booksProfile = book.settings().profile();
        Optional<Profile> named = booksProfile == null ? Optional.empty() : Profile.parse(booksProfile.value());
        if (booksProfile != null && named.isEmpty()) {
            problems.computeIfAbsent(book.file(), f -> new ArrayList<>()).add(StoryEngine.unknownProfile(booksProfile));
        }
        Profile chosen = profile.or(() -> named).orElse(Profile.RFC9293);
        Setting booksCongestion = book.settings().congestion();
        Optional<CongestionControl> congestion = booksCongestion == null ? Optional.empty()
                : CongestionControl.parse(booksCongestion.value());
        if (booksCongestion != null && congestion.isEmpty()) {
            problems.computeIfAbsent(book.file(), f -> new ArrayList<>())
                    .add(StoryEngine.unknownCongestionControl(booksCongestion));
        }
        StoryEngine engine = new StoryEngine(chosen, congestion.orElse(CongestionControl.NONE));
        parsed.verdicts().nextCheck();

        List<ParseResult> orderedAsked = new ArrayList<>(strays(asked, parts, home, problems));
        List<ParseResult> orderedLibrary = new ArrayList<>();
        List<ChapterResult> results = new ArrayList<>();
        List<Edition> editions = new ArrayList<>();
        for (Part part : parts) {
            List<ParseResult> partAsked = inReadingOrder(asked, part);
            List<ParseResult> partLibrary = inReadingOrder(library, part);
            List<Chapter> chapters = partLibrary.stream().flatMap(r -> r.chapter().stream()).toList();
            pageNameProblems(chapters, problems);
            List<ChapterResult> partResults = engine.validate(chapters, parsed.verdicts());
            Map<Chapter, ChapterResult> byChapter = new IdentityHashMap<>();
            partResults.forEach(r -> byChapter.put(r.chapter(), r));
            List<ChapterResult> shown = new ArrayList<>();
            for (ParseResult file : partAsked) {
                file.chapter().map(byChapter::get).ifPresent(shown::add);
            }
            if (book.settings().multilingual()) {
                translationKeyProblems(shown, problems);
            }
            editions.add(new Edition(part.folder(), part.home(), part.settings(), shown));
            orderedAsked.addAll(partAsked);
            orderedLibrary.addAll(partLibrary);
            results.addAll(partResults);
        }
        if (book != home) {
            languageHomes.add(home); // one language of the book around it
        }
        return new Book(orderedAsked, orderedLibrary, book, languageHomes, editions, results, problems);
    }

    private static List<ParseResult> inReadingOrder(List<ParseResult> files, Part part) {
        List<ParseResult> out = new ArrayList<>();
        for (ParseResult file : files) {
            if (part.holds(file)) {
                out.add(file);
            }
        }
        out.sort(READING_ORDER);
        return out;
    }

    /**
     * The languages {@code languages:} lists, each with its folder's {@code _index.md}; a language whose folder
     * is missing is an error at its name.
     */
    private static List<Part> languages(Sources sources, HomePage home, Map<String, List<Diagnostic>> problems) {
        List<Part> parts = new ArrayList<>();
        for (Setting language : home.settings().languages()) {
            Optional<Sources.Folder> folder = sources.folders().stream()
                    .filter(f -> f.name().equals(language.value())).findFirst();
            if (folder.isEmpty()) {
                problems.computeIfAbsent(home.file(), f -> new ArrayList<>()).add(Diagnostic.error(language.position(),
                        "languages", Text.of("book.languageNoFolder", language.value(), folderBeside(home, language.value()))));
                continue;
            }
            HomePage own = folder.get().home() == null ? noLanguageHome(language.value())
                    : parseLanguage(folder.get().home(), home.file());
            parts.add(new Part(language.value(), folder.get().display() + "/", own, home.settings().ofLanguage(own.settings())));
        }
        return parts;
    }

    /** The folder a language would have beside the book's {@code _index.md}, as the user would name it. */
    private static String folderBeside(HomePage home, String language) {
        String file = home.file();
        String folder = file.length() > HomePage.FILE_NAME.length() ? file.substring(0, file.length()
                - HomePage.FILE_NAME.length()) : "";
        return folder + language + "/";
    }

    /**
     * Chapters of a book in several languages that are in no language's folder: never published, so an error
     * each. Empty for a book in one language.
     */
    private static List<ParseResult> strays(List<ParseResult> asked, List<Part> parts, HomePage home,
                                            Map<String, List<Diagnostic>> problems) {
        if (!home.settings().multilingual()) {
            return List.of();
        }
        List<ParseResult> strays = new ArrayList<>();
        for (ParseResult file : asked) {
            if (parts.stream().noneMatch(p -> p.holds(file))) {
                strays.add(file);
                String folders = String.join(", ", home.settings().languages().stream()
                        .map(l -> folderBeside(home, l.value())).toList());
                problems.computeIfAbsent(file.file(), f -> new ArrayList<>()).add(Diagnostic.error(
                        new SourcePosition(file.file(), 1, 1), "languages", Text.of("book.strayChapter", folders, home.file())));
            }
        }
        strays.sort(READING_ORDER);
        return strays;
    }

    /**
     * The book around the sources' folder, when its {@code _index.md} lists that folder among its languages:
     * then the folder is one language of it, checked with its settings.
     */
    private static Optional<HomePage> bookAround(Sources sources) {
        if (sources.outer() == null || sources.outer().home().bytes() == null) {
            return Optional.empty();
        }
        HomePage around = HomePageParser.parse(sources.outer().home().file(), sources.outer().home().bytes());
        boolean lists = around.settings().languages().stream().anyMatch(l -> l.value().equals(sources.outer().name()));
        return lists ? Optional.of(around) : Optional.empty();
    }

    /**
     * Parses the files on every processor (a chapter is parsed on its own, and the parser shares nothing but
     * CommonMark's thread-safe parser), keeping their order.
     */
    private static List<ParseResult> parseAll(List<Source> sources, ParsedFiles parsed) {
        ChapterParser parser = new ChapterParser();
        return new ArrayList<>(sources.parallelStream().map(s -> {
            if (s.bytes() == null) {
                return ParseResult.unread(s.file(), s.unread());
            }
            ParseResult kept = parsed.reused(s);
            return kept != null ? kept : parser.parse(s.file(), s.bytes());
        }).toList());
    }

    private static HomePage parseHome(Source source) {
        if (source.bytes() == null) {
            return unreadHome(source);
        }
        return HomePageParser.parse(source.file(), source.bytes());
    }

    private static HomePage parseLanguage(Source source, String bookFile) {
        if (source.bytes() == null) {
            return unreadHome(source);
        }
        return HomePageParser.parseLanguage(source.file(), source.bytes(), bookFile);
    }

    private static HomePage unreadHome(Source source) {
        return new HomePage(source.file(), SiteSettings.defaults(), HomePage.none().prose(), List.of(),
                List.of(source.unread()));
    }

    /** A language without an {@code _index.md}: its folder's name is its language. */
    private static HomePage noLanguageHome(String folder) {
        HomePage none = HomePage.none();
        return new HomePage(null, new SiteSettings(null, folder, null, null, false, null, null), none.prose(),
                none.lines(), none.diagnostics());
    }

    /** Chapters whose page name the site takes, added to the problems by file. */
    private static void pageNameProblems(List<Chapter> chapters, Map<String, List<Diagnostic>> problems) {
        for (Chapter chapter : chapters) {
            if (SITE_PAGE_NAMES.contains(chapter.slug())) {
                problems.computeIfAbsent(chapter.file(), f -> new ArrayList<>()).add(Diagnostic.error(
                        chapter.frontMatter().position(), "reserved-slug", Text.of("book.reservedSlug", chapter.slug())));
            }
        }
    }

    /**
     * Two chapters of one language with the same {@code translationKey:} (or one's key another's slug): the
     * other languages could not tell which is their twin.
     */
    private static void translationKeyProblems(List<ChapterResult> chapters, Map<String, List<Diagnostic>> problems) {
        Map<String, Chapter> byKey = new HashMap<>();
        for (ChapterResult result : chapters) {
            Chapter chapter = result.chapter();
            Chapter first = byKey.putIfAbsent(chapter.translationKey(), chapter);
            if (first != null && !first.slug().equals(chapter.slug())) {
                Setting key = chapter.frontMatter().translationKey() != null ? chapter.frontMatter().translationKey()
                        : first.frontMatter().translationKey();
                SourcePosition at = chapter.frontMatter().translationKey() != null ? key.position()
                        : chapter.frontMatter().position();
                problems.computeIfAbsent(chapter.file(), f -> new ArrayList<>()).add(Diagnostic.error(at,
                        "translation-key", Text.of("book.translationKeyTaken", chapter.translationKey(), first.file())));
            }
        }
    }

    /** The files the user asked about, in reading order. */
    public List<ParseResult> requested() {
        return requested;
    }

    /** Every file parsed, including chapters read only so that {@code continues:} resolves. */
    public List<ParseResult> library() {
        return library;
    }

    /**
     * The book's {@code _index.md}: its home page and settings, or the defaults when there is none. In a book in
     * several languages, the one beside the language folders; each language's own is its edition's.
     */
    public HomePage home() {
        return home;
    }

    /** The languages of the book, in the order listed, the default first; one when it has no {@code languages:}. */
    public List<Edition> editions() {
        return editions;
    }

    /**
     * Whether the book is read in several languages, each in a folder of its own: its {@code _index.md} lists
     * them. One language of such a book, read from its own folder, is a book in one language.
     */
    public boolean multilingual() {
        return !editions.isEmpty() && !editions.get(0).folder().isEmpty();
    }

    /** The engine's verdict on every chapter of the library. */
    public List<ChapterResult> results() {
        return results;
    }

    /**
     * The requested chapters that parsed, with their verdicts, in reading order (language by language in a book
     * in several): the chapters of the site.
     */
    public List<ChapterResult> chapters() {
        List<ChapterResult> ordered = new ArrayList<>();
        for (ParseResult parsed : requested) {
            parsed.chapter().map(byChapter::get).ifPresent(ordered::add);
        }
        return ordered;
    }

    /**
     * Every diagnostic about the requested files, by file: the site settings first (when they have
     * something to say: the book's {@code _index.md}, then each language's), then the chapters in reading
     * order, each sorted by position (stable, so the parser's come before the engine's at the same place).
     * Chapters read only for {@code continues:} are not reported.
     */
    public Report report() {
        return report;
    }

    private Report assembleReport() {
        List<Report.FileReport> files = new ArrayList<>();
        List<HomePage> homes = new ArrayList<>(List.of(home));
        homes.addAll(languageHomes);
        for (HomePage page : homes) {
            List<Diagnostic> settings = new ArrayList<>(page.diagnostics());
            if (page.file() != null) {
                settings.addAll(siteProblems.getOrDefault(page.file(), List.of()));
            }
            if (!settings.isEmpty()) {
                files.add(new Report.FileReport(page.file(), null, false, sorted(settings), page.lines()));
            }
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
