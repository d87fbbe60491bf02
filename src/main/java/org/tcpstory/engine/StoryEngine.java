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
import org.tcpstory.diagnostic.Text;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.PeerSpec;
import org.tcpstory.story.Setting;

/**
 * The entry point of the engine: validates chapters against RFC 9293, following {@code continues:}
 * from one chapter's end into the next. Pure: no I/O, and the same chapters give the same results.
 */
public final class StoryEngine {

    private final Profile profile;
    private final CongestionControl congestion;

    /** Chapters follow RFC 9293 without congestion control unless they say otherwise. */
    public StoryEngine() {
        this(Profile.RFC9293);
    }

    /** @param profile the profile of chapters that name none (the book's, or the command line's) */
    public StoryEngine(Profile profile) {
        this(profile, CongestionControl.NONE);
    }

    /**
     * @param profile    the profile of chapters that name none (the book's, or the command line's)
     * @param congestion congestion control in chapters that say nothing of it (the book's)
     */
    public StoryEngine(Profile profile, CongestionControl congestion) {
        this.profile = profile;
        this.congestion = congestion;
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
        return validate(chapters, new CheckedChapters());
    }

    /**
     * As {@link #validate(List)}, taking from {@code checked} the verdicts of chapters whose inputs are the
     * same objects as at the last check, and keeping this check's in it.
     */
    public List<ChapterResult> validate(List<Chapter> chapters, CheckedChapters checked) {
        return new Pass(chapters, checked).run();
    }

    /** The error for a {@code profile:} that names no profile, at the name. */
    public static Diagnostic unknownProfile(Setting written) {
        List<String> names = java.util.Arrays.stream(Profile.values()).map(Profile::id).toList();
        return Diagnostic.error(written.position(), Rule.PROFILE.id(), Text.of("engine.unknownProfile", written.value()),
                Suggestions.nearest(written.value(), names).map(s -> Text.of("engine.didYouMean", s))
                        .orElse(Text.of("engine.profiles", Profile.names())));
    }

    /** The error for a {@code congestion:} that names nothing the engine knows, at the name. */
    public static Diagnostic unknownCongestionControl(Setting written) {
        List<String> names = java.util.Arrays.stream(CongestionControl.values()).map(CongestionControl::id).toList();
        return Diagnostic.error(written.position(), Rule.CONGESTION.id(),
                Text.of("engine.unknownCongestionControl", written.value()),
                Suggestions.nearest(written.value(), names).map(s -> Text.of("engine.didYouMean", s))
                        .orElse(Text.of("engine.congestionControls", CongestionControl.names())));
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
        private final CheckedChapters checked;

        Pass(List<Chapter> chapters, CheckedChapters checked) {
            this.chapters = chapters;
            this.checked = checked;
            for (Chapter chapter : chapters) {
                Chapter first = bySlug.putIfAbsent(chapter.slug(), chapter);
                if (first != null) {
                    problem(chapter, Diagnostic.error(chapter.frontMatter().position(), Rule.DUPLICATE_SLUG.id(),
                            Text.of("engine.duplicateSlug", chapter.slug(), first.file()), Text.of("engine.duplicateSlug.why")));
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
            ChapterResult result = reused(chapter, chain);
            if (result == null) {
                result = run(chapter, chain);
                String slug = chapter.frontMatter().continues();
                Chapter previous = slug == null ? null : bySlug.get(slug);
                checked.keep(chapter, new CheckedChapters.Verdict(result, ends.get(chapter), profile, congestion,
                        bySlug.get(chapter.slug()), continued.contains(chapter.slug()), previous,
                        previous == null ? null : results.get(previous)));
            }
            results.put(chapter, result);
            chain.remove(chain.size() - 1);
            return result;
        }

        /**
         * The last check's verdict on the chapter, when everything it was made from is the same now (the chapter it
         * continues is checked first, for its verdict is one of them); null when it must be checked again.
         */
        private ChapterResult reused(Chapter chapter, List<Chapter> chain) {
            CheckedChapters.Verdict last = checked.last(chapter);
            if (last == null || last.profile() != profile || last.congestion() != congestion
                    || last.firstOfSlug() != bySlug.get(chapter.slug()) || last.continued() != continued.contains(chapter.slug())) {
                return null;
            }
            String slug = chapter.frontMatter().continues();
            if (slug != null) {
                // A continues: that names no chapter lists every slug, so it is checked again.
                Chapter previous = bySlug.get(slug);
                if (previous == null || previous != last.previous() || chain.stream().anyMatch(link -> link == previous)
                        || resultOf(previous, chain) != last.previousResult()) {
                    return null;
                }
            }
            if (last.end() != null) {
                ends.put(chapter, last.end());
            }
            checked.keep(chapter, last);
            return last.result();
        }

        /** Runs the engine over the chapter, from where the chapter it continues ended. */
        private ChapterResult run(Chapter chapter, List<Chapter> chain) {
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
            return result;
        }

        /** The run of a chapter, or {@code null} when its {@code continues:} cannot be followed. */
        private ChapterRun start(Chapter chapter, List<Chapter> chain) {
            String slug = chapter.frontMatter().continues();
            Profile chapterProfile = profileOf(chapter);
            CongestionControl chapterCongestion = congestionOf(chapter);
            if (slug == null) {
                return ChapterRun.fresh(chapter, chapterProfile, chapterCongestion);
            }
            Chapter previous = bySlug.get(slug);
            var where = chapter.frontMatter().continuesPosition();
            if (previous == null) {
                problem(chapter, Diagnostic.error(where, Rule.CONTINUES.id(), Text.of("engine.continuesNoSuchSlug", slug),
                        Suggestions.nearest(slug, bySlug.keySet()).map(s -> Text.of("engine.didYouMean", s))
                                .orElse(Text.of("engine.slugs", String.join(", ", bySlug.keySet())))));
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
                        Text.of("engine.continuesCycle", String.join(" -> ", cycle)), Text.of("engine.continuesCycle.why")));
                return null;
            }
            ChapterResult before = resultOf(previous, chain);
            ChapterRun.Connection end = ends.get(previous);
            if (end == null) {
                problem(chapter, Diagnostic.error(where, Rule.CONTINUES.id(),
                        Text.of("engine.continuesBroken", slug), Text.of("engine.continuesBroken.why", previous.file())));
                return null;
            }
            Set<String> ids = new HashSet<>(before.peers());
            Set<String> mine = new HashSet<>(chapter.frontMatter().peers().stream().map(PeerSpec::id).toList());
            if (!mine.isEmpty() && !mine.equals(ids)) {
                problem(chapter, Diagnostic.error(where, Rule.CONTINUES.id(),
                        Text.of("engine.continuesOtherPeers", slug, before.peers().size() == 2
                                ? Text.of("engine.twoPeers", before.peers().get(0), before.peers().get(1))
                                : Text.plain(String.join(", ", before.peers()))),
                        Text.of("engine.continuesOtherPeers.why")));
                return null;
            }
            return ChapterRun.continuing(chapter, chapterProfile, chapterCongestion, end);
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

        /** The chapter's own {@code congestion:}, else the engine's; a name that is none is reported once. */
        private CongestionControl congestionOf(Chapter chapter) {
            Setting written = chapter.frontMatter().congestion();
            if (written == null) {
                return congestion;
            }
            Optional<CongestionControl> named = CongestionControl.parse(written.value());
            if (named.isEmpty()) {
                problem(chapter, unknownCongestionControl(written));
            }
            return named.orElse(congestion);
        }

        private void problem(Chapter chapter, Diagnostic diagnostic) {
            setProblems.computeIfAbsent(chapter, c -> new ArrayList<>()).add(diagnostic);
        }
    }
}
