package org.tcpstory.diagram;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.tcpstory.diagnostic.Text;

/**
 * A diagram on a slide, as one image the size of the slide ({@link SlideLayout}): the heading, the counter,
 * the diagram fitted into the middle and the caption, on the theme's background. PNGs are drawn at the
 * slide's size times the scale, the diagram drawn by PlantUML at the size it takes there (never resampled);
 * SVGs hold the diagram's own SVG, scaled by its viewBox.
 */
final class SlideImage {

    private static final Pattern ROOT = Pattern.compile("<svg\\b[^>]*>");
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 ([0-9.]+) ([0-9.]+)\"");

    private SlideImage() {
    }

    /** The size, in pixels, the diagram of a slide is drawn at: the picture box times the scale. */
    static Rectangle pictureAt(SlideLayout layout, int scale) {
        Rectangle box = layout.picture();
        return new Rectangle(box.x * scale, box.y * scale, box.width * scale, box.height * scale);
    }

    /**
     * The slide as a PNG of the slide's size times {@code scale}.
     *
     * @param diagramPng the diagram, drawn to fit {@link #pictureAt}
     */
    static byte[] png(byte[] diagramPng, SlideLayout layout, SlideText text, Theme theme, int scale) {
        try {
            BufferedImage diagram = ImageIO.read(new ByteArrayInputStream(diagramPng));
            SlideSize size = layout.size();
            BufferedImage canvas = new BufferedImage(size.width() * scale, size.height() * scale,
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D g = canvas.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.setColor(Color.decode(theme.background()));
                g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
                Rectangle picture = pictureAt(layout, scale);
                g.drawImage(diagram, picture.x + (picture.width - diagram.getWidth()) / 2,
                        picture.y + (picture.height - diagram.getHeight()) / 2, null);
                g.scale(scale, scale);
                g.setColor(Color.decode(theme.text()));
                for (Line line : lines(layout, text)) {
                    g.setFont(SlideLayout.font(line.bold(), line.size()));
                    float x = line.anchor() == Anchor.START ? line.x()
                            : line.x() - (float) (SlideLayout.width(line.text(), line.bold(), line.size())
                                    / (line.anchor() == Anchor.END ? 1 : 2));
                    g.drawString(line.text(), x, line.baseline());
                }
            } finally {
                g.dispose();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(canvas, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The slide as an SVG of the slide's size, the diagram's SVG nested in it. */
    static String svg(String diagramSvg, SlideLayout layout, SlideText text, Theme theme) {
        Matcher root = ROOT.matcher(diagramSvg);
        Matcher box = VIEW_BOX.matcher(diagramSvg);
        if (!root.find() || !box.find(root.start()) || box.start() > root.end()) {
            throw new DiagramException(Text.of("drawing.noViewBox"), 0);
        }
        double width = Double.parseDouble(box.group(1));
        double height = Double.parseDouble(box.group(2));
        Rectangle picture = layout.picture();
        double fit = Math.min(picture.width / width, picture.height / height);
        double w = width * fit;
        double h = height * fit;
        SlideSize size = layout.size();
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(size.width())
                .append("px\" height=\"").append(size.height()).append("px\" viewBox=\"0 0 ").append(size.width())
                .append(' ').append(size.height()).append("\">");
        out.append("<rect width=\"").append(size.width()).append("\" height=\"").append(size.height())
                .append("\" fill=\"").append(theme.background()).append("\"/>");
        out.append("<svg x=\"").append(number(picture.x + (picture.width - w) / 2)).append("\" y=\"")
                .append(number(picture.y + (picture.height - h) / 2)).append("\" width=\"").append(number(w))
                .append("\" height=\"").append(number(h)).append("\" viewBox=\"0 0 ").append(box.group(1)).append(' ')
                .append(box.group(2)).append("\" preserveAspectRatio=\"xMidYMid meet\">");
        int end = diagramSvg.lastIndexOf("</svg>");
        out.append(diagramSvg, root.end(), end).append("</svg>");
        String family = "'" + SlideLayout.family() + "'";
        for (Line line : lines(layout, text)) {
            out.append("<text x=\"").append(number(line.x())).append("\" y=\"").append(number(line.baseline()))
                    .append("\" font-family=\"").append(family).append("\" font-size=\"").append(number(line.size()))
                    .append('"').append(line.bold() ? " font-weight=\"700\"" : "").append(" fill=\"")
                    .append(theme.text()).append('"')
                    .append(line.anchor() == Anchor.START ? "" : line.anchor() == Anchor.END
                            ? " text-anchor=\"end\"" : " text-anchor=\"middle\"")
                    .append('>').append(SvgText.escape(line.text())).append("</text>");
        }
        out.append("</svg>\n");
        String svg = CjkFonts.family().map(f -> SvgFonts.withFallbacks(out.toString(), f)).orElse(out.toString());
        SvgSafety.check(svg);
        return svg;
    }

    private enum Anchor { START, MIDDLE, END }

    /** One line of text on the slide, at its baseline, in pixels at scale 1. */
    private record Line(String text, boolean bold, float size, float x, float baseline, Anchor anchor) {
    }

    /** Every line of text of a slide: the heading, the counter and the caption, fitted. */
    private static List<Line> lines(SlideLayout layout, SlideText text) {
        List<Line> lines = new ArrayList<>();
        Rectangle heading = layout.heading(text.counter());
        SlideLayout.Fitted title = layout.heading(text.heading(), text.counter());
        float middle = heading.y + heading.height / 2f;
        for (String line : title.lines()) {
            lines.add(new Line(line, true, title.size(), heading.x, middle + title.size() * 0.36f, Anchor.START));
        }
        if (!text.counter().isEmpty()) {
            Rectangle counter = layout.counter();
            lines.add(new Line(text.counter(), false, SlideLayout.COUNTER_SIZE, counter.x + counter.width,
                    middle + SlideLayout.COUNTER_SIZE * 0.36f, Anchor.END));
        }
        if (!text.caption().isBlank()) {
            Rectangle box = layout.caption();
            SlideLayout.Fitted caption = layout.caption(text.caption());
            float lineHeight = caption.size() * SlideLayout.LEADING;
            float top = box.y + (box.height - lineHeight * caption.lines().size()) / 2;
            for (int i = 0; i < caption.lines().size(); i++) {
                lines.add(new Line(caption.lines().get(i), false, caption.size(), box.x + box.width / 2f,
                        top + lineHeight * i + caption.size() * 1.05f, Anchor.MIDDLE));
            }
        }
        return lines;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
    }
}
