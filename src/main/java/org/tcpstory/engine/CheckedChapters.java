package org.tcpstory.engine;

import java.util.IdentityHashMap;
import java.util.Map;
import org.tcpstory.story.Chapter;

/**
 * The engine's verdicts of the last check of a book, so that the next check of the same folder ({@code serve},
 * on every save) runs the engine again only over the chapters that changed, or whose verdict can have: measured
 * on a 1,000-chapter course, running every chapter again was a quarter of a rebuild after a one-line edit.
 *
 * <p>A verdict is a value of the chapter (kept by identity: {@link org.tcpstory.book.ParsedFiles} hands back
 * the very chapter for a file whose bytes did not change), the engine's profile and congestion control, the
 * first chapter of its slug (a duplicate is an error naming it), whether another chapter continues it, and,
 * when it continues one, that chapter and its verdict. A verdict is reused only when all of these are the same
 * objects as when it was made, so it is the one a fresh check gives. Only the last check's verdicts are kept.
 * One check at a time.
 */
public final class CheckedChapters {

    /**
     * A chapter's verdict with what it was made from.
     *
     * @param end      where the chapter left its connection, for the chapter that continues it; null when its run
     *                 did not start
     * @param previous the chapter it continues, or null when it continues none
     */
    record Verdict(ChapterResult result, ChapterRun.Connection end, Profile profile, CongestionControl congestion,
                   Chapter firstOfSlug, boolean continued, Chapter previous, ChapterResult previousResult) {
    }

    private Map<Chapter, Verdict> last = new IdentityHashMap<>();
    private Map<Chapter, Verdict> now = new IdentityHashMap<>();

    /** A check of the book begins: what the last one made is what this one may reuse. */
    public synchronized void nextCheck() {
        last = now;
        now = new IdentityHashMap<>();
    }

    synchronized Verdict last(Chapter chapter) {
        return last.get(chapter);
    }

    synchronized void keep(Chapter chapter, Verdict verdict) {
        now.put(chapter, verdict);
    }
}
