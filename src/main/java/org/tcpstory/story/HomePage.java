package org.tcpstory.story;

import java.util.List;
import org.commonmark.node.Document;
import org.tcpstory.diagnostic.Diagnostic;

/**
 * {@code _index.md}, parsed: the site settings of its front matter and the text of the home page.
 *
 * @param file     the file as the user would name it; null when the book has none
 * @param settings the settings, or the defaults where they are missing or wrong
 * @param prose    the home page text with source positions; empty when there is none or it cannot be read
 * @param lines    the file's lines, for the excerpts under diagnostics
 */
public record HomePage(String file, SiteSettings settings, Document prose, List<String> lines,
                       List<Diagnostic> diagnostics) {

    /** The name of the file in the content folder. */
    public static final String FILE_NAME = "_index.md";

    public HomePage {
        lines = List.copyOf(lines);
        diagnostics = List.copyOf(diagnostics);
    }

    /** A book without {@code _index.md}: the default settings and no text. */
    public static HomePage none() {
        return new HomePage(null, SiteSettings.defaults(), Markdown.empty(), List.of(), List.of());
    }
}
