package org.tcpstory.diagram;

import java.util.List;

/**
 * Authored text (peer labels, segment labels, notes, titles) as PlantUML text that can only show as
 * itself.
 *
 * <p>PlantUML reads a line in three passes, each with its own markup: the preprocessor ({@code !include},
 * {@code %getenv(...)}, {@code @enduml} and defined names), the diagram's line syntax ({@code :}, quotes,
 * arrows) and creole ({@code **bold**}, {@code <b>}, {@code [[links]]}, {@code \n}, {@code ~}). Rather
 * than chase every construct of every pass, only letters, digits and spaces are written as they are;
 * every other character becomes PlantUML's creole character reference {@code <U+XXXX>}, which is
 * resolved after the first two passes and drawn as that character. With no {@code %}, {@code !},
 * {@code @}, quote, colon or backslash left, none of the passes can see a directive. Verified by
 * rendering hostile strings (see {@code PlantUmlTextTest}): the SVG shows them verbatim.
 */
public final class PlantUmlText {

    /** A line break made by PlantUML itself, the only markup this class ever writes. */
    static final String LINE_BREAK = "\\n";

    private static final String REPLACEMENT = "<U+FFFD>";

    private PlantUmlText() {
    }

    /**
     * The text, safe to place anywhere a PlantUML line takes display text (inside quotes too). Line breaks
     * in it (CR, LF, CRLF, U+2028/9, NEL) become PlantUML line breaks, a tab a space, other control
     * characters and broken surrogates U+FFFD. Leading and trailing white space is dropped, as PlantUML
     * would drop it anyway.
     */
    public static String escape(String text) {
        String trimmed = text == null ? "" : text.strip();
        StringBuilder out = new StringBuilder(trimmed.length() * 2);
        for (int i = 0; i < trimmed.length(); ) {
            int cp = trimmed.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\r') {
                if (i < trimmed.length() && trimmed.charAt(i) == '\n') {
                    i++;
                }
                out.append(LINE_BREAK);
            } else if (cp == '\n' || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
                out.append(LINE_BREAK);
            } else if (cp == '\t') {
                out.append(' ');
            } else if (cp == ' ' || Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(cp);
            } else if (Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.SURROGATE) {
                out.append(REPLACEMENT);
            } else {
                out.append(reference(cp));
            }
        }
        return out.toString();
    }

    /** {@code <U+00B7>}: at least four upper-case hex digits, independent of the default locale. */
    private static String reference(int cp) {
        String hex = Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT);
        return "<U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex + ">";
    }

    /** Several pieces of authored text, each escaped, on lines of their own. */
    static String lines(List<String> pieces) {
        StringBuilder out = new StringBuilder();
        for (String piece : pieces) {
            if (!out.isEmpty()) {
                out.append(LINE_BREAK);
            }
            out.append(escape(piece));
        }
        return out.toString();
    }
}
