package org.tcpstory.story;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where the front matter of a file is: the YAML between an opening {@code ---} on the first line and the
 * next {@code ---} line. Chapters and {@code _index.md} are split here, the same way.
 *
 * @param found whether the file starts with a {@code ---} line
 * @param close the index of the closing {@code ---} line; {@code lines.size()} when it is never closed
 */
record FrontMatterBlock(List<String> lines, boolean found, int close) {

    /** The file line of the YAML's first line (the line after the opening {@code ---}). */
    static final int YAML_FIRST_LINE = 2;

    static FrontMatterBlock of(List<String> lines) {
        if (lines.isEmpty() || !isFence(lines.get(0))) {
            return new FrontMatterBlock(lines, false, -1);
        }
        int close = 1;
        while (close < lines.size() && !isFence(lines.get(close))) {
            close++;
        }
        return new FrontMatterBlock(lines, true, close);
    }

    private static boolean isFence(String line) {
        return line.stripTrailing().equals("---");
    }

    boolean closed() {
        return found && close < lines.size();
    }

    /** The YAML text. */
    String yaml() {
        return String.join("\n", lines.subList(1, close));
    }

    /** The index of the body's first line: after the closing {@code ---}, or 0 without front matter. */
    int bodyStart() {
        return found ? close + 1 : 0;
    }

    /** The lines after the front matter. */
    List<String> body() {
        return lines.subList(bodyStart(), lines.size());
    }

    /**
     * The whole file with the front-matter lines blanked, so that the Markdown parser's 0-based line
     * indices are file lines minus one.
     */
    String bodyWithBlankFrontMatter() {
        List<String> source = new ArrayList<>(Collections.nCopies(bodyStart(), ""));
        source.addAll(body());
        return String.join("\n", source);
    }
}
