package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.story.SiteSettings;

class TemplatesTest {

    @TempDir
    Path dir;

    private static Map<String, Object> model(String title) throws SiteException {
        return model(new SiteSettings(title, null, null, null, false, null));
    }

    private static Map<String, Object> model(SiteSettings settings) throws SiteException {
        Map<String, Object> model = new HashMap<>();
        model.put("site", settings);
        model.put("t", Words.load(null, settings.language()).all());
        model.put("chapters", List.of());
        model.put("states", List.of());
        model.put("root", "");
        model.put("pageKind", "404");
        return model;
    }

    @Test
    void valuesAreEscapedAsHtml() throws Exception {
        String html = new Templates(null).render("404.ftlh", model("<script>alert('x')</script>"));
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
    }

    @Test
    void markupMadeByTcpstoryIsNotEscapedTwice() throws Exception {
        SiteFixtures.write(dir.resolve("t.ftlh"), "${a}|${b}");
        Map<String, Object> model = new HashMap<>();
        model.put("a", Templates.markup("<em>ok</em>"));
        model.put("b", "<em>no</em>");
        assertEquals("<em>ok</em>|&lt;em&gt;no&lt;/em&gt;", new Templates(dir).render("t.ftlh", model));
    }

    @Test
    void userTemplateOverridesOnlyItself() throws Exception {
        SiteFixtures.write(dir.resolve("layout.ftlh"), """
                <#macro page title description=""><div class="mine">${title}</div><#nested></#macro>
                <#macro state s>${s.name}</#macro>
                <#macro peer p>${p.label}</#macro>
                <#function chapterNo n><#return n?c></#function>
                """);
        Templates templates = new Templates(dir);
        String notFound = templates.render("404.ftlh", model("T"));
        assertTrue(notFound.startsWith("<div class=\"mine\">"), "the user's layout: " + notFound);
        assertTrue(notFound.contains("class=\"not-found\""), "404.ftlh itself still comes from the jar");
        assertTrue(templates.overridden("layout.ftlh"));
        assertFalse(templates.overridden("404.ftlh"));
    }

    @Test
    void englishWordsWithoutALanguageAndForOtherLanguages() throws Exception {
        for (String language : new String[] {null, "en", "de-CH"}) {
            SiteSettings settings = new SiteSettings("T", language, null, null, false, null);
            String html = new Templates(null).render("404.ftlh", model(settings));
            assertTrue(html.contains("Page not found"), html);
            assertTrue(html.contains("<html lang=\"" + (language == null ? "en" : language) + "\">"), html);
        }
        String chinese = new Templates(null).render("404.ftlh", model(new SiteSettings("T", "zh-TW", null, null, false, null)));
        assertTrue(chinese.contains("找不到这一页"), chinese);
    }

    @Test
    void templateErrorsNameTheTemplateAndLine() throws Exception {
        SiteFixtures.write(dir.resolve("bad.ftlh"), "line one\n${missing.value}\n");
        SiteException e = assertThrows(SiteException.class, () -> new Templates(dir).render("bad.ftlh", Map.of()));
        assertEquals(SiteException.Kind.TEMPLATE, e.kind());
        assertTrue(e.getMessage().contains("bad.ftlh:2"), e.getMessage());

        SiteFixtures.write(dir.resolve("syntax.ftlh"), "<#if>\n");
        e = assertThrows(SiteException.class, () -> new Templates(dir).render("syntax.ftlh", Map.of()));
        assertTrue(e.getMessage().contains("syntax.ftlh"), e.getMessage());

        e = assertThrows(SiteException.class, () -> new Templates(dir).render("nowhere.ftlh", Map.of()));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }
}
