package org.tcpstory.story;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Text;

/**
 * The one place where the bytes of an authored file become lines of text. A leading BOM is dropped and
 * CRLF or CR line ends become LF. A file that is not text says why: a NUL byte (binary) or bytes that
 * are not UTF-8; its lines are then still given, decoded leniently, so that the diagnostic can show the
 * line it points at (a binary file has none: its "lines" would only garble a terminal).
 */
final class SourceText {

    private SourceText() {
    }

    /**
     * The lines (without line ends) and, when the bytes are not UTF-8 text, the diagnostic that says so.
     *
     * @param problem null when the file is text
     */
    record Decoded(List<String> lines, Diagnostic problem) {
        Decoded {
            lines = List.copyOf(lines);
        }

        /** Whether the text holds nothing but blank space. */
        boolean blank() {
            return lines.stream().allMatch(String::isBlank);
        }
    }

    /** @param kind what the file should have been, for the message: a Markdown chapter, a Markdown file */
    static Decoded decode(String file, byte[] bytes, Text kind) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return new Decoded(List.of(), Diagnostic.error(position(file, bytes, i), "binary-file",
                        Text.of("file.binary", kind)));
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            Diagnostic notUtf8 = Diagnostic.error(position(file, bytes, in.position()), "encoding", Text.of("file.notUtf8",
                    String.format("%02X", bytes[Math.min(in.position(), bytes.length - 1)] & 0xff)));
            return new Decoded(lines(new String(bytes, StandardCharsets.UTF_8)), notUtf8);
        }
        out.flip();
        return new Decoded(lines(out.toString()), null);
    }

    /** Text split into lines: without a BOM, with LF for every line end, and no empty line after a final one. */
    private static List<String> lines(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return Arrays.asList(text.split("\n", -1));
    }

    /** The line and column of a byte offset, counting CRLF, CR and LF as line ends. */
    private static SourcePosition position(String file, byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        // The start of the line decoded leniently, so the column counts the characters an editor shows.
        String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
        if (line == 1 && before.startsWith("\uFEFF")) {
            before = before.substring(1);
        }
        return new SourcePosition(file, line, before.codePointCount(0, before.length()) + 1);
    }
}
