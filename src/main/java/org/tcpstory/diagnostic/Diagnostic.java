package org.tcpstory.diagnostic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One finding about a story, from the parser or the engine. Its words are {@link Text}s, shown in the
 * reader's language by {@link Messages}; {@link #message()} and {@link #details()} are the English.
 *
 * @param text        what is wrong, in one line
 * @param rule        a stable, kebab-case name of the rule that was broken (for example {@code ack-number});
 *                    tests and CI annotations key on it, and it is never translated
 * @param reference   where the rule comes from, for example {@code RFC 9293 §3.4}; empty for syntax rules;
 *                    never translated
 * @param detailTexts indented lines shown under the message: expected values, both peers' states
 */
public record Diagnostic(Severity severity, SourcePosition position, Text text,
                         String rule, String reference, List<Text> detailTexts) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(rule, "rule");
        reference = reference == null ? "" : reference;
        detailTexts = List.copyOf(detailTexts);
    }

    /**
     * A diagnostic whose words have no key in the catalog yet: shown as they are (English) in every
     * language. For the engine's messages until each moves to a {@link Text}.
     */
    public Diagnostic(Severity severity, SourcePosition position, String message, String rule, String reference,
                      List<String> details) {
        this(severity, position, Text.plain(Objects.requireNonNull(message, "message")), rule, reference,
                details.stream().map(Text::plain).toList());
    }

    public static Diagnostic error(SourcePosition position, String rule, Text text, Text... details) {
        return new Diagnostic(Severity.ERROR, position, text, rule, "", Arrays.asList(details));
    }

    public static Diagnostic warning(SourcePosition position, String rule, Text text, Text... details) {
        return new Diagnostic(Severity.WARNING, position, text, rule, "", Arrays.asList(details));
    }

    /** An error whose words have no key in the catalog yet (see the constructor with strings). */
    public static Diagnostic error(SourcePosition position, String rule, String message, String... details) {
        return new Diagnostic(Severity.ERROR, position, message, rule, "", List.of(details));
    }

    /** A warning whose words have no key in the catalog yet (see the constructor with strings). */
    public static Diagnostic warning(SourcePosition position, String rule, String message, String... details) {
        return new Diagnostic(Severity.WARNING, position, message, rule, "", List.of(details));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** What is wrong, in English. */
    public String message() {
        return message(Messages.english());
    }

    /** What is wrong, in the catalog's language. */
    public String message(Messages messages) {
        return messages.render(text);
    }

    /** The detail lines, in English. */
    public List<String> details() {
        return details(Messages.english());
    }

    /** The detail lines, in the catalog's language. */
    public List<String> details(Messages messages) {
        return messages.render(detailTexts);
    }

    /** In English, as the record would print its strings: what a failing test shows. */
    @Override
    public String toString() {
        return "Diagnostic[severity=" + severity + ", position=" + position + ", message=" + message() + ", rule=" + rule
                + ", reference=" + reference + ", details=" + details() + "]";
    }

    /** What is shown under the message: the detail lines, then {@code see RFC 9293 §3.4} when there is a reference. */
    public List<String> detailsAndReference(Messages messages) {
        List<String> lines = new ArrayList<>(details(messages));
        if (!reference.isEmpty()) {
            lines.add(messages.render(Text.of("report.see", reference)));
        }
        return lines;
    }
}
