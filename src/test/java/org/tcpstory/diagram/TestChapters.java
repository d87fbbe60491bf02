package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.StoryEngine;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.ChapterParser;
import org.tcpstory.story.ParseResult;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Builds chapters for diagram tests (two peers, one {@code tcp} block) and reads SVGs back. */
final class TestChapters {

    /** A peer that opens: CLOSED with ISN x. */
    static final String CLIENT = "label: \"周屿 · 客户端\", state: CLOSED, isn: x";
    /** A peer that listens: CLOSED with ISN y (the story calls listen). */
    static final String SERVER = "label: \"林晚 · 服务器\", state: CLOSED, isn: y";
    /** Peers in an open connection. */
    static final String OPEN_A = "label: \"A 端\", state: ESTABLISHED, seq: u";
    static final String OPEN_B = "label: \"B 端\", state: ESTABLISHED, seq: v";

    static final String[] HANDSHAKE = {
        "B: listen",
        "A -> B: SYN=1, seq=x",
        "expect A SYN-SENT, B SYN-RECEIVED",
        "B -> A: SYN=1, ACK=1, seq=y, ack=x+1",
        "A -> B: ACK=1, seq=x+1, ack=y+1",
        "expect A ESTABLISHED, B ESTABLISHED",
    };

    private TestChapters() {
    }

    /** Parses and validates a one-chapter story; the story must at least parse. */
    static ChapterResult run(String peerA, String peerB, String... events) {
        String text = "---\n"
                + "title: scenario\n"
                + "peers:\n"
                + "  A: { " + peerA + " }\n"
                + "  B: { " + peerB + " }\n"
                + "---\n"
                + "```tcp\n"
                + String.join("\n", events) + "\n"
                + "```\n";
        ParseResult parsed = new ChapterParser().parse("scenario.md", text.getBytes(StandardCharsets.UTF_8));
        assertTrue(parsed.diagnostics().isEmpty(), () -> "the test story does not parse: " + parsed.diagnostics());
        Chapter chapter = parsed.chapter().orElseThrow();
        return new StoryEngine().validate(List.of(chapter)).get(0);
    }

    /** A chapter of the bundled story in Chinese ({@code content/zh/NAME}), checked with the others so continues: works. */
    static ChapterResult bundled(String name) {
        try (Stream<Path> files = Files.list(Path.of("content", "zh"))) {
            List<Chapter> chapters = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(".md") && !fileName.startsWith("_")) {
                    chapters.add(new ChapterParser().parse("content/zh/" + fileName, Files.readAllBytes(file))
                            .chapter().orElseThrow());
                }
            }
            ChapterResult result = new StoryEngine().validate(chapters).stream()
                    .filter(r -> r.chapter().file().equals("content/zh/" + name)).findFirst().orElseThrow();
            assertTrue(result.isValid(), () -> name + " is not valid: " + result.diagnostics());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ChapterResult runValid(String peerA, String peerB, String... events) {
        ChapterResult result = run(peerA, peerB, events);
        assertTrue(result.diagnostics().isEmpty(), () -> "the test story is not valid: " + result.diagnostics());
        return result;
    }

    /** A peer with the given label, in YAML double quotes. */
    static String labelled(String label, String rest) {
        String yaml = label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return "label: \"" + yaml + "\", " + rest;
    }

    /** Parses an SVG as XML (failing the test if it is not well-formed). */
    static Document xml(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        } catch (Exception e) {
            throw new AssertionError("the SVG is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** The content of every {@code <text>} element, XML-unescaped, in document order. */
    static List<String> texts(String svg) {
        NodeList nodes = xml(svg).getElementsByTagNameNS("*", "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
