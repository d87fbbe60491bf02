package org.tcpstory.diagram;

import java.util.Arrays;
import java.util.Optional;

/**
 * The shape of a slide, with its size in pixels at scale 1: 96 to the inch, the sizes PowerPoint gives a new
 * deck (13.333 x 7.5 inches for 16:9, 10 x 7.5 for 4:3), so an image fills a slide exactly.
 */
public enum SlideSize {
    WIDE("16:9", 1280, 720), STANDARD("4:3", 960, 720);

    /** English Metric Units (OOXML's unit of length) per pixel at 96 to the inch. */
    static final int EMU_PER_PIXEL = 9525;

    private final String ratio;
    private final int width;
    private final int height;

    SlideSize(String ratio, int width, int height) {
        this.ratio = ratio;
        this.width = width;
        this.height = height;
    }

    /** {@code 16:9} or {@code 4:3}: the name on the command line. */
    public String ratio() {
        return ratio;
    }

    /** The width in pixels at scale 1. */
    public int width() {
        return width;
    }

    /** The height in pixels at scale 1. */
    public int height() {
        return height;
    }

    @Override
    public String toString() {
        return ratio;
    }

    /** The size of a ratio as written on the command line ({@code 16:9}, {@code 4:3}), if it is one. */
    public static Optional<SlideSize> of(String ratio) {
        return Arrays.stream(values()).filter(s -> s.ratio.equals(ratio.strip())).findFirst();
    }
}
