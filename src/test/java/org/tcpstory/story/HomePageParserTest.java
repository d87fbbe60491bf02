package org.tcpstory.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.junit.jupiter.api.Test;
import org.tcpstory.diagnostic.Diagnostic;

class HomePageParserTest {

    private static HomePage parse(String text) {
        return HomePageParser.parse("content/_index.md", text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> rules(HomePage page) {
        return page.diagnostics().stream().map(d -> (d.isError() ? "" : "~") + d.rule() + "@" + d.position().line()).toList();
    }

    @Test
    void settingsAndTextWithTheirLines() {
        HomePage page = parse("---\ntitle: 小书\nlanguage: en\nbaseURL: https://example.org/tcp\n---\n\n# 你好\n");
        assertEquals(List.of(), rules(page));
        assertEquals("小书", page.settings().title());
        assertEquals("en", page.settings().language());
        assertEquals("https://example.org/tcp/", page.settings().baseUrl());
        assertEquals("/tcp/", page.settings().basePath());
        Node heading = page.prose().getFirstChild();
        assertTrue(heading instanceof Heading, "the text is parsed once, here");
        assertEquals(6, heading.getSourceSpans().get(0).getLineIndex(), "spans count file lines (0-based)");
        assertEquals("# 你好", page.lines().get(6));
    }

    @Test
    void noFrontMatterIsAllTextWithTheDefaults() {
        HomePage page = parse("Just text, no settings.\n");
        assertEquals(List.of(), rules(page));
        assertEquals(SiteSettings.defaults(), page.settings());
        assertFalse(page.prose().getFirstChild() == null);
    }

    @Test
    void emptyFileIsFine() {
        HomePage page = parse("");
        assertEquals(List.of(), rules(page));
        assertNull(page.prose().getFirstChild());
    }

    @Test
    void problemsAreReportedAtTheirPlace() {
        HomePage page = parse("---\ntitle: ok\nlanguage: 中文\nbaseURL: ftp://x\nallowRawHtml: maybe\nTitle: twice\n---\n");
        assertEquals(List.of("language@3", "base-url@4", "allow-raw-html@5", "~unknown-key@6"), rules(page));
        Diagnostic unknown = page.diagnostics().get(3);
        assertTrue(unknown.message().contains("did you mean `title`?"), unknown.message());
        assertEquals(SiteSettings.DEFAULT_LANGUAGE, page.settings().language(), "a wrong value falls back to the default");
    }

    @Test
    void yamlIsReadByTheSameTreeAsChapters() {
        assertEquals(List.of("yaml@2"), rules(parse("---\ntitle: [x\n---\n")));
        assertEquals(List.of("duplicate-key@3"), rules(parse("---\ntitle: a\ntitle: b\n---\n")));
        HomePage env = parse("---\ntitle: !ENV ${HOME}\n---\n");
        assertEquals("${HOME}", env.settings().title(), "composed, never constructed");
    }

    @Test
    void unclosedFrontMatterAndBadBytes() {
        assertEquals(List.of("front-matter@1"), rules(parse("---\ntitle: x\n")));
        HomePage latin1 = HomePageParser.parse("content/_index.md", new byte[] {'-', '-', '-', '\n', 't', ':', ' ', (byte) 0xE9, '\n'});
        assertEquals(List.of("encoding@2"), rules(latin1));
        assertEquals(List.of("---", "t: \uFFFD"), latin1.lines(), "lines for the excerpt, decoded leniently");
    }
}
