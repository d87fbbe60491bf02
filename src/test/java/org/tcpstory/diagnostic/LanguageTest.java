package org.tcpstory.diagnostic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void namesAreCodesTagsOrLocaleNames() {
        assertEquals(Optional.of(Language.CHINESE), Language.named("zh"));
        assertEquals(Optional.of(Language.CHINESE), Language.named("ZH-cn"));
        assertEquals(Optional.of(Language.CHINESE), Language.named("zh_TW.UTF-8"));
        assertEquals(Optional.of(Language.ENGLISH), Language.named("en_GB"));
        assertEquals(Optional.empty(), Language.named("fr"));
        assertEquals(Optional.empty(), Language.named("zhx"), "a code is a whole word");
        assertEquals(Optional.empty(), Language.named(null));
    }

    @Test
    void aSiteIsChineseForZhAndEnglishOtherwise() {
        assertEquals(Language.CHINESE, Language.forTag("zh-Hant-TW"));
        assertEquals(Language.ENGLISH, Language.forTag("fr"));
        assertEquals(Language.ENGLISH, Language.forTag(null));
    }

    @Test
    void theLocaleIsReadAsPosixDoes() {
        assertEquals(Language.CHINESE, Language.ofLocale(Map.of("LANG", "zh_CN.UTF-8"), Locale.US));
        assertEquals(Language.ENGLISH, Language.ofLocale(Map.of("LC_ALL", "C", "LANG", "zh_CN.UTF-8"), Locale.CHINA),
                "LC_ALL wins, and C is English");
        assertEquals(Language.CHINESE, Language.ofLocale(Map.of("LC_MESSAGES", "zh_TW", "LANG", "en_US.UTF-8"), Locale.US),
                "LC_MESSAGES wins over LANG");
        assertEquals(Language.CHINESE, Language.ofLocale(Map.of("LC_ALL", " ", "LANG", "zh_SG"), Locale.US),
                "a blank variable is not set");
        assertEquals(Language.CHINESE, Language.ofLocale(Map.of(), Locale.SIMPLIFIED_CHINESE), "then the JVM's locale");
        assertEquals(Language.ENGLISH, Language.ofLocale(Map.of(), Locale.GERMANY));
        assertEquals(Language.ENGLISH, Language.ofLocale(Map.of(), null));
    }
}
