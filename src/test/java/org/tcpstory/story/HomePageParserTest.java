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

    @Test
    void languagesListTheFoldersOfABookInSeveralLanguages() {
        HomePage page = parse("---\nlanguages: [zh, en]\nprofile: linux\n---\n");
        assertEquals(List.of(), rules(page));
        assertEquals(List.of("zh", "en"), page.settings().languages().stream().map(Setting::value).toList());
        assertTrue(page.settings().multilingual());
        assertFalse(parse("---\ntitle: T\n---\n").settings().multilingual());

        HomePage wrong = parse("---\nlanguages: [zh, Zh_CN, zh]\n---\n");
        assertEquals(List.of("languages@2", "languages@2"), rules(wrong), "not a folder name; listed twice");
        assertEquals(List.of("zh"), wrong.settings().languages().stream().map(Setting::value).toList());
        assertEquals(List.of("languages@2"), rules(parse("---\nlanguages: zh\n---\n")), "a list, not one name");
    }

    @Test
    void aLanguagesHomeSaysOnlyWhatItsReadersRead() {
        HomePage page = HomePageParser.parseLanguage("content/en/_index.md",
                "---\ntitle: Hello\nlanguage: en\nprofile: linux\nbaseURL: https://example.org/\n---\nText\n"
                        .getBytes(StandardCharsets.UTF_8), "content/_index.md");
        assertEquals(List.of("~language-key@4", "~language-key@5"), rules(page));
        assertTrue(page.diagnostics().get(0).message().contains("write it in content/_index.md"),
                page.diagnostics().get(0).message());
        assertEquals("Hello", page.settings().title());
        assertNull(page.settings().profile(), "ignored: the book's profile applies");
        assertEquals("", page.settings().baseUrl());
        SiteSettings book = parse("---\nbaseURL: https://example.org/\nprofile: freebsd\n---\n").settings();
        SiteSettings merged = book.ofLanguage(page.settings());
        assertEquals(List.of("Hello", "en", "https://example.org/", "freebsd"),
                List.of(merged.title(), merged.language(), merged.baseUrl(), merged.profile().value()));
    }
}
