package org.tcpstory.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.diagram.DiagramWords;
import org.tcpstory.engine.TcpState;
import org.tcpstory.files.PathNames;

/**
 * Every word the site shows that is not the story's own, in the site's language: the theme's words, what
 * each state means, each rule in one sentence (keyed by its id; the diagnostics' catalog reads the same
 * sentences from the default theme), the words drawn into diagrams. They come from {@code i18n/<language>.properties} of the theme
 * (UTF-8), a file a translator edits without touching a template: {@code zh-CN} reads {@code zh-cn}, then
 * {@code zh}, over {@code en}, and each file of the user's templates folder over the default theme's, key
 * by key.
 */
public final class Words {

    /** Where the words live, beside the templates. */
    static final String FOLDER = "i18n";

    /** The language every other one falls back to, and the one of a site that names none. */
    static final String BASE = "en";

    private final String tag;
    private final String language;
    private final Map<String, String> words;

    private Words(String tag, String language, Map<String, String> words) {
        this.tag = tag;
        this.language = language;
        this.words = Collections.unmodifiableMap(words);
    }

    /**
     * The words of a language tag ({@code zh-CN}, {@code en}).
     *
     * @param userDir the user's templates folder, or null for the default theme only
     */
    public static Words load(Path userDir, String languageTag) throws SiteException {
        Map<String, String> words = new TreeMap<>();
        String found = BASE;
        for (String name : candidates(languageTag)) {
            boolean any = read(Templates.CLASSPATH_ROOT + "/" + FOLDER + "/" + name + ".properties", null, words);
            if (userDir != null) {
                any |= read(null, userDir.resolve(FOLDER).resolve(name + ".properties"), words);
            }
            if (any) {
                found = name;
            }
        }
        return new Words(languageTag, found, words);
    }

    /** {@code en}, then the primary language ({@code zh}), then the whole tag ({@code zh-cn}); names are safe. */
    static List<String> candidates(String languageTag) {
        List<String> names = new ArrayList<>(List.of(BASE));
        String tag = languageTag == null ? "" : languageTag.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (!tag.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            return names;
        }
        String primary = tag.split("-", 2)[0];
        if (!names.contains(primary)) {
            names.add(primary);
        }
        if (!names.contains(tag)) {
            names.add(tag);
        }
        return names;
    }

    private static boolean read(String resource, Path file, Map<String, String> into) throws SiteException {
        String where = file == null ? resource : PathNames.shown(file);
        try (InputStream in = file == null ? Words.class.getClassLoader().getResourceAsStream(resource)
                : Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.newInputStream(file) : null) {
            if (in == null) {
                return false;
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder())) {
                properties.load(reader);
            }
            for (String key : properties.stringPropertyNames()) {
                into.put(key, properties.getProperty(key));
            }
            return true;
        } catch (IOException | IllegalArgumentException e) {
            throw new SiteException(SiteException.Kind.TEMPLATE,
                    Text.of("template.cannotReadWords", where, Text.message(e)), e);
        }
    }

    /** The language tag the words were asked for, as the site's settings say it. */
    public String tag() {
        return tag;
    }

    /** The language whose file was found last: {@code zh} for a zh-CN site, {@code en} when there was none. */
    public String language() {
        return language;
    }

    /** Every word by key, as templates see them ({@code t.contents}, {@code t["state.listen"]}). */
    public Map<String, String> all() {
        return words;
    }

    /** A word, or its key when no file has it (a template shows what is missing rather than failing). */
    public String get(String key) {
        return words.getOrDefault(key, key);
    }

    /** What a state means. */
    public String state(TcpState state) {
        return get("state." + state.displayName().toLowerCase(Locale.ROOT));
    }

    /** A rule in one sentence, by its id; the empty string for no rule. */
    public String rule(String id) {
        return id == null || id.isEmpty() ? "" : get("rule." + id);
    }

    /** The words drawn into the diagrams. */
    public DiagramWords diagram() {
        return new DiagramWords(get("diagram.both"), get("diagram.thicker"), get("diagram.notInFigure"),
                get("diagram.oldDuplicate"), get("diagram.as"), get("diagram.arrives"), get("diagram.listen"),
                get("diagram.close"), get("diagram.abort"), get("diagram.retransmission"), get("diagram.probe"),
                get("diagram.dupAck"), get("diagram.fastRetransmit"), get("diagram.windowUpdate"),
                get("diagram.timeout"), get("diagram.probeTimeout"));
    }
}
