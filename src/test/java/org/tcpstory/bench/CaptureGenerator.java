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
 * ACKs, the server resends it, and the client acknowledges everything (a capture at the server).
 *
 * <p>Run: {@code bench/import.sh [DATA_SEGMENTS]}, {@code bench/retell.sh [OLD] [NEW] [DATA_SEGMENTS] [LOSS_EVERY]}
 */
public final class CaptureGenerator {

    private static final int MSS = 1448;

    private final OutputStream out;
    private final ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] frame = new byte[14 + 20 + 20 + MSS];
    private long packets;

    private CaptureGenerator(OutputStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long segments = args.length > 1 ? Long.parseLong(args[1]) : 700_000;
        long lossEvery = args.length > 2 ? Long.parseLong(args[2]) : 0;
        long packets;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            CaptureGenerator generator = new CaptureGenerator(out);
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
        packet(true, 0x02, client, 0, 0);
        packet(false, 0x12, server, client + 1, 0);
        packet(true, 0x10, client + 1, server + 1, 0);
        long next = server + 1;
        for (long i = 0; i < segments; i++) {
            if (lossEvery > 0 && i % lossEvery == lossEvery - 1 && i + 4 < segments) {
                // The first ACK after the lost segment acknowledges what came before it; the three after are duplicates.
                long lost = next;
                packet(false, 0x10, lost, client + 1, MSS);
                for (int k = 1; k <= 4; k++) {
                    packet(false, 0x10, lost + (long) k * MSS, client + 1, MSS);
                    packet(true, 0x10, client + 1, lost, 0);
                }
                packet(false, 0x10, lost, client + 1, MSS);
                next = lost + 5L * MSS;
                packet(true, 0x10, client + 1, next, 0);
                i += 4;
                continue;
            }
            packet(false, 0x10, next, client + 1, MSS);
            next += MSS;
            if (i % 2 == 1) {
                packet(true, 0x10, client + 1, next, 0);
            }
        }
        packet(false, 0x11, next, client + 1, 0);
        packet(true, 0x11, client + 1, next + 1, 0);
        packet(false, 0x10, next + 1, client + 2, 0);
    }

    private void packet(boolean fromClient, int flags, long seq, long ack, int payload) throws IOException {
        int length = 14 + 20 + 20 + payload;
        ByteBuffer b = ByteBuffer.wrap(frame);
        b.position(12);
        b.putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload)).putInt(0).put((byte) 64).put((byte) 6)
                .putShort((short) 0);
        b.putInt(fromClient ? 0xc6120101 : 0xc6120201).putInt(fromClient ? 0xc6120201 : 0xc6120101);
        b.putShort((short) (fromClient ? 50000 : 80)).putShort((short) (fromClient ? 80 : 50000));
        b.putInt((int) seq).putInt((int) ack).put((byte) 0x50).put((byte) flags).putShort((short) 512).putInt(0);
        long micros = packets * 10;
        record.clear();
        record.putInt((int) (1_700_000_000 + micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                .putInt(length).putInt(length);
        out.write(record.array());
        out.write(frame, 0, length);
        packets++;
    }
}
