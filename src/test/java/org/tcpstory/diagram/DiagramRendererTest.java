package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpstory.diagram.TestChapters.CLIENT;
import static org.tcpstory.diagram.TestChapters.HANDSHAKE;
import static org.tcpstory.diagram.TestChapters.OPEN_A;
import static org.tcpstory.diagram.TestChapters.OPEN_B;
import static org.tcpstory.diagram.TestChapters.SERVER;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import net.sourceforge.plantuml.security.SecurityProfile;
import net.sourceforge.plantuml.security.SecurityUtils;
import org.junit.jupiter.api.Test;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.engine.ChapterResult;

class DiagramRendererTest {

    private final DiagramRenderer renderer = new DiagramRenderer();

    @Test
    void plantUmlRunsInItsSandbox() {
        assertEquals(SecurityProfile.SANDBOX, SecurityUtils.getSecurityProfile());
    }

    @Test
    void theSandboxHoldsEvenIfEscapingFailed() {
        // Raw directives, as if authored text had reached PlantUML unescaped.
        DiagramException include = assertThrows(DiagramException.class,
                () -> renderer.svg("@startuml\n!include /etc/passwd\nA -> B\n@enduml\n"));
        assertEquals(2, include.line(), include.getMessage());
        assertThrows(DiagramException.class,
                () -> renderer.svg("@startuml\n!include pom.xml\nA -> B\n@enduml\n"), "no file at all, not only /etc");
        String svg = renderer.svg(
                "@startuml\nA -> B : %getenv(\"HOME\") %getenv(\"USER\") %getenv(\"PATH\")\n@enduml\n");
        PlantUmlTextTest.assertNoLeak(svg);
        String path = System.getenv("PATH");
        assertFalse(path != null && !path.isEmpty() && svg.contains(path), "the value of $PATH in the SVG");
    }

    @Test
    void aRejectionIsSaidInEachLanguageWithPlantUmlsOwnWords() {
        DiagramException broken = assertThrows(DiagramException.class,
                () -> renderer.svg("@startuml\nA -> B : fine\nthis is not plantuml\n@enduml\n"));
        String english = Messages.english().render(broken.text());
        assertEquals(broken.getMessage(), english);
        assertTrue(english.startsWith("PlantUML rejected the diagram at line 3: this is not plantuml: "), english);
        String plantUmls = english.substring("PlantUML rejected the diagram at line 3: this is not plantuml: ".length());
        assertEquals("PlantUML 不接受这张图，第 3 行：this is not plantuml：" + plantUmls,
                Messages.of(Language.CHINESE).render(broken.text()));
    }

    @Test
    void rejectedSourceRaisesAnExceptionWithPlantUmlsMessageAndLine() {
        DiagramException broken = assertThrows(DiagramException.class,
                () -> renderer.svg("@startuml\nA -> B : fine\nthis is not plantuml\n@enduml\n"));
        assertEquals(3, broken.line());
        assertTrue(broken.getMessage().contains("line 3") && broken.getMessage().contains("this is not plantuml")
                && broken.getMessage().contains("Syntax Error"), broken.getMessage());

        assertEquals(3, assertThrows(DiagramException.class,
                () -> renderer.png("@startuml\nA -> B : fine\nthis is not plantuml\n@enduml\n", 2)).line(),
                "the scale line we add does not shift the line number");
        assertThrows(DiagramException.class, () -> renderer.svg("no diagram here"));
        assertThrows(DiagramException.class, () -> renderer.svg("@startuml\n@enduml\n"));
        assertThrows(DiagramException.class,
                () -> renderer.svg("@startuml\nA -> B\n@enduml\n@startuml\nA -> B\n@enduml\n"));
        assertThrows(DiagramException.class,
                () -> renderer.svg("@startuml\n!pragma layout elk\nstate A\nA --> B\n@enduml\n"),
                "a crash (ELK is not in plantuml-mit) is an exception, not an image");
    }

    @Test
    void theSameSourceGivesTheSameBytes() {
        ChapterResult result = TestChapters.runValid(CLIENT, SERVER, HANDSHAKE);
        for (String source : List.of(SequenceDiagram.source(result, Theme.LIGHT),
                StateDiagram.source(result, Theme.DARK))) {
            assertEquals(renderer.svg(source), renderer.svg(source));
            assertArrayEquals(renderer.png(source, 1), renderer.png(source, 1));
        }
        assertEquals(SequenceDiagram.source(result, Theme.LIGHT), SequenceDiagram.source(result, Theme.LIGHT));
    }

    @Test
    void svgCarriesNoSourceAndPassesTheSafetyCheck() {
        ChapterResult result = TestChapters.runValid(CLIENT, SERVER, HANDSHAKE);
        String svg = renderer.svg(SequenceDiagram.source(result, Theme.LIGHT));
        assertFalse(svg.contains("<?plantuml-src"), "the encoded source is left out");
        assertTrue(svg.startsWith("<svg"), svg.substring(0, 40));
        TestChapters.xml(svg);
    }

    @Test
    void pngScalesByAnIntegerFactor() throws IOException {
        String source = StateDiagram.source(TestChapters.runValid(CLIENT, SERVER, HANDSHAKE), Theme.LIGHT);
        BufferedImage one = ImageIO.read(new ByteArrayInputStream(renderer.png(source, 1)));
        BufferedImage two = ImageIO.read(new ByteArrayInputStream(renderer.png(source, 2)));
        assertEquals(one.getWidth() * 2, two.getWidth(), 2.0);
        assertEquals(one.getHeight() * 2, two.getHeight(), 2.0);
        assertThrows(IllegalArgumentException.class, () -> renderer.png(source, 0));
        assertThrows(IllegalArgumentException.class, () -> renderer.png(source, DiagramRenderer.MAX_SCALE + 1));
    }

    @Test
    void tallPngsAreNotCroppedAndHugeOnesRefused() throws IOException {
        StringBuilder source = new StringBuilder("@startuml\n");
        for (int i = 0; i < 160; i++) {
            source.append("A -> B : message ").append(i).append('\n');
        }
        source.append("@enduml\n");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(renderer.png(source.toString(), 1)));
        assertTrue(png.getHeight() > 4096, "PlantUML's default limit would crop at 4096: " + png.getHeight());
        assertThrows(DiagramException.class, () -> renderer.png(source.toString(), DiagramRenderer.MAX_SCALE));
    }

    @Test
    void rendersFromManyThreadsAtOnceWithTheSameResult() throws Exception {
        List<String> sources = new ArrayList<>();
        ChapterResult handshake = TestChapters.runValid(CLIENT, SERVER, HANDSHAKE);
        ChapterResult crossing = TestChapters.runValid(OPEN_A, OPEN_B,
                "A ~> B: FIN=1, ACK=1, seq=u, ack=v as fin1",
                "B ~> A: FIN=1, ACK=1, seq=v, ack=u as fin2",
                "fin1 arrives",
                "fin2 arrives",
                "A -> B: ACK=1, seq=u+1, ack=v+1",
                "B -> A: ACK=1, seq=v+1, ack=u+1",
                "wait 2MSL");
        for (ChapterResult result : List.of(handshake, crossing)) {
            for (Theme theme : Theme.values()) {
                sources.add(SequenceDiagram.source(result, theme));
                sources.add(StateDiagram.source(result, theme));
            }
        }
        List<String> expected = sources.stream().map(renderer::svg).toList();

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String source : sources) {
                    futures.add(pool.submit(() -> new DiagramRenderer().svg(source)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(expected.get(i % sources.size()), futures.get(i).get(), "render " + i + " differs");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unsafeSvgIsRejected() {
        for (String svg : List.of(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><g onload=\"alert(1)\"/></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
                        + "<a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"https://example.com\"><text>x</text></a></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><div/></foreignObject></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"data:image/png;base64,AAAA\"/></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect style=\"fill:url(https://x/y.svg#a)\"/></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><style>@import url(https://x/y.css);</style></svg>",
                "<?xml-stylesheet href=\"https://x/y.css\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg>&x;</svg>",
                "<svg><unclosed></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><g ONLOAD=\"alert(1)\"/></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><SCRIPT>alert(1)</SCRIPT></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect style=\"fill:url( 'https://x/y.svg#a')\"/></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"JAVA&#9;SCRIPT:alert(1)\"/></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><style>@im<![CDATA[port]]> url(x.css);</style></svg>")) {
            assertThrows(DiagramException.class, () -> SvgSafety.check(svg), svg);
            // The thread's parser is reused: a rejected SVG must not spoil the next check.
            SvgSafety.check("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"url(#g)\"/></svg>");
        }
        SvgSafety.check("<svg xmlns=\"http://www.w3.org/2000/svg\"><defs><linearGradient id=\"g\"/></defs>"
                + "<rect fill=\"url(#g)\"/><text>&lt;script>javascript is fine as text</text></svg>");
    }
}
