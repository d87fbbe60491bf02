package org.tcpstory.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Report;
import org.tcpstory.diagnostic.Text;

/**
 * JUnit XML for CI test reports: one {@code <testcase>} per requested file (those that failed to parse
 * too), with at most one {@code <failure>}, as the common JUnit schema allows: its message is the first
 * error with a count of the others, its text every error in full. Warnings go to {@code <system-out>}
 * (into the failure under {@code --strict}). The XML writer does the escaping; we only drop characters
 * XML 1.0 cannot hold.
 */
final class JunitReporter implements Reporter {

    private final boolean strict;
    private final Messages messages;

    JunitReporter(boolean strict, Messages messages) {
        this.strict = strict;
        this.messages = messages;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            newline(xml, 0);
            String tests = Long.toString(report.chapters());
            String failures = Long.toString(report.files().stream().filter(f -> !failuresOf(f).isEmpty()).count());
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "tcpstory");
            xml.writeAttribute("tests", tests);
            xml.writeAttribute("failures", failures);
            xml.writeAttribute("errors", "0");
            newline(xml, 1);
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "tcpstory check");
            xml.writeAttribute("tests", tests);
            xml.writeAttribute("failures", failures);
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            for (Report.FileReport file : report.files()) {
                newline(xml, 2);
                testcase(xml, file);
            }
            newline(xml, 1);
            xml.writeEndElement();
            newline(xml, 0);
            xml.writeEndElement();
            newline(xml, 0);
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        out.flush();
    }

    private void testcase(XMLStreamWriter xml, Report.FileReport file) throws XMLStreamException {
        List<Diagnostic> failures = failuresOf(file);
        List<Diagnostic> output = strict ? List.of() : file.diagnostics().stream().filter(d -> !d.isError()).toList();
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "tcpstory");
        xml.writeAttribute("name", xmlSafe(file.file()));
        if (!failures.isEmpty()) {
            Diagnostic first = failures.get(0);
            String more = failures.size() == 1 ? "" : messages.render(Text.of("report.andMore", failures.size() - 1));
            List<String> texts = new ArrayList<>();
            for (Diagnostic d : failures) {
                texts.add(TextReporter.describe(file, d, false, messages));
            }
            newline(xml, 3);
            xml.writeStartElement("failure");
            xml.writeAttribute("message", xmlSafe(first.position().line() + ":" + first.position().column() + ": "
                    + first.message(messages) + more));
            xml.writeAttribute("type", xmlSafe(first.rule()));
            xml.writeCharacters(xmlSafe(String.join("\n", texts)));
            xml.writeEndElement();
        }
        if (!output.isEmpty()) {
            newline(xml, 3);
            xml.writeStartElement("system-out");
            List<String> texts = new ArrayList<>();
            for (Diagnostic d : output) {
                texts.add(TextReporter.describe(file, d, false, messages));
            }
            xml.writeCharacters(xmlSafe(String.join("\n", texts)));
            xml.writeEndElement();
        }
        if (!failures.isEmpty() || !output.isEmpty()) {
            newline(xml, 2);
        }
        xml.writeEndElement();
    }

    private List<Diagnostic> failuresOf(Report.FileReport file) {
        return file.diagnostics().stream().filter(d -> strict || d.isError()).toList();
    }

    private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** XML 1.0 cannot carry most control characters or lone surrogates, escaped or not: replace them. */
    static String xmlSafe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
            out.appendCodePoint(allowed ? c : 0xFFFD);
        }
        return out.toString();
    }
}
