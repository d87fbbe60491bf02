package org.tcpstory.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Severity;
import org.tcpstory.diagnostic.SourcePosition;

/**
 * The diagnostics of the event being processed. Each one gets, after the author-facing explanation,
 * both peers' states at that moment and the rule that was broken, so the reader sees the context.
 */
final class Findings {

    private final Map<String, Tcb> peers;
    private final List<Diagnostic> current = new ArrayList<>();

    Findings(Map<String, Tcb> peers) {
        this.peers = peers;
    }

    void error(Rule rule, SourcePosition position, String message, String... explanation) {
        add(Severity.ERROR, rule, position, message, explanation);
    }

    void warning(Rule rule, SourcePosition position, String message, String... explanation) {
        add(Severity.WARNING, rule, position, message, explanation);
    }

    void add(Diagnostic diagnostic) {
        current.add(diagnostic);
    }

    /** Hands over what was found since the last call. */
    List<Diagnostic> drain() {
        List<Diagnostic> found = List.copyOf(current);
        current.clear();
        return found;
    }

    private void add(Severity severity, Rule rule, SourcePosition position, String message, String... explanation) {
        List<String> details = new ArrayList<>(Arrays.asList(explanation));
        details.add(statesLine());
        details.add("rule " + rule.id() + ": " + rule.summary());
        current.add(new Diagnostic(severity, position, message, rule.id(), rule.reference(), details));
    }

    private String statesLine() {
        StringBuilder line = new StringBuilder("now: ");
        for (Tcb tcb : peers.values()) {
            if (line.length() > 5) {
                line.append(", ");
            }
            line.append(tcb.id).append(' ').append(tcb.state());
        }
        return line.toString();
    }
}
