package org.tcpstory.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.diagram.DiagramCache;
import org.tcpstory.engine.TcpState;
import org.tcpstory.site.BuildListener;
import org.tcpstory.site.SiteException;
import org.tcpstory.site.SiteFixtures;
import org.tcpstory.site.Words;

class SiteBuildTest {

    private static final Pattern LINK = Pattern.compile("\\s(href|src)=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]*)\"");

    @TempDir
    Path dir;

    private SiteBuild.Result build(Path content, Path out) throws SiteException {
        return SiteFixtures.build(content, out, null);
    }

    @Test
    void buildsEveryPageAndDiagram() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path out = dir.resolve("site");
        SiteBuild.Result result = build(content, out);

        assertTrue(result.published());
        assertEquals(3, result.chapters());
        assertEquals(6, result.diagrams());
        assertEquals(1 + 3 + TcpState.values().length + 1, result.pages());
        for (String page : List.of("index.html", "hello.html", "talk.html", "bye.html", "404.html",
                "states/closed.html", "states/syn-received.html", "states/time-wait.html", "assets/style.css",
                OutputFolder.MARKER)) {
            assertTrue(Files.isRegularFile(out.resolve(page)), page);
        }
        for (String slug : List.of("hello", "talk", "bye")) {
            for (String kind : List.of("sequence", "states")) {
                Path svg = out.resolve("diagrams/" + slug + "-" + kind + ".svg");
                Path puml = out.resolve("diagrams/" + slug + "-" + kind + ".puml");
                assertTrue(SiteFixtures.read(svg).contains("<svg"), svg.toString());
                assertTrue(SiteFixtures.read(puml).startsWith("@startuml"), puml.toString());
            }
        }
        assertFalse(Files.exists(out.resolve("sitemap.xml")), "no sitemap without a baseURL");
        SiteFixtures.assertFolderHolds(dir, "content", "site"); // no temporary folder left behind
    }

    @Test
    void homePageListsChaptersInOrderWithStatesAndMark() throws Exception {
        Path out = dir.resolve("site");
        build(SiteFixtures.story(dir.resolve("content")), out);
        String index = SiteFixtures.read(out.resolve("index.html"));
        assertTrue(index.contains("<html lang=\"zh-CN\">"), "the language of _index.md");
        assertTrue(index.contains("<title>小小的故事</title>"));
        assertTrue(index.contains("这是首页的文字。"), "the text of _index.md");
        assertTrue(index.contains("<table tabindex=\"0\">"), "GFM tables in _index.md");
        int hello = index.indexOf("href=\"hello.html\"");
        int talk = index.indexOf("href=\"talk.html\"");
        int bye = index.indexOf("href=\"bye.html\"");
        assertTrue(hello > 0 && hello < talk && talk < bye, "chapters in reading order");
        assertTrue(index.contains("三次握手"), "summary");
        assertTrue(index.contains("男生") && index.contains("女孩"), "peer labels");
        assertTrue(index.contains("href=\"states/syn-received.html\""), "visited states link to their pages");
        assertTrue(index.contains("✓ 已验证"), "validated mark");
    }

    @Test
    void chapterPagesLinkPreviousAndNext() throws Exception {
        Path out = dir.resolve("site");
        build(SiteFixtures.story(dir.resolve("content")), out);
        String hello = SiteFixtures.read(out.resolve("hello.html"));
        String talk = SiteFixtures.read(out.resolve("talk.html"));
        String bye = SiteFixtures.read(out.resolve("bye.html"));
        assertFalse(hello.contains("rel=\"prev\""));
        assertTrue(hello.contains("rel=\"next\" href=\"talk.html\""));
        assertTrue(talk.contains("rel=\"prev\" href=\"hello.html\""));
        assertTrue(talk.contains("rel=\"next\" href=\"bye.html\""));
        assertTrue(bye.contains("rel=\"prev\" href=\"talk.html\""));
        assertFalse(bye.contains("rel=\"next\""));
        assertTrue(talk.contains("href=\"hello.html\">你好</a>"), "continues: links the earlier chapter");
        assertTrue(bye.contains("男生"), "labels of a continuing chapter");
    }

    @Test
    void chapterPageShowsCardsInPlaceAndInlineDiagrams() throws Exception {
        Path out = dir.resolve("site");
        build(SiteFixtures.story(dir.resolve("content")), out);
        String hello = SiteFixtures.read(out.resolve("hello.html"));
        int before = hello.indexOf("他开口了。");
        int cards = hello.indexOf("class=\"tcp-events\"");
        int after = hello.indexOf("连接建立了。");
        assertTrue(before > 0 && before < cards && cards < after, "cards between the paragraphs");
        assertFalse(hello.contains("language-tcp"), "no code block left for the events");
        assertTrue(hello.contains("class=\"flag flag-syn\">SYN</span>"));
        assertTrue(hello.contains("<span class=\"field-value\">x+1</span>"), "numbers in the author's symbols");
        assertTrue(hello.contains("RFC 9293 §3.10.7.2"), "the rule behind a transition");
        assertTrue(hello.contains("title=\"LISTEN 收到 SYN：记下 IRS"), "the rule's summary as a tooltip, in the site's language");
        assertTrue(hello.contains("✓ 已核对"), "expect lines");
        assertEquals(2, count(hello, "<svg xmlns="), "both diagrams inline");
        assertTrue(hello.contains("href=\"diagrams/hello-sequence.svg\"") && hello.contains("href=\"diagrams/hello-states.puml\""));

        String talk = SiteFixtures.read(out.resolve("talk.html"));
        assertTrue(talk.contains("marker-lost"), "lost segment marked");
        assertTrue(talk.contains("太吵了"), "note text");
        assertTrue(talk.contains("<code class=\"wait-label\">RTO</code>"), "wait marker");
        assertTrue(talk.contains("“hi”"), "payload text");
        String bye = SiteFixtures.read(out.resolve("bye.html"));
        assertTrue(bye.contains("href=\"states/time-wait.html\""), "state pills link to state pages");
    }

    @Test
    void idsAreUniqueInEveryPage() throws Exception {
        Path out = dir.resolve("site");
        build(SiteFixtures.story(dir.resolve("content")), out);
        for (Path page : pages(out)) {
            Set<String> seen = new HashSet<>();
            Matcher m = ID.matcher(SiteFixtures.read(page));
            while (m.find()) {
                assertTrue(seen.add(m.group(1)), page + ": duplicate id " + m.group(1));
            }
        }
    }

    @Test
    void everyRelativeLinkResolves() throws Exception {
        Path out = dir.resolve("site");
        build(SiteFixtures.story(dir.resolve("content")), out);
        List<Path> pages = pages(out);
        assertEquals(1 + 3 + TcpState.values().length + 1, pages.size());
        int checked = 0;
        for (Path page : pages) {
            String html = SiteFixtures.read(page);
            Matcher m = LINK.matcher(html);
            while (m.find()) {
                String link = m.group(2).replace("&amp;", "&");
                assertFalse(link.startsWith("/"), page + ": absolute link " + link);
                if (URI.create(link).isAbsolute()) {
                    assertFalse(link.startsWith("javascript:"), link);
                    continue;
                }
                int hash = link.indexOf('#');
                String file = hash < 0 ? link : link.substring(0, hash);
                String fragment = hash < 0 ? null : link.substring(hash + 1);
                Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                assertTrue(target.startsWith(out), page + ": " + link + " leaves the site");
                assertTrue(Files.isRegularFile(target), page + ": " + link + " does not resolve");
                if (fragment != null && !fragment.isEmpty()) {
                    assertTrue(SiteFixtures.read(target).contains("id=\"" + fragment + "\""),
                            page + ": " + link + " has no such anchor");
                }
                checked++;
            }
        }
        assertTrue(checked > 100, "links were checked: " + checked);
    }

    @Test
    void statePagesComeFromTheEngine() throws Exception {
        Path out = dir.resolve("site");
        build(SiteFixtures.story(dir.resolve("content")), out);
        String synReceived = SiteFixtures.read(out.resolve("states/syn-received.html"));
        assertTrue(synReceived.contains(Words.load(null, "zh-CN").state(TcpState.SYN_RECEIVED)), "in the site's language");
        assertFalse(synReceived.contains(TcpState.SYN_RECEIVED.meaning()), "not the command line's English");
        assertTrue(synReceived.contains("rcv SYN"), "an entering arc");
        assertTrue(synReceived.contains("RFC 9293 §3.10.7.2"));
        assertTrue(synReceived.contains("href=\"../hello.html\""), "the chapter that visits it");
        String closing = SiteFixtures.read(out.resolve("states/closing.html"));
        assertFalse(closing.contains("href=\"../hello.html\""), "no chapter visits CLOSING");
        assertTrue(closing.contains("href=\"../assets/style.css\""));
    }

    @Test
    void sitemapOnlyWithBaseUrl() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        SiteFixtures.write(content.resolve("_index.md"), SiteFixtures.INDEX.replace("language: zh-CN\n", "")
                .replace("description:", "baseURL: https://example.org/tcp\nlanguage: en\ndescription:"));
        Path out = dir.resolve("site");
        build(content, out);
        String sitemap = SiteFixtures.read(out.resolve("sitemap.xml"));
        assertTrue(sitemap.contains("<loc>https://example.org/tcp/</loc>"));
        assertTrue(sitemap.contains("<loc>https://example.org/tcp/talk.html</loc>"));
        assertTrue(sitemap.contains("<loc>https://example.org/tcp/states/listen.html</loc>"));
        assertFalse(sitemap.contains("404"));
        String index = SiteFixtures.read(out.resolve("index.html"));
        assertTrue(index.contains("<html lang=\"en\">"));
        assertTrue(index.contains("Contents"), "English words for an English site");
        String notFound = SiteFixtures.read(out.resolve("404.html"));
        assertTrue(notFound.contains("href=\"/tcp/assets/style.css\""), "served at any depth, it links from the root");
        assertTrue(notFound.contains("href=\"/tcp/index.html\""), notFound);
    }

    @Test
    void pagesForbidScriptsUnlessTheSiteAllowsRawHtml() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path out = dir.resolve("site");
        build(content, out);
        for (String page : List.of("index.html", "hello.html", "states/listen.html", "404.html")) {
            String html = SiteFixtures.read(out.resolve(page));
            int policy = html.indexOf("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
            assertTrue(policy > 0 && policy < html.indexOf("<link rel=\"stylesheet\""), page + ": before anything loads");
        }
        SiteFixtures.write(content.resolve("_index.md"), SiteFixtures.INDEX.replace("description:",
                "allowRawHtml: true\ndescription:"));
        build(content, out);
        assertFalse(SiteFixtures.read(out.resolve("hello.html")).contains("Content-Security-Policy"),
                "raw HTML is published as written, scripts included");
    }

    @Test
    void withoutABaseUrlThe404PageLinksRelatively() throws Exception {
        Path out = dir.resolve("site");
        build(SiteFixtures.story(dir.resolve("content")), out);
        assertTrue(SiteFixtures.read(out.resolve("404.html")).contains("href=\"assets/style.css\""));
    }

    @Test
    void sameInputGivesByteIdenticalOutput() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        build(content, dir.resolve("one"));
        build(content, dir.resolve("two"));
        build(content, dir.resolve("one"));
        SiteFixtures.assertSameTree(dir.resolve("one"), dir.resolve("two"));
    }

    @Test
    void oneThreadAndManyDrawTheSameSite() throws Exception {
        Path content = Path.of("content"); // the bundled tutorial: ten chapters, twenty diagrams
        for (int threads : new int[] {1, 4}) {
            SiteBuild.Result result = new SiteBuild(DiagramCache.none(), null).run(new SiteBuild.Request(content, dir.resolve("threads-" + threads), null, threads));
            assertTrue(result.published());
        }
        SiteFixtures.assertSameTree(dir.resolve("threads-1"), dir.resolve("threads-4"));
    }

    @Test
    void theFirstChapterThatFailsInReadingOrderIsReportedWhateverTheThreads() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path out = dir.resolve("site");
        build(content, out);
        Map<String, byte[]> before = SiteFixtures.tree(out);
        Path theme = dir.resolve("theme");
        SiteFixtures.write(theme.resolve("chapter.ftlh"),
                "<#if chapter.slug != \"hello\"><#stop \"cannot render ${chapter.slug}\"></#if>ok\n");
        for (int threads : new int[] {1, 3}) {
            SiteException failure = assertThrows(SiteException.class, () -> new SiteBuild(DiagramCache.standard(), null).run(new SiteBuild.Request(content, out, theme, threads)));
            assertEquals(SiteException.Kind.TEMPLATE, failure.kind());
            assertTrue(failure.getMessage().contains("cannot render talk"), failure.getMessage());
        }
        SiteFixtures.assertSameFiles(before, SiteFixtures.tree(out)); // the previous site is kept
        SiteFixtures.assertFolderHolds(dir, "content", "site", "theme"); // no temporary folder left behind
    }

    @Test
    void invalidChapterPublishesNothingAndKeepsThePreviousSite() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path out = dir.resolve("site");
        build(content, out);
        Map<String, byte[]> before = SiteFixtures.tree(out);

        SiteFixtures.write(content.resolve("02-talk.md"), SiteFixtures.TALK.replace("ack=x+3", "ack=x+2"));
        SiteBuild.Result result = build(content, out);
        assertFalse(result.published());
        assertTrue(result.errors() > 0);
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.rule().equals("ack-number")));
        SiteFixtures.assertSameFiles(before, SiteFixtures.tree(out));
        SiteFixtures.assertFolderHolds(dir, "content", "site"); // no temporary folder left behind
    }

    @Test
    void brokenTemplatePublishesNothing() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path out = dir.resolve("site");
        build(content, out);
        Map<String, byte[]> before = SiteFixtures.tree(out);
        Path theme = dir.resolve("theme");
        SiteFixtures.write(theme.resolve("chapter.ftlh"), "<h1>${chapter.nonsense}</h1>");
        SiteException e = assertThrows(SiteException.class,
                () -> SiteFixtures.build(content, out, theme));
        assertEquals(SiteException.Kind.TEMPLATE, e.kind());
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("chapter.ftlh"), e.getMessage());
        assertEquals(before.keySet(), SiteFixtures.tree(out).keySet());
        assertArrayEquals(before.get("index.html"), SiteFixtures.tree(out).get("index.html"));
    }

    @Test
    void userAssetsOverrideFileByFile() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path theme = dir.resolve("theme");
        SiteFixtures.write(theme.resolve("assets/extra.css"), "body { color: red; }\n");
        SiteFixtures.write(theme.resolve("404.ftlh"), "<p>my own 404 for ${site.title}</p>\n");
        Path out = dir.resolve("site");
        SiteFixtures.build(content, out, theme);
        assertEquals("body { color: red; }\n", SiteFixtures.read(out.resolve("assets/extra.css")));
        assertTrue(SiteFixtures.read(out.resolve("assets/style.css")).contains("--peer-0"), "the default style sheet");
        assertEquals("<p>my own 404 for 小小的故事</p>\n", SiteFixtures.read(out.resolve("404.html")));
        assertTrue(SiteFixtures.read(out.resolve("index.html")).contains("chapter-list"), "other templates from the jar");

        SiteFixtures.write(theme.resolve("assets/style.css"), "/* mine */\n");
        SiteFixtures.build(content, out, theme);
        assertEquals("/* mine */\n", SiteFixtures.read(out.resolve("assets/style.css")));
    }

    @Test
    void refusesTheContentFolderAndWhatContainsIt() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Map<String, byte[]> before = SiteFixtures.tree(dir);
        for (Path out : List.of(content, dir, content.resolve("site"), dir.getRoot())) {
            SiteException e = assertThrows(SiteException.class, () -> build(content, out), out.toString());
            assertEquals(SiteException.Kind.REFUSED, e.kind(), out.toString());
            assertEquals(2, e.exitCode());
        }
        assertEquals(before.keySet(), SiteFixtures.tree(dir).keySet());
    }

    @Test
    void refusesTheHomeFolder() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path home = Path.of(System.getProperty("user.home"));
        SiteException e = assertThrows(SiteException.class, () -> build(content, home));
        assertEquals(SiteException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("home folder"), e.getMessage());
    }

    @Test
    void refusesAFolderWithoutMarkerAndDeletesNothing() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path out = dir.resolve("docs");
        SiteFixtures.write(out.resolve("notes.txt"), "mine");
        SiteException e = assertThrows(SiteException.class, () -> build(content, out));
        assertEquals(SiteException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains(OutputFolder.MARKER), e.getMessage());
        assertEquals("mine", SiteFixtures.read(out.resolve("notes.txt")));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void refusesARepositoryRoot() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(".git"));
        SiteException e = assertThrows(SiteException.class, () -> build(content, repo));
        assertEquals(SiteException.Kind.REFUSED, e.kind());
        assertTrue(Files.isDirectory(repo.resolve(".git")));
    }

    @Test
    void buildsIntoAnEmptyFolderAndReplacesOwnSite() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path out = Files.createDirectories(dir.resolve("public"));
        build(content, out);
        Files.writeString(out.resolve("stale.html"), "old");
        build(content, out);
        assertFalse(Files.exists(out.resolve("stale.html")), "a rebuild replaces the whole site");
        assertTrue(Files.exists(out.resolve(OutputFolder.MARKER)));
    }

    @Test
    void reservedSlugIsAnError() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        SiteFixtures.write(content.resolve("01-hello.md"), SiteFixtures.HELLO.replace("slug: hello", "slug: index")
                .replace("continues: hello", ""));
        SiteFixtures.write(content.resolve("02-talk.md"), SiteFixtures.TALK.replace("continues: hello", "continues: index"));
        SiteBuild.Result result = build(content, dir.resolve("site"));
        assertFalse(result.published());
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.rule().equals("reserved-slug")));
        assertFalse(Files.exists(dir.resolve("site")));
    }

    @Test
    void rawHtmlEscapedUnlessAllowed() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        SiteFixtures.write(content.resolve("01-hello.md"), SiteFixtures.HELLO.replace("他开口了。",
                "他<b onclick=\"x()\">开口</b>了。[链接](javascript:alert(1))"));
        Path out = dir.resolve("site");
        build(content, out);
        String hello = SiteFixtures.read(out.resolve("hello.html"));
        assertTrue(hello.contains("&lt;b onclick=&quot;x()&quot;&gt;"), "raw HTML shown as text");
        assertFalse(hello.contains("javascript:"));

        SiteFixtures.write(content.resolve("_index.md"), SiteFixtures.INDEX.replace("description:", "allowRawHtml: true\ndescription:"));
        build(content, out);
        assertTrue(SiteFixtures.read(out.resolve("hello.html")).contains("<b onclick=\"x()\">开口</b>"), "allowed by the setting");
    }

    @Test
    void titlesAreEscaped() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        SiteFixtures.write(content.resolve("01-hello.md"), SiteFixtures.HELLO.replace("title: 你好", "title: \"<script>alert(1)</script>\""));
        Path out = dir.resolve("site");
        build(content, out);
        for (String page : List.of("index.html", "hello.html", "talk.html")) {
            String html = SiteFixtures.read(out.resolve(page));
            assertFalse(html.contains("<script>"), page);
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page);
        }
    }

    @Test
    void settingsProblemsAreDiagnostics() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        SiteFixtures.write(content.resolve("_index.md"), "---\ntitle: x\nbaseURL: example.org\n---\n");
        SiteBuild.Result result = build(content, dir.resolve("site"));
        assertFalse(result.published());
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.rule().equals("base-url") && d.position().line() == 3));
    }

    @Test
    void missingIndexGivesDefaults() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Files.delete(content.resolve("_index.md"));
        Path out = dir.resolve("site");
        build(content, out);
        assertTrue(SiteFixtures.read(out.resolve("index.html")).contains("<title>tcpstory</title>"));
    }

    @Test
    void emptyContentGivesAHomePage() throws Exception {
        Path content = Files.createDirectories(dir.resolve("content"));
        Path out = dir.resolve("site");
        SiteBuild.Result result = build(content, out);
        assertTrue(result.published());
        assertEquals(0, result.chapters());
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
        assertTrue(Files.isRegularFile(out.resolve("states/listen.html")));
    }

    private static List<Path> pages(Path out) throws IOException {
        List<Path> pages = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(out)) {
            walk.filter(p -> p.toString().endsWith(".html")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** What a build warns of is words in the catalog, so the command says it in the reader's language. */
    @Test
    void aWarningReachesTheListenerAsWordsOfEitherLanguage() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("book"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("cache-link"), elsewhere);
        List<Text> warnings = new ArrayList<>();
        BuildListener listener = new BuildListener() {
            @Override
            public void warning(Text message) {
                warnings.add(message);
            }
        };
        new SiteBuild(DiagramCache.at(link), listener).run(new SiteBuild.Request(content, dir.resolve("site"), null, 1));
        Text cache = warnings.stream().filter(w -> w.key().startsWith("cache.")).findFirst().orElseThrow();
        String shown = org.tcpstory.files.PathNames.shown(link.toAbsolutePath().normalize());
        assertEquals("the diagram cache " + shown + " is a symbolic link: it is not used, and every diagram is drawn",
                Messages.english().render(cache));
        assertEquals("图缓存 " + shown + " 是符号链接：不使用它，每张图都重新画", Messages.of(Language.CHINESE).render(cache));
    }
}
