package org.tcpstory.story;

import java.util.List;
import org.tcpstory.diagnostic.SourcePosition;

/**
 * The YAML front matter of a chapter, with the places of the keys that later stages point at.
 *
 * @param order     the explicit {@code order:}, or {@code null}
 * @param slug      the explicit {@code slug:}, or {@code null}
 * @param continues the slug this chapter continues, or {@code null}
 * @param profile    {@code profile:}, the rules of which TCP the chapter follows, or {@code null}
 * @param congestion {@code congestion:}, whether congestion control is checked, or {@code null}
 * @param translationKey {@code translationKey:}, what makes this chapter the twin of one in another language of
 *                   the book (chapters without one are twins by slug), or {@code null}
 */
public record FrontMatter(String title, Integer order, String slug, String summary, List<PeerSpec> peers,
                          String continues, SourcePosition position, SourcePosition continuesPosition,
                          Setting profile, Setting congestion, Setting translationKey) {

    public FrontMatter {
        peers = List.copyOf(peers);
    }
}
