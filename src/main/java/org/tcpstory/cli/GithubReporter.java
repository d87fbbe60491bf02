package org.tcpstory.cli;

import java.io.IOException;
import java.io.Writer;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Report;

/**
 * GitHub Actions workflow commands, which the runner turns into annotations on the pull request:
 * {@code ::error file=PATH,line=L,col=C,title=tcpstory RULE::MESSAGE%0ADETAIL...}, then the summary
 * line as plain text. Escaping keeps a story's text from ending the command or starting another.
 */
final class GithubReporter implements Reporter {

    private final Messages messages;

    GithubReporter(Messages messages) {
        this.messages = messages;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        for (Report.FileReport file : report.files()) {
            for (Diagnostic d : file.diagnostics()) {
                StringBuilder data = new StringBuilder(d.message(messages));
                for (String detail : d.detailsAndReference(messages)) {
                    data.append('\n').append(detail);
                }
                out.write("::" + d.severity().label()
                        + " file=" + property(d.position().file())
                        + ",line=" + d.position().line()
                        + ",col=" + d.position().column()
                        + ",title=" + property("tcpstory " + d.rule())
                        + "::" + data(data.toString()) + "\n");
            }
        }
        out.write(report.summary(messages) + "\n");
        out.flush();
    }

    /** The message part of a command: only %, CR and LF are special. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: also : and , which would end it. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
