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

/**
 * Turns the bytes of a file into lines of text, or says why they are not text: a NUL byte (binary),
 * bytes that are not UTF-8, or nothing but blank space. A leading BOM is dropped and CRLF or CR
 * line ends become LF.
 */
final class SourceText {

    private SourceText() {
    }

    /** The lines (without line ends), or the one diagnostic that stops reading. */
    record Decoded(List<String> lines, Diagnostic problem) {
    }

    static Decoded decode(String file, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return problem(Diagnostic.error(position(file, bytes, i), "binary-file",
                        "this is a binary file (it contains a NUL byte), not a UTF-8 Markdown chapter"));
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
            return problem(Diagnostic.error(position(file, bytes, in.position()), "encoding",
                    "this file is not valid UTF-8 (byte 0x" + String.format("%02X", bytes[Math.min(in.position(), bytes.length - 1)] & 0xff)
                            + "): save it as UTF-8"));
        }
        out.flip();
        String text = out.toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return problem(Diagnostic.error(new SourcePosition(file, 1, 1), "empty-file",
                    "the file is empty: a chapter starts with front matter between `---` lines"));
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return new Decoded(Arrays.asList(text.split("\n", -1)), null);
    }

    private static Decoded problem(Diagnostic diagnostic) {
        return new Decoded(List.of(), diagnostic);
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
