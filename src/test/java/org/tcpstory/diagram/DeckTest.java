package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.diagram.Exporter.Format;
import org.tcpstory.engine.ChapterResult;

/** Decks ({@code --format pptx}): reopened with POI, checked as a package, opened with LibreOffice. */
class DeckTest {

    private final Exporter exporter = new Exporter(new DiagramRenderer(), 2);

    @TempDir
    Path dir;

    /** The deck of a bundled chapter, as the diagrams command makes it. */
    private byte[] deck(ChapterResult result, Optional<SlideSize> size, SlideWords words, int scale) {
        Exporter.Options options = new Exporter.Options(EnumSet.of(Format.PPTX), Theme.LIGHT, scale, false, size, words);
        List<Exporter.Planned> planned = Exporter.plan(result, options);
        assertEquals(1, planned.size(), "only the deck: " + planned);
        assertEquals(result.chapter().slug() + "-slides.pptx", planned.get(0).name().toString());
        return exporter.render(planned.get(0), options);
    }

    @Test
    void aDeckHasATitleSlideAStepSlideForEachFrameAndTheWholeDiagrams() throws IOException {
        ChapterResult result = TestChapters.bundled("05-same-moment.md");
        List<Integer> frames = SequenceDiagram.frameSteps(result);
        Moments moments = Moments.of(result, SlideWords.CHINESE);
        byte[] bytes = deck(result, Optional.empty(), SlideWords.CHINESE, 1);
        try (XMLSlideShow deck = new XMLSlideShow(new ByteArrayInputStream(bytes))) {
            assertEquals(new Dimension(960, 540), deck.getPageSize(), "16:9 by default");
            List<XSLFSlide> slides = deck.getSlides();
            assertEquals(1 + frames.size() + 3, slides.size());
            String title = "第五章 · 同时说再见";
            assertEquals(title, title(slides.get(0)));
            assertTrue(texts(slides.get(0)).contains("两个 FIN 在半路擦肩而过，两个人一起进入 CLOSING，又一起进入 TIME-WAIT\n共 9 步"),
                    "the summary and the number of steps: " + texts(slides.get(0)));
            for (int i = 0; i < frames.size(); i++) {
                XSLFSlide slide = slides.get(1 + i);
                assertEquals(title, title(slide), "slide " + (i + 2));
                List<String> texts = texts(slide);
                assertTrue(texts.contains("第 " + (i + 1) + " 步，共 9 步"), texts.toString());
                assertTrue(texts.contains(moments.caption(frames.get(i))), texts + " lacks " + moments.caption(frames.get(i)));
                assertEquals(1, pictures(slide).size(), "one frame per step slide");
                assertEquals(moments.passage(frames.get(i)).replaceAll("\n+", "\n"), notes(slide));
            }
            assertTrue(texts(slides.get(1)).contains("周屿：“那我先走——”\n林晚：“那我先关——”"), texts(slides.get(1)).toString());
            assertTrue(notes(slides.get(1)).startsWith("下雨的晚上，店里只剩他们两个。"), notes(slides.get(1)));
            List<String> closing = List.of("完整的对话", "这一章经过的状态，和双方各自走过的路", "RFC 9293 的 TCP 状态图，标出了这一章的路径");
            for (int i = 0; i < 3; i++) {
                XSLFSlide slide = slides.get(1 + frames.size() + i);
                assertEquals(title, title(slide));
                assertTrue(texts(slide).contains(closing.get(i)), texts(slide).toString());
                assertEquals(1, pictures(slide).size());
            }
            assertTrue(notes(slides.get(1 + frames.size())).startsWith("各自的 FIN 都占了一个号"), "the epilogue");

            // Every picture is a PNG drawn at the size it takes on the slide, not resampled.
            for (XSLFSlide slide : slides.subList(1, slides.size())) {
                XSLFPictureShape picture = pictures(slide).get(0);
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(picture.getPictureData().getData()));
                assertEquals(picture.getAnchor().getWidth() / 0.75, image.getWidth(), 1, "slide " + slide.getSlideNumber());
                assertEquals(picture.getAnchor().getHeight() / 0.75, image.getHeight(), 1);
                assertTrue(picture.getAnchor().getMaxX() <= 960 && picture.getAnchor().getMaxY() <= 540);
            }
        }
    }

    @Test
    void theSlideSizeFollowsSlideAndTheScaleSharpensThePictures() throws IOException {
        ChapterResult result = TestChapters.runValid(TestChapters.CLIENT, TestChapters.SERVER, TestChapters.HANDSHAKE);
        try (XMLSlideShow deck = new XMLSlideShow(new ByteArrayInputStream(
                deck(result, Optional.of(SlideSize.STANDARD), SlideWords.ENGLISH, 2)))) {
            assertEquals(new Dimension(720, 540), deck.getPageSize());
            assertEquals(1 + 4 + 3, deck.getSlides().size());
            assertTrue(texts(deck.getSlides().get(2)).contains("Step 2 of 4"), texts(deck.getSlides().get(2)).toString());
            XSLFPictureShape picture = pictures(deck.getSlides().get(1)).get(0);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(picture.getPictureData().getData()));
            assertEquals(picture.getAnchor().getWidth() / 0.75 * 2, image.getWidth(), 2, "twice the pixels");
            assertTrue(texts(deck.getSlides().get(0)).contains("4 steps"), "no summary: " + texts(deck.getSlides().get(0)));
        }
    }

    @Test
    void theSameChapterGivesTheSameBytes() {
        ChapterResult result = TestChapters.runValid(TestChapters.CLIENT, TestChapters.SERVER, TestChapters.HANDSHAKE);
        assertArrayEquals(deck(result, Optional.empty(), SlideWords.CHINESE, 1),
                deck(result, Optional.empty(), SlideWords.CHINESE, 1));
    }

    /**
     * What PowerPoint checks before it offers to repair a file: no empty part, every text body with a
     * paragraph, every relationship's target in the package, every part with a content type, and runs that
     * name a CJK face as their East Asian font, marked with the story's language.
     */
    @Test
    void theDeckIsAWellFormedPackage() throws IOException {
        byte[] bytes = deck(TestChapters.bundled("05-same-moment.md"), Optional.empty(), SlideWords.CHINESE, 1);
        Map<String, byte[]> parts = new HashMap<>();
        List<String> order = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                byte[] content = zip.readAllBytes();
                assertTrue(content.length > 0, entry.getName() + " is empty");
                assertFalse(parts.containsKey(entry.getName()), "twice: " + entry.getName());
                parts.put(entry.getName(), content);
                order.add(entry.getName());
            }
        }
        assertEquals("[Content_Types].xml", order.get(0));
        String types = new String(parts.get("[Content_Types].xml"), StandardCharsets.UTF_8);
        Pattern target = Pattern.compile("Target=\"([^\"]+)\"(?: TargetMode=\"External\")?");
        for (String name : order) {
            String xml = new String(parts.get(name), StandardCharsets.UTF_8);
            if (name.endsWith(".rels")) {
                String folder = name.substring(0, name.indexOf("_rels/"));
                Matcher m = target.matcher(xml);
                while (m.find()) {
                    String resolved = Path.of("/" + folder).resolve(m.group(1)).normalize().toString().substring(1);
                    assertTrue(m.group(1).startsWith("http") || parts.containsKey(resolved),
                            name + " points at " + m.group(1) + ", which is not in the package");
                }
            } else if (!name.equals("[Content_Types].xml")) {
                String extension = name.substring(name.lastIndexOf('.') + 1);
                assertTrue(types.contains("PartName=\"/" + name + "\"") || types.contains("Extension=\"" + extension + "\""),
                        name + " has no content type");
            }
            if (name.startsWith("ppt/slides/slide") || name.startsWith("ppt/notesSlides/")) {
                Matcher body = Pattern.compile("<p:txBody>(.*?)</p:txBody>").matcher(xml);
                int bodies = 0;
                while (body.find()) {
                    bodies++;
                    assertTrue(Pattern.compile("<a:p[ />]").matcher(body.group(1)).find(),
                            name + ": a text body with no paragraph: " + body.group());
                }
                assertEquals(count(xml, "<p:txBody"), bodies, name);
            }
            if (name.startsWith("ppt/slides/slide")) {
                assertTrue(xml.contains("<a:ea typeface=\"" + Deck.EAST_ASIAN_FONT + "\"/>"), name);
                assertTrue(xml.contains("<a:latin typeface=\"" + Deck.LATIN_FONT + "\"/>"), name);
                assertTrue(xml.contains("lang=\"zh-CN\""), name);
                assertFalse(xml.contains("lang=\"en-US\"><a:latin"), name);
            }
        }
        String app = new String(parts.get("docProps/app.xml"), StandardCharsets.UTF_8);
        assertTrue(app.contains("<Slides>13</Slides>") && app.contains("(16:9)"), app);
    }

    @Test
    void libreOfficeOpensTheDeckAndDrawsItsSlides() throws Exception {
        LibreOffice.require();
        ChapterResult result = TestChapters.bundled("05-same-moment.md");
        Path file = dir.resolve("same-moment-slides.pptx");
        Files.write(file, deck(result, Optional.empty(), SlideWords.CHINESE, 1));
        Path pdf = LibreOffice.toPdf(file, dir);
        assertEquals(1 + SequenceDiagram.frameSteps(result).size() + 3, LibreOffice.pages(pdf, dir));
        // The slide where both FINs are on the wire: not blank, and not one colour.
        BufferedImage page = ImageIO.read(LibreOffice.page(pdf, 3, dir).toFile());
        assertNotNull(page);
        assertEquals(16 / 9.0, page.getWidth() / (double) page.getHeight(), 0.02);
        int white = page.getRGB(0, 0);
        long drawn = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                drawn += page.getRGB(x, y) == white ? 0 : 1;
                colours.add(page.getRGB(x, y));
            }
        }
        assertTrue(drawn > page.getWidth() * page.getHeight() / 100, "the page is blank: " + drawn + " pixels drawn");
        assertTrue(colours.size() > 8, "the frame's colours: " + colours.size());
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** The text of a slide's title placeholder, centred (a title slide's) or not. */
    private static String title(XSLFSlide slide) {
        for (XSLFTextShape shape : slide.getPlaceholders()) {
            if (shape.getTextType() == Placeholder.TITLE || shape.getTextType() == Placeholder.CENTERED_TITLE) {
                return shape.getText();
            }
        }
        return null;
    }

    private static List<String> texts(XSLFSlide slide) {
        List<String> texts = new ArrayList<>();
        for (XSLFShape shape : slide.getShapes()) {
            if (shape instanceof XSLFTextShape text) {
                texts.add(text.getText());
            }
        }
        return texts;
    }

    private static List<XSLFPictureShape> pictures(XSLFSlide slide) {
        return slide.getShapes().stream().filter(s -> s instanceof XSLFPictureShape).map(s -> (XSLFPictureShape) s)
                .toList();
    }

    private static String notes(XSLFSlide slide) {
        XSLFNotes notes = slide.getNotes();
        if (notes == null) {
            return "";
        }
        for (XSLFTextShape shape : notes.getPlaceholders()) {
            if (shape.getTextType() == Placeholder.BODY) {
                return shape.getText();
            }
        }
        return "";
    }
}
