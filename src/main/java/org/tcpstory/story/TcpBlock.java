package org.tcpstory.story;

import java.util.List;
import org.tcpstory.diagnostic.SourcePosition;

/**
 * One fenced {@code tcp} block, its events in order, and the prose node it stands for, so the site can
 * render the events in place.
 */
public record TcpBlock(SourcePosition position, List<Event> events, org.commonmark.node.FencedCodeBlock node) {
    public TcpBlock {
        events = List.copyOf(events);
    }
}
