package org.tcpstory.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiveReloadTest {

    @Test
    void theScriptGoesBeforeTheLastBodyEnd() {
        String page = "<html><body><p>x</p></BODY></html>";
        String served = LiveReload.inject(page, "v-1", null, false);
        assertTrue(served.startsWith("<html><body><p>x</p><script data-tcpstory=\"live-reload\">"), served);
        assertTrue(served.endsWith("</script>\n</BODY></html>"), served);
        assertTrue(served.contains("var v=\"v-1\"") && served.contains(LiveReload.EVENTS));
        assertFalse(served.contains(LiveReload.OVERLAY_ID));
        assertTrue(LiveReload.inject("no body", "v", null, false).startsWith("no body<script"), "appended");
        assertTrue(LiveReload.inject("<html><head><title>t</title></head><body></body></html>", "v", null, true)
                .startsWith("<html><head><base href=\"/\"><title>"));
    }

    @Test
    void thePreviewDropsTheSitesContentSecurityPolicySoItsScriptRuns() {
        String page = "<html><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" "
                + "content=\"default-src 'none'\">\n<title>t</title></head><body></body></html>";
        String served = LiveReload.inject(page, "v", null, false);
        assertFalse(served.toLowerCase(java.util.Locale.ROOT).contains("content-security-policy"), served);
        assertTrue(served.startsWith("<html><head><meta charset=\"utf-8\">\n<title>t</title>"), served);
        assertTrue(served.contains("<script data-tcpstory=\"live-reload\">"));
    }

    @Test
    void theOverlayEscapesEverythingAuthored() {
        Failure failure = new Failure("1 error: the site was not rebuilt", List.of(new Failure.Problem(
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
