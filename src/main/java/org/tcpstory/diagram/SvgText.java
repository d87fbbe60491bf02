package org.tcpstory.diagram;

/** Words written into SVG that tcpstory draws or paints itself: always text, never markup. */
final class SvgText {

    private SvgText() {
    }

    /**
     * Text for XML content or an attribute value: {@code & < > "} as entities, and characters XML 1.0 cannot
     * hold (controls other than tab, U+FFFE, U+FFFF) as U+FFFD.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\t' || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
