package org.tcpstory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sequence arithmetic at the 2^32 edge (RFC 9293 §3.4). */
class SeqTest {

    @Test
    void additionWrapsAtTwoToThe32() {
        assertEquals(0, Seq.add(Seq.MAX, 1));
        assertEquals(4, Seq.add(4294967290L, 10));
        assertEquals(Seq.MAX, Seq.add(0, -1));
    }

    @Test
    void orderFollowsTheSignedDifference() {
        assertTrue(Seq.lt(Seq.MAX, 0), "the last number comes before 0");
        assertTrue(Seq.lt(4294967290L, 5));
        assertFalse(Seq.lt(5, 4294967290L));
        assertTrue(Seq.le(7, 7));
        assertEquals(-1, Seq.diff(Seq.MAX, 0));
    }

    @Test
    void halfTheSpaceAwayIsBefore() {
        // 2^31 apart is the edge of the signed comparison: exactly opposite numbers compare as "before".
        assertTrue(Seq.lt(0, 1L << 31));
        assertTrue(Seq.lt(1L << 31, 0));
    }
}
