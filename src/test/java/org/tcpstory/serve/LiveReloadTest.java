package org.tcpstory.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpstory.diagnostic.Language;

class LiveReloadTest {

    @Test
    void theScriptGoesBeforeTheLastBodyEnd() {
        String page = "<html><body><p>x</p></BODY></html>";
        String served = LiveReload.inject(page, "v-1", null, false);
        assertTrue(served.startsWith("<html><body><p>x</p><script src=\"" + LiveReload.SCRIPT
                + "\" data-tcpstory=\"live-reload\" data-version=\"v-1\"></script>"), served);
        assertTrue(served.endsWith("</script>\n</BODY></html>"), served);
        assertTrue(LiveReload.SCRIPT_TEXT.contains(LiveReload.EVENTS));
        assertFalse(served.contains(LiveReload.OVERLAY_ID));
        assertTrue(LiveReload.inject("no body", "v", null, false).startsWith("no body<script"), "appended");
        assertTrue(LiveReload.inject("<html><head><title>t</title></head><body></body></html>", "v", null, true)
                .startsWith("<html><head><base href=\"/\"><title>"));
    }

    @Test
    void thePreviewKeepsTheSitesPolicyAndOpensItToTheEventStreamOnly() {
        String policy = "default-src 'none'; script-src 'self' file:; base-uri 'none'; form-action 'none'";
        String page = "<html><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" "
                + "content=\"" + policy + "\">\n<title>t</title></head><body></body></html>";
        String served = LiveReload.inject(page, "v", null, false);
        assertTrue(served.contains("content=\"connect-src 'self'; " + policy + "\""), served);
        assertTrue(served.contains("<script src=\"" + LiveReload.SCRIPT + "\""), "a file, not an inline script");
        assertFalse(served.contains("<script>") || served.contains("\"><script") && !served.contains("src="), served);
        String notFound = LiveReload.inject(page, "v", null, true);
        assertTrue(notFound.contains("base-uri 'self'") && !notFound.contains("base-uri 'none'"),
                "the 404 page may use its <base href=\"/\">: " + notFound);
        assertEquals("<p>no policy</p>" + LiveReload.script("v"), LiveReload.inject("<p>no policy</p>", "v", null, false),
                "a site with raw HTML allowed has no policy to open");
    }

    @Test
    void theOverlayEscapesEverythingAuthored() {
        Failure failure = new Failure(Language.ENGLISH, "1 error: the site was not rebuilt", List.of(new Failure.Problem(
                "content/<x>.md", 3, 5, "error", "bad `<script>alert(1)</script>` & \"quotes\"",
                List.of("expected <ack>"), "a <b>c</b> \u001b[31m")), 2);
        String html = LiveReload.inject("<body></body>", "v", failure, false);
        assertTrue(html.contains("content/&lt;x&gt;.md:3:5: error: bad `&lt;script&gt;alert(1)&lt;/script&gt;` &amp; "
                + "&quot;quotes&quot;"), html);
        assertTrue(html.contains("expected &lt;ack&gt;"));
        assertTrue(html.contains("and 2 more"));
        assertFalse(html.contains("<script>alert") || html.contains("<b>c") || html.contains("\u001b"));
        assertEquals("a &lt;<mark style=\"background:#ff7b72;color:#000\">b</mark>&gt;", LiveReload.marked("a <b>", 4));
        assertEquals("ab<mark style=\"background:#ff7b72;color:#000\"> </mark>", LiveReload.marked("ab", 9), "past the end");
        assertEquals("你<mark style=\"background:#ff7b72;color:#000\">好</mark>", LiveReload.marked("你好", 2));
    }
}
