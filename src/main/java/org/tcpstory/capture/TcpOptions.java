package org.tcpstory.capture;

/**
 * The TCP options of a segment that matter to a story: what the SYNs negotiate, and what later segments
 * carry that v1 stories cannot say.
 *
 * @param mss           the Maximum Segment Size announced, or -1
 * @param windowScale   the window scale shift count announced, or -1
 * @param sackPermitted whether SACK is offered
 * @param sackBlocks    how many SACK blocks the segment carries
 * @param timestamps    whether it carries the timestamps option
 */
public record TcpOptions(int mss, int windowScale, boolean sackPermitted, int sackBlocks, boolean timestamps) {

    public static final TcpOptions NONE = new TcpOptions(-1, -1, false, 0, false);

    /** Reads the options area; a malformed option ends the reading, as a receiving stack would. */
    static TcpOptions parse(byte[] b, int from, int to) {
        int mss = -1;
        int scale = -1;
        boolean sackOk = false;
        int sack = 0;
        boolean ts = false;
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
                case 5 -> sack = (length - 2) / 8;
                case 8 -> ts = true;
                default -> { }
            }
            i += length;
        }
        if (mss < 0 && scale < 0 && !sackOk && sack == 0 && !ts) {
            return NONE;
        }
        return new TcpOptions(mss, scale, sackOk, sack, ts);
    }
}
