package org.tcpstory.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.PeerChange;
import org.tcpstory.engine.PeerWindow;
import org.tcpstory.engine.Step;
import org.tcpstory.engine.StepMark;
import org.tcpstory.engine.TcpState;
import org.tcpstory.story.Event;
import org.tcpstory.story.Flag;
import org.tcpstory.story.Segment;

/**
 * The bundled book teaches everything the format can say, in each of its languages: every feature of contract
 * v2 and every state, read from what the chapters say and what the engine made of them, never from a list of
 * chapters. Each language is a book of its own, and each chapter of one has its twin in the other, telling the
 * same TCP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundledBookTest {

    /**
     * A feature of contract v2 (and of the handshake the v2 chapters are about), as a question about one
     * chapter's events and the engine's steps.
     */
    enum Feature {
        MSS(c -> sends(c).anyMatch(s -> s.options().mss() != null)),
        WINDOW_SCALE(c -> sends(c).anyMatch(s -> s.options().wscale() != null && s.flags().contains(Flag.SYN))
                && sends(c).anyMatch(s -> !s.flags().contains(Flag.SYN) && s.window() != null)),
        SACK_PERMITTED(c -> sends(c).anyMatch(s -> s.options().sackOk() != null)),
        SACK_BLOCKS(c -> sends(c).anyMatch(s -> !s.options().sack().isEmpty())),
        TIMESTAMPS(c -> sends(c).anyMatch(s -> s.options().ts() != null)),
        /** A sender with a whole advertised window in flight and nothing left to send: it must wait. */
        FULL_WINDOW(c -> windows(c).anyMatch(w -> w.sendWindow() > 0 && w.inFlight() >= w.sendWindow())),
        /** A sender that has had everything acknowledged into a window of zero. */
        ZERO_WINDOW(c -> windows(c).anyMatch(w -> w.sendWindow() == 0 && w.inFlight() == 0)),
        /** Congestion control that reacted to a loss: its slow-start threshold was set. */
        CONGESTION_CONTROL(c -> windows(c).anyMatch(w -> w.cwnd() >= 0 && w.ssthresh() >= 0)),
        /** {@code wait RTO A}: the timer of one peer. */
        TIMER_OF_ONE_PEER(c -> c.chapter().events().stream()
                .anyMatch(e -> e instanceof Event.Wait w && w.isRto() && w.timerOf() != null)),
        SIMULTANEOUS_OPEN(c -> changes(c).anyMatch(p -> p.before() == TcpState.SYN_SENT
                && p.after() == TcpState.SYN_RECEIVED)),
        /** An old duplicate SYN answered, then turned away by a RST: its receiver back in LISTEN. */
        OLD_DUPLICATE_SYN(c -> c.chapter().events().stream()
                .anyMatch(e -> e instanceof Event.Send s && s.old() && s.segment().flags().contains(Flag.SYN))
                && changes(c).anyMatch(p -> p.before() == TcpState.SYN_RECEIVED && p.after() == TcpState.LISTEN));

        private final Predicate<ChapterResult> in;

        Feature(Predicate<ChapterResult> in) {
            this.in = in;
        }

        boolean in(ChapterResult chapter) {
            return in.test(chapter);
        }

        private static Stream<Segment> sends(ChapterResult c) {
            return c.chapter().events().stream().flatMap(e -> e instanceof Event.Send s ? Stream.of(s.segment())
                    : Stream.empty());
        }

        private static Stream<PeerWindow> windows(ChapterResult c) {
            return c.steps().stream().flatMap(s -> s.windows().stream());
        }

        private static Stream<PeerChange> changes(ChapterResult c) {
            return c.steps().stream().flatMap(s -> s.changes().stream());
        }
    }

    private Book book;

    @BeforeAll
    void read() throws Exception {
        book = Book.of(ContentReader.readSite(Path.of("content")));
    }

    @Test
    void theBookIsInTwoLanguagesEachAWholeBook() {
        assertTrue(book.multilingual());
        assertEquals(List.of("zh", "en"), book.editions().stream().map(Edition::folder).toList());
        assertEquals(0, book.report().errors() + book.report().warnings(), () -> book.report().diagnostics().toString());
        for (Edition edition : book.editions()) {
            assertTrue(edition.chapters().size() >= 16, edition.folder() + ": parts one and two");
            assertTrue(edition.chapters().stream().allMatch(ChapterResult::isValid), edition.folder());
        }
    }

    @Test
    void eachLanguageHasEveryFeatureOfTheFormat() {
        for (Edition edition : book.editions()) {
            assertEquals(EnumSet.allOf(Feature.class), features(edition.chapters()), edition.folder());
        }
    }

    @Test
    void eachLanguageShowsEveryMarkTheEngineMakes() {
        for (Edition edition : book.editions()) {
            Set<StepMark.Kind> marks = EnumSet.noneOf(StepMark.Kind.class);
            edition.chapters().forEach(c -> c.steps().forEach(s -> s.marks().forEach(m -> marks.add(m.kind()))));
            assertEquals(EnumSet.allOf(StepMark.Kind.class), marks, edition.folder());
            assertTrue(edition.chapters().stream().flatMap(c -> c.steps().stream()).flatMap(s -> s.marks().stream())
                    .anyMatch(m -> m.kind() == StepMark.Kind.DUPLICATE_ACK && m.count() == 3), "three duplicate ACKs");
        }
    }

    @Test
    void eachLanguageClaimsEveryStateWithAnExpectLine() {
        for (Edition edition : book.editions()) {
            Set<TcpState> claimed = EnumSet.noneOf(TcpState.class);
            for (ChapterResult chapter : edition.chapters()) {
                for (Event event : chapter.chapter().events()) {
                    if (event instanceof Event.Expect expect) {
                        expect.claims().forEach(c -> claimed.add(TcpState.parse(c.state()).orElseThrow()));
                    }
                }
            }
            assertEquals(EnumSet.allOf(TcpState.class), claimed, edition.folder());
        }
    }

    @Test
    void everyChapterHasATwinThatTellsTheSameTcp() {
        Edition zh = book.editions().get(0);
        Edition en = book.editions().get(1);
        assertEquals(keys(zh), keys(en), "the same chapters, by translation key");
        for (ChapterResult chapter : zh.chapters()) {
            ChapterResult twin = en.chapter(chapter.chapter().translationKey()).orElseThrow();
            String key = chapter.chapter().translationKey();
            assertEquals(features(List.of(chapter)), features(List.of(twin)), key);
            for (String peer : chapter.peers()) {
                assertEquals(chapter.path(peer), twin.path(peer), key + ": the states of " + peer);
            }
            assertEquals(marks(chapter), marks(twin), key + ": the duplicate ACKs, retransmissions, probes");
            assertEquals(chapter.chapter().frontMatter().continues(), twin.chapter().frontMatter().continues(), key);
        }
    }

    @Test
    void aLanguageCheckedAloneIsTheSameBook() throws Exception {
        for (Edition edition : book.editions()) {
            Book alone = Book.of(ContentReader.readSite(Path.of("content", edition.folder())));
            assertFalse(alone.multilingual());
            assertEquals(edition.chapters().size(), alone.chapters().size(), edition.folder());
            assertEquals(edition.settings(), alone.editions().get(0).settings(), "the book's settings apply to it");
            assertEquals(0, alone.report().errors() + alone.report().warnings(), edition.folder());
        }
    }

    private static Set<Feature> features(List<ChapterResult> chapters) {
        Set<Feature> found = EnumSet.noneOf(Feature.class);
        for (ChapterResult chapter : chapters) {
            for (Feature feature : Feature.values()) {
                if (feature.in(chapter)) {
                    found.add(feature);
                }
            }
        }
        return found;
    }

    private static Set<String> keys(Edition edition) {
        Set<String> keys = new TreeSet<>();
        edition.chapters().forEach(c -> keys.add(c.chapter().translationKey()));
        return keys;
    }

    /** The marks of a chapter in order, without where they are. */
    private static List<String> marks(ChapterResult chapter) {
        return chapter.steps().stream().map(Step::marks).filter(m -> !m.isEmpty())
                .flatMap(List::stream).map(m -> m.peer() + " " + m.id()).toList();
    }
}
