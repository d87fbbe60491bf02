package org.tcpstory.story;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;

/**
 * What the Markdown library can take. commonmark-java parses some inputs in quadratic time (every
 * {@code <} or {@code [} of a paragraph may scan to its end: 80 KB of {@code <} lines take ten seconds,
 * 8 MB would take a day) and renders the tree recursively (a thousand nested list items, two kilobytes
 * of {@code - - - ...}, overflow the stack). Prose beyond these limits is refused with a diagnostic
 * before it can hang {@code check} or crash {@code build}; real prose is far below both.
 */
public final class MarkdownLimits {

    /** Nesting of the Markdown tree (lists in quotes in lists, emphasis in links ...): real prose needs ten. */
    public static final int MAX_DEPTH = 100;

    /**
     * The parser's worst-case work, summed over the blocks of text between blank lines: the characters
     * that open or close inline constructs ({@code < [ ] * _}) times the block's length. 5e8 parses in
     * about a second at worst; a 20 KB paragraph with 500 links is 2e7.
     */
    public static final long MAX_INLINE_WORK = 500_000_000L;

    /**
     * The longest run of list and quote markers a line may start with ({@code - - - - a} opens a list in a
     * list in a list: parsing it takes quadratic time too). Lines of markers alone are thematic breaks.
     */
    public static final int MAX_CONTAINER_PREFIX = 400;

    private MarkdownLimits() {
    }

    /**
     * Checks the source before it is parsed: refuses text whose inline parsing could take quadratic time.
     *
     * @param lines the source lines; {@code firstLine} is the file line of the first one
     */
    public static Optional<Diagnostic> beforeParsing(String file, List<String> lines, int firstLine) {
        long work = 0;
        long length = 0;
        long specials = 0;
        int blockStart = -1;
        int worstLine = firstLine;
        long worst = -1;
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i) : "";
            if (line.isBlank()) {
                if (blockStart >= 0) {
                    long blockWork = specials * length;
                    work += blockWork;
                    if (blockWork > worst) {
                        worst = blockWork;
                        worstLine = firstLine + blockStart;
                    }
                }
                blockStart = -1;
                length = 0;
                specials = 0;
                continue;
            }
            if (blockStart < 0) {
                blockStart = i;
            }
            int prefix = containerPrefix(line);
            if (prefix > MAX_CONTAINER_PREFIX && prefix < line.stripTrailing().length()) {
                return Optional.of(Diagnostic.error(new SourcePosition(file, firstLine + i, 1), "markdown-limit",
                        "this line opens more than " + MAX_CONTAINER_PREFIX / 2 + " lists or quotes inside each other: "
                                + "tcpstory cannot show it"));
            }
            length += line.length() + 1;
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (ch == '<' || ch == '[' || ch == ']' || ch == '*' || ch == '_') {
                    specials++;
                }
            }
        }
        if (work <= MAX_INLINE_WORK) {
            return Optional.empty();
        }
        return Optional.of(Diagnostic.error(new SourcePosition(file, worstLine, 1), "markdown-limit",
                "the Markdown here is too hard to read: so many `<`, `[`, `]`, `*` or `_` in such long paragraphs "
                        + "would take the parser minutes or hours; split the text with blank lines or use fewer of them"));
    }

    /** How many characters a line starts with that could open lists or quotes: blanks, > - + * and 1. 1) */
    private static int containerPrefix(String line) {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '>' || c == '-' || c == '+' || c == '*') {
                i++;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < line.length() && Character.isDigit(line.charAt(j))) {
                    j++;
                }
                if (j < line.length() && (line.charAt(j) == '.' || line.charAt(j) == ')')) {
                    i = j + 1;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        return i;
    }

    /** Checks the parsed tree: refuses nesting deeper than {@link #MAX_DEPTH}. Iterative: no recursion here. */
    public static Optional<Diagnostic> afterParsing(String file, Node document, int lineOffset) {
        record At(Node node, int depth) {
        }
        Deque<At> todo = new ArrayDeque<>();
        todo.push(new At(document, 0));
        while (!todo.isEmpty()) {
            At at = todo.pop();
            if (at.depth() > MAX_DEPTH) {
                List<SourceSpan> spans = at.node().getSourceSpans();
                int line = spans.isEmpty() ? 1 : spans.get(0).getLineIndex() + 1 + lineOffset;
                return Optional.of(Diagnostic.error(new SourcePosition(file, Math.max(1, line), 1), "markdown-limit",
                        "the Markdown here is nested more than " + MAX_DEPTH + " levels deep (lists, quotes, "
                                + "emphasis or links inside each other): tcpstory cannot show it"));
            }
            for (Node child = at.node().getFirstChild(); child != null; child = child.getNext()) {
                todo.push(new At(child, at.depth() + 1));
            }
        }
        return Optional.empty();
    }
}
