package org.tcpstory.book;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tcpstory.engine.CheckedChapters;
import org.tcpstory.story.ParseResult;

/**
 * The files of the last build of a book with what parsing them gave, so that the next build of the same
 * folder ({@code serve}, on every save) parses again only the files whose bytes changed: measured on a
 * 1,000-chapter course, parsing every chapter again took most of a rebuild after a one-line edit. A parse
 * result is an immutable value of the bytes alone, so one kept is the one parsing would give. Only the files
 * of the last build are kept, with the engine's verdicts on their chapters ({@link CheckedChapters}). Safe to
 * share between threads; one build at a time.
 */
public final class ParsedFiles {

    private final CheckedChapters verdicts = new CheckedChapters();

    /** A file's bytes and their parse. */
    private record Parsed(byte[] bytes, ParseResult result) {
    }

    private Map<String, Parsed> last = Map.of();

    /** The parse of a source as the last build made it, or null when the file is new or changed. */
    synchronized ParseResult reused(Source source) {
        Parsed parsed = last.get(source.file());
        return parsed != null && source.bytes() != null && Arrays.equals(parsed.bytes(), source.bytes())
                ? parsed.result() : null;
    }

    /** The engine's verdicts of the last build, by chapter. */
    CheckedChapters verdicts() {
        return verdicts;
    }

    /** Keeps what this build parsed, forgetting the rest. */
    synchronized void keep(List<Source> sources, List<ParseResult> results) {
        Map<String, Parsed> now = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).bytes() != null) {
                now.put(sources.get(i).file(), new Parsed(sources.get(i).bytes(), results.get(i)));
            }
        }
        last = now;
    }
}
