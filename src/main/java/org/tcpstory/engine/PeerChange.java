package org.tcpstory.engine;

/**
 * What one event did to one peer: its state before and after (equal when the state held) and the rule
 * that applied.
 */
public record PeerChange(String peer, TcpState before, TcpState after, Rule rule) {

    public boolean changesState() {
        return before != after;
    }
}
