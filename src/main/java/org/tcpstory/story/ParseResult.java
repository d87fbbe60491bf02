package org.tcpstory.story;

import java.util.List;
import java.util.Optional;
import org.tcpstory.diagnostic.Diagnostic;

/**
 * What parsing one file gave: the chapter (absent when the file cannot be read as a chapter at all:
 * empty, binary, not UTF-8, no front matter, no peers), every diagnostic collected on the way, and the
 * file's lines, so that every diagnostic can show the line it points at.
 *
 * @param lines the source lines (line ends normalised); empty when the file was not read or is binary
 */
public record ParseResult(String file, Optional<Chapter> chapter, List<Diagnostic> diagnostics, List<String> lines) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
        lines = List.copyOf(lines);
    }

    /** A file that was not read at all (too large, unreadable): one diagnostic and no lines. */
    public static ParseResult unread(String file, Diagnostic why) {
        return new ParseResult(file, Optional.empty(), List.of(why), List.of());
    }
}
