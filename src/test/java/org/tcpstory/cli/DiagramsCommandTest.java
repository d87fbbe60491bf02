package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.tcpstory.diagnostic.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.OptionalPackages;
import org.tcpstory.diagram.CjkFonts;
import org.tcpstory.diagram.ExportFolder;
import org.tcpstory.diagram.Theme;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class DiagramsCommandTest {

    @TempDir
    Path dir;

    /** The README's example: five events that draw something (FIN, ACK, FIN, ACK, wait). */
    static final String GOODBYE = """
            ---
            title: 再见
            slug: goodbye
            peers:
              boy:  { label: "男生 · 客户端", state: ESTABLISHED, seq: u }
              girl: { label: "女孩 · 服务器", state: ESTABLISHED, seq: v }
            ---
            ```tcp
            boy -> girl: FIN=1, ACK=1, seq=u, ack=v
            expect boy FIN-WAIT-1, girl CLOSE-WAIT
            girl -> boy: ACK=1, seq=v, ack=u+1
            girl -> boy: FIN=1, ACK=1, seq=v, ack=u+1
            boy -> girl: ACK=1, seq=u+1, ack=v+1
            wait 2MSL
            expect boy CLOSED, girl CLOSED
            ```
            """;

    /** {@code rounds} requests of 2 bytes, each acknowledged: 2 x rounds events, each with its own label. */
    static String talk(int rounds) {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < rounds; i++) {
            events.append("a -> b: ACK, PSH, seq=u+").append(2 * i).append(", ack=v, len=2\n");
            events.append("b -> a: ACK, seq=v, ack=u+").append(2 * i + 2).append('\n');
            events.append("expect a ESTABLISHED, b ESTABLISHED\n");
        }
        return "---\ntitle: 聊天\nslug: talk\npeers:\n"
                + "  a: { label: \"甲\", state: ESTABLISHED, seq: u }\n"
                + "  b: { label: \"乙\", state: ESTABLISHED, seq: v }\n"
                + "---\n```tcp\n" + events + "```\n";
    }

    private static Stories.Run diagrams(Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = "diagrams";
        System.arraycopy(args, 0, all, 1, args.length);
        return Stories.run(all);
    }

    private Path content(String... namesAndTexts) throws IOException {
        Path content = dir.resolve("content");
        Files.createDirectories(content);
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            Stories.write(content, namesAndTexts[i], namesAndTexts[i + 1]);
        }
        return content;
    }

    /** Every file in a folder by name, with its bytes. */
    private static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** The names in a folder that match a glob; hidden files only when the glob starts with a dot. */
    private static List<String> names(Path folder, String glob) throws IOException {
        List<String> names = new ArrayList<>();
        try (var stream = Files.newDirectoryStream(folder, glob)) {
            stream.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.removeIf(name -> name.startsWith(".") && !glob.startsWith("."));
        names.sort(null);
        return names;
    }

    private static Document xml(Path svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(Files.readString(svg))));
    }

    private static List<String> texts(Path svg) throws Exception {
        NodeList nodes = xml(svg).getElementsByTagNameNS("*", "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    private static BufferedImage image(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " is not an image");
        return image;
    }

    @Test
    void exportsTheSequenceAndStateDiagramOfEveryChapterAsSvgAndPng() throws Exception {
        Path content = content("01-handshake.md", Stories.VALID, "02-goodbye.md", GOODBYE);
        Path out = dir.resolve("slides");
        Stories.Run r = diagrams("--content", content, "--out", out);

        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals("checked 2 chapters: no problems\nexported 8 files of 2 chapters into " + Stories.shown(out)
                + "\n", r.out());
        // Nothing on standard error but, on a machine without a CJK font, the warning that says so.
        assertEquals(CjkFonts.family().isPresent() ? "" : "tcpstory: warning: "
                + Messages.english().render(CjkFonts.lookup().message()) + "\n",
                r.err());
        assertEquals(List.of(ExportFolder.MANIFEST, "goodbye-sequence.png", "goodbye-sequence.svg",
                "goodbye-states.png", "goodbye-states.svg", "handshake-sequence.png", "handshake-sequence.svg",
                "handshake-states.png", "handshake-states.svg"), List.copyOf(files(out).keySet()));

        List<String> sequence = texts(out.resolve("handshake-sequence.svg"));
        for (String label : List.of("男生", "女孩", "SYN=1, seq=x", "SYN=1, ACK=1, seq=y, ack=x+1",
                "ACK=1, seq=x+1, ack=y+1", "SYN-SENT", "ESTABLISHED")) {
            assertTrue(sequence.contains(label), () -> label + " missing from " + sequence);
        }
        List<String> states = texts(out.resolve("goodbye-states.svg"));
        for (String state : List.of("ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSE-WAIT",
                "LAST-ACK", "CLOSED", "男生 · 客户端")) {
            assertTrue(states.contains(state), () -> state + " missing from " + states);
        }
        for (String png : names(out, "*.png")) {
            BufferedImage image = image(out.resolve(png));
            assertTrue(image.getWidth() > 100 && image.getHeight() > 100, png);
        }
    }

    @Test
    void scaleTwoGivesTwiceThePixelsEachWay() throws Exception {
        Path content = content("01-handshake.md", Stories.VALID);
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        assertEquals(0, diagrams("--content", content, "--out", one, "--format", "png").exitCode());
        assertEquals(0, diagrams("--content", content, "--out", two, "--format", "png", "--scale", "2").exitCode());
        assertEquals(names(one, "*"), names(two, "*"));
        assertEquals(List.of("handshake-sequence.png", "handshake-states.png"), names(one, "*.*"));
        for (String png : names(one, "*.png")) {
            BufferedImage small = image(one.resolve(png));
            BufferedImage large = image(two.resolve(png));
            assertEquals(small.getWidth() * 2, large.getWidth(), 2.0, png);
            assertEquals(small.getHeight() * 2, large.getHeight(), 2.0, png);
        }
    }

    @Test
    void stepsGiveOneSequenceImagePerEventNamedInStoryOrder() throws Exception {
        Path content = content("01-talk.md", talk(5), "02-goodbye.md", GOODBYE);
        Path out = dir.resolve("out");
        Stories.Run r = diagrams("--content", content, "--out", out, "--steps", "--format", "svg,png");
        assertEquals(0, r.exitCode(), r.out() + r.err());

        // Ten events besides the expect lines, five in goodbye: two digits for both, whatever the count.
        List<String> talkFrames = names(out, "talk-sequence-step-*.svg");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            expected.add(String.format("talk-sequence-step-%02d.svg", i));
        }
        assertEquals(expected, talkFrames);
        assertEquals(10, names(out, "talk-sequence-step-*.png").size());
        assertEquals(List.of("goodbye-sequence-step-01.png", "goodbye-sequence-step-02.png",
                "goodbye-sequence-step-03.png", "goodbye-sequence-step-04.png", "goodbye-sequence-step-05.png"),
                names(out, "goodbye-sequence-step-*.png"));

        // Frame k shows the first k events and nothing after; every frame has the size of the whole diagram.
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            labels.add("PSH=1, ACK=1, seq=u" + (i == 0 ? "" : "+" + 2 * i) + ", ack=v, len=2");
            labels.add("ACK=1, seq=v, ack=u+" + (2 * i + 2));
        }
        BufferedImage whole = image(out.resolve("talk-sequence.png"));
        for (int k = 1; k <= 10; k++) {
            List<String> texts = texts(out.resolve(talkFrames.get(k - 1)));
            for (int i = 0; i < labels.size(); i++) {
                assertEquals(i < k, texts.contains(labels.get(i)), "frame " + k + ", event " + (i + 1) + ": " + texts);
            }
            BufferedImage frame = image(out.resolve(talkFrames.get(k - 1).replace(".svg", ".png")));
            BufferedImage first = image(out.resolve("talk-sequence-step-01.png"));
            assertEquals(first.getWidth(), frame.getWidth(), "frame " + k);
            assertEquals(first.getHeight(), frame.getHeight(), "frame " + k);
            assertEquals(whole.getHeight(), frame.getHeight(), 2.0, "frames are as tall as the whole diagram");
        }
    }

    @Test
    void themesChangeTheColours() throws Exception {
        Path content = content("01-goodbye.md", GOODBYE);
        Map<String, Path> outs = new TreeMap<>();
        for (String theme : List.of("light", "dark", "print")) {
            Path out = dir.resolve(theme);
            outs.put(theme, out);
            Stories.Run r = diagrams("--content", content, "--out", out, "--theme", theme, "--steps");
            assertEquals(0, r.exitCode(), r.out() + r.err());
        }
        String light = background(outs.get("light").resolve("goodbye-sequence.svg"));
        String dark = background(outs.get("dark").resolve("goodbye-sequence.svg"));
        assertEquals(Theme.LIGHT.background(), light);
        assertEquals(Theme.DARK.background(), dark);
        assertNotEquals(light, dark);
        BufferedImage darkPng = image(outs.get("dark").resolve("goodbye-states.png"));
        assertTrue(luminance(darkPng.getRGB(2, 2)) < 40, "a dark page");

        // Paper: greys only, in every SVG and every pixel of every PNG (frames with their muted arrows too).
        Path print = outs.get("print");
        Pattern colour = Pattern.compile("#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})\\b");
        for (String svg : names(print, "*.svg")) {
            Matcher m = colour.matcher(Files.readString(print.resolve(svg)));
            while (m.find()) {
                String hex = m.group(1).length() == 3 ? m.group(1).replaceAll("(.)", "$1$1") : m.group(1);
                assertTrue(hex.substring(0, 2).equalsIgnoreCase(hex.substring(2, 4))
                        && hex.substring(2, 4).equalsIgnoreCase(hex.substring(4, 6)), svg + " uses #" + hex);
            }
        }
        List<String> pngs = names(print, "*.png");
        assertEquals(7, pngs.size(), pngs::toString);
        for (String png : pngs) {
            BufferedImage image = image(print.resolve(png));
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int r = (rgb >> 16) & 0xFF;
                    int g = (rgb >> 8) & 0xFF;
                    int b = rgb & 0xFF;
                    if (r != g || g != b) {
                        throw new AssertionError(png + " has a colour at " + x + "," + y + ": " + Integer.toHexString(rgb));
                    }
                }
            }
        }
        // Light and dark colour the newest arrow of a frame; the whole diagrams differ from paper.
        assertFalse(Files.readString(outs.get("light").resolve("goodbye-sequence-step-01.svg"))
                .equals(Files.readString(outs.get("print").resolve("goodbye-sequence-step-01.svg"))));
    }

    private static String background(Path svg) throws Exception {
        String style = xml(svg).getDocumentElement().getAttribute("style");
        Matcher m = Pattern.compile("background:(#[0-9A-Fa-f]{6})").matcher(style);
        assertTrue(m.find(), style);
        return m.group(1).toUpperCase();
    }

    private static int luminance(int rgb) {
        return (((rgb >> 16) & 0xFF) * 3 + ((rgb >> 8) & 0xFF) * 6 + (rgb & 0xFF)) / 10;
    }

    @Test
    void rerunningGivesByteIdenticalFiles() throws Exception {
        // One chapter is enough to compare every kind of file: its diagrams, frames, PNGs at scale 2, sources.
        Path content = content("02-goodbye.md", GOODBYE);
        Path out = dir.resolve("out");
        Object[] args = {"--content", content, "--out", out, "--steps", "--format", "svg,png,puml", "--scale", "2"};
        assertEquals(0, diagrams(args).exitCode());
        Map<String, byte[]> first = files(out);
        Stories.Run again = diagrams(args);
        assertEquals(0, again.exitCode());
        assertTrue(again.out().contains("(" + (first.size() - 1) + " unchanged)"), again.out());
        Map<String, byte[]> second = files(out);
        assertEquals(first.keySet(), second.keySet());
        first.forEach((name, bytes) -> assertArrayEquals(bytes, second.get(name), name));

        Path elsewhere = dir.resolve("elsewhere");
        args[3] = elsewhere;
        assertEquals(0, diagrams(args).exitCode());
        Map<String, byte[]> third = files(elsewhere);
        assertEquals(first.keySet(), third.keySet());
        first.forEach((name, bytes) -> assertArrayEquals(bytes, third.get(name), name));
    }

    @Test
    void anInvalidChapterIsReportedAsCheckDoesAndGetsNoFilesWhileTheOthersExport() throws Exception {
        Path content = content("01-handshake.md", Stories.VALID, "02-wrong.md", Stories.WRONG_ACK);
        Path out = dir.resolve("out");
        Stories.Run r = diagrams("--content", content, "--out", out);

        assertEquals(1, r.exitCode(), r.out() + r.err());
        Stories.Run check = Stories.run("check", content);
        assertEquals(1, check.exitCode());
        assertTrue(r.out().startsWith(check.out()), "the diagnostics and summary of check:\n" + check.out()
                + "\nbut diagrams said:\n" + r.out());
        assertTrue(r.out().contains(Stories.shown(content.resolve("02-wrong.md")) + ":" + Stories.WRONG_ACK_LINE + ":"
                + Stories.WRONG_ACK_COLUMN + ": error: wrong acknowledgment number"), r.out());
        assertTrue(r.out().endsWith("exported 4 files of 1 chapter into " + Stories.shown(out)
                + "; 1 chapter got none: see the errors above\n"), r.out());
        assertEquals(List.of("handshake-sequence.png", "handshake-sequence.svg", "handshake-states.png",
                "handshake-states.svg"), names(out, "*.*"));
        assertEquals(List.of(), names(out, "wrong-*"));

        // Named on its own, it is the only one reported.
        Stories.Run named = diagrams("--content", content, "--out", out, "--chapter", "wrong");
        assertEquals(1, named.exitCode());
        assertTrue(named.out().contains("checked 1 chapter: 1 error"), named.out());
        assertEquals(List.of(), names(out, "wrong-*"));
    }

    @Test
    void aChapterNamedLikeASitePageIsReportedAsBuildReportsItAndGetsNoFiles() throws Exception {
        Path content = content("01-index.md", Stories.VALID, "02-goodbye.md", GOODBYE);
        Path out = dir.resolve("out");
        Stories.Run r = diagrams("--content", content, "--out", out);
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("the page name index is taken by the site itself"), r.out());
        assertEquals(List.of("goodbye-sequence.png", "goodbye-sequence.svg", "goodbye-states.png",
                "goodbye-states.svg"), names(out, "*"));
    }

    @Test
    void chapterExportsOneChapterAndAnUnknownSlugSuggestsTheNearest() throws Exception {
        Path content = content("01-handshake.md", Stories.VALID, "02-goodbye.md", GOODBYE);
        Path out = dir.resolve("out");
        Stories.Run one = diagrams("--content", content, "--out", out, "--chapter", "goodbye", "--format", "svg");
        assertEquals(0, one.exitCode(), one.err());
        assertEquals(List.of("goodbye-sequence.svg", "goodbye-states.svg"), names(out, "*.*"));

        Stories.Run typo = diagrams("--content", content, "--out", dir.resolve("typo"), "--chapter", "hanshake");
        assertEquals(2, typo.exitCode());
        assertEquals("tcpstory: no chapter has the slug hanshake (did you mean `handshake`?)\n", typo.err());
        assertEquals("", typo.out());
        assertFalse(Files.exists(dir.resolve("typo")));

        Stories.Run far = diagrams("--content", content, "--out", dir.resolve("typo"), "--chapter", "zzzzzzzz");
        assertEquals(2, far.exitCode());
        assertTrue(far.err().contains("the slugs are handshake, goodbye"), far.err());

        Stories.Run chinese = diagrams("--content", content, "--out", dir.resolve("typo"), "--chapter", "zzzzzzzz",
                "--lang", "zh");
        assertEquals("tcpstory: 没有哪一章的 slug 是 zzzzzzzz；现有的 slug：handshake, goodbye\n", chinese.err());
        Stories.run("diagrams", "--content", content, "--out", dir.resolve("zh"), "--format", "puml", "--lang", "zh");
        Stories.Run again = diagrams("--content", content, "--out", dir.resolve("zh"), "--format", "puml", "--lang", "zh");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals("检查了 2 章：没有问题\n把 2 章的 4 个文件导出到了 " + Stories.shown(dir.resolve("zh"))
                + "（4 个没变）\n", again.out());
    }

    @Test
    void aBookInSeveralLanguagesExportsOneLanguageAtATime() throws Exception {
        Path content = content("_index.md", "---\nlanguages: [zh, en]\n---\n", "zh/_index.md",
                "---\ntitle: 书\nlanguage: zh-CN\n---\n", "zh/01-handshake.md", Stories.VALID,
                "en/01-handshake.md", Stories.VALID);
        Path out = dir.resolve("out");
        Stories.Run all = diagrams("--content", content, "--out", out);
        assertEquals(2, all.exitCode(), all.err());
        assertTrue(all.err().contains("a book in several languages") && all.err().contains("content/zh"), all.err());
        assertFalse(Files.exists(out));

        Stories.Run zh = diagrams("--content", content.resolve("zh"), "--out", out, "--format", "svg", "--slide", "16:9");
        assertEquals(0, zh.exitCode(), zh.err());
        assertTrue(Files.readString(out.resolve("handshake-sequence.svg")).contains("完整的对话"),
                "the slide's words are the language's, though the book around it names none");
    }

    @Test
    void exportedDiagramsShowOptionsTimersAndTheMarksOfRecoveryAsThePagesDo() throws Exception {
        Path out = dir.resolve("out");
        Stories.Run run = diagrams("--content", Path.of("src/test/resources/windows"), "--out", out, "--format", "svg",
                "--steps");
        assertEquals(0, run.exitCode(), run.err());
        String sack = Files.readString(out.resolve("fast-retransmit-sequence.svg"), StandardCharsets.UTF_8);
        for (String text : List.of("MSS 1000 · SACK", "SACK 3001:6001", "dup ACK 3 · fast retransmit", "retransmission")) {
            assertTrue(sack.contains(">" + text + "</text>"), text);
        }
        String timeout = Files.readString(out.resolve("timeout-sequence.svg"), StandardCharsets.UTF_8);
        assertTrue(timeout.contains(">RTO expired</text>"), "the timer mark on the sender's lifeline");
        assertTrue(Files.readString(out.resolve("zero-window-sequence.svg"), StandardCharsets.UTF_8)
                .contains(">zero-window probe</text>"));
        String before = Files.readString(out.resolve("timeout-sequence-step-04.svg"), StandardCharsets.UTF_8);
        String at = Files.readString(out.resolve("timeout-sequence-step-05.svg"), StandardCharsets.UTF_8);
        assertFalse(before.contains("RTO expired"), "a build-up shows the timer at its own frame");
        assertTrue(at.contains(">RTO expired</text>"));
    }

    @Test
    void badOptionsExitTwoAndWriteNothing() throws Exception {
        Path content = content("01-handshake.md", Stories.VALID);
        Path out = dir.resolve("out");
        for (String[] bad : List.of(new String[] {"--scale", "0"}, new String[] {"--scale", "5"},
                new String[] {"--scale", "two"}, new String[] {"--format", "gif"}, new String[] {"--format", "svg,jpg"},
                new String[] {"--theme", "neon"}, new String[] {"--slide", "3:2"}, new String[] {"--slide", ""},
                new String[] {"--format", "ppt"}, new String[] {"--colour"}, new String[] {"--content",
                dir.resolve("missing").toString()})) {
            List<Object> args = new ArrayList<>(List.of("--content", content, "--out", out));
            args.addAll(List.of((Object[]) bad));
            Stories.Run r = diagrams(args.toArray());
            assertEquals(2, r.exitCode(), String.join(" ", bad) + ": " + r.err());
            assertTrue(r.err().startsWith("tcpstory: "), r.err());
            assertFalse(Files.exists(out), String.join(" ", bad));
        }
        assertTrue(diagrams("--content", content, "--out", out, "--scale", "two").err()
                .contains("expected a whole number from 1 to 4"));
        assertTrue(diagrams("--content", content, "--out", out, "--theme", "neon").err()
                .contains("expected light, dark or print"));
        assertTrue(diagrams("--content", content, "--out", out, "--slide", "3:2").err()
                .contains("expected 16:9 or 4:3 but was '3:2'"));
    }

    @Test
    void refusesToWriteIntoTheContentOrTemplatesFolder() throws Exception {
        Path content = content("01-handshake.md", Stories.VALID);
        for (Path out : List.of(content, content.resolve("diagrams"), content.resolve(".").resolve("x/.."))) {
            Stories.Run r = diagrams("--content", content, "--out", out);
            assertEquals(2, r.exitCode(), out.toString());
            assertTrue(r.err().startsWith("tcpstory: refusing to write diagrams into "), r.err());
        }
        assertEquals(List.of("01-handshake.md"), names(content, "*"), "nothing was written into the content");
        Path templates = Path.of("templates");
        if (Files.isDirectory(templates)) {
            List<String> before = names(templates, "*");
            Stories.Run r = diagrams("--content", content, "--out", templates);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("it is the templates folder"), r.err());
            assertEquals(before, names(templates, "*"));
        }
    }

    @Test
    void deletesOnlyOutOfDateFilesItWroteItselfAndNeverEmptiesTheFolder() throws Exception {
        Path content = content("01-talk.md", talk(5), "02-goodbye.md", GOODBYE);
        Path out = dir.resolve("out");
        Stories.write(out, "notes.txt", "mine");
        Stories.write(out, "talk-sequence-step-99.svg", "mine too, though it looks like theirs");
        Stories.write(out, "sub/goodbye-sequence.svg", "in a subfolder");
        assertEquals(0, diagrams("--content", content, "--out", out, "--steps", "--format", "svg").exitCode());
        assertEquals(11, names(out, "talk-sequence-step-*.svg").size(), "ten frames and the user's file");

        // Fewer events: frames 01..10 become 01..04, the later ones are deleted.
        Stories.write(content, "01-talk.md", talk(2));
        Stories.Run r = diagrams("--content", content, "--out", out, "--steps", "--format", "svg");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("6 out of date deleted"), r.out());
        assertEquals(List.of("talk-sequence-step-01.svg", "talk-sequence-step-02.svg", "talk-sequence-step-03.svg",
                "talk-sequence-step-04.svg", "talk-sequence-step-99.svg"), names(out, "talk-sequence-step-*"));

        // Without --steps or in another format, the frames are not out of date: they are left.
        assertEquals(0, diagrams("--content", content, "--out", out, "--format", "png").exitCode());
        assertEquals(5, names(out, "talk-sequence-step-*").size());
        assertEquals(7, names(out, "goodbye-*.svg").size(), "goodbye's SVGs, frames too, are still there");

        // A chapter with errors keeps what an earlier run exported; the others are refreshed.
        Stories.write(content, "01-talk.md", talk(2).replace("ack=u+2", "ack=u+3"));
        assertEquals(1, diagrams("--content", content, "--out", out, "--steps", "--format", "svg").exitCode());
        assertEquals(5, names(out, "talk-sequence-step-*").size());

        // A chapter that is gone (renamed): its files go too, on a run over every chapter.
        Files.delete(content.resolve("01-talk.md"));
        Stories.write(content, "01-chat.md", talk(2).replace("slug: talk", "slug: chat"));
        assertEquals(0, diagrams("--content", content, "--out", out, "--chapter", "goodbye").exitCode());
        assertFalse(names(out, "talk-*").isEmpty(), "--chapter goodbye touches only goodbye");
        assertEquals(0, diagrams("--content", content, "--out", out, "--format", "svg,png").exitCode());
        assertEquals(List.of("talk-sequence-step-99.svg"), names(out, "talk-*"));
        assertEquals(List.of("chat-sequence.png", "chat-sequence.svg", "chat-states.png", "chat-states.svg"),
                names(out, "chat-*"));

        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertEquals("in a subfolder", Files.readString(out.resolve("sub/goodbye-sequence.svg")));
        String manifest = Files.readString(out.resolve(ExportFolder.MANIFEST));
        assertFalse(manifest.contains("notes.txt") || manifest.contains("step-99"), manifest);
        assertTrue(manifest.contains("\nchat-states.png\n"), manifest);
    }

    @Test
    void filesAreWrittenAtomicallyAndLeftoversOfAnInterruptedRunAreCleared() throws Exception {
        Path content = content("01-handshake.md", Stories.VALID);
        Path out = dir.resolve("out");
        Stories.write(out, ".handshake-sequence.svg.0123456789ab.tmp", "half a file from a killed run");
        Stories.write(out, ".someone-else.0123456789ab.tmp", "not ours");
        assertEquals(0, diagrams("--content", content, "--out", out).exitCode());
        assertEquals(List.of(".someone-else.0123456789ab.tmp", ExportFolder.MANIFEST), names(out, ".*"));
        assertTrue(Files.readString(out.resolve("handshake-sequence.svg")).startsWith("<svg"));
    }

    @Test
    void buildStillWorksAfterDiagramsWroteIntoItsDefaultFolderFirst() throws Exception {
        Path content = content("01-goodbye.md", GOODBYE);
        Path site = dir.resolve("site");
        assertEquals(0, diagrams("--content", content, "--out", site.resolve("diagrams")).exitCode());
        Stories.Run build = Stories.run("build", "--content", content, "--out", site);
        assertEquals(0, build.exitCode(), build.err());
        assertTrue(Files.isRegularFile(site.resolve("goodbye.html")));
        // A folder with anything else in it is still not the build's to replace.
        Files.writeString(site.resolve("diagrams").resolve("mine.txt"), "keep");
        Files.delete(site.resolve(".tcpstory-site"));
        assertEquals(2, Stories.run("build", "--content", content, "--out", site).exitCode());
        assertTrue(Files.isRegularFile(site.resolve("diagrams").resolve("mine.txt")));
    }

    @Test
    void slideMakesEveryImageASlideInTheBooksLanguageAndAddsTheLandscapeStates() throws Exception {
        Path content = content("03-goodbye.md", GOODBYE);
        Path out = dir.resolve("out");
        Stories.Run r = diagrams("--content", content, "--out", out, "--slide", "4:3", "--steps", "--format",
                "svg,png", "--scale", "2");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        List<String> expected = new ArrayList<>(List.of("goodbye-sequence.png", "goodbye-states-landscape.png",
                "goodbye-states.png"));
        for (int i = 1; i <= 5; i++) {
            expected.add(i - 1, String.format("goodbye-sequence-step-%02d.png", i));
        }
        assertEquals(expected, names(out, "*.png"));
        for (String png : expected) {
            BufferedImage image = image(out.resolve(png));
            assertEquals(1920, image.getWidth(), png);
            assertEquals(1440, image.getHeight(), png);
        }
        // No _index.md: the slide words are English; the title is the heading, the event the caption.
        List<String> texts = texts(out.resolve("goodbye-sequence-step-02.svg"));
        assertTrue(texts.contains("再见") && texts.contains("Step 2 of 5")
                && texts.contains("女孩 · 服务器 → 男生 · 客户端: ACK=1, seq=v, ack=u+1"), texts::toString);
        assertTrue(texts(out.resolve("goodbye-states-landscape.svg")).contains("FIN-WAIT-2"));

        // The book's language from _index.md: Chinese words for zh-CN, English for en.
        Stories.write(content, "_index.md", "---\ntitle: 书\nlanguage: zh-CN\n---\n");
        assertEquals(0, diagrams("--content", content, "--out", out, "--slide", "16:9", "--steps", "--format",
                "svg").exitCode());
        texts = texts(out.resolve("goodbye-sequence-step-02.svg"));
        assertTrue(texts.contains("第 2 步，共 5 步") && texts.contains("女孩 · 服务器 → 男生 · 客户端：ACK=1, seq=v, ack=u+1"),
                texts::toString);
        assertTrue(Files.readString(out.resolve("goodbye-sequence.svg")).contains("width=\"1280px\" height=\"720px\""));
        Stories.write(content, "_index.md", "---\ntitle: Book\nlanguage: en\n---\n");
        assertEquals(0, diagrams("--content", content, "--out", out, "--slide", "16:9", "--steps", "--format",
                "svg").exitCode());
        assertTrue(texts(out.resolve("goodbye-sequence-step-02.svg")).contains("Step 2 of 5"));

        // Without --slide, plain diagrams again, and the landscape file is left to the user.
        assertEquals(0, diagrams("--content", content, "--out", out, "--format", "png").exitCode());
        assertEquals(869 / 2, image(out.resolve("goodbye-sequence.png")).getWidth(), 80, "its natural width");
    }

    @Test
    void pptxWritesOneDeckPerChapterAndARerunKeepsItUnchanged() throws Exception {
        Path content = content("01-talk.md", talk(2), "02-goodbye.md", GOODBYE);
        Path out = dir.resolve("out");
        Stories.Run r = diagrams("--content", content, "--out", out, "--format", "pptx");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().isEmpty(), "nothing on standard error: " + r.err());
        assertEquals(List.of("goodbye-slides.pptx", "talk-slides.pptx"), names(out, "*"));
        try (XMLSlideShow deck = new XMLSlideShow(
                Files.newInputStream(out.resolve("goodbye-slides.pptx")))) {
            assertEquals(1 + 5 + 3, deck.getSlides().size());
            assertEquals(new Dimension(960, 540), deck.getPageSize());
        }
        Stories.Run again = diagrams("--content", content, "--out", out, "--format", "pptx");
        assertTrue(again.out().contains("(2 unchanged)"), again.out());
        assertTrue(Files.readString(out.resolve(ExportFolder.MANIFEST)).contains("\ngoodbye-slides.pptx\n"));

        // A chapter that is gone takes its deck with it.
        Files.delete(content.resolve("01-talk.md"));
        Stories.Run gone = diagrams("--content", content, "--out", out, "--format", "pptx");
        assertTrue(gone.out().contains("1 out of date deleted"), gone.out());
        assertEquals(List.of("goodbye-slides.pptx"), names(out, "*"));
    }

    @Test
    void helpListsTheCommandAndItsOptions() {
        Stories.Run help = Stories.run("--help");
        assertTrue(help.out().contains("diagrams"), help.out());
        Stories.Run own = Stories.run("diagrams", "--help");
        assertEquals(0, own.exitCode());
        for (String option : List.of("--content", "--out", "--chapter", "--format", "--scale", "--theme", "--steps",
                "--slide", "16:9", "4:3", "pptx", "SLUG-slides.pptx", "SLUG-states-landscape", "site/diagrams",
                "svg,png")) {
            assertTrue(own.out().contains(option), () -> option + " missing from\n" + own.out());
        }
    }

    @Test
    void chineseTextIsMeasuredWithACjkFontInTheSvg() throws Exception {
        OptionalPackages.requireCjkFont();
        Path content = content("01-handshake.md", Stories.VALID);
        Path out = dir.resolve("out");
        assertEquals(0, diagrams("--content", content, "--out", out, "--format", "svg").exitCode());
        String svg = Files.readString(out.resolve("handshake-sequence.svg"), StandardCharsets.UTF_8);
        // "男生" is two full-width characters: about twice the width of "ab" in the same font size.
        Matcher m = Pattern.compile("font-size=\"(\\d+)\" textLength=\"([0-9.]+)\"[^>]*>男生<").matcher(svg);
        assertTrue(m.find(), svg);
        double size = Double.parseDouble(m.group(1));
        double width = Double.parseDouble(m.group(2));
        assertTrue(width > 1.8 * size && width < 2.2 * size, "男生 is " + width + " px wide at " + size + " px");
    }
}
