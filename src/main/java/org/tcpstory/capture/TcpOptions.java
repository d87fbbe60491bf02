package org.tcpstory.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * The TCP options of a segment, with the numbers a story writes: what the SYNs negotiate (MSS, window
 * scale, SACK-permitted, timestamps), the SACK blocks and timestamps later segments carry, and the kinds
 * of the options a story cannot say.
 *
 * @param mss           the Maximum Segment Size announced, or -1
 * @param windowScale   the window scale shift count announced, or -1
 * @param sackPermitted whether SACK is offered
 * @param sack          the SACK blocks, as on the wire: the most recent first
 * @param timestamps    whether it carries the timestamps option
 * @param tsVal         TSval, when it carries timestamps
 * @param tsEcr         TSecr, when it carries timestamps
 * @param others        the kinds of the other options it carries (Fast Open, MPTCP, MD5, ...), in order
 */
public record TcpOptions(int mss, int windowScale, boolean sackPermitted, List<SackBlock> sack, boolean timestamps,
                         long tsVal, long tsEcr, List<Integer> others) {

    public static final TcpOptions NONE = new TcpOptions(-1, -1, false, List.of(), false, 0, 0, List.of());

    public TcpOptions {
        sack = List.copyOf(sack);
        others = List.copyOf(others);
    }

    /** Octets from {@code left} up to {@code right} (exclusive) that the sender of the block holds. */
    public record SackBlock(long left, long right) {
    }

    /** Reads the options area; a malformed option ends the reading, as a receiving stack would. */
    static TcpOptions parse(byte[] b, int from, int to) {
        int mss = -1;
        int scale = -1;
        boolean sackOk = false;
        List<SackBlock> sack = List.of();
        boolean ts = false;
        long tsVal = 0;
        long tsEcr = 0;
        List<Integer> others = new ArrayList<>();
        int i = from;
        while (i < to) {
            int kind = b[i] & 0xff;
            if (kind == 0) {
                break;
            }
            if (kind == 1) {
                i++;
                continue;
            }
            if (i + 1 >= to) {
                break;
            }
            int length = b[i + 1] & 0xff;
            if (length < 2 || i + length > to) {
                break;
            }
            switch (kind) {
                case 2 -> mss = length == 4 ? Bytes.u16(b, i + 2) : mss;
                case 3 -> scale = length == 3 ? b[i + 2] & 0xff : scale;
                case 4 -> sackOk = true;
                case 5 -> sack = blocks(b, i + 2, (length - 2) / 8);
                case 8 -> {
                    if (length == 10) {
                        ts = true;
                        tsVal = Bytes.u32(b, i + 2);
                        tsEcr = Bytes.u32(b, i + 6);
                    }
                }
                default -> others.add(kind);
            }
            i += length;
        }
        if (mss < 0 && scale < 0 && !sackOk && sack.isEmpty() && !ts && others.isEmpty()) {
            return NONE;
        }
        return new TcpOptions(mss, scale, sackOk, sack, ts, tsVal, tsEcr, others);
    }

    private static List<SackBlock> blocks(byte[] b, int at, int count) {
        List<SackBlock> blocks = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            blocks.add(new SackBlock(Bytes.u32(b, at + 8 * k), Bytes.u32(b, at + 8 * k + 4)));
        }
        return blocks;
    }

    /** The same options with other timestamps: for a segment the capture does not show. */
    TcpOptions withTimestamps(long value, long echo) {
        return new TcpOptions(mss, windowScale, sackPermitted, sack, true, value, echo, others);
    }
}
