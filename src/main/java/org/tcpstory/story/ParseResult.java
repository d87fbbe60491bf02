package org.tcpstory.story;

import java.util.List;
import java.util.Optional;
import org.tcpstory.diagnostic.Diagnostic;

/**
 * What parsing one file gave: the chapter (absent when the file cannot be read as a chapter at all:
 * empty, binary, not UTF-8, no front matter, no peers) and every diagnostic collected on the way.
 */
public record ParseResult(String file, Optional<Chapter> chapter, List<Diagnostic> diagnostics) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }
}
