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
}
