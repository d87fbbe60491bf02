package org.tcpstory.story;

import java.util.List;

/**
 * The settings of a book's site, all in one place: the front matter of {@code content/_index.md}.
 *
 * <pre>
 * ---
 * title: 三次握手，一杯拿铁          # the site's name (default: tcpstory)
 * language: zh-CN                  # the pages' lang attribute and the theme's words (default: en)
 * baseURL: https://example.org/tcp/  # where the site is published; enables sitemap.xml (default: none)
 * description: 一本关于 TCP 的小书    # the home page's meta description (default: none)
 * allowRawHtml: false              # let HTML written in the Markdown through (default: false: it is shown as text)
 * profile: linux                   # the rules of which TCP every chapter follows (default: rfc9293)
 * congestion: reno                 # check congestion windows in every chapter (default: none)
 * languages: [zh, en]              # a book in several languages: one sub-folder of content/ each (default: one language)
 * ---
 * </pre>
 *
 * @param baseUrl the base URL ending in {@code /}, or an empty string when none is configured
 * @param profile    the book's {@code profile:}, for the engine to judge, or {@code null}
 * @param congestion the book's {@code congestion:}, for the engine to judge, or {@code null}
 * @param languages  the folders of a book in several languages, each with its place, the default language first;
 *                   empty for a book in one language
 */
public record SiteSettings(String title, String language, String baseUrl, String description, boolean allowRawHtml,
                           Setting profile, Setting congestion, List<Setting> languages) {

    public static final String DEFAULT_TITLE = "tcpstory";
    public static final String DEFAULT_LANGUAGE = "en";

    public SiteSettings {
        title = title == null || title.isBlank() ? DEFAULT_TITLE : title.strip();
        language = language == null || language.isBlank() ? DEFAULT_LANGUAGE : language.strip();
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        if (!baseUrl.isEmpty() && !baseUrl.endsWith("/")) {
            baseUrl = baseUrl + "/";
        }
        description = description == null ? "" : description.strip();
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    /** The settings of a book in one language. */
    public SiteSettings(String title, String language, String baseUrl, String description, boolean allowRawHtml,
                        Setting profile, Setting congestion) {
        this(title, language, baseUrl, description, allowRawHtml, profile, congestion, List.of());
    }

    public static SiteSettings defaults() {
        return new SiteSettings(null, null, null, null, false, null, null);
    }

    /** Whether {@code languages:} makes this the {@code _index.md} of a book in several languages. */
    public boolean multilingual() {
        return !languages.isEmpty();
    }

    /**
     * The settings of one language of a book in several languages: its own {@code _index.md} says what the
     * reader reads (title, language, description); the book's says how it is checked and published
     * (base URL, raw HTML, profile, congestion control).
     */
    public SiteSettings ofLanguage(SiteSettings own) {
        return new SiteSettings(own.title, own.language, baseUrl, own.description, allowRawHtml, profile, congestion);
    }

    public boolean hasBaseUrl() {
        return !baseUrl.isEmpty();
    }

    /**
     * The path of the base URL, ending in {@code /} ({@code /tcp/} for https://example.org/tcp/), or an
     * empty string when there is none. The 404 page links through it: a server shows that page at any
     * depth, where relative links would lead nowhere.
     */
    public String basePath() {
        if (baseUrl.isEmpty()) {
            return "";
        }
        try {
            String path = new java.net.URI(baseUrl).getRawPath();
            return path == null || path.isEmpty() ? "/" : path.endsWith("/") ? path : path + "/";
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }
}
