package org.tcpstory.story;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Text;

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
     * that open or close inline constructs ({@code < [ ] * _}) times the block's length, plus the look-ahead
     * of backtick runs for their closing run ({@link CodeSpans}). 5e8 parses in
     * about a second at worst; a 20 KB paragraph with 500 links is 2e7.
     */
    public static final long MAX_INLINE_WORK = 500_000_000L;

    /**
     * The longest run of list and quote markers a line may start with ({@code - - - - a} opens a list in a
     * list in a list: parsing it takes quadratic time too). Lines of markers alone are thematic breaks.
     */
    public static final int MAX_CONTAINER_PREFIX = 400;

    /**
     * The cells the tables of a file may make. GFM pads every row to the header's width, so a table makes
     * columns × rows cells however short its rows are: 100 KB of text can ask for 200 million. A tutorial's
     * tables have hundreds.
     */
    public static final long MAX_TABLE_CELLS = 50_000;

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
        CodeSpans spans = new CodeSpans();
        long cells = 0;
        int tableColumns = 0;
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i) : "";
            if (line.isBlank()) {
                if (blockStart >= 0) {
                    long blockWork = specials * length + spans.work(length);
                    work += blockWork;
                    if (blockWork > worst) {
                        worst = blockWork;
                        worstLine = firstLine + blockStart;
                    }
                }
                blockStart = -1;
                length = 0;
                specials = 0;
                spans = new CodeSpans();
                tableColumns = 0;
                continue;
            }
            if (blockStart < 0) {
                blockStart = i;
            }
            if (tableColumns > 0) {
                cells += tableColumns;
            } else if (i > blockStart && (tableColumns = delimiterRowColumns(line)) > 0) {
                cells += 2L * tableColumns; // the header row and this one
            }
            if (cells > MAX_TABLE_CELLS) {
                return Optional.of(Diagnostic.error(new SourcePosition(file, firstLine + i, 1), "markdown-limit",
                        Text.of("markdown.tableCells", MAX_TABLE_CELLS)));
            }
            int prefix = containerPrefix(line);
            if (prefix > MAX_CONTAINER_PREFIX && prefix < line.stripTrailing().length()) {
                return Optional.of(Diagnostic.error(new SourcePosition(file, firstLine + i, 1), "markdown-limit",
                        Text.of("markdown.containers", MAX_CONTAINER_PREFIX / 2)));
            }
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (ch == '<' || ch == '[' || ch == ']' || ch == '*' || ch == '_') {
                    specials++;
                } else if (ch == '`') {
                    int run = c;
                    while (c + 1 < line.length() && line.charAt(c + 1) == '`') {
                        c++;
                    }
                    spans.run(length + run, c - run + 1);
                }
            }
            length += line.length() + 1;
        }
        if (work <= MAX_INLINE_WORK) {
            return Optional.empty();
        }
        return Optional.of(Diagnostic.error(new SourcePosition(file, worstLine, 1), "markdown-limit",
                Text.of("markdown.inlineWork")));
    }

    /**
     * The work of finding code spans in a block of text: an opening run of backticks makes the parser look
     * ahead for a closing run of the same length, to the end of the block when there is none (runs of every
     * length, none closed, make this quadratic). Computed exactly, in the order the parser works: a run
     * that finds its match skips to after it; one that does not stays text.
     */
    private static final class CodeSpans {
        private record Run(long at, int length) {
        }

        private final List<Run> runs = new ArrayList<>();

        /** A run of {@code length} backticks at offset {@code at} in the block. */
        void run(long at, int length) {
            runs.add(new Run(at, length));
        }

        long work(long blockLength) {
            int n = runs.size();
            int[] next = new int[n]; // the next run of the same length, or -1
            Map<Integer, Integer> seen = new HashMap<>();
            for (int i = n - 1; i >= 0; i--) {
                Integer later = seen.put(runs.get(i).length(), i);
                next[i] = later == null ? -1 : later;
            }
            long work = 0;
            for (int i = 0; i < n; ) {
                long at = runs.get(i).at();
                if (next[i] >= 0) {
                    work += runs.get(next[i]).at() - at;
                    i = next[i] + 1;
                } else {
                    work += blockLength - at;
                    i++;
                }
            }
            return work;
        }
    }

    /**
     * The columns of a GFM table's delimiter row ({@code | --- | :-: |}), once quote markers and indentation
     * are set aside; 0 when the line is not one. Only pipes, dashes, colons and blanks, and at least one pipe
     * (without one, a line of dashes is a heading's underline or a break, not a table).
     */
    private static int delimiterRowColumns(String line) {
        int start = 0;
        while (start < line.length() && (line.charAt(start) == '>' || line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
            start++;
        }
        int columns = 0;
        boolean pipe = false;
        boolean dashes = false;
        for (int i = start; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '|') {
                pipe = true;
                columns += dashes ? 1 : 0;
                dashes = false;
            } else if (c == '-') {
                dashes = true;
            } else if (c != ':' && c != ' ' && c != '\t') {
                return 0;
            }
        }
        columns += dashes ? 1 : 0;
        return pipe ? columns : 0;
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
                        Text.of("markdown.depth", MAX_DEPTH)));
            }
            for (Node child = at.node().getFirstChild(); child != null; child = child.getNext()) {
                todo.push(new At(child, at.depth() + 1));
            }
        }
        return Optional.empty();
    }
}
