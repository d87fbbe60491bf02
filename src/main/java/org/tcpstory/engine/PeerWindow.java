package org.tcpstory.engine;

/**
 * One peer's numbers after an event, as a sliding window shows them, in octets counted from the first
 * data octet of each direction (so a story's symbols need no values). {@code -1} where there is nothing to
 * count yet (no connection, or a window never advertised).
 *
 * @param acknowledged  octets this peer sent that the other acknowledged (SND.UNA)
 * @param inFlight      octets sent and not acknowledged (SND.NXT - SND.UNA)
 * @param sendWindow    the other peer's window as this peer knows it (SND.WND), or -1 when never advertised
 * @param received      octets this peer received in order (RCV.NXT)
 * @param receiveWindow the octets this peer will still take (RCV.WND), or -1 when it never advertised
 * @param cwnd          the congestion window, or -1 when congestion control is off
 * @param ssthresh      the slow-start threshold, or -1 while it is still arbitrarily high (or control is off)
 */
public record PeerWindow(long acknowledged, long inFlight, long sendWindow, long received, long receiveWindow,
                         long cwnd, long ssthresh) {

    /** A peer without a connection. */
    public static final PeerWindow NONE = new PeerWindow(-1, -1, -1, -1, -1, -1, -1);

    /** Whether the peer has a connection whose numbers are counted. */
    public boolean counted() {
        return acknowledged >= 0;
    }

    /** The octets this peer may still send: what the windows leave once the octets in flight are counted. */
    public long usable() {
        long window = sendWindow < 0 ? Long.MAX_VALUE : sendWindow;
        if (cwnd >= 0) {
            window = Math.min(window, cwnd);
        }
        return window == Long.MAX_VALUE ? -1 : Math.max(0, window - inFlight);
    }

    /** One peer's window after an event; {@code other} is the peer it is connected to. */
    static PeerWindow of(Tcb me, Tcb other, Numbers numbers) {
        if (me.sndUna == null || (me.iss == null && me.declaredStart == null)) {
            return NONE;
        }
        long acknowledged = fromStart(numbers, me.sndUna, me);
        long inFlight = count(numbers, me.sndNxt, me.sndUna);
        long sendWindow = me.sndEdge == null || me.sndEdge.end() == null ? -1
                : Math.max(0, count(numbers, me.sndEdge.end(), me.sndUna));
        long received = me.rcvNxt == null || other == null ? -1 : fromStart(numbers, me.rcvNxt, other);
        long free = me.rcvEdge == null ? Numbers.NO_GAP : numbers.gap(me.rcvEdge.end(), me.rcvNxt);
        long receiveWindow = free == Numbers.NO_GAP ? -1 : Math.max(0, free);
        Congestion congestion = me.congestion;
        boolean controlled = congestion != null && congestion.started();
        return new PeerWindow(Math.max(0, acknowledged), Math.max(0, inFlight), sendWindow, received, receiveWindow,
                controlled ? congestion.cwnd() : -1, controlled ? congestion.ssthresh() : -1);
    }

    /**
     * Octets from {@code owner}'s first data octet up to {@code value} (ISS+1, or where the chapter declared
     * it, as {@link Tcb#sendStart} says), without making the start as a value on every event; -1 unknown.
     */
    private static long fromStart(Numbers numbers, Value value, Tcb owner) {
        long gap = owner.iss != null ? numbers.gap(value, owner.iss) : numbers.gap(value, owner.declaredStart);
        if (gap == Numbers.NO_GAP) {
            return -1;
        }
        return owner.iss != null ? gap - 1 : gap;
    }

    private static long count(Numbers numbers, Value to, Value from) {
        long gap = numbers.gap(to, from);
        return gap == Numbers.NO_GAP ? -1 : gap;
    }
}
