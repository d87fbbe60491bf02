package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

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
        assertEquals(List.of("version", "language", "files", "summary"), List.copyOf(doc.keySet()));
        assertEquals(1, doc.get("version"));
        assertEquals("en", doc.get("language"));
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
        assertFollowsTheJunitSchema(xml);

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

    /** Line 9 acknowledges x and line 10 sends seq=x, not x+1: two errors in one chapter. */
    static final String TWO_ERRORS = Stories.VALID.replace("title: 握手", "title: 两处")
            .replace("seq=y, ack=x+1", "seq=y, ack=x").replace("ACK=1, seq=x+1, ack=y+1", "ACK=1, seq=x, ack=y+1");

    @Test
    void junitHasAtMostOneFailurePerTestcaseWithEveryErrorInIt() throws Exception {
        Path two = Stories.write(dir, "05-two.md", TWO_ERRORS);
        Stories.Run run = Stories.run("check", "--format", "junit", valid, two, broken, warn);
        assertEquals(1, run.exitCode(), run.err());
        Document xml = parse(run.out());
        assertFollowsTheJunitSchema(xml);
        NodeList failures = testcase(xml, Stories.shown(two)).getElementsByTagName("failure");
        assertEquals(1, failures.getLength());
        Element failure = (Element) failures.item(0);
        assertTrue(failure.getAttribute("message").startsWith("9:"), failure.getAttribute("message"));
        assertTrue(failure.getAttribute("message").endsWith(" (and 1 more)"), failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains(Stories.shown(two) + ":9:")
                && failure.getTextContent().contains(Stories.shown(two) + ":10:"), failure.getTextContent());
    }

    /**
     * What the JUnit XML schema CI servers read (Ant's, as Jenkins, GitLab and GitHub's test reporters take
     * it) asks of the parts this report uses: testsuites holding testsuites with a name and counts, test
     * cases with a name and class name and, in this order, at most one failure or error, at most one
     * skipped, then system-out and system-err; the counts add up.
     */
    static void assertFollowsTheJunitSchema(Document xml) {
        Element root = xml.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        int allTests = 0;
        int allFailures = 0;
        for (Element suite : children(root)) {
            assertEquals("testsuite", suite.getTagName());
            assertTrue(!suite.getAttribute("name").isEmpty(), "a suite has a name");
            int tests = 0;
            int failures = 0;
            for (Element testcase : children(suite)) {
                assertEquals("testcase", testcase.getTagName());
                assertTrue(!testcase.getAttribute("name").isEmpty() && !testcase.getAttribute("classname").isEmpty());
                List<String> kinds = children(testcase).stream().map(Element::getTagName).toList();
                assertTrue(kinds.stream().allMatch(Set.of("failure", "error", "skipped", "system-out", "system-err")::contains),
                        kinds::toString);
                long verdicts = kinds.stream().filter(k -> k.equals("failure") || k.equals("error")).count();
                assertTrue(verdicts <= 1, "at most one failure or error in a test case: " + kinds);
                assertTrue(kinds.indexOf("system-out") < 0 || verdicts == 0 || kinds.indexOf("system-out") > 0,
                        "system-out after the failure: " + kinds);
                tests++;
                failures += kinds.contains("failure") ? 1 : 0;
            }
            assertEquals(tests, Integer.parseInt(suite.getAttribute("tests")));
            assertEquals(failures, Integer.parseInt(suite.getAttribute("failures")));
            assertEquals(0, Integer.parseInt(suite.getAttribute("errors")));
            allTests += tests;
            allFailures += failures;
        }
        assertEquals(allTests, Integer.parseInt(root.getAttribute("tests")));
        assertEquals(allFailures, Integer.parseInt(root.getAttribute("failures")));
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            } else {
                assertTrue(n.getNodeType() != Node.TEXT_NODE || n.getTextContent().isBlank(),
                        "no text between elements: " + n.getTextContent());
            }
        }
        return elements;
    }

    /** The OASIS schema of SARIF 2.1.0, committed under src/test/resources/sarif. */
    private static Schema sarifSchema() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/sarif/sarif-schema-2.1.0.json"))) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
    }

    @Test
    void sarifIsValidSarif210WithOneResultPerDiagnostic() throws Exception {
        Path two = Stories.write(dir, "05-two.md", TWO_ERRORS);
        Stories.Run run = Stories.run("check", "--format", "sarif", valid, wrong, broken, warn, two);
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(List.of(), sarifSchema().validate(run.out(), InputFormat.JSON).stream().map(Object::toString).toList());

        JsonNode sarifRun = new ObjectMapper().readTree(run.out()).get("runs").get(0);
        assertEquals("tcpstory", sarifRun.get("tool").get("driver").get("name").asString());
        assertEquals("unicodeCodePoints", sarifRun.get("columnKind").asString());
        JsonNode rules = sarifRun.get("tool").get("driver").get("rules");
        JsonNode results = sarifRun.get("results");
        // wrong: 1 error; broken: 1; warn: 1 warning; two: 2 errors.
        assertEquals(5, results.size(), results::toString);
        JsonNode ack = null;
        for (JsonNode result : results) {
            JsonNode rule = rules.get(result.get("ruleIndex").asInt());
            assertEquals(rule.get("id").asString(), result.get("ruleId").asString());
            assertTrue(Set.of("error", "warning").contains(result.get("level").asString()));
            JsonNode location = result.get("locations").get(0).get("physicalLocation");
            // The paths were given absolute, so they are file: URIs (relative ones: ReportersTest).
            assertTrue(location.get("artifactLocation").get("uri").asString().startsWith("file:///"), location::toString);
            if (location.get("artifactLocation").get("uri").asString().endsWith("02-wrong.md")) {
                ack = result;
                assertEquals(Stories.WRONG_ACK_LINE, location.get("region").get("startLine").asInt());
                assertEquals(Stories.WRONG_ACK_COLUMN, location.get("region").get("startColumn").asInt());
            }
        }
        assertTrue(ack != null, results::toString);
        assertEquals("error", ack.get("level").asString());
        assertTrue(ack.get("message").get("text").asString().startsWith("wrong acknowledgment number"));
        JsonNode ackRule = rules.get(ack.get("ruleIndex").asInt());
        assertEquals("ack-number", ackRule.get("id").asString());
        assertEquals("RFC 9293 §3.4", ackRule.get("help").get("text").asString());
        assertEquals("https://www.rfc-editor.org/rfc/rfc9293#section-3.4", ackRule.get("helpUri").asString());
        List<String> ids = new ArrayList<>();
        rules.forEach(r -> ids.add(r.get("id").asString()));
        assertEquals(ids.stream().distinct().sorted().toList(), ids, "each rule once, by id");
    }

    @Test
    void sarifInChineseIsValidSarifThatSaysItsLanguage() throws Exception {
        Stories.Run run = Stories.run("check", "--format", "sarif", "--lang", "zh", wrong, broken);
        assertEquals(List.of(), sarifSchema().validate(run.out(), InputFormat.JSON).stream().map(Object::toString).toList());
        JsonNode sarifRun = new ObjectMapper().readTree(run.out()).get("runs").get(0);
        assertEquals("zh-CN", sarifRun.get("language").asString());
        for (JsonNode rule : sarifRun.get("tool").get("driver").get("rules")) {
            if (rule.get("id").asString().equals("ack-number")) {
                assertEquals("ack 是发送方的 RCV.NXT：它真正收到的下一个序号", rule.get("shortDescription").get("text").asString());
            }
        }
        assertTrue(run.out().contains("front matter 不是有效的 YAML"), run.out());
    }

    /** The harness can fail: the schema refuses a level SARIF does not have and a result without a message. */
    @Test
    void theSarifSchemaRefusesWhatIsNotSarif() throws Exception {
        Stories.Run run = Stories.run("check", "--format", "sarif", wrong);
        String bad = run.out().replace("\"level\": \"error\"", "\"level\": \"fatal\"");
        assertTrue(!bad.equals(run.out()));
        assertTrue(!sarifSchema().validate(bad, InputFormat.JSON).isEmpty());
        String noMessage = run.out().replace("\"message\": {", "\"note\": {");
        assertTrue(!sarifSchema().validate(noMessage, InputFormat.JSON).isEmpty());
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
