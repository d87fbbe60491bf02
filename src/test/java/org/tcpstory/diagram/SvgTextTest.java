package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SvgTextTest {

    @Test
    void markupBecomesTextAndWhatXmlCannotHoldBecomesAReplacementCharacter() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; 'd'", SvgText.escape("a <b> & \"c\" 'd'"));
        assertEquals("x\uFFFDy\tz\uFFFD\uFFFD", SvgText.escape("x\u0001y\tz\uFFFE\uFFFF"));
        assertEquals("男生 \uD83D\uDE00", SvgText.escape("男生 \uD83D\uDE00"), "Chinese and emoji stay as they are");
    }
}
