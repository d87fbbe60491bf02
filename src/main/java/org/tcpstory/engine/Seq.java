package org.tcpstory.engine;

/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4). Numbers are held in a {@code long} in
 * {@code [0, 2^32)}; order is the signed 32-bit difference, as BSD's {@code SEQ_LT} does it.
 */
public final class Seq {

    public static final long MODULUS = 1L << 32;
    public static final long MAX = MODULUS - 1;

    private Seq() {
    }

    public static long add(long a, long n) {
        return Math.floorMod(a + n, MODULUS);
    }

    /** The signed distance from {@code b} to {@code a}: negative when a comes before b. */
    public static int diff(long a, long b) {
        return (int) (a - b);
    }

    public static boolean lt(long a, long b) {
        return diff(a, b) < 0;
    }

    public static boolean le(long a, long b) {
        return diff(a, b) <= 0;
    }

    /** {@code low < x <= high} in sequence space: the acceptable-ACK test of §3.10.7.4. */
    public static boolean inOpenClosed(long low, long x, long high) {
        return lt(low, x) && le(x, high);
    }

    /** {@code low <= x < low + size} in sequence space: the receive-window test of §3.4, Table 6. */
    public static boolean inWindow(long low, long x, long size) {
        long distance = Math.floorMod(x - low, MODULUS);
        return distance < size;
    }
}
