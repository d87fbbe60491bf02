package org.tcpstory.site;

import java.util.ArrayList;
import java.util.List;
import org.tcpstory.book.Book;
import org.tcpstory.book.Edition;

/**
 * The languages of a site and, for any page, the same page in each of them: the one answer to "where is this
 * page's twin" that the language switch, the {@code hreflang} links and the sitemap share. A chapter's twin is
 * the chapter of the other language with the same translation key ({@code translationKey:}, else the slug);
 * the home page and the state pages are in every language; a page without a twin leads to the other
 * language's home page.
 *
 * <p>Each language of a book in several has its pages under its own folder ({@code zh/}, {@code en/}); a book in
 * one language has one, in the site's root, and no switch.
 */
final class Languages {

    /** Where a chapter's page is, in its language's folder: the one place the page name is made. */
    static String page(String slug) {
        return slug + ".html";
    }

    /** One language: its edition and its words. */
    record Language(Edition edition, Words words) {
        String tag() {
            return edition.settings().language();
        }

        String name() {
            return words.get("languageName");
        }
    }

    private final List<Language> languages;
    private final boolean several;
    private final String baseUrl;

    Languages(Book book, List<Words> words) {
        List<Language> all = new ArrayList<>();
        for (int i = 0; i < book.editions().size(); i++) {
            all.add(new Language(book.editions().get(i), words.get(i)));
        }
        this.languages = List.copyOf(all);
        this.several = book.multilingual();
        this.baseUrl = book.home().settings().baseUrl();
    }

    List<Language> all() {
        return languages;
    }

    /** Whether each language has a folder of its own, and the site a page that lists them. */
    boolean several() {
        return several;
    }

    /**
     * A page's links to itself in every language, its own first, then in the order the book lists them.
     *
     * @param from     the index of the page's language; -1 for the page that lists them all
     * @param page     its path in its language's folder ({@code handshake.html}, {@code states/listen.html})
     * @param key      the translation key of a chapter page, or null for the site's other pages
     * @param siteRoot the way from the page to the site's root
     */
    List<Views.LanguageLink> links(int from, String page, String key, String siteRoot) {
        if (!several) {
            return List.of();
        }
        List<Views.LanguageLink> links = new ArrayList<>();
        for (int i = 0; i < languages.size(); i++) {
            Language to = languages.get(i);
            // The 404 page is no page of any language: every language's link leads to its home.
            String twin = page.equals("404.html") ? null : i == from ? page : twin(to, page, key);
            String target = to.edition().path() + (twin == null ? "index.html" : twin);
            links.add(new Views.LanguageLink(to.tag(), to.name(), siteRoot + target,
                    baseUrl.isEmpty() ? siteRoot + target : baseUrl + target, i == from, twin != null));
        }
        return links;
    }

    /** Where the page that lists the languages is, from a page ({@code hreflang="x-default"}); empty for one language. */
    String chooser(String siteRoot) {
        if (!several) {
            return "";
        }
        return baseUrl.isEmpty() ? siteRoot + "index.html" : baseUrl;
    }

    /** The same page in another language (a chapter's twin; the home and state pages are in every one), or null. */
    private static String twin(Language to, String page, String key) {
        return key == null ? page : to.edition().chapter(key).map(c -> page(c.chapter().slug())).orElse(null);
    }
}
