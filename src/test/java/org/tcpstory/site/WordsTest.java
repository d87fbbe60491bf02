package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.diagram.DiagramWords;
import org.tcpstory.engine.Rule;
import org.tcpstory.engine.StepMark;
import org.tcpstory.engine.TcpState;

class WordsTest {

    @TempDir
    Path dir;

    @Test
    void everyStateAndRuleHasItsWordsInBothLanguages() throws Exception {
        for (String language : List.of("en", "zh-CN")) {
            Words words = Words.load(null, language);
            for (TcpState state : TcpState.values()) {
                String key = "state." + Views.StateLink.keyOf(state);
                assertTrue(words.all().containsKey(key), language + " has no " + key);
            }
            for (Rule rule : Rule.values()) {
                assertTrue(words.all().containsKey("rule." + rule.id()), language + " has no rule." + rule.id());
            }
        }
    }

    @Test
    void everyMarkOfTheEngineHasItsWordsAndTheDiagramsEnglishIsTheThemes() throws Exception {
        for (String language : List.of("en", "zh-CN")) {
            Words words = Words.load(null, language);
            for (StepMark.Kind kind : StepMark.Kind.values()) {
                for (String key : List.of("mark." + kind.id(), "mark." + kind.id() + ".title")) {
                    assertTrue(words.all().containsKey(key), language + " has no " + key);
                }
            }
        }
        assertEquals(DiagramWords.ENGLISH, Words.load(null, "en").diagram(),
                "tcpstory diagrams draws the words the English site draws");
        assertEquals("第 {n} 个重复 ACK", Words.load(null, "zh").diagram().dupAck());
    }

    @Test
    void theLanguagesHaveTheSameKeysAndChineseIsTranslated() throws Exception {
        Map<String, String> english = Words.load(null, "en").all();
        Map<String, String> chinese = Words.load(null, "zh").all();
        // Loaded alone, each file must have every key: no word falls back to English unseen.
        Map<String, String> chineseAlone = new java.util.TreeMap<>();
        try (var in = Words.class.getClassLoader().getResourceAsStream(Templates.CLASSPATH_ROOT + "/i18n/zh.properties");
             var reader = new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)) {
            java.util.Properties p = new java.util.Properties();
            p.load(reader);
            p.stringPropertyNames().forEach(k -> chineseAlone.put(k, p.getProperty(k)));
        }
        assertEquals(english.keySet(), chineseAlone.keySet());
        assertEquals(english.keySet(), chinese.keySet());
        assertNotEquals(english.get("state.listen"), chinese.get("state.listen"));
        assertNotEquals(english.get("rule.ack-number"), chinese.get("rule.ack-number"));
        assertEquals("两人都走过", chinese.get("diagram.both"));
    }

    @Test
    void theLanguageFollowsTheTagAndFallsBackToEnglish() throws Exception {
        assertEquals("zh", Words.load(null, "zh-CN").language());
        assertEquals("zh", Words.load(null, "zh-Hant-TW").language());
        assertEquals("en", Words.load(null, null).language());
        assertEquals("en", Words.load(null, "fr").language());
        assertEquals("Contents", Words.load(null, "fr").get("contents"));
        assertEquals(List.of("en"), Words.candidates("../../etc/passwd"), "a tag is never a path");
        assertEquals(List.of("en", "zh", "zh-cn"), Words.candidates("zh_CN"));
    }

    @Test
    void aTranslatorsFileOverridesWordByWordAndAddsALanguage() throws Exception {
        SiteFixtures.write(dir.resolve("i18n/zh.properties"), "contents=目次\n");
        SiteFixtures.write(dir.resolve("i18n/fr.properties"), "contents=Sommaire\nstate.listen=en écoute\n");
        Words chinese = Words.load(dir, "zh-CN");
        assertEquals("目次", chinese.get("contents"));
        assertEquals("本页内容", chinese.get("onThisPage"), "the default theme's other words stay");
        Words french = Words.load(dir, "fr");
        assertEquals("fr", french.language());
        assertEquals("Sommaire", french.get("contents"));
        assertEquals("en écoute", french.state(TcpState.LISTEN));
        assertEquals("Search", french.get("search"), "a word the file lacks comes from English");
        assertFalse(french.rule("ack-number").isEmpty());
    }
}
