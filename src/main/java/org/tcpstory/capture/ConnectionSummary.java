package org.tcpstory.capture;

import org.tcpstory.diagnostic.Text;

/**
 * One TCP connection of a capture, as {@code --list} shows it.
 *
 * @param stream        its number, from 0 in order of first appearance (as Wireshark's {@code tcp.stream})
 * @param client        the side that sent the SYN; without a SYN in the capture, the side with the higher port
 * @param server        the other side
 * @param handshake     whether the capture shows the connection's SYN
 * @param packets       its packets
 * @param clientBytes   payload octets the client sent (resends counted again)
 * @param serverBytes   payload octets the server sent
 * @param firstPacket   the number of its first packet
 * @param lastPacket    the number of its last packet
 * @param ending        how it ended, in the catalog's words ({@code import.list.ending.})
 */
public record ConnectionSummary(int stream, Endpoint client, Endpoint server, boolean handshake, long packets,
                                long clientBytes, long serverBytes, long firstPacket, long lastPacket, Text ending) {
}
