package org.tcpstory.cli;

/**
 * A source line as compilers show it under a diagnostic, with a caret under the column:
 * <pre>
 *   12 |     girl -&gt; boy: ACK=1, ack=u
 *      |                         ^
 * </pre>
 * Columns count code points; the caret's place counts terminal cells, so CJK and other wide
 * characters take two, combining marks none, and tabs expand to the next multiple of {@link #TAB}.
 */
final class Excerpt {

    /** CommonMark's tab stop, so excerpts line up as the Markdown does. */
    static final int TAB = 4;

    /** The gutter line and the caret line. */
    record Lines(String source, String caret) {
    }

    private Excerpt() {
    }

    /**
     * @param text   the source line as in the file
     * @param line   its 1-based number
     * @param column the 1-based code-point column to point at; past the end points just after the text
     */
    static Lines of(String text, int line, int column) {
        String number = Integer.toString(line);
        StringBuilder shown = new StringBuilder();
        int cells = 0;
        int caretCells = -1;
        int index = 0;
        int codePoint = 1;
        while (index < text.length()) {
            if (codePoint == column) {
                caretCells = cells;
            }
            int c = text.codePointAt(index);
            index += Character.charCount(c);
            codePoint++;
            if (c == '\t') {
                int spaces = TAB - cells % TAB;
                shown.append(" ".repeat(spaces));
                cells += spaces;
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
                // Never send control characters (an ESC, say) from a story file to the terminal.
                shown.append('\uFFFD');
                cells += 1;
            } else {
                shown.appendCodePoint(c);
                cells += width(c);
            }
        }
        if (caretCells < 0) {
            caretCells = cells + Math.max(0, column - codePoint);
        }
        String gutter = "  " + number + " | ";
        String blankGutter = "  " + " ".repeat(number.length()) + " | ";
        return new Lines(gutter + shown, blankGutter + " ".repeat(caretCells) + "^");
    }

    /** The terminal cells of one code point, as wcwidth(3) counts them. */
    static int width(int c) {
        int type = Character.getType(c);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.FORMAT || c == 0x200B) {
            return 0;
        }
        return isWide(c) ? 2 : 1;
    }

    /** East Asian Wide and Fullwidth ranges, and the emoji blocks terminals draw two cells wide. */
    private static boolean isWide(int c) {
        return c >= 0x1100 && (c <= 0x115F                      // Hangul Jamo initials
                || c == 0x2329 || c == 0x232A
                || (c >= 0x231A && c <= 0x231B)                  // watch, hourglass
                || (c >= 0x2E80 && c <= 0x303E)                  // CJK radicals .. CJK symbols and punctuation
                || (c >= 0x3041 && c <= 0x33FF)                  // kana .. CJK compatibility
                || (c >= 0x3400 && c <= 0x4DBF)                  // CJK extension A
                || (c >= 0x4E00 && c <= 0x9FFF)                  // CJK unified ideographs
                || (c >= 0xA000 && c <= 0xA4CF)                  // Yi
                || (c >= 0xA960 && c <= 0xA97F)                  // Hangul Jamo extended A
                || (c >= 0xAC00 && c <= 0xD7A3)                  // Hangul syllables
                || (c >= 0xF900 && c <= 0xFAFF)                  // CJK compatibility ideographs
                || (c >= 0xFE10 && c <= 0xFE19)                  // vertical forms
                || (c >= 0xFE30 && c <= 0xFE6F)                  // CJK compatibility forms, small forms
                || (c >= 0xFF00 && c <= 0xFF60)                  // fullwidth forms
                || (c >= 0xFFE0 && c <= 0xFFE6)
                || (c >= 0x1F300 && c <= 0x1F64F)                // pictographs, emoticons
                || (c >= 0x1F900 && c <= 0x1F9FF)                // supplemental symbols and pictographs
                || (c >= 0x20000 && c <= 0x2FFFD)                // CJK extensions B..F
                || (c >= 0x30000 && c <= 0x3FFFD));              // CJK extension G..
    }
}
