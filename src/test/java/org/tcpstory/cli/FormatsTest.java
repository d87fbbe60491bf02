package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The machine formats of {@code check}, read back with real parsers. */
class FormatsTest {

    @TempDir
    Path dir;

    Path valid;
    Path wrong;
    Path broken;
    Path warn;

    @BeforeEach
    void stories() throws Exception {
        valid = Stories.write(dir, "01-valid.md", Stories.VALID);
        wrong = Stories.write(dir, "02-wrong.md", Stories.WRONG_ACK);
        broken = Stories.write(dir, "03-broken.md", Stories.BROKEN_YAML);
        warn = Stories.write(dir, "04-warn.md", Stories.WARNING);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonParsesBackWithTheDocumentedStructure() {
        Stories.Run run = Stories.run("check", "--format", "json", valid, wrong, broken, warn);
        assertEquals(1, run.exitCode(), run.err());
        // YAML 1.2 is a superset of JSON, so snakeyaml-engine is a strict enough JSON reader here.
        Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(run.out());
        assertEquals(List.of("version", "files", "summary"), List.copyOf(doc.keySet()));
        assertEquals(1, doc.get("version"));
        assertEquals(Map.of("chapters", 4, "errors", 2, "warnings", 1), doc.get("summary"));

        List<Map<String, Object>> files = (List<Map<String, Object>>) doc.get("files");
        assertEquals(4, files.size());
        Map<String, Object> wrongFile = files.stream()
                .filter(f -> f.get("file").equals(Stories.shown(wrong))).findFirst().orElseThrow();
        assertEquals("错了", wrongFile.get("title"));
        List<Map<String, Object>> diagnostics = (List<Map<String, Object>>) wrongFile.get("diagnostics");
        assertEquals(1, diagnostics.size());
        Map<String, Object> d = diagnostics.get(0);
        assertEquals(List.of("severity", "line", "column", "rule", "reference", "message", "details"), List.copyOf(d.keySet()));
        assertEquals("error", d.get("severity"));
        assertEquals(Stories.WRONG_ACK_LINE, d.get("line"));
        assertEquals(Stories.WRONG_ACK_COLUMN, d.get("column"));
        assertEquals("ack-number", d.get("rule"));
        assertTrue(d.get("details") instanceof List<?>);

        Map<String, Object> brokenFile = files.stream()
                .filter(f -> f.get("file").equals(Stories.shown(broken))).findFirst().orElseThrow();
        assertTrue(brokenFile.containsKey("title"));
        assertNull(brokenFile.get("title"));
        Map<String, Object> validFile = files.stream()
                .filter(f -> f.get("file").equals(Stories.shown(valid))).findFirst().orElseThrow();
        assertEquals(List.of(), validFile.get("diagnostics"));
        // Pretty-printed, non-ASCII kept as is.
        assertTrue(run.out().contains("\n      \"title\": \"握手\",\n"), run.out());
    }

    @Test
    void junitHasOneTestcasePerFileAndFailuresForErrors() throws Exception {
        Stories.Run run = Stories.run("check", "--format", "junit", valid, wrong, broken, warn);
        assertEquals(1, run.exitCode(), run.err());
        Document xml = parse(run.out());
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertEquals("tcpstory check", suite.getAttribute("name"));
        assertEquals("4", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals("0", suite.getAttribute("skipped"));
        NodeList cases = xml.getElementsByTagName("testcase");
        assertEquals(4, cases.getLength());

        Element wrongCase = testcase(xml, Stories.shown(wrong));
        assertEquals("tcpstory", wrongCase.getAttribute("classname"));
        Element failure = (Element) wrongCase.getElementsByTagName("failure").item(0);
        assertEquals("ack-number", failure.getAttribute("type"));
        assertTrue(failure.getAttribute("message").startsWith(Stories.WRONG_ACK_LINE + ":" + Stories.WRONG_ACK_COLUMN + ": "));
        assertTrue(failure.getTextContent().contains("  10 | boy -> girl: ACK=1, seq=x+1, ack=y\n"), failure.getTextContent());

        assertEquals(1, testcase(xml, Stories.shown(broken)).getElementsByTagName("failure").getLength());
        assertEquals(0, testcase(xml, Stories.shown(valid)).getChildNodes().getLength());
        Element warnCase = testcase(xml, Stories.shown(warn));
        assertEquals(0, warnCase.getElementsByTagName("failure").getLength());
        assertTrue(warnCase.getElementsByTagName("system-out").item(0).getTextContent().contains(": warning: "));
    }

    @Test
    void junitStrictTurnsWarningsIntoFailures() throws Exception {
        Stories.Run run = Stories.run("check", "--format", "junit", "--strict", valid, warn);
        assertEquals(1, run.exitCode(), run.err());
        Document xml = parse(run.out());
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertEquals("1", suite.getAttribute("failures"));
        Element warnCase = testcase(xml, Stories.shown(warn));
        assertEquals(1, warnCase.getElementsByTagName("failure").getLength());
        assertEquals(0, warnCase.getElementsByTagName("system-out").getLength());
    }

    @Test
    void githubWritesEscapedWorkflowCommands() {
        Stories.Run run = Stories.run("check", "--format", "github", valid, wrong, warn);
        assertEquals(1, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.out());
        String error = lines.get(0);
        assertTrue(error.startsWith("::error file=" + GithubReporter.property(Stories.shown(wrong))
                + ",line=10,col=" + Stories.WRONG_ACK_COLUMN + ",title=tcpstory ack-number::"), error);
        assertTrue(error.contains("%0A"), "details joined with an escaped newline: " + error);
        assertTrue(lines.get(1).startsWith("::warning file="), lines.get(1));
        assertEquals("checked 3 chapters: 1 error, 1 warning", lines.get(2));
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element testcase(Document xml, String name) {
        NodeList cases = xml.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no testcase " + name);
    }
}
