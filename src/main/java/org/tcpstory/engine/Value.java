package org.tcpstory.engine;

/**
 * A sequence number the engine reasons about: an anchor plus an offset, modulo 2^32.
 *
 * <p>An anchor is a number the story may not have fixed yet, such as a peer's initial sequence number
 * written as {@code x}. All numbers of one peer's sequence space share its anchor, so {@code x+1} and
 * {@code x+101} compare exactly even while x itself is unknown. Anchor 0 is the number zero, so plain
 * numbers are {@code Value(0, n)}.
 */
public record Value(int anchor, long offset) {

    public static final int ZERO_ANCHOR = 0;

    public Value {
        offset = Math.floorMod(offset, Seq.MODULUS);
    }

    public static Value of(long number) {
        return new Value(ZERO_ANCHOR, number);
    }

    public Value plus(long n) {
        return new Value(anchor, offset + n);
    }
}
