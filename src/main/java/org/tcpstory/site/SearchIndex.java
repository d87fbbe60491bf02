package org.tcpstory.site;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/**
 * The site's search index: the text of every chapter and state page, cut into passages (a paragraph, a
 * heading, a table cell, the lines of a {@code tcp} block), each with the anchor of the place it is under.
 * It is written as a script file, {@code assets/search-index.js}, that assigns one JSON value: a page opened
 * from {@code file://} cannot fetch a JSON file, but it may load a script of its own site.
 *
 * <p>The browser searches the passages by substring (case-folded), so a query finds Chinese text whatever
 * its length, with no word breaking: two characters such as 挥手 match wherever they stand, which an index of
 * space-separated words would never do. Every string is escaped so that nothing authored can end the value
 * or become script: {@code <}, {@code >}, {@code &} and the line separators are written as {@code \\uXXXX}.
 * Documents and passages are in reading order, so the same site gives the same bytes.
 */
final class SearchIndex {

    /** Where the index goes in the site. */
    static final String PATH = Assets.FOLDER + "/search-index.js";

    /** One page of the site: where it is, its title, its kind (chapter or state) and its passages. */
    record Document(String href, String title, String kind, List<Passage> passages) {
    }

    /** A piece of a page's text, under the anchor it links to ({@code ""}: the top of the page). */
    record Passage(String anchor, String text) {
    }

    private final List<Document> documents = new ArrayList<>();
    /**
     * Each document as the script writes it, encoded, by identity: {@code serve} hands the next index the last
     * one's, so pages kept from the last render are neither written out nor encoded again on every save.
     */
    private final Map<Document, byte[]> written;
    private final Map<Document, byte[]> writtenNow = new IdentityHashMap<>();

    SearchIndex() {
        this(Map.of());
    }

    /** An index that takes the text of the documents it shares with {@code last} from it. */
    SearchIndex(SearchIndex last) {
        this(last.writtenNow);
    }

    private SearchIndex(Map<Document, byte[]> written) {
        this.written = written;
    }

    void add(Document document) {
        documents.add(document);
    }

    /**
     * A chapter's passages: its summary and peers first, then its prose block by block.
     *
     * @param headingIds the anchor of each heading, as the page renders it
     * @param blockIds   the anchor of the cards of each {@code tcp} block, by the block's node
     */
    static List<Passage> chapterPassages(List<String> lead, Node prose, Map<Heading, String> headingIds,
                                         Map<FencedCodeBlock, String> blockIds) {
        List<Passage> out = new ArrayList<>();
        for (String text : lead) {
            if (!text.isBlank()) {
                out.add(new Passage("", text.strip()));
            }
        }
        Map<Heading, String> ids = new IdentityHashMap<>(headingIds);
        String[] anchor = {""};
        prose.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                anchor[0] = ids.getOrDefault(heading, anchor[0]);
                passage(heading);
            }

            @Override
            public void visit(Paragraph paragraph) {
                passage(paragraph);
            }

            @Override
            public void visit(BlockQuote quote) {
                visitChildren(quote);
            }

            @Override
            public void visit(FencedCodeBlock block) {
                String id = blockIds.get(block);
                String text = block.getLiteral().strip();
                if (!text.isEmpty()) {
                    out.add(new Passage(id != null ? id : anchor[0], text));
                }
            }

            @Override
            public void visit(IndentedCodeBlock block) {
                String text = block.getLiteral().strip();
                if (!text.isEmpty()) {
                    out.add(new Passage(anchor[0], text));
                }
            }

            @Override
            public void visit(org.commonmark.node.CustomNode node) {
                if (node instanceof TableCell) {
                    passage(node);
                } else {
                    visitChildren(node);
                }
            }

            @Override
            public void visit(org.commonmark.node.CustomBlock block) {
                visitChildren(block);
            }

            private void passage(Node node) {
                String text = ProseRenderer.text(node);
                if (!text.isEmpty()) {
                    out.add(new Passage(anchor[0], text));
                }
            }
        });
        return out;
    }

    /** The script file: {@code window.tcpstorySearchIndex = {"docs": [[href, title, kind, [[anchor, text], ...]], ...]};} */
    byte[] script() {
        // Each entry is whole characters, so encoding entry by entry gives the bytes of the whole text encoded.
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        out.writeBytes(utf8("/* The search index of this site, written by tcpstory build. */\n"));
        out.writeBytes(utf8("window.tcpstorySearchIndex = {\"docs\": [\n"));
        for (int d = 0; d < documents.size(); d++) {
            Document doc = documents.get(d);
            byte[] entry = written.get(doc);
            if (entry == null) {
                entry = utf8(entry(doc));
            }
            writtenNow.put(doc, entry);
            out.writeBytes(entry);
            out.writeBytes(d + 1 < documents.size() ? BETWEEN : AFTER_LAST);
        }
        out.writeBytes(utf8("]};\n"));
        return out.toByteArray();
    }

    private static final byte[] BETWEEN = utf8(",\n");
    private static final byte[] AFTER_LAST = utf8("\n");

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** One document: {@code [href, title, kind, [[anchor, text], ...]]}. */
    private static String entry(Document doc) {
        StringBuilder out = new StringBuilder(256);
        out.append('[');
        string(out, doc.href()).append(',');
        string(out, doc.title()).append(',');
        string(out, doc.kind()).append(",[");
        for (int p = 0; p < doc.passages().size(); p++) {
            Passage passage = doc.passages().get(p);
            out.append(p == 0 ? "[" : ",[");
            string(out, passage.anchor()).append(',');
            string(out, passage.text()).append(']');
        }
        return out.append("]]").toString();
    }

    /** A JSON string that is also safe in any script: no character of it can close the value or a tag. */
    static StringBuilder string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
