package org.tcpstory.capture;

import java.util.List;

/**
 * The segments of the one connection a story is made of, in capture order.
 *
 * @param stream       its stream number
 * @param client       the side that sent the SYN (without one: the side with the higher port)
 * @param server       the other side
 * @param packets      its segments, at most the limit the scan was given
 * @param totalPackets how many the capture has, which is more than {@code packets} holds when the limit cut it
 */
public record CapturedConnection(int stream, Endpoint client, Endpoint server, List<TcpPacket> packets, long totalPackets) {

    public CapturedConnection {
        packets = List.copyOf(packets);
    }

    public boolean cut() {
        return totalPackets > packets.size();
    }
}
