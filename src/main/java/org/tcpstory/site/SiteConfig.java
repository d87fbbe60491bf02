package org.tcpstory.site;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.files.PathNames;
import org.tcpstory.story.MarkdownLimits;

/**
 * The site settings, all in one place: the front matter of {@code content/_index.md}, whose Markdown
 * body is the text of the home page.
 *
 * <pre>
 * ---
 * title: 三次握手，一杯拿铁          # the site's name (default: tcpstory)
 * language: zh-CN                  # the pages' lang attribute and the theme's words (default: zh-CN)
 * baseURL: https://example.org/tcp/  # where the site is published; enables sitemap.xml (default: none)
 * description: 一本关于 TCP 的小书    # the home page's meta description (default: none)
 * allowRawHtml: false              # let HTML written in the Markdown through (default: false: it is shown as text)
 * ---
 * </pre>
 *
 * @param baseUrl the base URL ending in {@code /}, or an empty string when none is configured
 */
public record SiteConfig(String title, String language, String baseUrl, String description, boolean allowRawHtml) {

    public static final String DEFAULT_TITLE = "tcpstory";
    public static final String DEFAULT_LANGUAGE = "zh-CN";
    public static final String INDEX_FILE = "_index.md";

    static final List<String> KEYS = List.of("title", "language", "baseURL", "description", "allowRawHtml");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+", Pattern.CASE_INSENSITIVE);

    public SiteConfig {
        title = title == null || title.isBlank() ? DEFAULT_TITLE : title.strip();
        language = language == null || language.isBlank() ? DEFAULT_LANGUAGE : language.strip();
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        if (!baseUrl.isEmpty() && !baseUrl.endsWith("/")) {
            baseUrl = baseUrl + "/";
        }
        description = description == null ? "" : description.strip();
    }

    public static SiteConfig defaults() {
        return new SiteConfig(null, null, null, null, false);
    }

    public boolean hasBaseUrl() {
        return !baseUrl.isEmpty();
    }

    /**
     * The path of the base URL, ending in {@code /} ({@code /tcp/} for https://example.org/tcp/), or an
     * empty string when there is none. The 404 page links through it: a server shows that page at any
     * depth, where relative links would lead nowhere.
     */
    public String basePath() {
        if (baseUrl.isEmpty()) {
            return "";
        }
        try {
            String path = new java.net.URI(baseUrl).getRawPath();
            return path == null || path.isEmpty() ? "/" : path.endsWith("/") ? path : path + "/";
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }

    /**
     * The home page source: the settings, the Markdown of the body (the front-matter lines blanked, so
     * line numbers match the file), and any problem with the settings.
     *
     * @param file     {@code _index.md} as the user would name it, for diagnostics; null when there is none
     * @param markdown the body, or an empty string
     */
    public record Home(SiteConfig config, String file, String markdown, List<Diagnostic> diagnostics) {
        public Home {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** Like a chapter, the home page text is small; a larger file is not read into memory. */
    static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    /**
     * Reads {@code _index.md} in the content folder; a missing file gives the defaults and no text. Like
     * chapters, a symbolic link is followed only while it stays inside the content folder: one that leads
     * out (to {@code /etc/passwd}, say) is as good as no file, and nothing of its target is read.
     */
    public static Home read(Path contentDir) throws SiteException {
        Path path = contentDir.resolve(INDEX_FILE);
        if (!isReadableHome(path, contentDir)) {
            return new Home(defaults(), null, "", List.of());
        }
        String file = PathNames.shown(path);
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                return new Home(defaults(), file, "", List.of(Diagnostic.error(new SourcePosition(file, 1, 1),
                        "file-size", "this file is too large for a home page (" + size + " bytes; the limit is "
                                + MAX_FILE_BYTES + ")")));
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new SiteException(SiteException.Kind.CANNOT_RUN, "cannot read " + file + ": " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Home(defaults(), file, "", List.of(Diagnostic.error(new SourcePosition(file, 1, 1), "encoding",
                    "this file is not valid UTF-8: save it as UTF-8")));
        }
        return parse(file, text);
    }

    /**
     * Whether {@code _index.md} is a regular file inside the content folder once symbolic links are
     * resolved. The build reads it (and its lines, for excerpts under diagnostics) only then.
     */
    static boolean isReadableHome(Path path, Path contentDir) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try {
            return path.toRealPath().startsWith(contentDir.toRealPath());
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Parses the text of an {@code _index.md}. */
    static Home parse(String file, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = Arrays.asList(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        if (lines.isEmpty() || !lines.get(0).stripTrailing().equals("---")) {
            return withinLimits(new Home(defaults(), file, String.join("\n", lines), List.of()));
        }
        int close = 1;
        while (close < lines.size() && !lines.get(close).stripTrailing().equals("---")) {
            close++;
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (close == lines.size()) {
            diagnostics.add(Diagnostic.error(new SourcePosition(file, 1, 1), "front-matter",
                    "the front matter that starts here is never closed by a `---` line"));
            return new Home(defaults(), file, "", diagnostics);
        }
        SiteConfig config = new Settings(file, diagnostics).read(String.join("\n", lines.subList(1, close)));
        List<String> body = new ArrayList<>(Collections.nCopies(close + 1, ""));
        body.addAll(lines.subList(close + 1, lines.size()));
        return withinLimits(new Home(config, file, String.join("\n", body), diagnostics));
    }

    private static final Parser MARKDOWN = Parser.builder().extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    /**
     * The home page as it is, or without its text and with an error when the Markdown library could not
     * read or show it in reasonable time and stack ({@link MarkdownLimits}), as for chapters.
     */
    private static Home withinLimits(Home home) {
        String where = home.file() == null ? INDEX_FILE : home.file();
        Optional<Diagnostic> tooHard = MarkdownLimits.beforeParsing(where, Arrays.asList(home.markdown().split("\n", -1)), 1);
        if (tooHard.isEmpty()) {
            try {
                tooHard = MarkdownLimits.afterParsing(where, MARKDOWN.parse(home.markdown()), 0);
            } catch (StackOverflowError e) {
                tooHard = Optional.of(Diagnostic.error(new SourcePosition(where, 1, 1), "markdown-limit",
                        "the Markdown of the home page is nested too deeply to read"));
            }
        }
        if (tooHard.isEmpty()) {
            return home;
        }
        List<Diagnostic> diagnostics = new ArrayList<>(home.diagnostics());
        diagnostics.add(tooHard.get());
        return new Home(home.config(), home.file(), "", diagnostics);
    }

    /** Reads the YAML of the settings, reporting each problem at its place. */
    private static final class Settings {
        private final String file;
        private final List<Diagnostic> diagnostics;

        Settings(String file, List<Diagnostic> diagnostics) {
            this.file = file;
            this.diagnostics = diagnostics;
        }

        SiteConfig read(String yaml) {
            LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(false)
                    .setAllowRecursiveKeys(false).setMaxAliasesForCollections(50).setCodePointLimit(100_000).build();
            Optional<Node> root;
            try {
                root = new Compose(settings).composeString(yaml);
            } catch (MarkedYamlEngineException e) {
                SourcePosition at = e.getProblemMark().or(e::getContextMark).map(this::position).orElse(top());
                error(at, "yaml", "the front matter is not valid YAML: " + oneLine(String.valueOf(e.getProblem())));
                return defaults();
            } catch (YamlEngineException | StackOverflowError e) {
                error(top(), "yaml", "the front matter is not valid YAML: " + oneLine(String.valueOf(e.getMessage())));
                return defaults();
            }
            if (root.isEmpty() || isNull(root.get())) {
                return defaults();
            }
            if (!(root.get() instanceof MappingNode mapping)) {
                error(position(root.get()), "front-matter", "the front matter must be YAML keys and values, like `title: ...`");
                return defaults();
            }
            Map<String, Node> values = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    error(position(tuple.getKeyNode()), "front-matter", "a key must be a plain word");
                    continue;
                }
                if (!KEYS.contains(key.getValue())) {
                    String hint = KEYS.stream().filter(k -> k.equalsIgnoreCase(key.getValue())).findFirst()
                            .map(k -> ": did you mean `" + k + "`?").orElse(" (the site settings are " + String.join(", ", KEYS) + ")");
                    warning(position(key), "unknown-key", "unknown site setting `" + key.getValue() + "` is ignored" + hint);
                    continue;
                }
                values.put(key.getValue(), tuple.getValueNode());
            }
            String title = text(values.get("title"), "title");
            String language = text(values.get("language"), "language");
            if (language != null && !LANGUAGE.matcher(language.strip()).matches()) {
                error(position(values.get("language")), "language",
                        "`language: " + language + "` is not a language tag like zh-CN or en");
                language = null;
            }
            String baseUrl = text(values.get("baseURL"), "baseURL");
            if (baseUrl != null && !baseUrl.isBlank() && !URL.matcher(baseUrl.strip()).matches()) {
                error(position(values.get("baseURL")), "base-url",
                        "`baseURL:` must be an absolute http:// or https:// address, like https://example.org/tcp/");
                baseUrl = null;
            }
            String description = text(values.get("description"), "description");
            boolean raw = false;
            String rawText = text(values.get("allowRawHtml"), "allowRawHtml");
            if (rawText != null) {
                String v = rawText.strip().toLowerCase(Locale.ROOT);
                if (v.equals("true")) {
                    raw = true;
                } else if (!v.equals("false")) {
                    error(position(values.get("allowRawHtml")), "allow-raw-html", "`allowRawHtml:` is true or false");
                }
            }
            return new SiteConfig(title, language, baseUrl, description, raw);
        }

        private String text(Node node, String key) {
            if (node == null || isNull(node)) {
                return null;
            }
            if (node instanceof ScalarNode s) {
                return s.getValue();
            }
            error(position(node), "front-matter", "`" + key + "` must be a single value");
            return null;
        }

        private static boolean isNull(Node node) {
            return node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN
                    && List.of("", "~", "null", "Null", "NULL").contains(s.getValue());
        }

        private SourcePosition top() {
            return new SourcePosition(file, 1, 1);
        }

        private SourcePosition position(Node node) {
            return node.getStartMark().map(this::position).orElse(top());
        }

        private SourcePosition position(Mark mark) {
            // The YAML starts on line 2, after the opening ---.
            return new SourcePosition(file, mark.getLine() + 2, mark.getColumn() + 1);
        }

        private void error(SourcePosition at, String rule, String message) {
            diagnostics.add(Diagnostic.error(at, rule, message));
        }

        private void warning(SourcePosition at, String rule, String message) {
            diagnostics.add(Diagnostic.warning(at, rule, message));
        }

        private static String oneLine(String text) {
            return String.join(" ", text.strip().split("\\s*\\n\\s*"));
        }
    }
}
