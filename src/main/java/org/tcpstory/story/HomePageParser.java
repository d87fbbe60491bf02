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
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Text;

/**
 * Parses {@code _index.md} as chapters are parsed (the same decoding, front-matter split, YAML tree and
 * Markdown set-up): its front matter holds the site settings, its body the text of the home page. An
 * empty file, or one without front matter, is all text and default settings. Never throws; does no I/O.
 */
public final class HomePageParser {

    static final List<String> KEYS = List.of("title", "language", "baseURL", "description", "allowRawHtml", "profile",
            "congestion");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+", Pattern.CASE_INSENSITIVE);

    private final String file;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final YamlTree yaml;

    private HomePageParser(String file) {
        this.file = file;
        this.yaml = new YamlTree(file, FrontMatterBlock.YAML_FIRST_LINE, diagnostics::add);
    }

    /** @param file the path as the user named it, used in diagnostics */
    public static HomePage parse(String file, byte[] bytes) {
        return new HomePageParser(file).run(bytes);
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
                yaml.setting(entries.get("congestion"), "congestion"));
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
