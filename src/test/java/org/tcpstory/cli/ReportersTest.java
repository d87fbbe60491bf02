package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Report;
import org.tcpstory.diagnostic.Severity;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Suggestions;
import org.tcpstory.diagnostic.Text;

/** The reporters and their helpers on hand-made reports: escaping, widths, edge cases. */
class ReportersTest {

    private static final Messages ENGLISH = Messages.english();
    private static final Messages CHINESE = Messages.of(Language.CHINESE);

    @Test
    void caretSkipsTwoCellsPerWideCharacter() {
        Excerpt.Lines lines = Excerpt.of("note boy: 你好 x", 3, 14);
        assertEquals("  3 | note boy: 你好 x", lines.source());
        assertEquals("    | " + " ".repeat(15) + "^", lines.caret());
    }

    @Test
    void caretExpandsTabsAndIgnoresCombiningMarks() {
        assertEquals("  1 |     x", Excerpt.of("\tx", 1, 2).source());
        assertEquals("    |     ^", Excerpt.of("\tx", 1, 2).caret());
        assertEquals("    |     ^", Excerpt.of("ab\tx", 1, 4).caret());
        // e + combining acute is one cell; the column still counts code points.
        assertEquals("    |  ^", Excerpt.of("e\u0301x", 1, 3).caret());
        // A character outside the BMP is one code point.
        assertEquals("    |   ^", Excerpt.of("\uD840\uDC00x", 1, 2).caret());
    }

    @Test
    void caretPastTheEndAndControlCharacters() {
        assertEquals("    |    ^", Excerpt.of("abc", 1, 4).caret());
        assertEquals("  1 | a\uFFFDb", Excerpt.of("a\033b", 1, 1).source());
        assertEquals("  100 | x", Excerpt.of("x", 100, 1).source());
        assertEquals("      | ^", Excerpt.of("x", 100, 1).caret());
    }

    @Test
    void jsonQuoteEscapesWhatJsonRequires() {
        assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001\\u001f\"", Json.quote("a\"b\\c\n\t\u0001\u001f"));
        assertEquals("\"握手 😀 /\"", Json.quote("握手 😀 /"));
        assertEquals("\"\\ud800x\"", Json.quote("\uD800x"));
        // DEL and C1 controls are legal in JSON, but escaped so that no terminal acts on them.
        assertEquals("\"\\u007f\\u009b\"", Json.quote("\u007f\u009b"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonRoundTripsAwkwardText() throws Exception {
        String awkward = "quote \" backslash \\ tab \t bell \u0007 newline \n 中文 \u007f end";
        Report report = new Report(List.of(new Report.FileReport("a\"b.md", awkward, true,
                List.of(Diagnostic.error(new SourcePosition("a\"b.md", 2, 3), "r", awkward, awkward, "")), List.of())));
        StringWriter out = new StringWriter();
        new JsonReporter(ENGLISH).write(report, out);
        Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(out.toString());
        Map<String, Object> file = ((List<Map<String, Object>>) doc.get("files")).get(0);
        assertEquals("a\"b.md", file.get("file"));
        assertEquals(awkward, file.get("title"));
        Map<String, Object> d = ((List<Map<String, Object>>) file.get("diagnostics")).get(0);
        assertEquals(awkward, d.get("message"));
        assertEquals(List.of(awkward, ""), d.get("details"));
        assertEquals("", d.get("reference"));
    }

    @Test
    void junitSurvivesMarkupAndControlCharacters() throws Exception {
        String nasty = "<b>&\"]]></b> \u0001";
        Report report = new Report(List.of(new Report.FileReport("x&y.md", null, true,
                List.of(Diagnostic.error(new SourcePosition("x&y.md", 1, 1), "r<", nasty, nasty)), List.of(nasty))));
        StringWriter out = new StringWriter();
        new JunitReporter(false, ENGLISH).write(report, out);
        var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
        var testcase = (org.w3c.dom.Element) xml.getElementsByTagName("testcase").item(0);
        assertEquals("x&y.md", testcase.getAttribute("name"));
        var failure = (org.w3c.dom.Element) testcase.getElementsByTagName("failure").item(0);
        assertEquals("r<", failure.getAttribute("type"));
        assertEquals("1:1: <b>&\"]]></b> \uFFFD", failure.getAttribute("message"));
    }

    @Test
    void githubEscapesDataAndProperties() {
        assertEquals("100%25 a%0D%0Ab: c, d", GithubReporter.data("100% a\r\nb: c, d"));
        assertEquals("C%3A%2Cx%25%0A", GithubReporter.property("C:,x%\n"));
    }

    @Test
    void githubLineForHandMadeDiagnostic() throws Exception {
        Report report = new Report(List.of(new Report.FileReport("dir/a,b:c.md", "t", true,
                List.of(Diagnostic.warning(new SourcePosition("dir/a,b:c.md", 7, 9), "in-flight", "50% lost\nnow", "d1")),
                List.of())));
        StringWriter out = new StringWriter();
        new GithubReporter(ENGLISH).write(report, out);
        assertEquals("::warning file=dir/a%2Cb%3Ac.md,line=7,col=9,title=tcpstory in-flight::50%25 lost%0Anow%0Ad1\n"
                + "checked 1 chapter: 1 warning\n", out.toString());
    }

    @Test
    void textReportWithoutSourceLinesHasNoExcerpt() throws Exception {
        Report report = new Report(List.of(new Report.FileReport("a.md", null, true,
                List.of(Diagnostic.error(new SourcePosition("a.md", 1, 1), "empty-file", "the file is empty")), List.of())));
        StringWriter out = new StringWriter();
        new TextReporter(false, ENGLISH).write(report, out);
        assertEquals("a.md:1:1: error: the file is empty\n\nchecked 1 chapter: 1 error\n", out.toString());
    }

    @Test
    void colourOnlyWhenAsked() throws Exception {
        Report report = new Report(List.of(new Report.FileReport("a.md", null, true,
                List.of(Diagnostic.error(new SourcePosition("a.md", 1, 1), "r", "m")), List.of("x"))));
        StringWriter plain = new StringWriter();
        new TextReporter(false, ENGLISH).write(report, plain);
        StringWriter coloured = new StringWriter();
        new TextReporter(true, ENGLISH).write(report, coloured);
        assertTrue(!plain.toString().contains("\033[") && coloured.toString().contains("\033[1;31merror:"));
        assertEquals(plain.toString(), coloured.toString().replaceAll("\033\\[[0-9;]*m", ""));
    }

    @Test
    void sarifLinksRfcSectionsAndAppendices() {
        assertEquals("https://www.rfc-editor.org/rfc/rfc9293#section-3.10.7.4",
                SarifReporter.rfcLink("RFC 9293 §3.10.7.4").orElseThrow());
        assertEquals("https://www.rfc-editor.org/rfc/rfc5961#section-3.2", SarifReporter.rfcLink("RFC 5961 §3.2").orElseThrow());
        assertEquals("https://www.rfc-editor.org/rfc/rfc9293#appendix-A.2",
                SarifReporter.rfcLink("RFC 9293 Appendix A.2").orElseThrow());
        assertEquals("https://www.rfc-editor.org/rfc/rfc9293#section-3.3.2",
                SarifReporter.rfcLink("RFC 9293 §3.3.2 Note 2").orElseThrow());
        assertEquals("https://www.rfc-editor.org/rfc/rfc793", SarifReporter.rfcLink("RFC 793").orElseThrow());
        assertTrue(SarifReporter.rfcLink("").isEmpty() && SarifReporter.rfcLink("the story format").isEmpty());
    }

    @Test
    void sarifLocationsAreUrisRelativeToTheCheckoutOrFileUris() {
        assertEquals(Map.of("uri", "content/03-goodbye.md", "uriBaseId", "%SRCROOT%"),
                SarifReporter.artifact("content/03-goodbye.md"));
        assertEquals(Map.of("uri", "my%20book/%E5%86%8D%E8%A7%81%3A1%23.md", "uriBaseId", "%SRCROOT%"),
                SarifReporter.artifact("my book/再见:1#.md"));
        assertEquals(Map.of("uri", "file:///tmp/a%25b.md"), SarifReporter.artifact("/tmp/a%b.md"));
    }

    /** A report as the engine gives one: a message, detail lines, a rule of the engine and its RFC section. */
    private static Report chineseSample() {
        Diagnostic wrongAck = new Diagnostic(Severity.ERROR, new SourcePosition("a.md", 2, 5),
                Text.of("given.twice", "ack"), "ack-number", "RFC 9293 §3.4",
                List.of(Text.of("engine.now", "boy FIN-WAIT-1, girl CLOSE-WAIT"),
                        Text.of("engine.ruleLine", "ack-number", Text.of("rule.ack-number"))));
        Diagnostic field = Diagnostic.error(new SourcePosition("a.md", 3, 1), "unknown-field",
                Text.of("segment.unknownField", "sqe", Suggestions.hint("sqe", List.of("seq", "ack"))));
        return new Report(List.of(new Report.FileReport("a.md", "标题", true, List.of(wrongAck, field),
                List.of("x", "girl -> boy: ack=u", "sqe=1"))));
    }

    @Test
    void textInChinese() throws Exception {
        StringWriter out = new StringWriter();
        new TextReporter(false, CHINESE).write(chineseSample(), out);
        assertEquals("""
                a.md:2:5: error: `ack` 写了两次
                    此刻：boy FIN-WAIT-1, girl CLOSE-WAIT
                    规则 ack-number：ack 是发送方的 RCV.NXT：它真正收到的下一个序号
                    参见 RFC 9293 §3.4
                  2 | girl -> boy: ack=u
                    |     ^

                a.md:3:1: error: 不认识的字段 `sqe`（是不是想写 `seq`？）
                  3 | sqe=1
                    | ^

                检查了 1 章：2 个错误
                """, out.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonInChineseKeepsItsFieldsAndRules() throws Exception {
        StringWriter out = new StringWriter();
        new JsonReporter(CHINESE).write(chineseSample(), out);
        Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(out.toString());
        assertEquals("zh", doc.get("language"));
        Map<String, Object> d = ((List<Map<String, Object>>) ((List<Map<String, Object>>) doc.get("files")).get(0)
                .get("diagnostics")).get(0);
        assertEquals("error", d.get("severity"));
        assertEquals("ack-number", d.get("rule"));
        assertEquals("RFC 9293 §3.4", d.get("reference"));
        assertEquals("`ack` 写了两次", d.get("message"));
        assertEquals(List.of("此刻：boy FIN-WAIT-1, girl CLOSE-WAIT", "规则 ack-number：ack 是发送方的 RCV.NXT：它真正收到的下一个序号"),
                d.get("details"));
    }

    @Test
    void junitInChinese() throws Exception {
        StringWriter out = new StringWriter();
        new JunitReporter(false, CHINESE).write(chineseSample(), out);
        var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
        var failure = (org.w3c.dom.Element) xml.getElementsByTagName("failure").item(0);
        assertEquals("ack-number", failure.getAttribute("type"));
        assertEquals("2:5: `ack` 写了两次（还有 1 个）", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("    参见 RFC 9293 §3.4\n"), failure.getTextContent());
    }

    @Test
    void githubInChinese() throws Exception {
        StringWriter out = new StringWriter();
        new GithubReporter(CHINESE).write(chineseSample(), out);
        assertEquals("::error file=a.md,line=2,col=5,title=tcpstory ack-number::`ack` 写了两次"
                + "%0A此刻：boy FIN-WAIT-1, girl CLOSE-WAIT%0A规则 ack-number：ack 是发送方的 RCV.NXT：它真正收到的下一个序号"
                + "%0A参见 RFC 9293 §3.4\n"
                + "::error file=a.md,line=3,col=1,title=tcpstory unknown-field::不认识的字段 `sqe`（是不是想写 `seq`？）\n"
                + "检查了 1 章：2 个错误\n", out.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void sarifInChineseSaysItsLanguage() throws Exception {
        StringWriter out = new StringWriter();
        new SarifReporter(null, CHINESE).write(chineseSample(), out);
        Map<String, Object> log = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(out.toString());
        Map<String, Object> run = ((List<Map<String, Object>>) log.get("runs")).get(0);
        assertEquals("zh-CN", run.get("language"));
        Map<String, Object> result = ((List<Map<String, Object>>) run.get("results")).get(1);
        assertEquals("unknown-field", result.get("ruleId"));
        assertEquals(Map.of("text", "不认识的字段 `sqe`（是不是想写 `seq`？）"), result.get("message"));
        Map<String, Object> rule = ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) run.get("tool"))
                .get("driver")).get("rules")).get(0);
        assertEquals("ack-number", rule.get("id"));
        assertEquals(Map.of("text", "ack 是发送方的 RCV.NXT：它真正收到的下一个序号"), rule.get("shortDescription"));
        assertEquals(Map.of("text", "RFC 9293 §3.4"), rule.get("help"));
    }

    @Test
    void summaryWording() {
        assertEquals("checked 0 chapters: no problems", new Report(List.of()).summary());
    }
}
