package org.tcpstory.diagram;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.common.usermodel.fonts.FontGroup;
import org.apache.poi.sl.usermodel.Insets2D;
import org.apache.poi.sl.usermodel.PictureData;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.sl.usermodel.TextParagraph;
import org.apache.poi.sl.usermodel.TextShape;
import org.apache.poi.sl.usermodel.VerticalAlignment;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSimpleShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xslf.usermodel.XSLFTextRun;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.openxmlformats.schemas.drawingml.x2006.main.CTRegularTextRun;
import org.openxmlformats.schemas.officeDocument.x2006.extendedProperties.CTProperties;
import org.openxmlformats.schemas.presentationml.x2006.main.CTPicture;

/**
 * A chapter as a PowerPoint deck (Apache POI): a title slide, one slide per step with its frame and caption
 * (the passage of the story in the speaker notes), then the chapter's whole diagrams. Slides are laid out as
 * {@link SlideLayout} lays out a slide image, with real text (a title placeholder, so the outline and screen
 * readers see it; the caption in a text box), each diagram a PNG drawn by PlantUML at the size it takes on
 * the slide at the given scale. Text is set in a CJK face as the East Asian font and a common Latin face,
 * marked with the story's language.
 *
 * <p>The same plan gives byte-identical files: the package is written again with fixed entry times.
 */
final class Deck {

    /** The East Asian face runs name: where it is missing, PowerPoint and Impress fall back to a CJK face. */
    static final String EAST_ASIAN_FONT = "Noto Sans CJK SC";

    /** The Latin face runs name: on every system PowerPoint runs on, and mapped by LibreOffice. */
    static final String LATIN_FONT = "Arial";

    /** Points per pixel at 96 to the inch: POI measures slides in points. */
    private static final double POINTS_PER_PIXEL = 0.75;

    /** Entry times of the written package: fixed, so the same deck gives the same bytes. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);

    static {
        // POI logs through Log4j's API; without a provider Log4j prints a warning on standard error at the
        // first deck. Its own simple logger reports only errors, which is what a command-line tool wants.
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory",
                    "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
    }

    /**
     * One slide with a diagram.
     *
     * @param source  the diagram's PlantUML source
     * @param counter "Step 3 of 15", or empty
     * @param caption the text under the diagram, also the picture's alternative text
     * @param notes   the speaker notes, or empty
     */
    record DiagramSlide(String source, String counter, String caption, String notes) {
    }

    /**
     * What a deck holds.
     *
     * @param title   the chapter's title: the title slide's and every slide's heading
     * @param summary the chapter's summary for the title slide, or empty
     */
    record Plan(String title, String summary, SlideSize size, Theme theme, SlideWords words,
                List<DiagramSlide> slides) {
        Plan {
            slides = List.copyOf(slides);
        }
    }

    private Deck() {
    }

    /**
     * The deck as the bytes of a {@code .pptx} file.
     *
     * @param scale how many pixels a diagram's PNG has per pixel of the slide, 1 to {@link DiagramRenderer#MAX_SCALE}
     * @throws DiagramException when a diagram cannot be drawn
     */
    static byte[] write(Plan plan, DiagramRenderer renderer, int scale) {
        SlideLayout layout = new SlideLayout(plan.size());
        try (XMLSlideShow deck = new XMLSlideShow()) {
            deck.setPageSize(new Dimension(points(plan.size().width()), points(plan.size().height())));
            XSLFSlideMaster master = deck.getSlideMasters().get(0);
            fitToPage(master, plan.size());
            Writer writer = new Writer(deck, plan, layout);
            writer.titleSlide(master.getLayout(org.apache.poi.xslf.usermodel.SlideLayout.TITLE));
            XSLFSlideLayout titleOnly = master.getLayout(org.apache.poi.xslf.usermodel.SlideLayout.TITLE_ONLY);
            Rectangle box = SlideImage.pictureAt(layout, scale);
            for (DiagramSlide slide : plan.slides()) {
                byte[] png = renderer.png(slide.source(), box.width, box.height);
                writer.diagramSlide(titleOnly, slide, png, scale);
            }
            properties(deck, plan);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            deck.write(out);
            return withFixedTimes(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the slides of one deck. */
    private static final class Writer {
        private final XMLSlideShow deck;
        private final Plan plan;
        private final SlideLayout layout;

        Writer(XMLSlideShow deck, Plan plan, SlideLayout layout) {
            this.deck = deck;
            this.plan = plan;
            this.layout = layout;
        }

        void titleSlide(XSLFSlideLayout titleLayout) {
            XSLFSlide slide = newSlide(titleLayout);
            SlideSize size = plan.size();
            int margin = SlideLayout.MARGIN * 2;
            XSLFTextShape title = slide.getPlaceholder(0);
            title.setAnchor(box(new Rectangle(margin, size.height() * 28 / 100, size.width() - 2 * margin,
                    size.height() * 24 / 100)));
            text(title, plan.title(), 40, true);
            title.setTextAutofit(TextShape.TextAutofit.NORMAL);
            XSLFTextShape subtitle = slide.getPlaceholder(1);
            String steps = plan.words().format("steps", plan.slides().stream().filter(s -> !s.counter().isEmpty())
                    .count());
            subtitle.setAnchor(box(new Rectangle(margin, size.height() * 56 / 100, size.width() - 2 * margin,
                    size.height() * 22 / 100)));
            text(subtitle, plan.summary().isBlank() ? steps : plan.summary() + "\n" + steps, 22, false);
        }

        void diagramSlide(XSLFSlideLayout titleOnly, DiagramSlide content, byte[] png, int scale) {
            XSLFSlide slide = newSlide(titleOnly);
            XSLFTextShape title = slide.getPlaceholder(0);
            Rectangle heading = layout.heading(content.counter());
            title.setAnchor(box(heading));
            SlideLayout.Fitted fitted = layout.heading(plan.title(), content.counter());
            text(title, plan.title(), fitted.size(), true);
            title.getTextParagraphs().forEach(p -> p.setTextAlign(TextParagraph.TextAlign.LEFT));
            title.setVerticalAlignment(VerticalAlignment.MIDDLE);
            title.setInsets(new Insets2D(0, 0, 0, 0));
            if (!content.counter().isEmpty()) {
                XSLFTextBox counter = textBox(slide, layout.counter());
                text(counter, content.counter(), SlideLayout.COUNTER_SIZE, false);
                counter.getTextParagraphs().forEach(p -> p.setTextAlign(TextParagraph.TextAlign.RIGHT));
            }
            XSLFPictureData data = deck.addPicture(png, PictureData.PictureType.PNG);
            XSLFPictureShape picture = slide.createPicture(data);
            Rectangle area = layout.picture();
            double width = pngWidth(png) / (double) scale;
            double height = pngHeight(png) / (double) scale;
            picture.setAnchor(new Rectangle2D.Double(
                    points(area.x + (area.width - width) / 2), points(area.y + (area.height - height) / 2),
                    points(width), points(height)));
            ((CTPicture) picture.getXmlObject()).getNvPicPr().getCNvPr().setDescr(content.caption());
            if (!content.caption().isBlank()) {
                XSLFTextBox caption = textBox(slide, layout.caption());
                text(caption, content.caption(), layout.caption(content.caption()).size(), false);
                caption.getTextParagraphs().forEach(p -> p.setTextAlign(TextParagraph.TextAlign.CENTER));
                caption.setVerticalAlignment(VerticalAlignment.MIDDLE);
            }
            notes(slide, content.notes());
        }

        private XSLFSlide newSlide(XSLFSlideLayout slideLayout) {
            XSLFSlide slide = deck.createSlide(slideLayout);
            slide.getBackground().setFillColor(Color.decode(plan.theme().background()));
            return slide;
        }

        private XSLFTextBox textBox(XSLFSlide slide, Rectangle at) {
            XSLFTextBox box = slide.createTextBox();
            box.setAnchor(box(at));
            box.setInsets(new Insets2D(0, 0, 0, 0));
            box.setWordWrap(true);
            return box;
        }

        /** Sets a shape's text, one paragraph per line, every run in the deck's fonts and language. */
        private void text(XSLFTextShape shape, String text, double pixels, boolean bold) {
            String[] lines = text.strip().split("\n");
            for (int i = 0; i < lines.length; i++) {
                XSLFTextRun run = i == 0 ? shape.setText(lines[i]) : shape.appendText(lines[i], true);
                style(run, pixels * POINTS_PER_PIXEL, bold, Color.decode(plan.theme().text()));
            }
        }

        private void style(XSLFTextRun run, double points, boolean bold, Color colour) {
            run.setFontSize(Math.round(points * 2) / 2.0);
            run.setBold(bold);
            run.setFontColor(colour);
            run.setFontFamily(LATIN_FONT, FontGroup.LATIN);
            run.setFontFamily(EAST_ASIAN_FONT, FontGroup.EAST_ASIAN);
            if (run.getXmlObject() instanceof CTRegularTextRun r) {
                r.getRPr().setLang(plan.words().tag());
            }
        }

        /** The speaker notes of a slide, one paragraph per line; none when there is no text. */
        private void notes(XSLFSlide slide, String text) {
            if (text.isBlank()) {
                return;
            }
            XSLFNotes notes = deck.getNotesSlide(slide);
            for (XSLFTextShape shape : notes.getPlaceholders()) {
                if (shape.getTextType() == Placeholder.BODY) {
                    String[] lines = text.strip().split("\n+");
                    for (int i = 0; i < lines.length; i++) {
                        XSLFTextRun run = i == 0 ? shape.setText(lines[i]) : shape.appendText(lines[i], true);
                        style(run, 12, false, Color.BLACK);
                    }
                }
            }
        }
    }

    /**
     * The template's master and layouts are drawn for 4:3: on a wider page their shapes are widened with
     * it, as PowerPoint does when a deck's size changes, so a slide added by hand looks right.
     */
    private static void fitToPage(XSLFSlideMaster master, SlideSize size) {
        double ratio = (double) size.width() / SlideSize.STANDARD.width();
        if (ratio == 1) {
            return;
        }
        widen(master.getShapes(), ratio);
        for (XSLFSlideLayout slideLayout : master.getSlideLayouts()) {
            widen(slideLayout.getShapes(), ratio);
        }
    }

    private static void widen(List<XSLFShape> shapes, double ratio) {
        for (XSLFShape shape : shapes) {
            if (shape instanceof XSLFSimpleShape simple && simple.getAnchor() != null) {
                Rectangle2D at = simple.getAnchor();
                simple.setAnchor(new Rectangle2D.Double(at.getX() * ratio, at.getY(), at.getWidth() * ratio,
                        at.getHeight()));
            }
        }
    }

    /** docProps: the title, and counts that match the deck (the template's say 0 slides, 4:3). */
    private static void properties(XMLSlideShow deck, Plan plan) {
        deck.getProperties().getCoreProperties().setTitle(plan.title());
        deck.getProperties().getCoreProperties().setCreator("tcpstory");
        CTProperties app = deck.getProperties().getExtendedProperties().getUnderlyingProperties();
        app.setApplication("tcpstory");
        app.setPresentationFormat("On-screen Show (" + plan.size().ratio() + ")");
        app.setSlides(deck.getSlides().size());
        app.setNotes((int) deck.getSlides().stream().filter(s -> s.getNotes() != null).count());
    }

    private static Rectangle2D box(Rectangle pixels) {
        return new Rectangle2D.Double(points(pixels.x), points(pixels.y), points(pixels.width),
                points(pixels.height));
    }

    private static int points(int pixels) {
        return (int) Math.round(pixels * POINTS_PER_PIXEL);
    }

    private static double points(double pixels) {
        return pixels * POINTS_PER_PIXEL;
    }

    /** A PNG's width, from its header. */
    private static int pngWidth(byte[] png) {
        return ((png[16] & 0xFF) << 24) | ((png[17] & 0xFF) << 16) | ((png[18] & 0xFF) << 8) | (png[19] & 0xFF);
    }

    private static int pngHeight(byte[] png) {
        return ((png[20] & 0xFF) << 24) | ((png[21] & 0xFF) << 16) | ((png[22] & 0xFF) << 8) | (png[23] & 0xFF);
    }

    /** The package again, entry for entry in the same order, with a fixed time on every entry. */
    private static byte[] withFixedTimes(byte[] pptx) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(pptx.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(pptx));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(copy);
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
