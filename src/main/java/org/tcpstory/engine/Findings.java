package org.tcpstory.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Severity;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Text;

/**
 * The diagnostics of the event being processed. Each one gets, after the author-facing explanation,
 * both peers' states at that moment and the rule that was broken, so the reader sees the context.
 *
 * <p>A message is a {@link Text} of the catalog, shown in the reader's language; a plain string is shown as
 * it is (English) in every language, for the call sites that have no key yet.
 */
final class Findings {

    private final Map<String, Tcb> peers;
    private final List<Diagnostic> current = new ArrayList<>();

    Findings(Map<String, Tcb> peers) {
        this.peers = peers;
    }

    void error(Rule rule, SourcePosition position, Text message, Text... explanation) {
        add(Severity.ERROR, rule, position, message, Arrays.asList(explanation));
    }

    void warning(Rule rule, SourcePosition position, Text message, Text... explanation) {
        add(Severity.WARNING, rule, position, message, Arrays.asList(explanation));
    }

    /** An error whose words have no key in the catalog yet: shown in English in every language. */
    void error(Rule rule, SourcePosition position, String message, String... explanation) {
        add(Severity.ERROR, rule, position, Text.plain(message), plain(explanation));
    }

    /** A warning whose words have no key in the catalog yet: shown in English in every language. */
    void warning(Rule rule, SourcePosition position, String message, String... explanation) {
        add(Severity.WARNING, rule, position, Text.plain(message), plain(explanation));
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

    /** {@code rule ack-number: ack is the sender's RCV.NXT...}, the summary in the reader's language. */
    static Text ruleLine(Rule rule) {
        return Text.of("engine.ruleLine", rule.id(), Text.of("rule." + rule.id()));
    }

    private static List<Text> plain(String... lines) {
        return Arrays.stream(lines).map(Text::plain).toList();
    }

    private void add(Severity severity, Rule rule, SourcePosition position, Text message, List<Text> explanation) {
        List<Text> details = new ArrayList<>(explanation);
        details.add(statesLine());
        details.add(ruleLine(rule));
        current.add(new Diagnostic(severity, position, message, rule.id(), rule.reference(), details));
    }

    /** {@code now: boy FIN-WAIT-1, girl CLOSE-WAIT}: peer ids and states are the same in every language. */
    private Text statesLine() {
        StringBuilder states = new StringBuilder();
        for (Tcb tcb : peers.values()) {
            if (states.length() > 0) {
                states.append(", ");
            }
            states.append(tcb.id).append(' ').append(tcb.state());
        }
        return Text.of("engine.now", states.toString());
    }
}
