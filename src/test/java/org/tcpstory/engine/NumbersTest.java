package org.tcpstory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Symbols bound on first use, anchors fixed by numbers, and values told in the author's words. */
class NumbersTest {

    @Test
    void valuesOfOneAnchorCompareWhileItIsUnknown() {
        Numbers numbers = new Numbers();
        Value x = numbers.fresh();
        assertEquals(-1, numbers.resolve(x));
        assertTrue(numbers.before(x, x.plus(1)));
        assertEquals(100, numbers.distance(x.plus(101), x.plus(1)));
    }

    @Test
    void unrelatedAnchorsDoNotCompare() {
        Numbers numbers = new Numbers();
        Value x = numbers.fresh();
        Value y = numbers.fresh();
        assertNull(numbers.distance(x, y));
        assertFalse(numbers.same(x, y));
        assertFalse(numbers.before(x, y));
        assertFalse(numbers.before(y, x));
    }

    @Test
    void aNumberFixesAnAnchorOnce() {
        Numbers numbers = new Numbers();
        Value x = numbers.fresh();
        assertTrue(numbers.unify(Value.of(101), x.plus(1)));
        assertEquals(100, numbers.resolve(x));
        assertFalse(numbers.unify(Value.of(7), x), "a fixed anchor keeps its number");
    }

    @Test
    void anchorsFixedNearTheEdgeWrap() {
        Numbers numbers = new Numbers();
        Value x = numbers.fresh();
        numbers.unify(Value.of(2), x.plus(5));
        assertEquals(4294967293L, numbers.resolve(x));
    }

    @Test
    void rendersInTheAuthorsSymbols() {
        Numbers numbers = new Numbers();
        Value x = numbers.fresh();
        numbers.bind("x", x);
        numbers.bind("u", x.plus(61));
        assertEquals("u+1", numbers.render(x.plus(62)));
        assertEquals("x+1", numbers.render(x.plus(1)));
        assertEquals("u-1", numbers.render(x.plus(60)));
        assertEquals("x", numbers.render(x));
    }

    @Test
    void rendersPlainNumbersWhenNoSymbolIsNear() {
        Numbers numbers = new Numbers();
        assertEquals("4294967295", numbers.render(Value.of(-1)));
        Value y = numbers.fresh();
        assertEquals("an unknown number", numbers.render(y));
    }
}
