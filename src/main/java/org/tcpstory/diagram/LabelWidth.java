package org.tcpstory.diagram;

import java.awt.Font;
import java.awt.font.FontRenderContext;

/**
 * Roughly how wide PlantUML will draw a label: measured with Java's font metrics in the font diagrams use,
 * as PlantUML measures it. Only used to pick the widest of several labels.
 */
final class LabelWidth {

    /** The size of arrow labels (Theme: {@code ArrowFontSize 13}). */
    private static final int ARROW_FONT_SIZE = 13;

    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);

    private LabelWidth() {
    }

    /** The width of an arrow label in bold, in pixels. */
    static double bold(String text) {
        Font font = new Font(CjkFonts.family().orElse(Font.SANS_SERIF), Font.BOLD, ARROW_FONT_SIZE);
        return font.getStringBounds(text, CONTEXT).getWidth();
    }
}
