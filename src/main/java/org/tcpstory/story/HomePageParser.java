package org.tcpstory.story;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.commonmark.node.Document;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Text;

/**
 * Parses {@code _index.md} as chapters are parsed (the same decoding, front-matter split, YAML tree and
 * Markdown set-up): its front matter holds the site settings, its body the text of the home page. An
 * empty file, or one without front matter, is all text and default settings. Never throws; does no I/O.
 *
 * <p>A book in several languages has one {@code _index.md} for the book and one in each language's folder
 * ({@link #parseLanguage}): the book's says how the book is checked and published, a language's says what
 * its readers read, and a key in the wrong one is pointed out and ignored.
 */
public final class HomePageParser {

    static final List<String> KEYS = List.of("title", "language", "baseURL", "description", "allowRawHtml", "profile",
            "congestion", "languages");
    /** The keys of a language's own {@code _index.md}: the words its readers read. */
    static final List<String> LANGUAGE_KEYS = List.of("title", "language", "description");
    /** A language's folder: a name such as zh, en or pt-br. */
    public static final Pattern FOLDER = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+", Pattern.CASE_INSENSITIVE);

    private final String file;
    private final String bookFile;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final YamlTree yaml;

    /** @param bookFile the book's {@code _index.md} when this is a language's, else null */
    private HomePageParser(String file, String bookFile) {
        this.file = file;
        this.bookFile = bookFile;
        this.yaml = new YamlTree(file, FrontMatterBlock.YAML_FIRST_LINE, diagnostics::add);
    }

    /** @param file the path as the user named it, used in diagnostics */
    public static HomePage parse(String file, byte[] bytes) {
        return new HomePageParser(file, null).run(bytes);
    }

    /**
     * The {@code _index.md} of one language of a book in several languages: only {@code title},
     * {@code language} and {@code description} count; the book's settings come from its own file.
     *
     * @param bookFile the book's {@code _index.md}, named in the warning about a key that belongs there
     */
    public static HomePage parseLanguage(String file, byte[] bytes, String bookFile) {
        return new HomePageParser(file, bookFile).run(bytes);
    }

    private HomePage run(byte[] bytes) {
        SourceText.Decoded decoded = SourceText.decode(file, bytes, Text.of("file.kind.file"));
        List<String> lines = decoded.lines();
        if (decoded.problem() != null) {
            diagnostics.add(decoded.problem());
            return page(SiteSettings.defaults(), Markdown.empty(), lines);
        }
        FrontMatterBlock block = FrontMatterBlock.of(lines);
        if (block.found() && !block.closed()) {
            diagnostics.add(Diagnostic.error(new SourcePosition(file, 1, 1), "front-matter",
                    Text.of("frontMatter.notClosed")));
            return page(SiteSettings.defaults(), Markdown.empty(), lines);
        }
        SiteSettings settings = block.found() ? settings(block.yaml()) : SiteSettings.defaults();
        Markdown.Parsed text = Markdown.parse(file, block, Text.of("markdown.theHomePage"));
        text.tooHard().ifPresent(diagnostics::add);
        return page(settings, text.tooHard().isPresent() ? Markdown.empty() : text.document(), lines);
    }

    private HomePage page(SiteSettings settings, Document prose, List<String> lines) {
        diagnostics.sort(Comparator.comparing(Diagnostic::position));
        return new HomePage(file, settings, prose, lines, diagnostics);
    }

    private SiteSettings settings(String text) {
        Optional<Node> root = yaml.compose(text);
        if (root.isEmpty() || YamlTree.isNull(root.get())) {
            return SiteSettings.defaults();
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            error(yaml.position(root.get()), "front-matter", Text.of("frontMatter.notAMapping"));
            return SiteSettings.defaults();
        }
        Map<String, NodeTuple> entries = yaml.entries(mapping);
        if (bookFile != null) {
            for (String key : List.copyOf(entries.keySet())) {
                if (KEYS.contains(key) && !LANGUAGE_KEYS.contains(key)) {
                    diagnostics.add(Diagnostic.warning(yaml.position(entries.remove(key).getKeyNode()), "language-key",
                            Text.of("site.bookSetting", key, bookFile)));
                }
            }
        }
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                Text unknown = KEYS.stream().filter(k -> k.equalsIgnoreCase(e.getKey())).findFirst()
                        .map(k -> Text.of("site.unknownKey.case", e.getKey(), k))
                        .orElse(Text.of("site.unknownKey", e.getKey(), String.join(", ", KEYS)));
                diagnostics.add(Diagnostic.warning(yaml.position(e.getValue().getKeyNode()), "unknown-key", unknown));
            }
        }
        String title = text(entries, "title");
        String language = text(entries, "language");
        if (language != null && !LANGUAGE.matcher(language.strip()).matches()) {
            error(valuePosition(entries, "language"), "language", Text.of("site.language", language));
            language = null;
        }
        String baseUrl = text(entries, "baseURL");
        if (baseUrl != null && !baseUrl.isBlank() && !URL.matcher(baseUrl.strip()).matches()) {
            error(valuePosition(entries, "baseURL"), "base-url", Text.of("site.baseUrl"));
            baseUrl = null;
        }
        String description = text(entries, "description");
        boolean raw = false;
        String rawText = text(entries, "allowRawHtml");
        if (rawText != null) {
            String value = rawText.strip().toLowerCase(Locale.ROOT);
            if (value.equals("true")) {
                raw = true;
            } else if (!value.equals("false")) {
                error(valuePosition(entries, "allowRawHtml"), "allow-raw-html", Text.of("site.allowRawHtml"));
            }
        }
        return new SiteSettings(title, language, baseUrl, description, raw, yaml.setting(entries.get("profile"), "profile"),
                yaml.setting(entries.get("congestion"), "congestion"), languages(entries.get("languages")));
    }

    /** {@code languages: [zh, en]}: the folders of the languages, each named once. */
    private List<Setting> languages(NodeTuple entry) {
        if (entry == null || YamlTree.isNull(entry.getValueNode())) {
            return List.of();
        }
        if (!(entry.getValueNode() instanceof SequenceNode list) || list.getValue().isEmpty()) {
            error(yaml.position(entry.getValueNode()), "languages", Text.of("site.languages"));
            return List.of();
        }
        List<Setting> folders = new ArrayList<>();
        for (Node item : list.getValue()) {
            String name = yaml.text(item, "languages");
            SourcePosition at = yaml.position(item);
            if (name == null) {
                continue;
            }
            if (!FOLDER.matcher(name.strip()).matches()) {
                error(at, "languages", Text.of("site.languageFolderName", name.strip()));
            } else if (folders.stream().anyMatch(f -> f.value().equals(name.strip()))) {
                error(at, "languages", Text.of("site.languageTwice", name.strip()));
            } else {
                folders.add(new Setting(name.strip(), at));
            }
        }
        return folders;
    }

    private String text(Map<String, NodeTuple> entries, String key) {
        NodeTuple entry = entries.get(key);
        return entry == null ? null : yaml.text(entry.getValueNode(), key);
    }

    private SourcePosition valuePosition(Map<String, NodeTuple> entries, String key) {
        return yaml.position(entries.get(key).getValueNode());
    }

    private void error(SourcePosition at, String rule, Text text) {
        diagnostics.add(Diagnostic.error(at, rule, text));
    }
}
