package org.tcpstory.diagram;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few words slides and decks add around a story ("Step 3 of 15", "{0} arrives"), in the story's
 * language: Chinese for a book whose language is {@code zh...}, else English. Each language is one small
 * resource, {@code slide-words-LANG.properties} beside this class, with the same keys.
 */
public enum SlideWords {
    ENGLISH("en", "en-US"), CHINESE("zh", "zh-CN");

    /** The keys every language must have: what the code asks for. */
    static final Set<String> KEYS = Set.of("step", "steps", "conversation", "path", "figure", "send", "in-flight",
            "lost", "old", "arrives", "listen", "close", "abort", "wait");

    private static final Pattern SLOT = Pattern.compile("\\{(\\d)\\}");

    private final String code;
    private final String tag;
    private final Properties words;

    SlideWords(String code, String tag) {
        this.code = code;
        this.tag = tag;
        this.words = load("slide-words-" + code + ".properties");
    }

    /** The words for a language tag such as {@code zh-CN} or {@code en}; English for anything not Chinese. */
    public static SlideWords forLanguage(String languageTag) {
        return languageTag != null && languageTag.strip().toLowerCase(Locale.ROOT).startsWith("zh") ? CHINESE : ENGLISH;
    }

    /** The BCP 47 tag text in this language is marked with ({@code lang} in a deck). */
    public String tag() {
        return tag;
    }

    /** The words of {@code key} with {@code {0}}, {@code {1}}... replaced by the arguments, as they are. */
    public String format(String key, Object... arguments) {
        String text = words.getProperty(key);
        if (text == null) {
            throw new IllegalArgumentException("no slide word " + key + " in " + code);
        }
        // One pass, so that an argument (authored text) that holds "{1}" stays as it is.
        Matcher slot = SLOT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (slot.find()) {
            int index = Integer.parseInt(slot.group(1));
            String value = index < arguments.length ? String.valueOf(arguments[index]) : slot.group();
            slot.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return slot.appendTail(out).toString();
    }

    /** The keys this language has. */
    Set<String> keys() {
        return words.stringPropertyNames();
    }

    private static Properties load(String name) {
        Properties properties = new Properties();
        try (InputStream in = SlideWords.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
