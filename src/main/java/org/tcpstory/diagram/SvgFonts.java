package org.tcpstory.diagram;

/**
 * Gives the CJK family in an SVG a fallback list. PlantUML writes {@code font-family="'Noto Sans CJK SC'"};
 * a reader whose machine lacks that font would get the browser's default (often a serif face). PlantUML's
 * {@code textLength} attributes keep the measured widths whatever face the browser picks, so any CJK sans
 * face is a good substitute.
 */
final class SvgFonts {

    private static final String FALLBACKS = ", 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC',"
            + " 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Zen Hei', sans-serif";

    private SvgFonts() {
    }

    static String withFallbacks(String svg, String family) {
        // CjkFonts only returns plain names (letters, digits, space, . _ -), so no escaping is needed here.
        return svg.replace("font-family=\"'" + family + "'\"", "font-family=\"'" + family + "'" + FALLBACKS + "\"");
    }
}
