package org.tcpstory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpstory.story.Chapter;

/** A check that reuses the last one's verdicts gives what a fresh check gives, and reuses only what it may. */
class CheckedChaptersTest {

    private static final String OPEN = "title: %s\npeers:\n  A: { state: CLOSED, isn: x }\n  B: { state: LISTEN, isn: y }";
    private static final String HANDSHAKE = "A -> B: SYN, seq=x\nB -> A: SYN, ACK, seq=y, ack=x+1\nA -> B: ACK, seq=x+1, ack=y+1";

    private final StoryEngine engine = new StoryEngine();
    private final CheckedChapters checked = new CheckedChapters();

    private static Chapter story(String file, String frontMatter, String events) {
        return Stories.parse(file, "---\n" + frontMatter + "\n---\n```tcp\n" + events + "\n```\n");
    }

    private static Chapter open(String file, String slug, String events) {
        return story(file, OPEN.formatted(slug), events);
    }

    private static Chapter talk(String continues) {
        return story("02-talk.md", "title: talk\ncontinues: " + continues + "\npeers:\n  A: {}\n  B: {}",
                "A -> B: ACK, seq=x+1, ack=y+1, data=\"hi\"\nB -> A: ACK, seq=y+1, ack=x+3");
    }

    /** Checks the chapters with the verdicts of the last check, as a new check of the book does. */
    private List<ChapterResult> check(StoryEngine engine, List<Chapter> chapters) {
        checked.nextCheck();
        List<ChapterResult> results = engine.validate(chapters, checked);
        assertEquals(engine.validate(chapters), results, "the same verdicts as a fresh check");
        return results;
    }

    @Test
    void anEditOfAContinuedChapterChecksItAndTheChapterThatContinuesItAgainAndNothingElse() {
        Chapter open = open("01-open.md", "open", HANDSHAKE);
        Chapter talk = talk("open");
        Chapter other = open("03-other.md", "other", HANDSHAKE);
        List<ChapterResult> first = check(engine, List.of(open, talk, other));

        // The handshake now stops short: the chapter that continues it starts where it ends.
        Chapter edited = open("01-open.md", "open", "A -> B: SYN, seq=x\nB -> A: SYN, ACK, seq=y, ack=x+1");
        List<ChapterResult> second = check(engine, List.of(edited, talk, other));
        assertNotEquals(first.get(1).initialStates(), second.get(1).initialStates(), "talk is checked from the new end");
        assertNotSame(first.get(1), second.get(1));
        assertSame(first.get(2), second.get(2), "an unrelated chapter keeps its verdict");

        List<ChapterResult> third = check(engine, List.of(edited, talk, other));
        assertSame(second.get(0), third.get(0), "nothing changed: every verdict kept");
        assertSame(second.get(1), third.get(1));
    }

    @Test
    void whatAVerdictDependsOnOutsideItsChapterIsComparedToo() {
        Chapter open = open("01-open.md", "open", HANDSHAKE);
        Chapter talk = talk("open");
        List<ChapterResult> first = check(engine, List.of(open, talk));

        // Another chapter takes the slug first: the chapter is now a duplicate, and talk continues the new one.
        Chapter taker = story("00-taker.md", "title: taker\nslug: open\npeers:\n  A: { state: CLOSED, isn: x }\n"
                + "  B: { state: LISTEN, isn: y }", "A -> B: SYN, seq=x");
        List<ChapterResult> duplicate = check(engine, List.of(taker, open, talk));
        assertNotSame(first.get(0), duplicate.get(1));
        assertEquals(1, duplicate.get(1).errorCount(), "a duplicate slug");

        // The chapter it continues is gone: an error that lists the slugs there are.
        List<ChapterResult> lost = check(engine, List.of(talk, open("03-other.md", "other", HANDSHAKE)));
        assertEquals(1, lost.get(0).errorCount());

        // No chapter continues the handshake any more: its loose ends are its own again.
        Chapter loose = open("01-open.md", "open", HANDSHAKE + "\nA -> B: ACK, seq=x+1, ack=y+1, data=\"hi\"");
        check(engine, List.of(loose, talk));
        check(engine, List.of(loose));

        // Another profile: nothing is kept.
        List<ChapterResult> again = check(engine, List.of(open, talk));
        List<ChapterResult> otherProfile = check(new StoryEngine(Profile.LINUX), List.of(open, talk));
        assertNotSame(again.get(0), otherProfile.get(0));
    }

    @Test
    void aCycleOfContinuesIsReportedOnEveryCheck() {
        Chapter a = story("01-a.md", "title: a\ncontinues: b\npeers:\n  A: {}\n  B: {}", "wait RTO");
        Chapter b = story("02-b.md", "title: b\ncontinues: a\npeers:\n  A: {}\n  B: {}", "wait RTO");
        List<ChapterResult> first = check(engine, List.of(a, b));
        List<ChapterResult> second = check(engine, List.of(a, b));
        assertEquals(first, second);
    }
}
