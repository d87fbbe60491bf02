package org.tcpstory.diagram;

import java.awt.Font;
import java.awt.Rectangle;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;

/**
 * Where things go on a slide, in pixels at scale 1, the same for a slide image and a deck's slide: the
 * chapter's title as a heading across the top, the step counter at its right, the diagram in the middle as
 * large as it fits, the caption under it. Text is fitted here too (wrapped, and made smaller or cut short
 * with an ellipsis when it does not fit), measured with the font diagrams are drawn with.
 */
final class SlideLayout {

    static final int MARGIN = 40;
    static final int TOP = 22;
    static final int HEADING_HEIGHT = 50;
    static final int GAP = 12;
    static final int CAPTION_HEIGHT = 96;
    static final int BOTTOM = 18;

    static final float HEADING_SIZE = 30;
    static final float MIN_HEADING_SIZE = 20;
    static final float COUNTER_SIZE = 18;
    static final float CAPTION_SIZE = 22;
    static final float MIN_CAPTION_SIZE = 15;
    /** Line height as a multiple of the font size. */
    static final float LEADING = 1.35f;

    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);

    /** Lines of text fitted into a box, and the font size they fit at. */
    record Fitted(List<String> lines, float size) {
        Fitted {
            lines = List.copyOf(lines);
        }
    }

    private final SlideSize size;

    SlideLayout(SlideSize size) {
        this.size = size;
    }

    SlideSize size() {
        return size;
    }

    /** The heading's line, left of the counter. */
    Rectangle heading(String counter) {
        int counterWidth = counter.isEmpty() ? 0 : (int) Math.ceil(width(counter, false, COUNTER_SIZE)) + 2 * GAP;
        return new Rectangle(MARGIN, TOP, size.width() - 2 * MARGIN - counterWidth, HEADING_HEIGHT);
    }

    /** The counter ("Step 3 of 15"), right-aligned on the heading's line. */
    Rectangle counter() {
        return new Rectangle(MARGIN, TOP, size.width() - 2 * MARGIN, HEADING_HEIGHT);
    }

    /** The box the diagram is fitted into. */
    Rectangle picture() {
        int y = TOP + HEADING_HEIGHT + GAP;
        return new Rectangle(MARGIN, y, size.width() - 2 * MARGIN, caption().y - GAP - y);
    }

    /** The caption's box, at the bottom. */
    Rectangle caption() {
        return new Rectangle(MARGIN, size.height() - BOTTOM - CAPTION_HEIGHT, size.width() - 2 * MARGIN,
                CAPTION_HEIGHT);
    }

    /** The heading on one line: smaller down to {@link #MIN_HEADING_SIZE}, then cut short. */
    Fitted heading(String title, String counter) {
        return fit(title, true, HEADING_SIZE, MIN_HEADING_SIZE, heading(counter).width, 1);
    }

    /** The caption on the lines its box holds: smaller down to {@link #MIN_CAPTION_SIZE}, then cut short. */
    Fitted caption(String text) {
        Rectangle box = caption();
        for (float size = CAPTION_SIZE; size >= MIN_CAPTION_SIZE; size -= 1) {
            int lines = (int) (box.height / (size * LEADING));
            Fitted fitted = fit(text, false, size, size, box.width, lines);
            if (!fitted.lines().isEmpty() && !fitted.lines().get(fitted.lines().size() - 1).endsWith(ELLIPSIS)) {
                return fitted;
            }
        }
        return fit(text, false, MIN_CAPTION_SIZE, MIN_CAPTION_SIZE, box.width,
                (int) (box.height / (MIN_CAPTION_SIZE * LEADING)));
    }

    private static final String ELLIPSIS = "…";

    /**
     * Text wrapped to {@code width} (its own line breaks kept) at the largest size from {@code size} down to
     * {@code min} that needs at most {@code maxLines} lines; at {@code min}, the last line that fits ends in
     * an ellipsis.
     */
    static Fitted fit(String text, boolean bold, float size, float min, int width, int maxLines) {
        for (float s = size; s >= min; s -= 1) {
            List<String> lines = wrap(text, font(bold, s), width);
            if (lines.size() <= maxLines) {
                return new Fitted(lines, s);
            }
        }
        List<String> lines = new ArrayList<>(wrap(text, font(bold, min), width).subList(0, Math.max(1, maxLines)));
        int last = lines.size() - 1;
        String cut = lines.get(last).stripTrailing();
        while (!cut.isEmpty() && width(cut + ELLIPSIS, bold, min) > width) {
            cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1)).stripTrailing();
        }
        lines.set(last, cut + ELLIPSIS);
        return new Fitted(lines, min);
    }

    /** Lines of at most {@code width} pixels, broken where the language allows (between Chinese characters too). */
    static List<String> wrap(String text, Font font, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.strip().split("\n")) {
            if (paragraph.isBlank()) {
                continue;
            }
            AttributedString attributed = new AttributedString(paragraph);
            attributed.addAttribute(TextAttribute.FONT, font);
            LineBreakMeasurer measurer = new LineBreakMeasurer(attributed.getIterator(), CONTEXT);
            int start = 0;
            while (measurer.getPosition() < paragraph.length()) {
                // A little short of the width: metrics are floats, and another renderer's differ slightly.
                int end = measurer.nextOffset(width - 2);
                if (end == start) {
                    end = paragraph.offsetByCodePoints(start, 1);
                }
                measurer.setPosition(end);
                lines.add(paragraph.substring(start, end).strip());
                start = end;
            }
        }
        return lines;
    }

    static double width(String text, boolean bold, float size) {
        return font(bold, size).getStringBounds(text, CONTEXT).getWidth();
    }

    /** The font slides are written in: the CJK family diagrams use, so Chinese and Latin both draw. */
    static Font font(boolean bold, float size) {
        return new Font(CjkFonts.family().orElse(Font.SANS_SERIF), bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(size);
    }

    /** The family name to write into an SVG or a deck. */
    static String family() {
        return CjkFonts.family().orElse("sans-serif");
    }
}
