package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        return model(new SiteSettings(title, null, null, null, false, null, null));
    }

    private static Map<String, Object> model(SiteSettings settings) throws SiteException {
        Map<String, Object> model = new HashMap<>();
        model.put("site", settings);
        model.put("t", Words.load(null, settings.language()).all());
        model.put("chapters", List.of());
        model.put("states", List.of());
        model.put("root", "");
        model.put("siteRoot", "");
        model.put("translations", List.of());
        model.put("languagesUrl", "");
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
            SiteSettings settings = new SiteSettings("T", language, null, null, false, null, null);
            String html = new Templates(null).render("404.ftlh", model(settings));
            assertTrue(html.contains("Page not found"), html);
            assertTrue(html.contains("<html lang=\"" + (language == null ? "en" : language) + "\">"), html);
        }
        String chinese = new Templates(null).render("404.ftlh", model(new SiteSettings("T", "zh-TW", null, null, false, null, null)));
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

    /** A recursive macro printed 1,025 lines of StackOverflowError and exited 1. */
    @Test
    void aMacroThatCallsItselfWithoutEndIsAnErrorAtItsLine() throws Exception {
        SiteFixtures.write(dir.resolve("deep.ftlh"), "<#macro down n>\n<@down n + 1/>\n</#macro>\n<@down 0/>\n");
        SiteFixtures.write(dir.resolve("function.ftlh"), "<#function f n><#return f(n + 1)></#function>\n${f(0)}\n");
        for (String name : List.of("deep.ftlh", "function.ftlh")) {
            SiteException e = assertThrows(SiteException.class, () -> new Templates(dir).render(name, Map.of()));
            assertEquals(SiteException.Kind.TEMPLATE, e.kind());
            assertEquals(2, e.exitCode());
            assertTrue(e.getMessage().startsWith("template " + org.tcpstory.files.PathNames.shown(dir.resolve(name)) + ":"), e.getMessage());
            assertTrue(e.getMessage().contains("nested more than " + TemplateGuard.MAX_DEPTH), e.getMessage());
        }
    }

    /** A two-billion-item loop ran until killed; stopped here after a short limit (10 s in a build). */
    @Test
    void aTemplateThatRunsTooLongIsStoppedAtItsLine() throws Exception {
        SiteFixtures.write(dir.resolve("loop.ftlh"), "before\n<#list 1..2000000000 as i><#if i < 0>${i}</#if></#list>\n");
        SiteFixtures.write(dir.resolve("empty.ftlh"), "<#list 1..2000000000 as i></#list>\n");
        SiteFixtures.write(dir.resolve("nested.ftlh"), "<#list 1..100000 as i>\n<#list 1..100000 as j></#list></#list>\n");
        for (String name : List.of("loop.ftlh", "empty.ftlh", "nested.ftlh")) {
            SiteException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(SiteException.class,
                    () -> new Templates(dir, Duration.ofMillis(300)).render(name, Map.of())), name);
            assertEquals(SiteException.Kind.TEMPLATE, e.kind());
            assertTrue(e.getMessage().matches("template " + java.util.regex.Pattern.quote(org.tcpstory.files.PathNames.shown(dir.resolve(name)))
                    + ":\\d+: still running after 0.3 s, and stopped: does a loop never end\\?"), e.getMessage());
        }
    }

    /** A page whose build is being stopped (its thread interrupted) ends at its next loop, saying so. */
    @Test
    void anInterruptedRenderStopsAtTheNextLoop() throws Exception {
        SiteFixtures.write(dir.resolve("loop.ftlh"), "<#list 1..3 as i>${i}</#list>\n");
        Templates templates = new Templates(dir);
        assertEquals("123\n", templates.render("loop.ftlh", Map.of()));
        Thread.currentThread().interrupt();
        try {
            SiteException e = assertThrows(SiteException.class, () -> templates.render("loop.ftlh", Map.of()));
            assertEquals(SiteException.Kind.CANNOT_RUN, e.kind());
            assertEquals("the build was interrupted", e.getMessage());
        } finally {
            Thread.interrupted();
        }
    }

    /** A template linked out of the templates folder exited with a SecurityException's stack trace. */
    @Test
    void aTemplateLinkedOutOfTheFolderIsAnError() throws Exception {
        Path outside = dir.resolve("outside/secret.ftlh");
        SiteFixtures.write(outside, "SECRET\n");
        Path theme = Files.createDirectories(dir.resolve("theme"));
        Files.createSymbolicLink(theme.resolve("404.ftlh"), outside);
        Files.createSymbolicLink(theme.resolve("part.ftlh"), outside);
        SiteFixtures.write(theme.resolve("page.ftlh"), "<#include \"part.ftlh\">\n");
        for (String name : List.of("404.ftlh", "page.ftlh")) {
            SiteException e = assertThrows(SiteException.class, () -> new Templates(theme).render(name, Map.of()));
            assertEquals(SiteException.Kind.TEMPLATE, e.kind());
            assertTrue(e.getMessage().contains("outside the templates folder"), e.getMessage());
            assertFalse(e.getMessage().contains("SECRET"));
        }
    }
}
