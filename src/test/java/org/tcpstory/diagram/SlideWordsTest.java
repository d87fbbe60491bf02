package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SlideWordsTest {

    @Test
    void everyLanguageHasEveryWordTheCodeAsksFor() {
        for (SlideWords words : SlideWords.values()) {
            assertEquals(SlideWords.KEYS, words.keys(), words.name());
        }
        assertEquals("Step 3 of 15", SlideWords.ENGLISH.format("step", 3, 15));
        assertEquals("第 3 步，共 15 步", SlideWords.CHINESE.format("step", 3, 15));
    }

    @Test
    void theBooksLanguagePicksTheWordsAndAnythingElseIsEnglish() {
        assertEquals(SlideWords.CHINESE, SlideWords.forLanguage("zh-CN"));
        assertEquals(SlideWords.CHINESE, SlideWords.forLanguage(" ZH-Hant "));
        assertEquals(SlideWords.CHINESE, SlideWords.forLanguage("zh"));
        assertEquals(SlideWords.ENGLISH, SlideWords.forLanguage("en"));
        assertEquals(SlideWords.ENGLISH, SlideWords.forLanguage("fr"));
        assertEquals(SlideWords.ENGLISH, SlideWords.forLanguage(null));
        assertEquals("zh-CN", SlideWords.CHINESE.tag());
        assertEquals("en-US", SlideWords.ENGLISH.tag());
    }

    @Test
    void authoredTextIsPutInAsItIsNeverReadAsASlot() {
        assertEquals("{1} arrives", SlideWords.ENGLISH.format("arrives", "{1}", "x"));
        assertEquals("a$1 → b\\: ACK", SlideWords.ENGLISH.format("send", "a$1", "b\\", "ACK"));
        assertThrows(IllegalArgumentException.class, () -> SlideWords.ENGLISH.format("no-such-word"));
    }
}
