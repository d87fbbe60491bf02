package org.tcpstory.diagnostic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalog: both languages have every key with the same slots, and the code names only keys it has. */
class MessagesTest {

    private static final Messages ENGLISH = Messages.english();
    private static final Messages CHINESE = Messages.of(Language.CHINESE);

    /** The file of a language as a translator edits it, read alone (no fallback, no rule summaries). */
    private static Map<String, String> file(Language language) {
        return Messages.load(MessagesTest.class.getClassLoader(),
                "org/tcpstory/diagnostic/messages-" + language.code() + ".properties");
    }

    private static Set<Integer> slots(String sentence) {
        Matcher slot = Pattern.compile("\\{(\\d+)\\}").matcher(sentence);
        Set<Integer> found = new TreeSet<>();
        while (slot.find()) {
            found.add(Integer.parseInt(slot.group(1)));
        }
        return found;
    }

    @Test
    void everyKeyIsInBothLanguagesWithTheSameSlots() {
        Map<String, String> english = file(Language.ENGLISH);
        Map<String, String> chinese = file(Language.CHINESE);
        assertEquals(english.keySet(), chinese.keySet());
        for (String key : english.keySet()) {
            Set<Integer> slots = slots(english.get(key));
            assertEquals(slots, slots(chinese.get(key)), key);
            assertEquals(IntStream.range(0, slots.size()).boxed().collect(Collectors.toSet()), slots,
                    key + " numbers its slots from 0 without a gap");
        }
    }

    @Test
    void chineseIsTranslated() {
        Map<String, String> english = file(Language.ENGLISH);
        Map<String, String> chinese = file(Language.CHINESE);
        for (String key : english.keySet()) {
            assertNotEquals(english.get(key), chinese.get(key), key);
        }
    }

    @Test
    void ruleSummariesAreTheThemesInEachLanguage() {
        assertEquals("ack is the sender’s RCV.NXT: the next sequence number it has really received",
                ENGLISH.rule("ack-number"));
        assertEquals("ack 是发送方的 RCV.NXT：它真正收到的下一个序号", CHINESE.rule("ack-number"));
        assertEquals("规则 ack-number：ack 是发送方的 RCV.NXT：它真正收到的下一个序号",
                CHINESE.render(Text.of("engine.ruleLine", "ack-number", Text.of("rule.ack-number"))));
    }

    @Test
    void argumentsAreShownAsTheyAreAndTextsInTheSameLanguage() {
        Text tooLong = Text.of("limit.text", Text.of("limit.what.note"), 1200, 1000);
        assertEquals("the note is 1200 characters long; the limit is 1000: a diagram cannot show more",
                ENGLISH.render(tooLong));
        assertEquals("便签长 1200 个字符，上限是 1000：图里放不下更多", CHINESE.render(tooLong));
        Text range = Text.of("expr.outOfRange", Text.plain("seq"), "4294967296");
        assertTrue(CHINESE.render(range).startsWith("seq 4294967296 超出范围"), "numbers are never grouped or translated");
        assertEquals("`x+1` 写了两次", CHINESE.render(Text.of("given.twice", "x+1")));
    }

    @Test
    void slotsAreFilledInOnePass() {
        assertEquals("{1} and x", Messages.fill("{0} and {1}", List.of("{1}", "x")), "an argument is never read as a slot");
        assertEquals("a {2}", Messages.fill("a {2}", List.of("b")), "a slot without an argument stays visible");
        assertEquals("`{ label: x }` and {0", Messages.fill("`{ label: x }` and {0", List.of("y")), "braces are text");
    }

    @Test
    void aHintKeepsItsPlaceAndSpacing() {
        Text unknown = Text.of("segment.unknownFlag", "SYNN", Suggestions.hint("SYNN", List.of("SYN", "ACK")));
        assertEquals("unknown flag `SYNN` (did you mean `SYN`?)", ENGLISH.render(unknown));
        assertEquals("不认识的标志 `SYNN`（是不是想写 `SYN`？）", CHINESE.render(unknown));
        Text none = Text.of("segment.unknownFlag", "HELLO", Suggestions.hint("HELLO", List.of("SYN", "ACK")));
        assertEquals("unknown flag `HELLO`", ENGLISH.render(none));
    }

    @Test
    void plainWordsAreTheSameInEveryLanguageAndAMissingKeyIsVisible() {
        assertEquals("kept as is {0}", CHINESE.render(Text.plain("kept as is {0}")));
        assertEquals("no.such.key[1, x]", CHINESE.render(Text.of("no.such.key", 1, "x")));
        assertEquals(Set.of("limit.text", "limit.what.note"), Text.of("limit.text", Text.of("limit.what.note"), 1, 2).keys());
        assertEquals("`null` 写了两次", CHINESE.render(Text.of("given.twice", (Object) null)), "as concatenation showed it");
        assertThrows(IllegalArgumentException.class, () -> Text.of("given.twice", 1.5), "only values shown as they are");
    }

    @Test
    void countsPickTheirForm() {
        assertEquals("1 chapter", ENGLISH.render(Text.count("report.chapters", 1)));
        assertEquals("2 chapters", ENGLISH.render(Text.count("report.chapters", 2)));
        assertEquals("2 章", CHINESE.render(Text.count("report.chapters", 2)));
    }

    /**
     * Every string in the code that looks like a key of the catalog (it starts with one of the catalog's
     * sections) is one, in both languages, or the stem of a count ({@code .one} and {@code .other}); and every key is named
     * somewhere, so that none is left behind when a message goes.
     */
    @Test
    void theCodeNamesOnlyKeysOfTheCatalogAndEveryKeyIsNamed() throws IOException {
        // A key the code names must be in each language's file, not only in English, its fallback.
        Set<String> keys = new TreeSet<>(file(Language.ENGLISH).keySet());
        keys.retainAll(file(Language.CHINESE).keySet());
        Set<String> sections = keys.stream().map(k -> k.substring(0, k.indexOf('.'))).collect(Collectors.toSet());
        Pattern literal = Pattern.compile("\"((?:" + String.join("|", sections) + ")\\.[A-Za-z0-9.]+)\"");
        Set<String> named = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    String key = m.group(1);
                    if (keys.contains(key)) {
                        named.add(key);
                    } else if (keys.contains(key + ".one") && keys.contains(key + ".other")) {
                        named.add(key + ".one");
                        named.add(key + ".other");
                    } else {
                        unknown.add(file.getFileName() + ": " + key);
                    }
                }
            }
        }
        assertEquals(List.of(), unknown, "keys the catalog does not have");
        Set<String> unused = new TreeSet<>(keys);
        unused.removeAll(named);
        assertEquals(Set.of(), unused, "keys no code names");
    }
}
