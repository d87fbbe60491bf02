package org.tcpstory.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Suggestions;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.PeerSpec;
import org.tcpstory.story.Setting;

/**
 * The entry point of the engine: validates chapters against RFC 9293, following {@code continues:}
 * from one chapter's end into the next. Pure: no I/O, and the same chapters give the same results.
 */
public final class StoryEngine {

    private final Profile profile;

    /** Chapters follow RFC 9293 unless they name another profile. */
    public StoryEngine() {
        this(Profile.RFC9293);
    }

    /** @param profile the profile of chapters that name none (the book's, or the command line's) */
    public StoryEngine(Profile profile) {
        this.profile = profile;
    }

    public Profile profile() {
        return profile;
    }

    /**
     * Validates a set of chapters in the order given. A chapter that continues another starts where that
     * one ended; a chapter that another continues leaves its open answers and in-flight segments to it
     * instead of warning about them.
     */
    public List<ChapterResult> validate(List<Chapter> chapters) {
        return new Pass(chapters).run();
    }

    /** The error for a {@code profile:} that names no profile, at the name. */
    public static Diagnostic unknownProfile(Setting written) {
        List<String> names = java.util.Arrays.stream(Profile.values()).map(Profile::id).toList();
        return Diagnostic.error(written.position(), Rule.PROFILE.id(), "unknown profile `" + written.value() + "`",
                Suggestions.nearest(written.value(), names).map(s -> "did you mean " + s + "?")
                        .orElse("the profiles are " + Profile.names()));
    }

    /** One validation of one set of chapters, remembering where each chapter ended. */
    private final class Pass {
        private final List<Chapter> chapters;
        private final Map<String, Chapter> bySlug = new LinkedHashMap<>();
        // Chapters are keyed by identity: a record's hashCode would walk its whole tree of events.
        private final Map<Chapter, List<Diagnostic>> setProblems = new IdentityHashMap<>();
        private final Set<String> continued = new HashSet<>();
        private final Map<Chapter, ChapterResult> results = new IdentityHashMap<>();
        private final Map<Chapter, ChapterRun.Connection> ends = new IdentityHashMap<>();

        Pass(List<Chapter> chapters) {
            this.chapters = chapters;
            for (Chapter chapter : chapters) {
                Chapter first = bySlug.putIfAbsent(chapter.slug(), chapter);
                if (first != null) {
                    problem(chapter, Diagnostic.error(chapter.frontMatter().position(), Rule.DUPLICATE_SLUG.id(),
                            "duplicate slug " + chapter.slug() + ": " + first.file() + " has it too",
                            "give one of them its own slug: in the front matter"));
                }
            }
            for (Chapter chapter : chapters) {
                if (chapter.frontMatter().continues() != null) {
                    continued.add(chapter.frontMatter().continues());
                }
            }
        }

        List<ChapterResult> run() {
            List<ChapterResult> ordered = new ArrayList<>();
            for (Chapter chapter : chapters) {
                ordered.add(resultOf(chapter, new ArrayList<>()));
            }
            return ordered;
        }

        /** @param chain the chapters being followed back through {@code continues:}, the first first */
        private ChapterResult resultOf(Chapter chapter, List<Chapter> chain) {
            ChapterResult done = results.get(chapter);
            if (done != null) {
                return done;
            }
            chain.add(chapter);
            ChapterRun run = start(chapter, chain);
            ChapterResult result;
            if (run == null) {
                result = new ChapterResult(chapter, chapter.frontMatter().peers().stream().map(PeerSpec::id).toList(),
                        List.of(), List.of(), List.of());
            } else {
                result = run.run(continued.contains(chapter.slug()) && bySlug.get(chapter.slug()) == chapter);
                ends.put(chapter, run.connection());
            }
            List<Diagnostic> problems = setProblems.getOrDefault(chapter, List.of());
            if (!problems.isEmpty()) {
                List<Diagnostic> all = new ArrayList<>(problems);
                all.addAll(result.diagnostics());
                result = new ChapterResult(chapter, result.peers(), result.initialStates(), result.steps(), all);
            }
            results.put(chapter, result);
            chain.remove(chain.size() - 1);
            return result;
        }

        /** The run of a chapter, or {@code null} when its {@code continues:} cannot be followed. */
        private ChapterRun start(Chapter chapter, List<Chapter> chain) {
            String slug = chapter.frontMatter().continues();
            Profile chapterProfile = profileOf(chapter);
            if (slug == null) {
                return ChapterRun.fresh(chapter, chapterProfile);
            }
            Chapter previous = bySlug.get(slug);
            var where = chapter.frontMatter().continuesPosition();
            if (previous == null) {
                problem(chapter, Diagnostic.error(where, Rule.CONTINUES.id(), "continues: no chapter has the slug " + slug,
                        Suggestions.nearest(slug, bySlug.keySet()).map(s -> "did you mean " + s + "?")
                                .orElse("the slugs are " + String.join(", ", bySlug.keySet()))));
                return null;
            }
            if (chain.stream().anyMatch(link -> link == previous)) {
                List<String> cycle = new ArrayList<>();
                boolean inCycle = false;
                for (Chapter link : chain) {
                    inCycle |= link == previous;
                    if (inCycle) {
                        cycle.add(link.slug());
                    }
                }
                cycle.add(previous.slug());
                problem(chapter, Diagnostic.error(where, Rule.CONTINUES.id(),
                        "continues: makes a cycle: " + String.join(" -> ", cycle),
                        "a chapter can only continue one that comes before it"));
                return null;
            }
            ChapterResult before = resultOf(previous, chain);
            ChapterRun.Connection end = ends.get(previous);
            if (end == null) {
                problem(chapter, Diagnostic.error(where, Rule.CONTINUES.id(),
                        "continues: " + slug + ", which cannot be followed itself", "see the errors in " + previous.file()));
                return null;
            }
            Set<String> ids = new HashSet<>(before.peers());
            Set<String> mine = new HashSet<>(chapter.frontMatter().peers().stream().map(PeerSpec::id).toList());
            if (!mine.isEmpty() && !mine.equals(ids)) {
                problem(chapter, Diagnostic.error(where, Rule.CONTINUES.id(),
                        "continues: " + slug + ", whose peers are " + String.join(" and ", before.peers()),
                        "a continuing chapter keeps the same peer ids; only their labels may change"));
                return null;
            }
            return ChapterRun.continuing(chapter, chapterProfile, end);
        }

        /** The chapter's own {@code profile:}, else the engine's; a name that is none is reported once. */
        private Profile profileOf(Chapter chapter) {
            Setting written = chapter.frontMatter().profile();
            if (written == null) {
                return profile;
            }
            Optional<Profile> named = Profile.parse(written.value());
            if (named.isEmpty()) {
                problem(chapter, unknownProfile(written));
            }
            return named.orElse(profile);
        }

        private void problem(Chapter chapter, Diagnostic diagnostic) {
            setProblems.computeIfAbsent(chapter, c -> new ArrayList<>()).add(diagnostic);
        }
    }
}
