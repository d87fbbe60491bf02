package org.tcpstory.story;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Text;

/**
 * The YAML of a front matter as a node tree with file positions. Composing (not constructing) keeps the
 * marks of every key and value and never builds objects from tags.
 */
final class YamlTree {

    /** Far more than any front matter needs; stops pathological input early. */
    static final int CODE_POINT_LIMIT = 100_000;
    static final int MAX_ALIASES = 50;

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

    private final String file;
    private final int firstLine;
    private final Consumer<Diagnostic> report;

    /**
     * @param firstLine the 1-based file line of the YAML text's first line
     */
    YamlTree(String file, int firstLine, Consumer<Diagnostic> report) {
        this.file = file;
        this.firstLine = firstLine;
        this.report = report;
    }

    /** The root node, or empty for an empty document or a YAML error (reported). */
    Optional<Node> compose(String yaml) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(CODE_POINT_LIMIT)
                .build();
        SourcePosition start = new SourcePosition(file, Math.max(1, firstLine - 1), 1);
        if (yaml.codePointCount(0, yaml.length()) > CODE_POINT_LIMIT) {
            report.accept(Diagnostic.error(start, "yaml", Text.of("yaml.tooLong", CODE_POINT_LIMIT)));
            return Optional.empty();
        }
        try {
            return new Compose(settings).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            // The library's own words, in English: the place and the key are what the author needs.
            Text text = e.getContext() != null
                    ? Text.of("yaml.invalidIn", oneLine(String.valueOf(problem)), oneLine(e.getContext()))
                    : Text.of("yaml.invalid", oneLine(String.valueOf(problem)));
            report.accept(Diagnostic.error(mark.map(this::position).orElse(start), "yaml", text));
        } catch (YamlEngineException e) {
            // Unmarked: the alias limit (a "billion laughs" bomb) and the size limit.
            report.accept(Diagnostic.error(start, "yaml", Text.of("yaml.invalid", oneLine(String.valueOf(e.getMessage())))));
        } catch (StackOverflowError e) {
            report.accept(Diagnostic.error(start, "yaml", Text.of("yaml.tooDeep")));
        }
        return Optional.empty();
    }

    SourcePosition position(Node node) {
        return node.getStartMark().map(this::position).orElse(new SourcePosition(file, Math.max(1, firstLine - 1), 1));
    }

    private SourcePosition position(Mark mark) {
        return new SourcePosition(file, mark.getLine() + firstLine, mark.getColumn() + 1);
    }

    /**
     * The entries of a mapping by key, in order. Keys that are not plain text and repeated keys are
     * reported and left out (the first of a repeated key wins).
     */
    Map<String, NodeTuple> entries(MappingNode mapping) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            if (!(key instanceof ScalarNode scalar)) {
                report.accept(Diagnostic.error(position(key), "front-matter", Text.of("yaml.keyNotPlain")));
                continue;
            }
            if (out.containsKey(scalar.getValue())) {
                report.accept(Diagnostic.error(position(key), "duplicate-key", Text.of("given.twice", scalar.getValue())));
                continue;
            }
            out.put(scalar.getValue(), tuple);
        }
        return out;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN && NULLS.contains(s.getValue());
    }

    /** An entry's value with its place, for a later stage to judge; {@code null} when absent or null. */
    Setting setting(NodeTuple entry, String key) {
        if (entry == null) {
            return null;
        }
        String value = text(entry.getValueNode(), key);
        return value == null || value.isBlank() ? null : new Setting(value.strip(), position(entry.getValueNode()));
    }

    /** A scalar's text; {@code null} for a YAML null; a non-scalar is reported. */
    String text(Node node, String key) {
        if (isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        report.accept(Diagnostic.error(position(node), "front-matter",
                Text.of(node instanceof MappingNode ? "yaml.notSingle.mapping" : "yaml.notSingle.list", key)));
        return null;
    }

    private static String oneLine(String text) {
        return String.join(" ", List.of(text.strip().split("\\s*\\n\\s*")));
    }
}
