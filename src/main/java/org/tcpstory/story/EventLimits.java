package org.tcpstory.story;

import java.util.Optional;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Text;

/**
 * How much a chapter's events may ask for. A tutorial chapter has dozens of events with short texts; the
 * engine, the diagrams and PlantUML take time and memory in proportion to the events and their texts, so
 * a chapter beyond these limits gets a diagnostic at the place instead of minutes of work (10,000 events
 * take about 7 seconds and 500 MB to draw). Enforced by the parser, so {@code check} and {@code build}
 * agree.
 */
public final class EventLimits {

    /** Events per chapter: lines of its {@code tcp} blocks that say something. */
    public static final int MAX_EVENTS = 10_000;

    /** Code points in a note, a {@code wait} label or a {@code data="..."} payload. */
    public static final int MAX_TEXT = 1_000;

    /** Characters in a symbol ({@code seq=x}) or the name of a segment in flight ({@code as NAME}). */
    public static final int MAX_NAME = 64;

    private EventLimits() {
    }

    /** A {@code text-limit} error when {@code text} is longer than {@link #MAX_TEXT} code points. */
    static Optional<Diagnostic> text(String text, Text what, SourcePosition at) {
        int length = text.codePointCount(0, text.length());
        if (length <= MAX_TEXT) {
            return Optional.empty();
        }
        return Optional.of(Diagnostic.error(at, "text-limit", Text.of("limit.text", what, length, MAX_TEXT)));
    }

    /** A {@code text-limit} error when a name is longer than {@link #MAX_NAME} characters. */
    static Optional<Diagnostic> name(String name, Text what, SourcePosition at) {
        if (name.length() <= MAX_NAME) {
            return Optional.empty();
        }
        return Optional.of(Diagnostic.error(at, "text-limit", Text.of("limit.name", what, name.length(), MAX_NAME)));
    }

    /** The error of the first event over {@link #MAX_EVENTS}: the rest of the chapter's events are not read. */
    static Diagnostic tooManyEvents(SourcePosition at) {
        return Diagnostic.error(at, "event-limit", Text.of("limit.events", MAX_EVENTS));
    }
}
