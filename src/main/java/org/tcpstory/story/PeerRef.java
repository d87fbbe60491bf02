package org.tcpstory.story;

import org.tcpstory.diagnostic.SourcePosition;

/** A peer id as written in an event, with its place, so "unknown peer" can point at it. */
public record PeerRef(String id, SourcePosition position) {
    @Override
    public String toString() {
        return id;
    }
}
