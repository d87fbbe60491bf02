package org.tcpstory.serve;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;

/**
 * What {@code serve} adds to the HTML pages it serves (never to {@code build} output): a small script, served
 * as a file of the preview ({@link #SCRIPT}), that listens on {@link #EVENTS} and reloads the page when the
 * site changed, and, while the last rebuild failed, an overlay over the page with the errors. The site's
 * Content-Security-Policy stays: it already lets the pages run their own site's script files, and the
 * preview only lets them connect to the event stream too (and, on the 404 page, use its {@code <base>}).
 * Every authored string in the overlay is escaped.
 */
final class LiveReload {

    /** The server-sent events endpoint. */
    static final String EVENTS = "/__tcpstory/events";

    /** Where the live-reload script is served: a file of the preview's own origin, so the policy allows it. */
    static final String SCRIPT = "/__tcpstory/live-reload.js";

    /** The element id of the overlay. */
    static final String OVERLAY_ID = "tcpstory-overlay";

    /**
     * Reloads when the server's version differs from the page's (its script element's {@code data-version}):
     * on a change, and also when the site changed between loading the page and connecting, or the server was
     * restarted.
     */
    static final String SCRIPT_TEXT = """
            (function () {
              var me = document.currentScript;
              var version = me && me.getAttribute('data-version');
              if (!window.EventSource || version === null) {
                return;
              }
              var source = new EventSource('%s');
              function check(event) {
                if (event.data !== version) {
                  source.close();
                  location.reload();
                }
              }
              source.addEventListener('hello', check);
              source.addEventListener('reload', check);
              window.addEventListener('pagehide', function () { source.close(); });
            })();
            """.formatted(EVENTS);

    private LiveReload() {
    }

    /**
     * The page with the script (and the overlay, when {@code failure} is not null) before its last
     * {@code </body>}, or at its end when it has none, and its policy opened to the event stream.
     *
     * @param version the site version the page shows; the script reloads when the server has another
     * @param base    a {@code <base href="/">} for pages served at another path than their own (the 404 page)
     */
    static String inject(String html, String version, Failure failure, boolean base) {
        String page = withPolicyForPreview(html, base);
        page = base ? withBase(page) : page;
        String snippet = (failure == null ? "" : overlay(failure)) + script(version);
        int body = page.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
        return body < 0 ? page + snippet : page.substring(0, body) + snippet + page.substring(body);
    }

    /** The script element that loads {@link #SCRIPT} with the page's version. */
    static String script(String version) {
        return "<script src=\"" + SCRIPT + "\" data-tcpstory=\"live-reload\" data-version=\"" + escape(version)
                + "\"></script>\n";
    }

    /**
     * The site's policy, if the page has one, with {@code connect-src 'self'} for the event stream and, for a
     * page that gets a {@code <base href="/">}, {@code base-uri 'self'}. Nothing else is loosened.
     */
    static String withPolicyForPreview(String html, boolean base) {
        Matcher meta = POLICY.matcher(html);
        if (!meta.find()) {
            return html;
        }
        String tag = meta.group();
        String opened = tag.replaceFirst("(?i)content\\s*=\\s*\"", "$0connect-src 'self'; ");
        if (base) {
            opened = opened.replaceAll("(?i)base-uri\\s+'none'", "base-uri 'self'");
        }
        return html.substring(0, meta.start()) + opened + html.substring(meta.end());
    }

    /** The errors over the page, opaque, so that a stale page is never taken for the current one. */
    static String overlay(Failure failure) {
        Messages messages = Messages.of(failure.language());
        StringBuilder out = new StringBuilder();
        out.append("<div id=\"").append(OVERLAY_ID).append("\" lang=\"").append(failure.language().code())
                .append("\" role=\"alert\" style=\"position:fixed;inset:0;")
                .append("z-index:2147483647;overflow:auto;margin:0;padding:24px;box-sizing:border-box;")
                .append("background:#1b1b1f;color:#eee;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,")
                .append("'Noto Sans Mono CJK SC',monospace;text-align:left\">\n")
                .append("<div style=\"max-width:72rem;margin:0 auto\">\n")
                .append("<p style=\"margin:0 0 4px;color:#ff7b72;font-weight:bold;font-size:16px\">tcpstory serve: ")
                .append(escape(failure.headline())).append("</p>\n")
                .append("<p style=\"margin:0 0 16px;color:#aaa\">").append(escape(messages.render(Text.of("serve.fixAndSave"))))
                .append("</p>\n");
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
            out.append("<p style=\"color:#aaa\">").append(escape(messages.render(Text.of("serve.more", failure.more()))))
                    .append("</p>\n");
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
            "<meta\\s+http-equiv\\s*=\\s*[\"']?content-security-policy[\"']?[^>]*>", Pattern.CASE_INSENSITIVE);

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
