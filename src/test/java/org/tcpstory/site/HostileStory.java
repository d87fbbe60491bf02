package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A story written by an attacker: script in the title, summary, labels, prose, links, payload, notes and
 * site settings; PlantUML directives ({@code @enduml}, {@code !include /etc/passwd}, {@code %getenv}) and
 * creole in everything that reaches a diagram. It is a valid story, so it builds. The hostile payloads
 * try to {@code alert}, set {@code window.__pwned} or change {@code document.title}; the tests prove none
 * ran and that every authored string is still shown as text. Plus helpers that read HTML like a browser
 * would, without one.
 */
final class HostileStory {

    static final String TITLE = "<script>window.__pwned=1;document.title='pwned';alert(1)</script> & <b>bold</b>";
    static final String SUMMARY = "\" onmouseover=\"window.__pwned=1\" x=\"<img src=x onerror=window.__pwned=1>";
    static final String LABEL_A = "<script>alert('a')</script>\n@enduml\n!include /etc/passwd";
    static final String LABEL_B = "%getenv(\"HOME\") %getenv(\"PLANTUML_LIMIT_SIZE\") <<stereo>> **b** <color:red>red</color> "
            + "[[javascript:alert(1)]] <img:file:///etc/passwd>";
    static final String PAYLOAD = "<script>window.__pwned=1</script>\n@enduml\n!include /etc/passwd\n%getenv(\"HOME\") "
            + "<img src=x onerror=alert(1)>";
    static final String NOTE = "<script>alert(1)</script> %getenv(\"PLANTUML_LIMIT_SIZE\") <<stereo>> **b** "
            + "<color:red>red</color> [[javascript:alert(1)]] <img:file:///etc/passwd> !include /etc/passwd @enduml";
    static final String WAIT = "<img src=x onerror=alert(1)> %getenv(\"HOME\") [[javascript:alert(1)]]";
    static final String PROSE_SCRIPT = "<script>window.__pwned=1;alert(1)</script>";
    static final String HEADING = "<script>window.__pwned=1</script> heading";
    static final String TITLE_2 = "\"><svg onload=window.__pwned=1> second";
    static final String SITE_TITLE = "<script>window.__pwned=1</script> site";
    static final String SITE_DESCRIPTION = "\"><script>alert('desc')</script>";
    static final String HOME_TEXT = "Home <script>window.__pwned=1</script> text";

    /** Every string the author typed that a page shows as text, by the page that shows it. */
    static final Map<String, List<String>> SHOWN = Map.of(
            "index.html", List.of(SITE_TITLE, SITE_DESCRIPTION, HOME_TEXT, TITLE, SUMMARY, TITLE_2),
            "attack.html", List.of(TITLE, SUMMARY, HEADING, PROSE_SCRIPT, PAYLOAD, NOTE, WAIT, SITE_TITLE),
            "more.html", List.of(TITLE_2, TITLE));

    private HostileStory() {
    }

    /** Writes the story (two chapters and _index.md) into {@code content} and returns it. */
    static Path write(Path content) throws IOException {
        Files.createDirectories(content);
        SiteFixtures.write(content.resolve("_index.md"), "---\n"
                + "title: " + yaml(SITE_TITLE) + "\n"
                + "description: " + yaml(SITE_DESCRIPTION) + "\n"
                + "language: en\n"
                + "baseURL: https://example.org/tcp/\n"
                + "---\n\n"
                + HOME_TEXT + " [x](javascript:window.__pwned=1) <img src=x onerror=\"window.__pwned=1\">\n");
        SiteFixtures.write(content.resolve("01-attack.md"), "---\n"
                + "title: " + yaml(TITLE) + "\n"
                + "slug: attack\n"
                + "summary: " + yaml(SUMMARY) + "\n"
                + "peers:\n"
                + "  a: { label: " + yaml(LABEL_A) + ", state: ESTABLISHED, seq: u }\n"
                + "  b: { label: " + yaml(LABEL_B) + ", state: ESTABLISHED, seq: v }\n"
                + "---\n\n"
                + "# " + HEADING + "\n\n"
                + "Raw: " + PROSE_SCRIPT + " and <img src=x onerror=\"window.__pwned=1;alert(1)\"> and "
                + "<iframe src=\"javascript:window.__pwned=1\"></iframe>.\n\n"
                + "<script>window.__pwned=1</script>\n\n"
                + "Links: [js](javascript:window.__pwned=1) [JS](JaVaScRiPt:alert(1)) [vb](vbscript:msgbox(1)) "
                + "[html](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [tab](<java\tscript:alert(1)>) "
                + "[entity](&#106;avascript:alert(1)) [colon](javascript&colon;alert(1)) [ref][evil] "
                + "<javascript:alert(1)> [up](../../etc/passwd) [file](file:///etc/passwd) "
                + "[spaced]( javascript:alert(1) ) [ctl](&#1;javascript:alert(1))\n\n"
                + "Images: ![js](javascript:alert(1)) ![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) "
                + "![html](data:text/html,x) ![passwd](/etc/passwd)\n\n"
                + "[evil]: javascript:window.__pwned=1 \"<script>title</script>\"\n\n"
                + "| <script>alert(1)</script> | [x](javascript:alert(1)) |\n| --- | --- |\n| a | b |\n\n"
                + "```tcp\n"
                + "a -> b: ACK, PSH, seq=u, ack=v, data=" + quoted(PAYLOAD) + "\n"
                + "b -> a: ACK, seq=v, ack=w\n"
                + "note a, b: " + NOTE + "\n"
                + "wait " + WAIT + "\n"
                + "```\n\n"
                + "```html\n<script>window.__pwned=1</script>\n```\n");
        SiteFixtures.write(content.resolve("02-more.md"), "---\n"
                + "title: " + yaml(TITLE_2) + "\n"
                + "slug: more\n"
                + "continues: attack\n"
                + "peers:\n"
                + "  a: { label: " + yaml(LABEL_A) + " }\n"
                + "  b: { label: " + yaml(LABEL_B) + " }\n"
                + "---\n\n"
                + "```tcp\n"
                + "a -> b: FIN, ACK, seq=p, ack=q\n"
                + "b -> a: ACK, seq=q, ack=p+1\n"
                + "b -> a: FIN, ACK, seq=q, ack=p+1\n"
                + "a -> b: ACK, seq=p+1, ack=q+1\n"
                + "wait 2MSL\n"
                + "expect a CLOSED, b CLOSED\n"
                + "```\n");
        return content;
    }

    /** A YAML double-quoted scalar. */
    static String yaml(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** A {@code data="..."} value of an event line. */
    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    // ---- reading HTML without a browser ------------------------------------------------------------

    /** A start tag: its name and attributes (names lower-case, values entity-decoded). */
    record Tag(String name, Map<String, String> attributes) {
    }

    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([^\\s\"'>/=]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+)))?");

    /**
     * The start tags of an HTML (or SVG) text, read as the HTML tokenizer would: a {@code <} followed by a
     * letter opens a tag that ends at the first {@code >} outside quotes. Comments are skipped.
     */
    static List<Tag> tags(String html) {
        List<Tag> tags = new ArrayList<>();
        int i = 0;
        while ((i = html.indexOf('<', i)) >= 0) {
            if (html.startsWith("<!--", i)) {
                int end = html.indexOf("-->", i + 4);
                i = end < 0 ? html.length() : end + 3;
                continue;
            }
            if (i + 1 >= html.length() || !Character.isLetter(html.charAt(i + 1))) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < html.length() && !Character.isWhitespace(html.charAt(j)) && html.charAt(j) != '>'
                    && html.charAt(j) != '/') {
                j++;
            }
            String name = html.substring(i + 1, j).toLowerCase(Locale.ROOT);
            int end = j;
            char quote = 0;
            while (end < html.length() && (quote != 0 || html.charAt(end) != '>')) {
                char c = html.charAt(end);
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                }
                end++;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher m = ATTRIBUTE.matcher(html.substring(j, Math.min(end, html.length())));
            while (m.find()) {
                String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3)
                        : m.group(4) != null ? m.group(4) : "";
                attributes.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), decode(value));
            }
            tags.add(new Tag(name, attributes));
            i = end;
        }
        return tags;
    }

    /** The text a reader sees: tags removed, entities decoded, blank space collapsed. */
    static String text(String html) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<' && html.startsWith("<!--", i)) {
                int end = html.indexOf("-->", i + 4);
                i = end < 0 ? html.length() : end + 3;
            } else if (c == '<' && i + 1 < html.length() && (Character.isLetter(html.charAt(i + 1))
                    || html.charAt(i + 1) == '/' || html.charAt(i + 1) == '?' || html.charAt(i + 1) == '!')) {
                int end = html.indexOf('>', i);
                i = end < 0 ? html.length() : end + 1;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return decode(out.toString()).replaceAll("\\s+", " ");
    }

    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");

    static String decode(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String value = switch (e) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> e.startsWith("#x") || e.startsWith("#X") ? Character.toString(Integer.parseInt(e.substring(2), 16))
                        : e.startsWith("#") ? Character.toString(Integer.parseInt(e.substring(1))) : m.group();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The same text with blank space collapsed, as {@link #text} gives it. */
    static String collapsed(String text) {
        return text.replaceAll("\\s+", " ");
    }

    // ---- what must never be in the output ------------------------------------------------------

    /** URL attributes of HTML and SVG. */
    static final List<String> URL_ATTRIBUTES = List.of("href", "xlink:href", "src", "srcset", "action", "formaction",
            "data", "poster", "background", "lowsrc", "ping", "cite", "longdesc", "manifest", "codebase");

    /** Images may be raster data: URLs; nothing else may use a script or data URL. */
    static final Pattern SAFE_DATA_IMAGE = Pattern.compile("data:image/(png|gif|jpeg|webp)[;,].*", Pattern.DOTALL);

    /** Fails if a tag in the page could run script or load a document by itself. */
    static void assertNoActiveContent(String where, String html) {
        // The only scripts are the theme's own files, empty elements with a src in the site's assets/ folder.
        String withoutTheme = THEME_SCRIPT.matcher(html).replaceAll("");
        assertFalse(withoutTheme.toLowerCase(Locale.ROOT).contains("<script"), where + " has a <script");
        html = withoutTheme;
        for (Tag tag : tags(html)) {
            assertFalse(List.of("script", "iframe", "frame", "object", "embed", "applet", "base", "form", "meta-refresh",
                    "foreignobject", "handler", "listener").contains(tag.name()), where + " has <" + tag.name() + ">");
            if (tag.name().equals("meta")) {
                assertFalse("refresh".equalsIgnoreCase(tag.attributes().getOrDefault("http-equiv", "")), where + " refreshes");
            }
            for (Map.Entry<String, String> a : tag.attributes().entrySet()) {
                assertFalse(a.getKey().startsWith("on"), where + ": event handler " + a + " on <" + tag.name() + ">");
                if (URL_ATTRIBUTES.contains(a.getKey())) {
                    String url = compact(a.getValue());
                    boolean image = tag.name().equals("img") && a.getKey().equals("src");
                    assertFalse(url.startsWith("javascript:") || url.startsWith("vbscript:") || url.startsWith("file:")
                                    || url.startsWith("data:") && !(image && SAFE_DATA_IMAGE.matcher(url).matches()),
                            where + ": <" + tag.name() + " " + a.getKey() + "=\"" + a.getValue() + "\">");
                }
                if (a.getKey().equals("style")) {
                    String style = compact(a.getValue());
                    assertFalse(style.contains("javascript:") || style.contains("expression(") || style.contains("@import"),
                            where + ": style " + a.getValue());
                }
            }
        }
    }

    /** The theme's script files as every page loads them: from the site's own folder, never another origin. */
    static final Pattern THEME_SCRIPT = Pattern.compile(
            "<script src=\"(?:|\\.\\./|/(?:[a-z0-9-]+/)*)assets/(?:book|search)\\.js\" defer></script>");

    /** A URL as a browser's URL parser reads its scheme: lower case, without blank space or control characters. */
    static String compact(String url) {
        StringBuilder out = new StringBuilder();
        url.codePoints().filter(cp -> cp > 0x20 && cp != 0x7f).forEach(out::appendCodePoint);
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Environment values that would be recognised if they leaked: long or path-like, and HOME always. */
    static List<String> environmentValues() {
        List<String> values = new ArrayList<>();
        System.getenv().forEach((name, value) -> {
            if (value == null) {
                return;
            }
            boolean distinctive = value.length() >= 12 || value.length() >= 6 && value.contains("/");
            if (name.equals("HOME") && value.length() >= 2 || distinctive) {
                values.add(value);
            }
        });
        return values;
    }

    /** Fails if any file under {@code out} has the content of /etc/passwd or an environment value. */
    static void assertNoLeaks(Path out) throws IOException {
        Map<String, byte[]> files = SiteFixtures.tree(out);
        List<String> secrets = environmentValues();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            assertFalse(text.contains("root:x:0:0"), file.getKey() + " holds /etc/passwd");
            assertFalse(text.contains("root:x:"), file.getKey() + " holds /etc/passwd");
            for (String secret : secrets) {
                assertFalse(text.contains(secret), () -> file.getKey() + " holds the environment value " + secret);
            }
        }
        assertEquals(List.of(), files.keySet().stream().filter(f -> !f.matches("[a-z0-9./_-]+")).toList(),
                "every file name is made of [a-z0-9./_-]");
    }
}
