package org.tcpstory.serve;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code serve} adds to the HTML pages it serves (never to {@code build} output): a small script that
 * listens on {@link #EVENTS} and reloads the page when the site changed, and, while the last rebuild
 * failed, an overlay over the page with the errors. Every authored string in the overlay is escaped.
 */
final class LiveReload {

    /** The server-sent events endpoint. */
    static final String EVENTS = "/__tcpstory/events";

    /** The element id of the overlay. */
    static final String OVERLAY_ID = "tcpstory-overlay";

    private LiveReload() {
    }

    /**
     * The page with the script (and the overlay, when {@code failure} is not null) before its last
     * {@code </body>}, or at its end when it has none.
     *
     * @param version the site version the page shows; the script reloads when the server has another
     * @param base    a {@code <base href="/">} for pages served at another path than their own (the 404 page)
     */
    static String inject(String html, String version, Failure failure, boolean base) {
        // The site's Content-Security-Policy forbids scripts, this one included: the preview drops it.
        String page = POLICY.matcher(html).replaceAll("");
        page = base ? withBase(page) : page;
        String snippet = (failure == null ? "" : overlay(failure)) + script(version);
        int body = page.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
        return body < 0 ? page + snippet : page.substring(0, body) + snippet + page.substring(body);
    }

    /**
     * Reloads when the server's version differs from the page's: on a change, and also when the site
     * changed between loading the page and connecting, or the server was restarted.
     */
    static String script(String version) {
        return "<script data-tcpstory=\"live-reload\">(function(){var v=\"" + escape(version) + "\";"
                + "if(!window.EventSource)return;var s=new EventSource(\"" + EVENTS + "\");"
                + "function check(e){if(e.data!==v){s.close();location.reload();}}"
                + "s.addEventListener(\"hello\",check);s.addEventListener(\"reload\",check);"
                + "window.addEventListener(\"pagehide\",function(){s.close();});})();</script>\n";
    }

    /** The errors over the page, opaque, so that a stale page is never taken for the current one. */
    static String overlay(Failure failure) {
        StringBuilder out = new StringBuilder();
        out.append("<div id=\"").append(OVERLAY_ID).append("\" role=\"alert\" style=\"position:fixed;inset:0;")
                .append("z-index:2147483647;overflow:auto;margin:0;padding:24px;box-sizing:border-box;")
                .append("background:#1b1b1f;color:#eee;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,")
                .append("'Noto Sans Mono CJK SC',monospace;text-align:left\">\n")
                .append("<div style=\"max-width:72rem;margin:0 auto\">\n")
                .append("<p style=\"margin:0 0 4px;color:#ff7b72;font-weight:bold;font-size:16px\">tcpstory serve: ")
                .append(escape(failure.headline())).append("</p>\n")
                .append("<p style=\"margin:0 0 16px;color:#aaa\">Fix it and save: this page reloads by itself.</p>\n");
        for (Failure.Problem p : failure.problems()) {
            out.append("<div class=\"tcpstory-problem\" style=\"margin:0 0 16px;padding:12px;background:#26262b;")
                    .append("border-left:4px solid #ff7b72;white-space:pre-wrap;word-break:break-word\">");
            out.append("<div style=\"font-weight:bold\">").append(escape(p.headline())).append("</div>");
            for (String detail : p.details()) {
                out.append("<div style=\"color:#bbb;padding-left:2em\">").append(escape(detail)).append("</div>");
            }
            if (p.source() != null) {
                out.append("<div style=\"margin-top:6px;color:#ddd\"><span style=\"color:#888\">")
                        .append(p.line()).append(" | </span>").append(marked(p.source(), p.column())).append("</div>");
            }
            out.append("</div>\n");
        }
        if (failure.more() > 0) {
            out.append("<p style=\"color:#aaa\">and ").append(failure.more()).append(" more (see the terminal)</p>\n");
        }
        out.append("</div>\n</div>\n");
        return out.toString();
    }

    /** The source line, escaped, with the character at the 1-based code-point column marked. */
    static String marked(String line, int column) {
        int start = 0;
        for (int i = 1; i < column && start < line.length(); i++) {
            start += Character.charCount(line.codePointAt(start));
        }
        int end = start < line.length() ? start + Character.charCount(line.codePointAt(start)) : start;
        String at = start < line.length() ? line.substring(start, end) : " ";
        return escape(line.substring(0, start)) + "<mark style=\"background:#ff7b72;color:#000\">" + escape(at)
                + "</mark>" + escape(line.substring(end));
    }

    private static final Pattern POLICY = Pattern.compile(
            "<meta\\s+http-equiv\\s*=\\s*[\"']?content-security-policy[\"']?[^>]*>\\n?", Pattern.CASE_INSENSITIVE);

    private static String withBase(String html) {
        int head = html.toLowerCase(Locale.ROOT).indexOf("<head");
        int close = head < 0 ? -1 : html.indexOf('>', head);
        return close < 0 ? html : html.substring(0, close + 1) + "<base href=\"/\">" + html.substring(close + 1);
    }

    /** HTML text and attribute escaping; control characters other than tab and newline become U+FFFD. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' || c == 0x7f ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
