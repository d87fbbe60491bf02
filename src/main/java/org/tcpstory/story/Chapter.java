package org.tcpstory.story;

import java.util.List;
import org.commonmark.node.Document;

/**
 * A parsed story chapter: front matter, the prose as a CommonMark tree with source positions, and the
 * events of its {@code tcp} blocks.
 *
 * @param file   the path as the user named it, used in diagnostics
 * @param slug   the page name: front-matter {@code slug}, else the file name without number prefix
 * @param order  front-matter {@code order}, else the number prefix of the file name, else {@code null}
 * @param lines  the source lines (line endings normalised), for the excerpts under diagnostics
 */
public record Chapter(String file, String slug, Integer order, FrontMatter frontMatter, Document prose,
                      List<TcpBlock> blocks, List<String> lines) {

    public Chapter {
        blocks = List.copyOf(blocks);
        lines = List.copyOf(lines);
    }

    public String title() {
        return frontMatter.title();
    }

    /**
     * What this chapter shares with its twin in another language of the book: its {@code translationKey:},
     * else its slug.
     */
    public String translationKey() {
        return frontMatter.translationKey() == null ? slug : frontMatter.translationKey().value();
    }

    /** Every event of every block, in story order. */
    public List<Event> events() {
        return blocks.stream().flatMap(block -> block.events().stream()).toList();
    }

    /** The text of a 1-based source line, or an empty string past the end. */
    public String line(int number) {
        return number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
    }
}
