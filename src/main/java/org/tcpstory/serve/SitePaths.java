package org.tcpstory.serve;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which file of the site a request path names, if any. A path is refused (400) when it is not plainly a
 * path inside the site: a {@code .} or {@code ..} segment (also percent-encoded), an empty segment
 * ({@code //etc}), an encoded {@code /}, {@code \} or NUL, a backslash, a drive letter or a control
 * character, or malformed percent-encoding or UTF-8. Hidden files, folders (no listing) and missing files
 * are not found (404). The site is in memory: nothing here touches the file system.
 */
final class SitePaths {

    /** What a request path resolved to. */
    sealed interface Result permits Found, NotFound, Refused {
    }

    /** A file of the site, by its path in the site ({@code states/listen.html}). */
    record Found(String path) implements Result {
    }

    record NotFound() implements Result {
    }

    /** A path that cannot name a file of the site: a bad request. */
    record Refused(String reason) implements Result {
    }

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml; charset=utf-8"),
            Map.entry("xml", "application/xml; charset=utf-8"),
            Map.entry("puml", "text/plain; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("md", "text/plain; charset=utf-8"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("pdf", "application/pdf"));

    private SitePaths() {
    }

    /**
     * @param files   the paths of the site's files
     * @param rawPath the request URI's raw (still percent-encoded) path
     */
    static Result resolve(Set<String> files, String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return new Refused("the path must start with /");
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
            return new Refused("encoded /, \\ or NUL in the path");
        }
        String path = decode(rawPath);
        if (path == null) {
            return new Refused("malformed percent-encoding or UTF-8 in the path");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                return new Refused("a control character, \\ or : in the path");
            }
        }
        String relative = path.substring(1);
        if (relative.isEmpty() || relative.endsWith("/")) {
            relative += "index.html";
        }
        boolean hidden = false;
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return new Refused("an empty, . or .. segment in the path");
            }
            hidden |= segment.startsWith(".");
        }
        return hidden || !files.contains(relative) ? new NotFound() : new Found(relative);
    }

    /** The Content-Type of a file by its extension; text types say charset=utf-8. */
    static String contentType(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    static boolean isHtml(String contentType) {
        return contentType.startsWith("text/html");
    }

    /** Strict percent-decoding as UTF-8 ({@code +} stays a plus: this is a path); null when malformed. */
    static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7f) {
                return null; // a raw URI path is ASCII; anything else was not encoded by a browser
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
