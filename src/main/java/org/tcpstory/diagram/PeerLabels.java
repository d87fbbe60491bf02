package org.tcpstory.diagram;

import java.util.List;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.story.PeerSpec;

/** The name each peer is shown with: its front-matter {@code label}, else its id. */
final class PeerLabels {

    private PeerLabels() {
    }

    /** One label per peer, in the order of {@link ChapterResult#peers()}. */
    static List<String> of(ChapterResult result) {
        return result.peers().stream().map(peer -> labelOf(result, peer)).toList();
    }

    private static String labelOf(ChapterResult result, String peer) {
        for (PeerSpec spec : result.chapter().frontMatter().peers()) {
            if (spec.id().equals(peer) && spec.label() != null && !spec.label().isBlank()) {
                return spec.label();
            }
        }
        return peer;
    }
}
