package org.tcpstory.story;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Suggestions;
import org.tcpstory.diagnostic.Text;

/**
 * Finds the {@code tcp} fenced blocks of a parsed chapter, wherever they are nested (lists, block quotes),
 * and reads their lines as events at their true place in the file.
 */
final class TcpBlocks {

    private final String file;
    private final List<String> lines;
    private final EventLineParser events = new EventLineParser();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Lines read so far that said something (an event, or an error); none is read past {@link EventLimits#MAX_EVENTS}. */
    private int eventLines;

    /**
     * @param lines the file's lines; the CommonMark source must have the same lines, so that its
     *              0-based line indices are file lines minus one
     */
    TcpBlocks(String file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    List<TcpBlock> find(Node document) {
        List<TcpBlock> blocks = new ArrayList<>();
        // Iterative pre-order walk: deeply nested quotes or lists must not exhaust the stack.
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(document);
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (node instanceof FencedCodeBlock fence && isTcp(fence)) {
                blocks.add(read(fence));
            }
            List<Node> children = new ArrayList<>();
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                children.add(child);
            }
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.push(children.get(i));
            }
        }
        return blocks;
    }

    /**
     * Whether a fenced block holds events: its info string's first word is {@code tcp}, or a word the author
     * surely meant as {@code tcp} ({@code TCP}, {@code tpc}), which is read all the same after a warning that
     * names it. Dropping such a block would leave every later event without its cause.
     */
    private boolean isTcp(FencedCodeBlock fence) {
        String info = fence.getInfo() == null ? "" : fence.getInfo().strip();
        String word = info.split("\\s+", 2)[0];
        if (word.equals("tcp")) {
            return true;
        }
        if (word.isEmpty() || NOT_TCP.contains(word.toLowerCase(Locale.ROOT))
                || Suggestions.nearest(word, List.of("tcp")).isEmpty()) {
            return false;
        }
        SourcePosition at = fenceStart(fence);
        String marker = String.valueOf(fence.getFenceCharacter()).repeat(
                fence.getOpeningFenceLength() == null ? 3 : fence.getOpeningFenceLength());
        diagnostics.add(Diagnostic.warning(at, "fence-name",
                Text.of(word.equalsIgnoreCase("tcp") ? "block.fenceName.case" : "block.fenceName", marker, word)));
        return true;
    }

    /** Languages whose name is one keystroke from {@code tcp}: their blocks are code, not events. */
    private static final Set<String> NOT_TCP = Set.of("tcl");

    private SourcePosition fenceStart(FencedCodeBlock fence) {
        List<SourceSpan> spans = fence.getSourceSpans();
        return spans.isEmpty() ? new SourcePosition(file, 1, 1)
                : firstNonBlank(spans.get(0).getLineIndex(), spans.get(0).getColumnIndex());
    }

    private TcpBlock read(FencedCodeBlock fence) {
        List<SourceSpan> spans = fence.getSourceSpans();
        Map<Integer, SourceSpan> spanByLine = new HashMap<>();
        for (SourceSpan span : spans) {
            spanByLine.putIfAbsent(span.getLineIndex(), span);
        }
        int openIndex = spans.isEmpty() ? 0 : spans.get(0).getLineIndex();
        SourcePosition position = fenceStart(fence);
        if (fence.getClosingFenceLength() == null) {
            String marker = String.valueOf(fence.getFenceCharacter()).repeat(
                    fence.getOpeningFenceLength() == null ? 3 : fence.getOpeningFenceLength());
            diagnostics.add(Diagnostic.error(position, "unterminated-block", Text.of("block.unterminated", marker)));
        }
        List<Event> out = new ArrayList<>();
        String[] literal = fence.getLiteral() == null ? new String[0] : fence.getLiteral().split("\n", -1);
        for (int i = 0; i < literal.length && eventLines <= EventLimits.MAX_EVENTS; i++) {
            int lineIndex = openIndex + 1 + i;
            if (literal[i].isBlank() || lineIndex >= lines.size()) {
                continue;
            }
            LineText text = locate(literal[i], lineIndex, spanByLine.get(lineIndex));
            EventLineParser.Result r = events.parse(file, text.line(), text.column(), text.text());
            if (r.event().isEmpty() && r.diagnostics().isEmpty()) {
                continue; // a comment
            }
            if (++eventLines > EventLimits.MAX_EVENTS) {
                diagnostics.add(EventLimits.tooManyEvents(text.at(0)));
                break;
            }
            r.event().ifPresent(out::add);
            diagnostics.addAll(r.diagnostics());
        }
        return new TcpBlock(position, out, fence);
    }

    /**
     * Where a content line stands in its file line. CommonMark strips block-quote markers, list indentation
     * and the fence's indentation, so the content is normally a suffix of the file line; where tabs were
     * expanded it is not, and the first non-blank text is looked up instead. The returned text starts at
     * the first non-blank character (leading blanks carry no meaning in an event line).
     */
    private LineText locate(String content, int lineIndex, SourceSpan span) {
        String raw = lines.get(lineIndex);
        int lead = 0;
        while (lead < content.length() && Character.isWhitespace(content.charAt(lead))) {
            lead++;
        }
        String trimmed = content.substring(lead);
        int at = -1;
        if (span != null) {
            int spanEnd = Math.min(raw.length(), span.getColumnIndex() + span.getLength());
            if (raw.substring(0, spanEnd).endsWith(content)) {
                at = spanEnd - content.length() + lead;
            }
        }
        if (at < 0 && raw.endsWith(content)) {
            at = raw.length() - content.length() + lead;
        }
        if (at < 0) {
            at = raw.lastIndexOf(trimmed);
        }
        if (at < 0) {
            at = 0;
            while (at < raw.length() && Character.isWhitespace(raw.charAt(at))) {
                at++;
            }
        }
        return new LineText(file, lineIndex + 1, raw.codePointCount(0, at) + 1, trimmed);
    }

    private SourcePosition firstNonBlank(int lineIndex, int from) {
        String raw = lineIndex < lines.size() ? lines.get(lineIndex) : "";
        int at = Math.min(from, raw.length());
        while (at < raw.length() && Character.isWhitespace(raw.charAt(at))) {
            at++;
        }
        return new SourcePosition(file, lineIndex + 1, raw.codePointCount(0, at) + 1);
    }
}
