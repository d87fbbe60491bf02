package org.tcpstory.diagnostic;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog of the tool's sentences in one language, which renders a {@link Text}. The sentences are
 * {@code messages-LANG.properties} beside this class (UTF-8, one file per language, the same keys in each),
 * so that a translator edits words and never code. A slot is {@code {0}}, {@code {1}}...; nothing else in a
 * sentence is special (no quoting rules, no number formatting: {@code 4294967295} stays as it is). The
 * one-sentence summary of each engine rule, {@code rule.ID}, is the theme's
 * ({@code templates/i18n/LANG.properties}), so that the command line and the site say the same.
 *
 * <p>A key a language lacks falls back to English, and a key English lacks shows as the key with its
 * arguments: a missing word is visible, never a crash. Tests keep both from happening.
 */
public final class Messages {

    /** The theme's words, inside the jar, whose {@code rule.} keys the catalog shares. */
    static final String THEME_WORDS = "tcpstory/templates/i18n/";
    static final String RULE_PREFIX = "rule.";

    private static final Pattern SLOT = Pattern.compile("\\{(\\d{1,2})\\}");
    private static final Map<Language, Messages> LOADED = new EnumMap<>(Language.class);

    private final Language language;
    private final Map<String, String> sentences;
    private final Messages fallback;

    private Messages(Language language, Map<String, String> sentences, Messages fallback) {
        this.language = language;
        this.sentences = Collections.unmodifiableMap(sentences);
        this.fallback = fallback;
    }

    /** The catalog of a language, loaded once. */
    public static synchronized Messages of(Language language) {
        Messages messages = LOADED.get(language);
        if (messages == null) {
            Messages fallback = language == Language.ENGLISH ? null : of(Language.ENGLISH);
            Map<String, String> sentences = new TreeMap<>(load(Messages.class.getClassLoader(),
                    "org/tcpstory/diagnostic/messages-" + language.code() + ".properties"));
            load(Messages.class.getClassLoader(), THEME_WORDS + language.code() + ".properties").forEach((key, value) -> {
                if (key.startsWith(RULE_PREFIX)) {
                    sentences.put(key, value);
                }
            });
            messages = new Messages(language, sentences, fallback);
            LOADED.put(language, messages);
        }
        return messages;
    }

    /** The default catalog. */
    public static Messages english() {
        return of(Language.ENGLISH);
    }

    public Language language() {
        return language;
    }

    /** Whether this language has its own sentence for {@code key} (no fallback). */
    public boolean has(String key) {
        return sentences.containsKey(key);
    }

    /** Every key of this language, the rule summaries included. */
    public Map<String, String> sentences() {
        return sentences;
    }

    /** The text in this language, its slots filled, the texts among its arguments rendered in this language too. */
    public String render(Text text) {
        List<String> args = new ArrayList<>(text.args().size());
        for (Object arg : text.args()) {
            args.add(arg instanceof Text inner ? render(inner) : String.valueOf(arg));
        }
        if (text.isPlain()) {
            return String.join("", args);
        }
        String sentence = sentence(text.key());
        return sentence == null ? text.key() + args : fill(sentence, args);
    }

    /** Each text rendered. */
    public List<String> render(List<Text> texts) {
        return texts.stream().map(this::render).toList();
    }

    /** A rule in one sentence, by its id. */
    public String rule(String id) {
        return render(Text.of(RULE_PREFIX + id));
    }

    private String sentence(String key) {
        String own = sentences.get(key);
        return own != null || fallback == null ? own : fallback.sentence(key);
    }

    /** Fills the slots in one pass, so that an argument holding {@code {1}} stays as it is. */
    static String fill(String sentence, List<String> args) {
        Matcher slot = SLOT.matcher(sentence);
        StringBuilder out = new StringBuilder(sentence.length() + 32);
        while (slot.find()) {
            int index = Integer.parseInt(slot.group(1));
            slot.appendReplacement(out, Matcher.quoteReplacement(index < args.size() ? args.get(index) : slot.group()));
        }
        slot.appendTail(out);
        return out.toString();
    }

    /** A properties file of the class path, read as UTF-8. */
    static Map<String, String> load(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the catalog " + resource + " is missing from the class path");
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Map<String, String> out = new TreeMap<>();
            properties.stringPropertyNames().forEach(key -> out.put(key, properties.getProperty(key)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalog " + resource, e);
        }
    }
}
