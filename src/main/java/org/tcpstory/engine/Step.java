package org.tcpstory.engine;

import java.util.List;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.story.Event;

/**
 * What one event did: each peer it touched (before, after, rule), both peers' states afterwards, and
 * the numbers the segment really carried where the story has fixed them.
 *
 * @param statesAfter every peer's state after the event, in the order of {@link ChapterResult#peers()}
 * @param seq         the segment's sequence number once resolved, or -1 (no segment, or not yet a number)
 * @param ack         the acknowledgment number once resolved, or -1
 * @param marks       what the event did beside the states: duplicate ACKs, retransmissions, probes
 * @param windows     every peer's sliding window after the event, in the order of {@link ChapterResult#peers()}
 */
public record Step(Event event, List<PeerChange> changes, List<TcpState> statesAfter, long seq, long ack,
                   List<Diagnostic> diagnostics, List<StepMark> marks, List<PeerWindow> windows) {

    public Step {
        changes = List.copyOf(changes);
        statesAfter = List.copyOf(statesAfter);
        diagnostics = List.copyOf(diagnostics);
        marks = List.copyOf(marks);
        windows = List.copyOf(windows);
    }
}
