package org.tcpstory.story;

import java.util.List;

/**
 * The files found under the paths given to a command, each parsed, in reading order
 * (order, then file name), and which of them the user asked about.
 *
 * @param requested the results for the files the user named (or found in the folders they named)
 * @param library   every result loaded, including chapters loaded only so that {@code continues:} resolves
 */
public record ContentSet(List<ParseResult> requested, List<ParseResult> library) {
    public ContentSet {
        requested = List.copyOf(requested);
        library = List.copyOf(library);
    }
}
