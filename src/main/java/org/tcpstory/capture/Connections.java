package org.tcpstory.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tcpstory.diagnostic.Text;

/**
 * Groups a capture's segments into connections, as they are read. A connection is a pair of endpoints; a
 * new SYN on a pair whose connection ended (or that carries another initial sequence number) starts a new
 * one, as port reuse does. Each connection keeps a few counters only, and at most {@link #MAX_TRACKED} are
 * kept, so a capture of a port scan is read in bounded memory.
 */
final class Connections {

    static final int MAX_TRACKED = 100_000;

    private record Pair(Endpoint low, Endpoint high) {
        static Pair of(Endpoint a, Endpoint b) {
            return a.compareTo(b) <= 0 ? new Pair(a, b) : new Pair(b, a);
        }
    }

    /** A connection's counters while the capture is read. */
    private static final class Tracked {
        final int stream;
        Endpoint client;
        Endpoint server;
        boolean synSeen;
        long clientIsn;
        long packets;
        long clientBytes;
        long serverBytes;
        long first;
        long last;
        boolean clientFin;
        boolean serverFin;
        Endpoint resetBy;
        boolean synAnswered;
        boolean established;
        final boolean beganWithSyn;

        Tracked(int stream, TcpPacket packet) {
            this.stream = stream;
            this.first = packet.number();
            this.beganWithSyn = packet.has(TcpPacket.SYN) && !packet.has(TcpPacket.ACK);
            if (packet.has(TcpPacket.SYN) && packet.has(TcpPacket.ACK)) {
                client = packet.destination();
                server = packet.source();
            } else if (packet.has(TcpPacket.SYN)) {
                client = packet.source();
                server = packet.destination();
            } else if (packet.source().port() >= packet.destination().port()) {
                // No SYN to tell: services listen on the lower, well-known port.
                client = packet.source();
                server = packet.destination();
            } else {
                client = packet.destination();
                server = packet.source();
            }
        }

        boolean ended() {
            return resetBy != null || clientFin && serverFin;
        }

        void count(TcpPacket packet) {
            boolean fromClient = packet.source().equals(client);
            packets++;
            last = packet.number();
            if (fromClient) {
                clientBytes += packet.payload();
            } else {
                serverBytes += packet.payload();
            }
            if (packet.has(TcpPacket.SYN) && !packet.has(TcpPacket.ACK) && fromClient && !synSeen) {
                synSeen = true;
                clientIsn = packet.seq();
            }
            if (packet.has(TcpPacket.SYN) && packet.has(TcpPacket.ACK) && !fromClient) {
                synAnswered = true;
            }
            if (!packet.has(TcpPacket.SYN) && !packet.has(TcpPacket.RST) && packet.has(TcpPacket.ACK)) {
                established = true;
            }
            if (packet.has(TcpPacket.FIN)) {
                clientFin |= fromClient;
                serverFin |= !fromClient;
            }
            if (packet.has(TcpPacket.RST) && resetBy == null) {
                resetBy = packet.source();
            }
        }

        ConnectionSummary summary() {
            Text ending;
            if (resetBy != null) {
                boolean refused = synSeen && !synAnswered && !established && resetBy.equals(server);
                ending = refused ? Text.of("import.list.ending.refused")
                        : resetBy.equals(client) ? Text.of("import.list.ending.resetByClient")
                        : Text.of("import.list.ending.resetByServer");
            } else if (clientFin && serverFin) {
                ending = Text.of("import.list.ending.closed");
            } else if (clientFin || serverFin) {
                ending = clientFin ? Text.of("import.list.ending.halfClosedByClient")
                        : Text.of("import.list.ending.halfClosedByServer");
            } else if (synSeen && !synAnswered && !established) {
                ending = Text.of("import.list.ending.noAnswer");
            } else {
                ending = Text.of("import.list.ending.open");
            }
            return new ConnectionSummary(stream, client, server, synSeen, packets, clientBytes, serverBytes,
                    first, last, ending);
        }
    }

    private final Map<Pair, Tracked> byPair = new HashMap<>();
    private final List<Tracked> streams = new ArrayList<>();
    long untrackedPackets;

    /** Counts the packet; returns its connection's stream number, or -1 past the limit of connections kept. */
    int add(TcpPacket packet) {
        Pair pair = Pair.of(packet.source(), packet.destination());
        Tracked tracked = byPair.get(pair);
        if (tracked == null || startsAnother(tracked, packet)) {
            if (streams.size() >= MAX_TRACKED) {
                untrackedPackets++;
                return -1;
            }
            tracked = new Tracked(streams.size(), packet);
            streams.add(tracked);
            byPair.put(pair, tracked);
        }
        tracked.count(packet);
        return tracked.stream;
    }

    /** A SYN that is not a resend of the connection's own: a new connection on the same pair of ports. */
    private static boolean startsAnother(Tracked tracked, TcpPacket packet) {
        if (!packet.has(TcpPacket.SYN) || packet.has(TcpPacket.ACK)) {
            return false;
        }
        if (tracked.ended()) {
            return true;
        }
        if (!tracked.synSeen) {
            return tracked.established;
        }
        return packet.source().equals(tracked.client) && packet.seq() != tracked.clientIsn;
    }

    /** Whether the connection's first packet in the capture is its SYN: the capture shows its handshake. */
    boolean beganWithSyn(int stream) {
        return streams.get(stream).beganWithSyn;
    }

    int count() {
        return streams.size();
    }

    Endpoint client(int stream) {
        return streams.get(stream).client;
    }

    Endpoint server(int stream) {
        return streams.get(stream).server;
    }

    List<ConnectionSummary> summaries() {
        return streams.stream().map(Tracked::summary).toList();
    }
}
