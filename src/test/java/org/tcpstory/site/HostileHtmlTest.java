package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.publish.SiteBuild;

/**
 * Everything an author writes reaches the HTML as text: the hostile story ({@link HostileStory}) builds,
 * no page has a script, an event handler or a script or data URL, and every authored string is shown as
 * the author typed it. Link and image URLs are neutralised whatever their scheme's spelling; only raster
 * {@code data:image/...} images are kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileHtmlTest {

    private Path dir;
    private Path out;
    private Map<String, byte[]> files;

    @BeforeAll
    void build(@TempDir Path work) throws Exception {
        dir = work;
        Path content = HostileStory.write(dir.resolve("content"));
        out = dir.resolve("site");
        SiteBuild.Result result = SiteFixtures.build(content, out, null);
        assertTrue(result.published(), () -> "the hostile story is valid and builds: " + result.diagnostics());
        files = SiteFixtures.tree(out);
    }

    private String page(String name) {
        return SiteFixtures.read(out.resolve(name));
    }

    @Test
    void noPageCanRunScriptOrLoadADocument() {
        int checked = 0;
        for (String file : files.keySet()) {
            if (file.endsWith(".html") || file.endsWith(".svg") || file.endsWith(".xml")) {
                HostileStory.assertNoActiveContent(file, page(file));
                checked++;
            }
        }
        assertTrue(checked >= 15, "pages, state pages, diagrams and the sitemap were checked: " + checked);
    }

    @Test
    void everyAuthoredStringIsShownAsTyped() {
        HostileStory.SHOWN.forEach((name, strings) -> {
            String text = HostileStory.text(page(name));
            for (String authored : strings) {
                assertTrue(text.contains(HostileStory.collapsed(authored)),
                        () -> name + " should show " + authored + " as text; it shows: " + text);
            }
        });
        // Labels are shown on the chapter pages (with their line breaks as blank space).
        String attack = HostileStory.text(page("attack.html"));
        assertTrue(attack.contains(HostileStory.collapsed(HostileStory.LABEL_A)), attack);
        assertTrue(attack.contains(HostileStory.collapsed(HostileStory.LABEL_B)), attack);
    }

    @Test
    void titlesSummariesAndSettingsAreEscapedInAttributesToo() {
        String attack = page("attack.html");
        // The summary is the meta description: its quotes cannot end the attribute.
        assertTrue(attack.contains("<meta name=\"description\" content=\"&quot; onmouseover=&quot;window.__pwned=1&quot;"),
                attack);
        List<HostileStory.Tag> metas = HostileStory.tags(attack).stream().filter(t -> t.name().equals("meta")).toList();
        assertTrue(metas.stream().anyMatch(t -> HostileStory.SUMMARY.equals(t.attributes().get("content"))), metas::toString);
        String index = page("index.html");
        assertTrue(HostileStory.tags(index).stream().anyMatch(
                t -> t.name().equals("meta") && HostileStory.SITE_DESCRIPTION.equals(t.attributes().get("content"))));
        assertTrue(index.contains("<title>&lt;script&gt;window.__pwned=1&lt;/script&gt; site</title>"), index);
        assertTrue(page("more.html").contains("<h1>&quot;&gt;&lt;svg onload=window.__pwned=1&gt; second</h1>"));
    }

    @Test
    void rawHtmlInProseIsText() {
        String attack = page("attack.html");
        assertTrue(attack.contains("&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;"), attack);
        assertTrue(attack.contains("&lt;iframe src=&quot;javascript:window.__pwned=1&quot;&gt;"), attack);
        assertTrue(page("index.html").contains("&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;"));
        // A fenced block of HTML stays code.
        assertTrue(attack.contains("<code class=\"language-html\">&lt;script&gt;window.__pwned=1&lt;/script&gt;"), attack);
    }

    @Test
    void linksKeepTheirTextAndLoseTheirScriptAndDataUrls() {
        String attack = page("attack.html");
        List<HostileStory.Tag> links = HostileStory.tags(attack).stream().filter(t -> t.name().equals("a")).toList();
        for (String text : List.of("js", "JS", "vb", "html", "tab", "entity", "ref", "spaced", "ctl", "file")) {
            assertTrue(attack.contains(">" + text + "</a>"), () -> "the link text " + text + " stays: " + attack);
        }
        // Relative links stay links: ../../etc/passwd is a link for the reader's browser, never a file the build reads.
        assertTrue(links.stream().anyMatch(t -> "../../etc/passwd".equals(t.attributes().get("href"))), links::toString);
        List<HostileStory.Tag> images = HostileStory.tags(attack).stream().filter(t -> t.name().equals("img")).toList();
        assertEquals(4, images.size(), images::toString);
        assertTrue(images.stream().anyMatch(t -> "/etc/passwd".equals(t.attributes().get("src"))), images::toString);
        assertTrue(images.stream().noneMatch(t -> t.attributes().get("src").startsWith("data:")), images::toString);
    }

    @Test
    void pumlFilesHoldOnlyEscapedText() {
        for (String file : files.keySet()) {
            if (!file.endsWith(".puml")) {
                continue;
            }
            String puml = page(file);
            for (String directive : List.of("!include", "%getenv", "@enduml\n@", "[[", "<img", "<script", "<<")) {
                assertFalse(puml.replaceFirst("@enduml\n$", "").contains(directive), () -> file + " has " + directive);
            }
            assertEquals(1, puml.split("@enduml", -1).length - 1, file + " has one @enduml");
        }
    }

    @Test
    void nothingFromTheFileSystemOrEnvironmentLeaks() throws Exception {
        HostileStory.assertNoLeaks(out);
    }

    // ---- URLs, one by one ------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](vbscript:msgbox(1))", "[x](VBScript:x)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](DATA:text/html,x)", "[x](data:image/png;base64,iVBORw0KGgo=)",
        "[x](<java\tscript:alert(1)>)", "[x](&#106;avascript:alert(1))", "[x](java&#9;script:alert(1))",
        "[x](&#1;javascript:alert(1))", "[x](javascript&colon;alert(1))", "[x]( javascript:alert(1) )",
        "<javascript:alert(1)>", "<data:text/html,x>", "[x][r]\n\n[r]: javascript:alert(1)",
        "[x][r]\n\n[r]: data:text/html,x", "[x](file:///etc/passwd)", "[x](jar:file:///x!/y)",
        "![x](javascript:alert(1))", "![x](vbscript:x)", "![x](data:text/html,x)",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "![x](data:image/svg+xml;utf8,%3Csvg%20onload=alert(1)%3E)",
        "![x](data:application/javascript,alert(1))", "![x][r]\n\n[r]: data:text/html,x",
        "[![x](javascript:alert(1))](javascript:alert(1))",
    })
    void scriptAndDataUrlsAreNeutralised(String markdown) {
        for (boolean raw : new boolean[] {false, true}) {
            String html = SiteFixtures.renderMarkdown(raw, markdown + "\n");
            HostileStory.assertNoActiveContent(markdown, html);
            assertFalse(HostileStory.compact(HostileStory.decode(html)).contains("href=\"javascript:"), html);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "data:image/png;base64,iVBORw0KGgo=", "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
        "data:image/jpeg;base64,/9j/4AAQ", "DATA:IMAGE/WEBP;base64,UklGRg==",
    })
    void rasterDataImagesAreKept(String url) {
        String html = SiteFixtures.renderMarkdown(false, "![pixel](" + url + ")\n");
        assertTrue(HostileStory.tags(html).stream().anyMatch(
                t -> t.name().equals("img") && url.equals(t.attributes().get("src"))), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://example.org/a?b=c#d", "http://example.org/", "mailto:someone@example.org", "../states/listen.html",
        "#anchor", "other.html", "/absolute/path", "?query", "../../etc/passwd",
    })
    void ordinaryUrlsAreKept(String url) {
        String html = SiteFixtures.renderMarkdown(false, "[x](" + url + ") ![y](" + url + ")\n");
        List<HostileStory.Tag> tags = HostileStory.tags(html);
        assertTrue(tags.stream().anyMatch(t -> t.name().equals("a") && url.equals(t.attributes().get("href"))), html);
        assertTrue(tags.stream().anyMatch(t -> t.name().equals("img") && url.equals(t.attributes().get("src"))), html);
    }

    // ---- site settings ---------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "baseURL: javascript:alert(1)", "baseURL: \"https://example.org/\\\"><script>alert(1)</script>\"",
        "baseURL: data:text/html,x", "baseURL: //example.org/", "language: \"en\\\" onload=\\\"alert(1)\"",
        "language: <script>", "allowRawHtml: \"<script>\"",
    })
    void hostileSettingsAreRefusedWithTheirLine(String setting) throws Exception {
        Path content = SiteFixtures.story(dir.resolve("settings-" + Integer.toHexString(setting.hashCode())));
        SiteFixtures.write(content.resolve("_index.md"), "---\ntitle: x\n" + setting + "\n---\n");
        Path site = content.resolveSibling(content.getFileName() + "-site");
        SiteBuild.Result result = SiteFixtures.build(content, site, null);
        assertFalse(result.published(), setting);
        List<Diagnostic> problems = result.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(3, problems.get(0).position().line(), problems::toString);
        assertFalse(java.nio.file.Files.exists(site));
    }
}
