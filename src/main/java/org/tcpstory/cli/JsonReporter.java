package org.tcpstory.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Report;

/**
 * One JSON document for tools:
 * {@code {"version":1,"language":"en","files":[{"file","title","diagnostics":[...]}],"summary":{"chapters","errors","warnings"}}}.
 * Keys always come in this order; {@code version} changes only when a field changes meaning or goes away.
 * {@code message} and {@code details} are in {@code language}; tools key on {@code rule}, which never is.
 */
final class JsonReporter implements Reporter {

    static final int VERSION = 1;

    private final Messages messages;

    JsonReporter(Messages messages) {
        this.messages = messages;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("version", VERSION);
        document.put("language", messages.language().code());
        List<Object> files = new ArrayList<>();
        for (Report.FileReport file : report.files()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", file.file());
            entry.put("title", file.title());
            List<Object> diagnostics = new ArrayList<>();
            for (Diagnostic d : file.diagnostics()) {
                diagnostics.add(diagnostic(d));
            }
            entry.put("diagnostics", diagnostics);
            files.add(entry);
        }
        document.put("files", files);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("chapters", report.chapters());
        summary.put("errors", report.errors());
        summary.put("warnings", report.warnings());
        document.put("summary", summary);
        Json.write(document, out);
        out.flush();
    }

    private Map<String, Object> diagnostic(Diagnostic d) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("severity", d.severity().label());
        entry.put("line", d.position().line());
        entry.put("column", d.position().column());
        entry.put("rule", d.rule());
        entry.put("reference", d.reference());
        entry.put("message", d.message(messages));
        entry.put("details", d.details(messages));
        return entry;
    }
}
