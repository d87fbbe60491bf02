package org.tcpstory.story;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Suggestions;
import org.tcpstory.diagnostic.Text;

/** Reads the YAML between the {@code ---} lines into a {@link FrontMatter}, reporting every problem. */
final class FrontMatterParser {

    static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");
    private static final Pattern PEER_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final List<String> KEYS = List.of("title", "order", "slug", "summary", "peers", "continues", "profile",
            "congestion", "translationKey");
    private static final List<String> PEER_KEYS = List.of("label", "state", "seq", "isn");

    /**
     * @param frontMatter what could be read; the title may be null and the peers incomplete
     * @param usable      whether a chapter can be built on it: a mapping with exactly two well-named peers
     */
    record Result(FrontMatter frontMatter, boolean usable, List<Diagnostic> diagnostics) {
    }

    private final String file;
    private final SourcePosition start;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final YamlTree yaml;

    private FrontMatterParser(String file, int firstLine) {
        this.file = file;
        this.start = new SourcePosition(file, Math.max(1, firstLine - 1), 1);
        this.yaml = new YamlTree(file, firstLine, diagnostics::add);
    }

    /**
     * @param text      the YAML text
     * @param firstLine the 1-based file line of its first line (the line after the opening {@code ---})
     */
    static Result parse(String file, String text, int firstLine) {
        return new FrontMatterParser(file, firstLine).run(text);
    }

    private Result run(String text) {
        Optional<Node> root = yaml.compose(text);
        boolean yamlFailed = !diagnostics.isEmpty();
        if (root.isEmpty() || YamlTree.isNull(root.get())) {
            if (!yamlFailed) {
                error(start, "missing-title", Text.of("frontMatter.noTitle"));
                error(start, "missing-peers", Text.of("frontMatter.noPeers"));
            }
            return empty();
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            error(yaml.position(root.get()), "front-matter", Text.of("frontMatter.notAMapping"));
            return empty();
        }
        Map<String, NodeTuple> entries = yaml.entries(mapping);
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                warning(yaml.position(e.getValue().getKeyNode()), "unknown-key",
                        Text.of("frontMatter.unknownKey", e.getKey(), Suggestions.hint(e.getKey(), KEYS)));
            }
        }
        String title = title(entries.get("title"));
        Integer order = order(entries.get("order"));
        String slug = slug(entries.get("slug"));
        String summary = entries.containsKey("summary") ? yaml.text(entries.get("summary").getValueNode(), "summary") : null;
        NodeTuple continuesEntry = entries.get("continues");
        String continues = continues(continuesEntry);
        SourcePosition continuesPosition = continuesEntry == null ? null : yaml.position(continuesEntry.getValueNode());
        Peers peers = peers(entries.get("peers"), continues);
        Setting profile = yaml.setting(entries.get("profile"), "profile");
        Setting congestion = yaml.setting(entries.get("congestion"), "congestion");
        Setting translationKey = translationKey(entries.get("translationKey"));
        FrontMatter fm = new FrontMatter(title, order, slug, summary, peers.specs(), continues, start, continuesPosition,
                profile, congestion, translationKey);
        return result(fm, peers.usable());
    }

    private Result result(FrontMatter fm, boolean usable) {
        return new Result(fm, usable, diagnostics);
    }

    /** Front matter with nothing usable in it, for the stages after parsing to skip. */
    private Result empty() {
        return result(new FrontMatter(null, null, null, null, List.of(), null, start, null, null, null, null), false);
    }

    private String title(NodeTuple entry) {
        if (entry == null) {
            error(start, "missing-title", Text.of("frontMatter.noTitle"));
            return null;
        }
        String title = yaml.text(entry.getValueNode(), "title");
        boolean reported = !(entry.getValueNode() instanceof ScalarNode);
        if (!reported && (title == null || title.isBlank())) {
            error(yaml.position(entry.getKeyNode()), "missing-title", Text.of("frontMatter.emptyTitle"));
            return null;
        }
        return title == null ? null : title.strip();
    }

    private Integer order(NodeTuple entry) {
        if (entry == null) {
            return null;
        }
        String text = yaml.text(entry.getValueNode(), "order");
        if (text == null) {
            return null;
        }
        SourcePosition at = yaml.position(entry.getValueNode());
        if (!INTEGER.matcher(text).matches()) {
            error(at, "order", Text.of("frontMatter.order", text));
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            error(at, "number-range", Text.of("frontMatter.orderTooLarge", text));
            return null;
        }
    }

    private String slug(NodeTuple entry) {
        if (entry == null) {
            return null;
        }
        String slug = yaml.text(entry.getValueNode(), "slug");
        if (slug != null && !SLUG.matcher(slug).matches()) {
            error(yaml.position(entry.getValueNode()), "slug", Text.of("frontMatter.slug", slug));
        }
        return slug;
    }

    /** A key like a slug: the page names of the twins may differ, so the key is what they share. */
    private Setting translationKey(NodeTuple entry) {
        Setting key = yaml.setting(entry, "translationKey");
        if (key != null && !SLUG.matcher(key.value()).matches()) {
            error(key.position(), "translation-key", Text.of("frontMatter.translationKey"));
            return null;
        }
        return key;
    }

    private String continues(NodeTuple entry) {
        if (entry == null) {
            return null;
        }
        String slug = yaml.text(entry.getValueNode(), "continues");
        if (slug != null && !SLUG.matcher(slug).matches()) {
            error(yaml.position(entry.getValueNode()), "continues", Text.of("frontMatter.continues", slug));
        }
        return slug;
    }

    private record Peers(List<PeerSpec> specs, boolean usable) {
    }

    private Peers peers(NodeTuple entry, String continues) {
        if (entry == null || YamlTree.isNull(entry.getValueNode())) {
            error(entry == null ? start : yaml.position(entry.getKeyNode()), "missing-peers", Text.of("frontMatter.noPeers"));
            return new Peers(List.of(), false);
        }
        if (!(entry.getValueNode() instanceof MappingNode mapping)) {
            error(yaml.position(entry.getValueNode()), "front-matter", Text.of("frontMatter.peersNotAMapping"));
            return new Peers(List.of(), false);
        }
        boolean usable = true;
        List<PeerSpec> specs = new ArrayList<>();
        Map<String, NodeTuple> entries = yaml.entries(mapping);
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            SourcePosition at = yaml.position(e.getValue().getKeyNode());
            if (!PEER_ID.matcher(e.getKey()).matches()) {
                error(at, "peer-id", Text.of("frontMatter.peerId", e.getKey()));
                usable = false;
                continue;
            }
            specs.add(peer(e.getKey(), at, e.getValue().getValueNode(), continues));
        }
        int count = entries.size();
        if (count == 0) {
            error(yaml.position(entry.getKeyNode()), "missing-peers", Text.of("frontMatter.peersEmpty"));
            usable = false;
        } else if (count != 2) {
            error(yaml.position(entry.getKeyNode()), "peer-count", Text.of("frontMatter.peerCount", count));
            usable = false;
        }
        return new Peers(specs, usable);
    }

    private PeerSpec peer(String id, SourcePosition at, Node value, String continues) {
        if (YamlTree.isNull(value)) {
            return new PeerSpec(id, at, id, null, at, null);
        }
        if (!(value instanceof MappingNode mapping)) {
            error(yaml.position(value), "front-matter", Text.of("frontMatter.peerNotAMapping", id));
            return new PeerSpec(id, at, id, null, at, null);
        }
        Map<String, NodeTuple> keys = yaml.entries(mapping);
        for (Map.Entry<String, NodeTuple> e : keys.entrySet()) {
            if (!PEER_KEYS.contains(e.getKey())) {
                error(yaml.position(e.getValue().getKeyNode()), "unknown-key",
                        Text.of("frontMatter.unknownPeerKey", e.getKey(), id, Suggestions.hint(e.getKey(), PEER_KEYS)));
            }
        }
        String label = keys.containsKey("label") ? yaml.text(keys.get("label").getValueNode(), "label") : null;
        if (label == null || label.isBlank()) {
            label = id;
        } else {
            Optional<Diagnostic> tooLong = EventLimits.text(label, Text.of("limit.what.peerLabel", id),
                    yaml.position(keys.get("label").getValueNode()));
            if (tooLong.isPresent()) {
                // Drawn in every diagram (a 30,000-character label took 11 s): shown cut short after the error.
                diagnostics.add(tooLong.get());
                label = label.substring(0, label.offsetByCodePoints(0, EventLimits.MAX_TEXT));
            }
        }
        String state = null;
        SourcePosition statePosition = at;
        NodeTuple stateEntry = keys.get("state");
        if (stateEntry != null) {
            state = yaml.text(stateEntry.getValueNode(), "state");
            statePosition = state == null ? at : yaml.position(stateEntry.getValueNode());
        }
        NodeTuple seqEntry = keys.get("seq");
        NodeTuple isnEntry = keys.get("isn");
        if (seqEntry != null && isnEntry != null) {
            error(yaml.position(isnEntry.getKeyNode()), "seq-and-isn", Text.of("frontMatter.seqAndIsn", id));
        }
        NodeTuple seqOrIsn = seqEntry != null ? seqEntry : isnEntry;
        Operand seq = seqOrIsn == null ? null : operand(seqOrIsn);
        if (continues != null && (state != null || seq != null)) {
            SourcePosition where = state != null ? statePosition : seq.position();
            error(where, "continues", Text.of("frontMatter.continuesGivesState", continues, id));
            state = null;
            statePosition = at;
            seq = null;
        }
        return new PeerSpec(id, at, label, state, statePosition, seq);
    }

    private Operand operand(NodeTuple entry) {
        String key = String.valueOf(yaml.text(entry.getKeyNode(), "key"));
        String text = yaml.text(entry.getValueNode(), key);
        if (text == null) {
            return null;
        }
        SourcePosition at = yaml.position(entry.getValueNode());
        Exprs.Result r = Exprs.expr(text.strip(), Text.plain("`" + key + ":`"));
        if (!r.ok()) {
            error(at, r.rule(), r.text());
            return null;
        }
        return new Operand(r.expr(), at);
    }

    private void error(SourcePosition at, String rule, Text text) {
        diagnostics.add(Diagnostic.error(at, rule, text));
    }

    private void warning(SourcePosition at, String rule, Text text) {
        diagnostics.add(Diagnostic.warning(at, rule, text));
    }
}
