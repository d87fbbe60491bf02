package org.tcpstory.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Report;
import org.tcpstory.engine.Rule;

/**
 * SARIF 2.1.0, the log format of code-scanning dashboards: one run whose tool lists the rules the report
 * uses (each with its RFC section as help, and a link to it), and one result per diagnostic with its level,
 * message and place. Columns count code points, as the diagnostics do ({@code columnKind}); a relative path
 * is a URI relative to the checkout ({@code %SRCROOT%}), an absolute one a {@code file:} URI.
 */
final class SarifReporter implements Reporter {

    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String SOURCE_ROOT = "%SRCROOT%";

    /** {@code RFC 9293 §3.10.7.4}, {@code RFC 5961 §3.2}, {@code RFC 9293 Appendix A.2}, {@code RFC 9293 §3.3.2 Note 2}. */
    private static final Pattern RFC = Pattern.compile("RFC (\\d+)(?: (?:§([0-9.]+)|Appendix ([A-Z][0-9.]*)))?.*");

    private final String version;
    private final Messages messages;

    SarifReporter(String version, Messages messages) {
        this.version = version;
        this.messages = messages;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        List<Object> rules = new ArrayList<>();
        for (Map.Entry<String, String> rule : rulesOf(report).entrySet()) {
            ruleIndex.put(rule.getKey(), rules.size());
            rules.add(rule(rule.getKey(), rule.getValue()));
        }
        List<Object> results = new ArrayList<>();
        for (Diagnostic d : report.diagnostics()) {
            results.add(result(d, ruleIndex.get(d.rule())));
        }

        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "tcpstory");
        if (version != null) {
            driver.put("version", version);
        }
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("language", messages.language() == Language.CHINESE ? "zh-CN" : "en-US");
        run.put("columnKind", "unicodeCodePoints");
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        Json.write(log, out);
        out.flush();
    }

    /** Each rule the report uses, by id, with the reference the first diagnostic of it gives. */
    private static Map<String, String> rulesOf(Report report) {
        Map<String, String> rules = new TreeMap<>();
        for (Diagnostic d : report.diagnostics()) {
            rules.putIfAbsent(d.rule(), d.reference());
        }
        return rules;
    }

    private Map<String, Object> rule(String id, String reference) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", id);
        Optional<Rule> known = Arrays.stream(Rule.values()).filter(r -> r.id().equals(id)).findFirst();
        known.ifPresent(r -> rule.put("shortDescription", text(messages.rule(r.id()))));
        String source = reference.isEmpty() ? known.map(Rule::reference).orElse("") : reference;
        if (!source.isEmpty()) {
            rule.put("help", text(source));
            rfcLink(source).ifPresent(uri -> rule.put("helpUri", uri));
        }
        return rule;
    }

    /** The RFC Editor's page of an RFC reference, at its section or appendix; empty when it is not an RFC. */
    static Optional<String> rfcLink(String reference) {
        Matcher m = RFC.matcher(reference);
        if (!m.matches()) {
            return Optional.empty();
        }
        String page = "https://www.rfc-editor.org/rfc/rfc" + m.group(1);
        if (m.group(2) != null) {
            return Optional.of(page + "#section-" + trimDot(m.group(2)));
        }
        if (m.group(3) != null) {
            return Optional.of(page + "#appendix-" + trimDot(m.group(3)));
        }
        return Optional.of(page);
    }

    private static String trimDot(String section) {
        return section.endsWith(".") ? section.substring(0, section.length() - 1) : section;
    }

    private Map<String, Object> result(Diagnostic d, int ruleIndex) {
        StringBuilder message = new StringBuilder(d.message(messages));
        for (String detail : d.details(messages)) {
            message.append('\n').append(detail);
        }
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("startLine", d.position().line());
        region.put("startColumn", d.position().column());
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("artifactLocation", artifact(d.position().file()));
        location.put("region", region);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ruleId", d.rule());
        result.put("ruleIndex", ruleIndex);
        result.put("level", d.severity().label());
        result.put("message", text(message.toString()));
        result.put("locations", List.of(Map.of("physicalLocation", location)));
        return result;
    }

    /** A path as the user wrote it, as a URI: relative to the checkout, or a {@code file:} URI when absolute. */
    static Map<String, Object> artifact(String path) {
        String slashed = path.replace('\\', '/');
        Map<String, Object> artifact = new LinkedHashMap<>();
        if (slashed.startsWith("/")) {
            artifact.put("uri", "file://" + encode(slashed));
        } else {
            artifact.put("uri", encode(slashed));
            artifact.put("uriBaseId", SOURCE_ROOT);
        }
        return artifact;
    }

    /** Percent-encodes every UTF-8 byte but the unreserved characters and the slash (RFC 3986). */
    static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static Map<String, Object> text(String text) {
        return Map.of("text", text);
    }
}
