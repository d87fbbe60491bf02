package org.tcpstory.story;

import org.tcpstory.diagnostic.SourcePosition;

/**
 * A peer declared in the front matter.
 *
 * @param state         the initial state as written, or {@code null} (CLOSED)
 * @param statePosition where the state was written (the peer's line when absent)
 * @param seq           the initial SND.NXT ({@code seq:} or its alias {@code isn:}), or {@code null}
 */
public record PeerSpec(String id, SourcePosition position, String label, String state,
                       SourcePosition statePosition, Operand seq) {
}
