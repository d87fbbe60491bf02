package org.tcpstory.diagnostic;

import java.util.List;
import java.util.Objects;

/**
 * One finding about a story, from the parser or the engine.
 *
 * @param rule      a stable, kebab-case name of the rule that was broken (for example {@code ack-number});
 *                  tests and CI annotations key on it
 * @param reference where the rule comes from, for example {@code RFC 9293 §3.4}; empty for syntax rules
 * @param details   indented lines printed under the message: expected values, both peers' states
 */
public record Diagnostic(Severity severity, SourcePosition position, String message,
                         String rule, String reference, List<String> details) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rule, "rule");
        reference = reference == null ? "" : reference;
        details = List.copyOf(details);
    }

    public static Diagnostic error(SourcePosition position, String rule, String message, String... details) {
        return new Diagnostic(Severity.ERROR, position, message, rule, "", List.of(details));
    }

    public static Diagnostic warning(SourcePosition position, String rule, String message, String... details) {
        return new Diagnostic(Severity.WARNING, position, message, rule, "", List.of(details));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
