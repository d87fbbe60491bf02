package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tcpstory.diagram.TestChapters.CLIENT;
import static org.tcpstory.diagram.TestChapters.HANDSHAKE;
import static org.tcpstory.diagram.TestChapters.OPEN_A;
import static org.tcpstory.diagram.TestChapters.OPEN_B;
import static org.tcpstory.diagram.TestChapters.SERVER;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.tcpstory.OptionalPackages;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagram.Exporter.FileName;
import org.tcpstory.diagram.Exporter.Format;
import org.tcpstory.diagram.Exporter.Kind;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.EventLimits;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ExporterTest {

    private static final Exporter.Options ALL = new Exporter.Options(EnumSet.of(Format.SVG, Format.PNG, Format.PUML), Theme.LIGHT, 1, true);

    /** Eleven events (the expects draw nothing): frame numbers need two digits. */
    private static ChapterResult talk() {
        List<String> events = new ArrayList<>();
        int a = 0;
        int b = 0;
        for (int i = 0; i < 5; i++) {
            events.add("A -> B: ACK, PSH, seq=u+" + a + ", ack=v+" + b + ", len=2");
            a += 2;
            events.add("B -> A: ACK, seq=v+" + b + ", ack=u+" + a);
            events.add("expect A ESTABLISHED, B ESTABLISHED");
        }
        events.add("note A, B: 说完了");
        return TestChapters.runValid(OPEN_A, OPEN_B, events.toArray(String[]::new));
    }

    @Test
    void filesHaveStableNamesAndFramesSortInTheOrderOfTheStory() {
        List<String> names = Exporter.plan(TestChapters.runValid(CLIENT, SERVER, HANDSHAKE), ALL).stream()
                .map(p -> p.name().toString()).toList();
        assertEquals(List.of("scenario-sequence.svg", "scenario-sequence.png", "scenario-sequence.puml",
                "scenario-states.svg", "scenario-states.png", "scenario-states.puml",
                "scenario-sequence-step-01.svg", "scenario-sequence-step-01.png", "scenario-sequence-step-01.puml",
                "scenario-sequence-step-02.svg", "scenario-sequence-step-02.png", "scenario-sequence-step-02.puml",
                "scenario-sequence-step-03.svg", "scenario-sequence-step-03.png", "scenario-sequence-step-03.puml",
                "scenario-sequence-step-04.svg", "scenario-sequence-step-04.png", "scenario-sequence-step-04.puml"),
                names);

        Exporter.Options pngs = new Exporter.Options(Set.of(Format.PNG), Theme.DARK, 2, true);
        List<String> frames = Exporter.plan(talk(), pngs).stream().map(p -> p.name().toString())
                .filter(n -> n.contains("-step-")).toList();
        assertEquals(11, frames.size(), frames::toString);
        assertEquals("scenario-sequence-step-01.png", frames.get(0));
        assertEquals("scenario-sequence-step-11.png", frames.get(10));
        assertEquals(frames, frames.stream().sorted().toList(), "names sort in the order of the events");
        assertEquals(List.of("01", "09", "10", "99", "100"), List.of(Exporter.frameNumber(1), Exporter.frameNumber(9),
                Exporter.frameNumber(10), Exporter.frameNumber(99), Exporter.frameNumber(100)),
                "two digits at least, the same whatever the number of frames");
        assertEquals(List.of("scenario-sequence.png", "scenario-states.png"), Exporter.plan(talk(),
                new Exporter.Options(Set.of(Format.PNG), Theme.DARK, 2, false)).stream()
                .map(p -> p.name().toString()).toList(), "no frames without steps");
    }

    @Test
    void fileNamesParseBackAndNothingElseDoes() {
        assertEquals(Optional.of(new FileName("a-b", Kind.STEP, "01", Format.SVG)),
                FileName.parse("a-b-sequence-step-01.svg"));
        assertEquals(Optional.of(new FileName("x-states", Kind.SEQUENCE, "", Format.PNG)),
                FileName.parse("x-states-sequence.png"));
        assertEquals(Optional.of(new FileName("x-sequence-step-1", Kind.STATES, "", Format.PUML)),
                FileName.parse("x-sequence-step-1-states.puml"));
        assertEquals("a-b-sequence-step-01.svg", FileName.parse("a-b-sequence-step-01.svg").get().toString());
        assertEquals(FileName.parse("a-sequence-step-1.png").get().group(),
                FileName.parse("a-sequence-step-10.png").get().group(), "the frames of a chapter are one group");
        for (String other : List.of("notes.txt", "a-sequence.jpg", "../a-sequence.svg", "a/b-sequence.svg",
                "A-sequence.svg", "-sequence.svg", ".a-sequence.svg", "a-sequence.svg.tmp", "a-step-1.svg")) {
            assertEquals(Optional.empty(), FileName.parse(other), other);
        }
    }

    @Test
    void chaptersArriveInOrderAndOneThatCannotBeDrawnDoesNotStopTheOthers() throws Exception {
        ChapterResult good = TestChapters.runValid(CLIENT, SERVER, HANDSHAKE);
        Chapter c = good.chapter();
        ChapterResult badSlug = new ChapterResult(new Chapter(c.file(), "../evil", c.order(), c.frontMatter(),
                c.prose(), c.blocks(), c.lines()), good.peers(), good.initialStates(), good.steps(), good.diagnostics());
        // The longest label a peer may have, at three times the pixels: more than a PNG may have on a side.
        ChapterResult huge = TestChapters.run(TestChapters.labelled("W".repeat(EventLimits.MAX_TEXT),
                "state: ESTABLISHED, seq: u"), OPEN_B, "A -> B: ACK, seq=u, ack=v, len=1");
        List<Exporter.ChapterFiles> got = new ArrayList<>();
        Exporter.Options options = new Exporter.Options(EnumSet.of(Format.SVG, Format.PNG), Theme.LIGHT, 3, true);
        new Exporter(new DiagramRenderer(), 3).export(List.of(good, badSlug, huge, good), options, got::add);

        assertEquals(4, got.size());
        assertTrue(got.get(0).failure().isEmpty() && got.get(3).failure().isEmpty());
        assertEquals(Exporter.plan(good, options).size(), got.get(0).files().size());
        String badName = Messages.english().render(got.get(1).failure().orElseThrow());
        assertTrue(badName.contains("../evil"), badName);
        assertTrue(got.get(1).files().isEmpty());
        String failure = Messages.english().render(got.get(2).failure().orElseThrow());
        assertTrue(failure.startsWith("the sequence diagram ("), failure);
        String chinese = Messages.of(Language.CHINESE).render(got.get(2).failure().orElseThrow());
        assertTrue(chinese.startsWith("时序图（") && chinese.contains("画不出来：这张图在 3 倍时是"), chinese);
        assertTrue(failure.contains("more than " + DiagramRenderer.MAX_PNG_SIDE) && failure.contains(".png"), failure);
        assertTrue(got.get(2).files().isEmpty(), "a chapter is written whole or not at all");
        for (int i = 0; i < got.get(0).files().size(); i++) {
            assertEquals(got.get(0).files().get(i).name(), got.get(3).files().get(i).name());
            assertArrayEquals(got.get(0).files().get(i).bytes(), got.get(3).files().get(i).bytes());
        }
    }

    @Test
    void renderingOnManyThreadsGivesWhatOneThreadGives() throws Exception {
        List<ChapterResult> chapters = List.of(TestChapters.runValid(CLIENT, SERVER, HANDSHAKE), talk(),
                TestChapters.run(OPEN_A, OPEN_B, "A ~> B: FIN, ACK, seq=u, ack=v as f1",
                        "B ~> A: FIN, ACK, seq=v, ack=u as f2", "f1 arrives", "f2 arrives"));
        Exporter.Options options = new Exporter.Options(EnumSet.of(Format.SVG, Format.PNG), Theme.PRINT, 1, true);
        List<Exporter.DiagramFile> one = new ArrayList<>();
        new Exporter(new DiagramRenderer(), 1).export(chapters, options, c -> one.addAll(c.files()));
        List<Exporter.DiagramFile> four = new ArrayList<>();
        new Exporter(new DiagramRenderer(), 4).export(chapters, options, c -> four.addAll(c.files()));
        assertEquals(one.size(), four.size());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.get(i).name(), four.get(i).name());
            assertArrayEquals(one.get(i).bytes(), four.get(i).bytes(), one.get(i).name());
        }
    }

    /**
     * A Chinese label in a PNG is drawn with real glyphs: cut into one cell per character, the cells all
     * differ. Drawn with a Latin-only font, the same label is a row of identical missing-glyph boxes, which
     * the same measure recognises (the control that shows the measure works).
     */
    @Test
    void chineseLabelsAreDrawnWithGlyphsNotBoxes() throws IOException {
        OptionalPackages.requireCjkFont();
        String family = CjkFonts.family().orElseThrow();
        String label = "男生客户端";
        assertEquals(-1, new Font(family, Font.PLAIN, 14).canDisplayUpTo(label), family);
        ChapterResult result = TestChapters.run(TestChapters.labelled(label, "state: ESTABLISHED, seq: u"),
                OPEN_B, "A -> B: ACK, seq=u, ack=v, len=1");
        List<Exporter.Planned> planned = Exporter.plan(result,
                new Exporter.Options(EnumSet.of(Format.SVG, Format.PNG), Theme.LIGHT, 2, false));
        Exporter exporter = new Exporter(new DiagramRenderer(), 1);
        Exporter.Options options = new Exporter.Options(EnumSet.of(Format.PNG), Theme.LIGHT, 2, false);
        String source = planned.get(0).source();
        String svg = new String(exporter.render(planned.get(0), options), StandardCharsets.UTF_8);
        assertTrue(svg.contains("font-family=\"'" + family + "'"), "the SVG names the CJK font");

        double difference = glyphDifference(png(exporter, source, options), svg, label);
        assertTrue(difference > 0.3, "the five characters look alike (" + difference + "): missing-glyph boxes?");

        String latin = "DejaVu Sans";
        if (new Font(latin, Font.PLAIN, 14).getFamily().equals(latin)) {
            String boxed = source.replace("defaultFontName \"" + family + "\"", "defaultFontName \"" + latin + "\"");
            String boxedSvg = new DiagramRenderer().svg(boxed);
            double boxes = glyphDifference(png(exporter, boxed, options), boxedSvg, label);
            assertTrue(boxes < 0.1, "the control: with " + latin + " the label should be five equal boxes, but the"
                    + " measure says " + boxes);
        }
    }

    private static BufferedImage png(Exporter exporter, String source, Exporter.Options options) throws IOException {
        FileName name = new FileName("x", Kind.SEQUENCE, "", Format.PNG);
        return ImageIO.read(new ByteArrayInputStream(exporter.render(new Exporter.Planned(name, source), options)));
    }

    /**
     * How different the characters of a label look in a PNG drawn at scale 2: the label (found through the SVG
     * of the same source) is cut into one cell per character; for each pair of cells, the share of ink pixels
     * that differ at their best alignment (within 3 pixels); the smallest over all pairs. Equal boxes give
     * about 0, distinct characters much more.
     */
    private static double glyphDifference(BufferedImage png, String svg, String label) {
        Element text = null;
        NodeList nodes = TestChapters.xml(svg).getElementsByTagNameNS("*", "text");
        for (int i = 0; i < nodes.getLength() && text == null; i++) {
            if (nodes.item(i).getTextContent().equals(label)) {
                text = (Element) nodes.item(i);
            }
        }
        assertTrue(text != null, label + " is not in the SVG");
        double x = Double.parseDouble(text.getAttribute("x"));
        double baseline = Double.parseDouble(text.getAttribute("y"));
        double length = Double.parseDouble(text.getAttribute("textLength"));
        double size = Double.parseDouble(text.getAttribute("font-size"));
        int scale = 2;
        int top = (int) Math.floor((baseline - size) * scale);
        int bottom = (int) Math.ceil((baseline + size * 0.3) * scale);
        int n = label.codePointCount(0, label.length());
        List<boolean[][]> cells = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int left = (int) Math.floor((x + k * length / n) * scale);
            int right = (int) Math.ceil((x + (k + 1) * length / n) * scale);
            boolean[][] ink = new boolean[bottom - top][right - left];
            int count = 0;
            for (int row = top; row < bottom; row++) {
                for (int col = left; col < right; col++) {
                    int rgb = png.getRGB(col, row);
                    int luminance = (((rgb >> 16) & 0xFF) * 3 + ((rgb >> 8) & 0xFF) * 6 + (rgb & 0xFF)) / 10;
                    ink[row - top][col - left] = luminance < 128;
                    count += luminance < 128 ? 1 : 0;
                }
            }
            assertTrue(count > ink.length * ink[0].length / 50, "no ink in character cell " + k);
            cells.add(ink);
        }
        double smallest = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                smallest = Math.min(smallest, bestDifference(cells.get(i), cells.get(j)));
            }
        }
        return smallest;
    }

    private static double bestDifference(boolean[][] a, boolean[][] b) {
        double best = Double.MAX_VALUE;
        for (int dy = -3; dy <= 3; dy++) {
            for (int dx = -3; dx <= 3; dx++) {
                int differ = 0;
                int inked = 0;
                for (int row = 0; row < a.length; row++) {
                    for (int col = 0; col < a[0].length; col++) {
                        boolean p = a[row][col];
                        int r = row + dy;
                        int c = col + dx;
                        boolean q = r >= 0 && r < b.length && c >= 0 && c < b[0].length && b[r][c];
                        differ += p != q ? 1 : 0;
                        inked += p || q ? 1 : 0;
                    }
                }
                best = Math.min(best, inked == 0 ? 0 : (double) differ / inked);
            }
        }
        return best;
    }

    @Test
    void optionsAreChecked() {
        for (int scale : new int[] {0, DiagramRenderer.MAX_SCALE + 1}) {
            try {
                new Exporter.Options(Set.of(Format.SVG), Theme.LIGHT, scale, false);
                fail("scale " + scale + " accepted");
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("scale"));
            }
        }
        assertFalse(Format.of("gif").isPresent());
        assertEquals(Optional.of(Format.PUML), Format.of(" PUML "));
    }
}
