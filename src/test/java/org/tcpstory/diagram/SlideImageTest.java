package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpstory.diagram.TestChapters.CLIENT;
import static org.tcpstory.diagram.TestChapters.HANDSHAKE;
import static org.tcpstory.diagram.TestChapters.SERVER;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.tcpstory.engine.ChapterResult;

class SlideImageTest {

    private final DiagramRenderer renderer = new DiagramRenderer();
    private final ChapterResult handshake = TestChapters.runValid(CLIENT, SERVER, HANDSHAKE);
    private final SlideText text = new SlideText("第一章 · 三次握手", "Step 2 of 4", "周屿：“你好……请问现在可以点单吗？”");

    @Test
    void aSlidePngHasTheSlidesSizeAtTheScaleWithTheDiagramDrawnToFit() throws IOException {
        String source = SequenceDiagram.frame(handshake, Theme.DARK, 1);
        for (SlideSize size : SlideSize.values()) {
            for (int scale : List.of(1, 2)) {
                SlideLayout layout = new SlideLayout(size);
                Rectangle box = SlideImage.pictureAt(layout, scale);
                byte[] diagram = renderer.png(source, box.width, box.height);
                BufferedImage fitted = read(diagram);
                assertTrue(fitted.getWidth() == box.width || fitted.getHeight() == box.height,
                        "fits the box on one side: " + fitted.getWidth() + "x" + fitted.getHeight() + " in " + box);
                assertTrue(fitted.getWidth() <= box.width && fitted.getHeight() <= box.height);

                BufferedImage slide = read(SlideImage.png(diagram, layout, text, Theme.DARK, scale));
                assertEquals(size.width() * scale, slide.getWidth(), size + " x" + scale);
                assertEquals(size.height() * scale, slide.getHeight(), size + " x" + scale);
                Color background = Color.decode(Theme.DARK.background());
                assertEquals(background.getRGB(), slide.getRGB(1, 1), "the theme's background");
                assertTrue(drawn(slide, layout.heading(text.counter()), scale, background) > 0.01, "a heading");
                assertTrue(drawn(slide, layout.caption(), scale, background) > 0.005, "a caption");
            }
        }
    }

    @Test
    void aSlideSvgNestsTheDiagramAndWritesItsWordsAsText() {
        SlideText hostile = new SlideText("<script>alert(1)</script> & \"x\"", "", "a < b\nc > d");
        String svg = SlideImage.svg(renderer.svg(SequenceDiagram.source(handshake, Theme.LIGHT)),
                new SlideLayout(SlideSize.STANDARD), hostile, Theme.LIGHT);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"960px\" "
                + "height=\"720px\""), svg);
        List<String> texts = TestChapters.texts(svg);
        assertTrue(texts.contains("<script>alert(1)</script> & \"x\""), texts::toString);
        assertTrue(texts.contains("a < b") && texts.contains("c > d"), "one line each: " + texts);
        assertTrue(texts.contains("SYN=1, seq=x"), "the diagram's own text: " + texts);
        assertEquals(2, svg.split("<svg", -1).length - 1, "one diagram nested in the slide");
    }

    @Test
    void aCaptionTooLongForItsBoxIsMadeSmallerThenCutShort() {
        SlideLayout layout = new SlideLayout(SlideSize.WIDE);
        SlideLayout.Fitted one = layout.caption("周屿：“你好”");
        assertEquals(List.of("周屿：“你好”"), one.lines());
        assertEquals(SlideLayout.CAPTION_SIZE, one.size());
        String story = "他站在门口的屋檐下，等满两分钟。".repeat(16);
        SlideLayout.Fitted smaller = layout.caption(story.substring(0, 200));
        assertTrue(smaller.size() < SlideLayout.CAPTION_SIZE && !smaller.lines().get(smaller.lines().size() - 1)
                .endsWith("…"), smaller.toString());
        SlideLayout.Fitted cut = layout.caption(story.repeat(4));
        assertEquals(SlideLayout.MIN_CAPTION_SIZE, cut.size());
        assertTrue(cut.lines().get(cut.lines().size() - 1).endsWith("…"), cut.toString());
        assertTrue(cut.lines().size() * SlideLayout.MIN_CAPTION_SIZE * SlideLayout.LEADING <= layout.caption().height);
        for (String line : cut.lines()) {
            assertTrue(SlideLayout.width(line, false, cut.size()) <= layout.caption().width, line);
        }
    }

    /** The share of a box's pixels that are not the background. */
    private static double drawn(BufferedImage image, Rectangle box, int scale, Color background) {
        int drawn = 0;
        int all = 0;
        for (int y = box.y * scale; y < (box.y + box.height) * scale; y += 2) {
            for (int x = box.x * scale; x < (box.x + box.width) * scale; x += 2) {
                all++;
                drawn += image.getRGB(x, y) == background.getRGB() ? 0 : 1;
            }
        }
        return drawn / (double) all;
    }

    private static BufferedImage read(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }
}
