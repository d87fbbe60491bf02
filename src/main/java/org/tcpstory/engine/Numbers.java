package org.tcpstory.engine;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numbers of one story: anchors (numbers the story may not have fixed yet) and the author's symbols
 * bound to them. Symbols are bound on first use to the value the engine expects there, so a later
 * {@code ack=u+1} is checked exactly; an anchor becomes a plain number the first time the author writes
 * a number where a value of that anchor is expected.
 */
final class Numbers {

    /** Beyond this distance from the nearest symbol, a known number reads better as itself. */
    private static final long NEAR = 1 << 16;

    private long[] anchorValues = new long[8];
    private boolean[] anchorKnown = new boolean[8];
    private int anchors = 1;
    private final Map<String, Value> symbols;

    Numbers() {
        anchorKnown[Value.ZERO_ANCHOR] = true;
        symbols = new LinkedHashMap<>();
    }

    private Numbers(Numbers other) {
        anchorValues = other.anchorValues.clone();
        anchorKnown = other.anchorKnown.clone();
        anchors = other.anchors;
        symbols = new LinkedHashMap<>(other.symbols);
    }

    Numbers copy() {
        return new Numbers(this);
    }

    /** A fresh anchor: a number nobody has written yet, such as a new initial sequence number. */
    Value fresh() {
        if (anchors == anchorValues.length) {
            anchorValues = Arrays.copyOf(anchorValues, anchors * 2);
            anchorKnown = Arrays.copyOf(anchorKnown, anchors * 2);
        }
        return new Value(anchors++, 0);
    }

    boolean isKnown(Value value) {
        return anchorKnown[value.anchor()];
    }

    /** The number a value stands for, or -1 while its anchor is not fixed. */
    long resolve(Value value) {
        return isKnown(value) ? Seq.add(anchorValues[value.anchor()], value.offset()) : -1;
    }

    /** What {@link #gap} answers when two values cannot be compared. */
    static final long NO_GAP = Long.MIN_VALUE;

    /**
     * {@link #distance} without a boxed result, for the loops that run on every event: {@link #NO_GAP}
     * when the two cannot be compared.
     */
    long gap(Value a, Value b) {
        if (a == null || b == null) {
            return NO_GAP;
        }
        if (a.anchor() == b.anchor()) {
            return Seq.diff(a.offset(), b.offset());
        }
        if (isKnown(a) && isKnown(b)) {
            return Seq.diff(resolve(a), resolve(b));
        }
        return NO_GAP;
    }

    /**
     * The signed distance {@code a - b} in sequence space, or {@code null} when the two cannot be
     * compared: different anchors that are not both fixed (two unrelated sequence spaces).
     */
    Integer distance(Value a, Value b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.anchor() == b.anchor()) {
            return Seq.diff(a.offset(), b.offset());
        }
        if (isKnown(a) && isKnown(b)) {
            return Seq.diff(resolve(a), resolve(b));
        }
        return null;
    }

    boolean same(Value a, Value b) {
        Integer d = distance(a, b);
        return d != null && d == 0;
    }

    /** {@code a < b}; false when they cannot be compared. */
    boolean before(Value a, Value b) {
        Integer d = distance(a, b);
        return d != null && d < 0;
    }

    /** {@code a <= b}; false when they cannot be compared. */
    boolean notAfter(Value a, Value b) {
        Integer d = distance(a, b);
        return d != null && d <= 0;
    }

    Value symbol(String name) {
        return symbols.get(name);
    }

    void bind(String name, Value value) {
        symbols.put(name, value);
    }

    /**
     * Makes {@code written} and {@code expected} the same number if the story has not fixed the
     * expected value's anchor yet. Returns whether they are now equal.
     */
    boolean unify(Value written, Value expected) {
        if (same(written, expected)) {
            return true;
        }
        if (!isKnown(expected) && isKnown(written) && written.anchor() != expected.anchor()) {
            anchorValues[expected.anchor()] = Seq.add(resolve(written), -expected.offset());
            anchorKnown[expected.anchor()] = true;
            return true;
        }
        return false;
    }

    /** The value in the author's own words: {@code u+1} rather than 4294967291 where a symbol is near. */
    String render(Value value) {
        String best = null;
        long bestDistance = Long.MAX_VALUE;
        for (Map.Entry<String, Value> entry : symbols.entrySet()) {
            Integer d = distance(value, entry.getValue());
            if (d == null) {
                continue;
            }
            // Prefer a symbol at or below the value (u+1 over v-3); later bindings win ties.
            long rank = d >= 0 ? 2L * d : -2L * d + 1;
            if (rank <= bestDistance) {
                bestDistance = rank;
                best = d == 0 ? entry.getKey()
                        : d > 0 ? entry.getKey() + "+" + d : entry.getKey() + "-" + (-(long) d);
            }
        }
        if (isKnown(value) && (best == null || bestDistance > 2 * NEAR)) {
            return Long.toString(resolve(value));
        }
        return best != null ? best : "an unknown number";
    }
}
