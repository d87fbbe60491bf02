package org.tcpstory.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a large capture for the import benchmark: one long connection (handshake, then the server sends
 * full-size segments, each second one acknowledged, then a close), every packet kept whole as tcpdump -s 0
 * keeps it, in pcap. 700,000 data segments make a file of about 1 GiB. With LOSS_EVERY = K, every Kth
 * data segment is lost: the client acknowledges what came before it, then answers three more with duplicate
 * ACKs, the server resends it, and the client acknowledges everything (a capture at the server). With
 * OPTIONS = {@code sack}, the SYNs agree Linux's options (MSS, SACK, timestamps, window scale 7), every
 * segment carries timestamps and the ACKs after a loss their SACK blocks, as Linux sends them; without, no
 * segment has options.
 *
 * <p>Run: {@code bench/import.sh [DATA_SEGMENTS]},
 * {@code bench/retell.sh [OLD] [NEW] [DATA_SEGMENTS] [LOSS_EVERY] [OPTIONS]}
 */
public final class CaptureGenerator {

    private static final int MSS = 1448;
    private static final long[] NO_SACK = {};

    private final OutputStream out;
    private final boolean options;
    private final ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] frame = new byte[14 + 20 + 40 + MSS];
    private final ByteBuffer tcpOptions = ByteBuffer.allocate(40);
    /**
     * Per side, TS.Recent and the acknowledgment it last sent: RFC 7323 §4.3 takes a TSval into TS.Recent only
     * from a segment at or below that acknowledgment, so an ACK during a loss echoes the last in-order one.
     * Each segment arrives as the capture shows it: the capture is where both sides' segments pass.
     */
    private final long[] tsRecent = new long[2];
    private final long[] lastAckSent = new long[2];
    private long packets;

    private CaptureGenerator(OutputStream out, boolean options) {
        this.out = out;
        this.options = options;
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long segments = args.length > 1 ? Long.parseLong(args[1]) : 700_000;
        long lossEvery = args.length > 2 ? Long.parseLong(args[2]) : 0;
        boolean options = args.length > 3 && args[3].equals("sack");
        long packets;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            CaptureGenerator generator = new CaptureGenerator(out, options);
            generator.write(segments, lossEvery);
            packets = generator.packets;
        }
        // Sized once closed: before, the buffer still holds the end of the file.
        System.out.println(file + ": " + packets + " packets, " + Files.size(file) + " bytes");
    }

    private void write(long segments, long lossEvery) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        out.write(header.array());
        long client = 1_000_000;
        long server = 3_000_000_000L;
        packet(true, 0x02, client, 0, 0, NO_SACK);
        packet(false, 0x12, server, client + 1, 0, NO_SACK);
        packet(true, 0x10, client + 1, server + 1, 0, NO_SACK);
        long next = server + 1;
        for (long i = 0; i < segments; i++) {
            if (lossEvery > 0 && i % lossEvery == lossEvery - 1 && i + 4 < segments) {
                // The first ACK after the lost segment acknowledges what came before it; the three after are duplicates.
                long lost = next;
                packet(false, 0x10, lost, client + 1, MSS, NO_SACK);
                for (int k = 1; k <= 4; k++) {
                    packet(false, 0x10, lost + (long) k * MSS, client + 1, MSS, NO_SACK);
                    packet(true, 0x10, client + 1, lost, 0, new long[] {lost + MSS, lost + (k + 1L) * MSS});
                }
                packet(false, 0x10, lost, client + 1, MSS, NO_SACK);
                next = lost + 5L * MSS;
                packet(true, 0x10, client + 1, next, 0, NO_SACK);
                i += 4;
                continue;
            }
            packet(false, 0x10, next, client + 1, MSS, NO_SACK);
            next += MSS;
            if (i % 2 == 1) {
                packet(true, 0x10, client + 1, next, 0, NO_SACK);
            }
        }
        packet(false, 0x11, next, client + 1, 0, NO_SACK);
        packet(true, 0x11, client + 1, next + 1, 0, NO_SACK);
        packet(false, 0x10, next + 1, client + 2, 0, NO_SACK);
    }

    private void packet(boolean fromClient, int flags, long seq, long ack, int payload, long[] sack) throws IOException {
        int optionLength = options(fromClient, flags, seq, ack, sack);
        int length = 14 + 20 + 20 + optionLength + payload;
        ByteBuffer b = ByteBuffer.wrap(frame);
        b.position(12);
        b.putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + optionLength + payload)).putInt(0).put((byte) 64)
                .put((byte) 6).putShort((short) 0);
        b.putInt(fromClient ? 0xc6120101 : 0xc6120201).putInt(fromClient ? 0xc6120201 : 0xc6120101);
        b.putShort((short) (fromClient ? 50000 : 80)).putShort((short) (fromClient ? 80 : 50000));
        b.putInt((int) seq).putInt((int) ack).put((byte) ((5 + optionLength / 4) << 4)).put((byte) flags)
                .putShort((short) 512).putInt(0);
        b.put(tcpOptions.array(), 0, optionLength);
        long micros = packets * 10;
        record.clear();
        record.putInt((int) (1_700_000_000 + micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                .putInt(length).putInt(length);
        out.write(record.array());
        out.write(frame, 0, length);
        packets++;
    }

    /** Writes the segment's options into {@link #tcpOptions}, as Linux lays them out; returns their length. */
    private int options(boolean fromClient, int flags, long seq, long ack, long[] sack) {
        tcpOptions.clear();
        if (!options) {
            return 0;
        }
        int side = fromClient ? 0 : 1;
        // Each side's clock ticks once every 40 packets, from a value of its own.
        long tsVal = (fromClient ? 7_000 : 900_000) + packets / 40;
        boolean acks = (flags & 0x10) != 0;
        long tsEcr = acks ? tsRecent[side] : 0;
        if (acks) {
            lastAckSent[side] = ack;
        }
        if ((flags & 0x02) != 0 || seq <= lastAckSent[1 - side]) {
            tsRecent[1 - side] = tsVal;
        }
        if ((flags & 0x02) != 0) {
            tcpOptions.put((byte) 2).put((byte) 4).putShort((short) MSS).put((byte) 4).put((byte) 2);
            tcpOptions.put((byte) 8).put((byte) 10).putInt((int) tsVal).putInt((int) tsEcr);
            tcpOptions.put((byte) 1).put((byte) 3).put((byte) 3).put((byte) 7);
            return tcpOptions.position();
        }
        tcpOptions.put((byte) 1).put((byte) 1).put((byte) 8).put((byte) 10).putInt((int) tsVal).putInt((int) tsEcr);
        if (sack.length > 0) {
            tcpOptions.put((byte) 1).put((byte) 1).put((byte) 5).put((byte) (2 + 4 * sack.length));
            for (long edge : sack) {
                tcpOptions.putInt((int) edge);
            }
        }
        return tcpOptions.position();
    }
}
