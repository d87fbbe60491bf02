package org.tcpstory.cli;

import java.io.IOException;
import java.io.Writer;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Report;
import org.tcpstory.diagnostic.Severity;

/**
 * The report people read: each diagnostic as {@code path:line:col: error: message}, its details indented
 * by four spaces, the source line with a caret, a blank line; then a one-line summary. The words are in the
 * language of the messages; {@code error:} and {@code warning:} stay, as editors and CI matchers read them.
 */
final class TextReporter implements Reporter {

    private static final String RESET = "\033[0m";
    private static final String BOLD = "\033[1m";
    private static final String RED = "\033[1;31m";
    private static final String MAGENTA = "\033[1;35m";
    private static final String GREEN = "\033[1;32m";

    private final boolean colour;
    private final Messages messages;

    TextReporter(boolean colour, Messages messages) {
        this.colour = colour;
        this.messages = messages;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        writeDiagnostics(report, out, colour, messages);
        out.write(paint(colour, BOLD, report.summary(messages)));
        out.write('\n');
        out.flush();
    }

    /** Every diagnostic of the report, each followed by a blank line: what every command prints of a book. */
    static void writeDiagnostics(Report report, Writer out, boolean colour, Messages messages) throws IOException {
        for (Report.FileReport file : report.files()) {
            for (Diagnostic diagnostic : file.diagnostics()) {
                out.write(describe(file, diagnostic, colour, messages));
                out.write('\n');
            }
        }
    }

    /** One diagnostic with its details and excerpt, each line ending in a newline. Also the JUnit failure text. */
    static String describe(Report.FileReport file, Diagnostic diagnostic, boolean colour, Messages messages) {
        StringBuilder text = new StringBuilder();
        String label = diagnostic.severity().label() + ":";
        text.append(paint(colour, BOLD, diagnostic.position() + ":")).append(' ')
                .append(paint(colour, diagnostic.severity() == Severity.ERROR ? RED : MAGENTA, label)).append(' ')
                .append(paint(colour, BOLD, diagnostic.message(messages))).append('\n');
        for (String detail : diagnostic.detailsAndReference(messages)) {
            text.append("    ").append(detail).append('\n');
        }
        // Only the file's own lines: a position in another file has no excerpt here.
        String source = diagnostic.position().file().equals(file.file()) ? file.line(diagnostic.position().line()) : null;
        if (source != null) {
            Excerpt.Lines excerpt = Excerpt.of(source, diagnostic.position().line(), diagnostic.position().column());
            text.append(excerpt.source()).append('\n');
            String caret = excerpt.caret();
            text.append(caret, 0, caret.length() - 1).append(paint(colour, GREEN, "^")).append('\n');
        }
        return text.toString();
    }

    private static String paint(boolean colour, String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
