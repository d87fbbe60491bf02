package org.tcpstory.capture;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tcpstory.diagnostic.Text;

/**
 * One pass over a capture: every TCP connection counted, and the segments of one of them kept (the one asked
 * for, or by default the only one, or the first whose handshake the capture shows), at most a given number.
 * Memory stays bounded whatever the capture's size: one packet's headers at a time, a few counters per
 * connection, and the kept connection's segments up to the limit.
 *
 * @param connections every connection, by stream number
 * @param chosen      the kept connection; empty when the capture has none, or not the one asked for
 * @param packets     packets in the capture
 * @param notes       what was passed over (fragments, malformed packets, unread link types), for people
 */
public record CaptureScan(List<ConnectionSummary> connections, Optional<CapturedConnection> chosen, long packets,
                          List<Text> notes) {

    /** Which connection to keep: {@code stream} from 0, or -1 for the default choice. */
    public static CaptureScan read(InputStream in, int stream, int limit) throws IOException, CaptureException {
        CaptureReader reader = CaptureReader.open(in);
        PacketDecoder decoder = new PacketDecoder();
        Connections connections = new Connections();
        List<TcpPacket> kept = new ArrayList<>();
        int keeping = stream;
        long keptTotal = 0;
        long packets = 0;
        long tcp = 0;
        Frame frame;
        while ((frame = reader.next()) != null) {
            packets++;
            TcpPacket packet = decoder.decode(frame);
            if (packet == null) {
                continue;
            }
            tcp++;
            int index = connections.add(packet);
            if (index < 0) {
                continue;
            }
            if (stream < 0 && index != keeping && switchTo(connections, keeping, index)) {
                keeping = index;
                kept.clear();
                keptTotal = 0;
            }
            if (index == keeping) {
                keptTotal++;
                if (kept.size() < limit) {
                    kept.add(packet);
                }
            }
        }
        if (tcp == 0) {
            if (!decoder.unsupportedLinkTypes.isEmpty()) {
                throw new CaptureException(decoder.unsupportedLinkTypesText());
            }
            throw new CaptureException(Text.of(decoder.fragments > 0 ? "capture.noTcpFragments" : "capture.noTcp",
                    Text.count("capture.packets", packets)));
        }
        List<Text> notes = new ArrayList<>();
        if (!decoder.unsupportedLinkTypes.isEmpty()) {
            notes.add(Text.of("capture.note.linkTypes", decoder.unsupportedLinkTypesText()));
        }
        if (decoder.fragments > 0) {
            notes.add(Text.of("capture.note.fragments", decoder.fragments));
        }
        if (decoder.malformed > 0) {
            notes.add(Text.of("capture.note.malformed", decoder.malformed, decoder.firstMalformed));
        }
        if (connections.untrackedPackets > 0) {
            notes.add(Text.of("capture.note.untracked", Connections.MAX_TRACKED, connections.untrackedPackets));
        }
        Optional<CapturedConnection> chosen = Optional.empty();
        if (keeping >= 0 && keeping < connections.count()) {
            chosen = Optional.of(new CapturedConnection(keeping, connections.client(keeping),
                    connections.server(keeping), kept, keptTotal));
        }
        return new CaptureScan(connections.summaries(), chosen, packets, List.copyOf(notes));
    }

    /**
     * The default choice, made while reading: the first connection until one appears whose handshake the
     * capture shows; then that one, and no other after it.
     */
    private static boolean switchTo(Connections connections, int keeping, int index) {
        if (keeping < 0) {
            return true;
        }
        return !connections.beganWithSyn(keeping) && connections.beganWithSyn(index);
    }

    /** Whether the default choice was forced on a capture of several connections, none of which shows a handshake. */
    public boolean ambiguous() {
        return connections.size() > 1 && connections.stream().noneMatch(ConnectionSummary::handshake);
    }
}
