package org.tcpstory.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.Heading;
import org.junit.jupiter.api.Test;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Severity;
import org.tcpstory.diagnostic.SourcePosition;

class ChapterParserTest {

    private static final String FILE = "content/01-hello.md";
    private static final String PEERS = "peers:\n  a: { state: CLOSED }\n  b: { state: LISTEN }\n";
    private static final String FRONT = "---\ntitle: Hello\n" + PEERS + "---\n"; // 6 lines

    private final ChapterParser parser = new ChapterParser();

    private ParseResult parse(String text) {
        return parse(FILE, text);
    }

    private ParseResult parse(String file, String text) {
        return parser.parse(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Chapter chapter(ParseResult r) {
        assertTrue(r.chapter().isPresent(), () -> "no chapter: " + r.diagnostics());
        return r.chapter().get();
    }

    private static Chapter clean(ParseResult r) {
        assertEquals(List.of(), r.diagnostics());
        return chapter(r);
    }

    /** Exactly one diagnostic, with this rule, at this line (and column when given). */
    private static Diagnostic only(ParseResult r, String rule, int line, int column) {
        assertEquals(1, r.diagnostics().size(), () -> r.diagnostics().toString());
        Diagnostic d = r.diagnostics().get(0);
        assertEquals(rule, d.rule(), d.message());
        assertEquals(line, d.position().line(), d.message());
        if (column > 0) {
            assertEquals(column, d.position().column(), d.message());
        }
        return d;
    }

    private static SourcePosition at(int line, int column) {
        return new SourcePosition(FILE, line, column);
    }

    // ---- the contract's example ---------------------------------------------------------------------

    @Test
    void theContractExampleParsesCleanly() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/story/02-goodbye.md")) {
            bytes = in.readAllBytes();
        }
        String file = "content/02-goodbye.md";
        Chapter c = clean(parser.parse(file, bytes));
        assertEquals("再见的四次挥手", c.title());
        assertEquals("goodbye", c.slug());
        assertEquals(2, c.order());
        assertEquals("主动的一方怎样体面地离开", c.frontMatter().summary());
        assertNull(c.frontMatter().continues());

        PeerSpec boy = c.frontMatter().peers().get(0);
        assertEquals("boy", boy.id());
        assertEquals("男生 · 客户端", boy.label());
        assertEquals("ESTABLISHED", boy.state());
        assertEquals(new SourcePosition(file, 7, 3), boy.position());
        // The quoted label is 10 characters (CJK and a middle dot): the column counts each as one.
        assertEquals(new SourcePosition(file, 7, 37), boy.statePosition());
        assertEquals(new Operand(SeqExpr.symbol("u", 0), new SourcePosition(file, 7, 55)), boy.seq());
        assertEquals("女孩 · 服务器", c.frontMatter().peers().get(1).label());

        assertEquals(4, c.blocks().size());
        List<Event> events = c.events();
        assertEquals(9, events.size());
        assertEquals(new SourcePosition(file, 14, 1), events.get(0).position());
        assertEquals(new SourcePosition(file, 25, 4), events.get(2).position(), "inside a list item");
        assertEquals(new SourcePosition(file, 32, 3), events.get(4).position(), "inside a block quote");
        assertEquals(new SourcePosition(file, 32, 26), ((Event.Send) events.get(4)).segment().seq().position());
        assertEquals(new SourcePosition(file, 38, 1), events.get(7).position());
        assertEquals(new SourcePosition(file, 13, 1), c.blocks().get(0).position());
        assertEquals(new SourcePosition(file, 24, 4), c.blocks().get(1).position());

        assertEquals("| 1 | FIN-WAIT-1 | ESTABLISHED |", c.line(20));
        assertTrue(hasChild(c, TableBlock.class), "GFM tables are parsed");
    }

    private static boolean hasChild(Chapter c, Class<?> type) {
        for (var n = c.prose().getFirstChild(); n != null; n = n.getNext()) {
            if (type.isInstance(n)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void proseSourceSpansUseFileLines() {
        Chapter c = clean(parse(FRONT + "\n# Title\n"));
        Heading h = assertInstanceOf(Heading.class, c.prose().getFirstChild());
        assertEquals(7, h.getSourceSpans().get(0).getLineIndex(), "0-based index of file line 8");
    }

    // ---- front matter -------------------------------------------------------------------------------

    @Test
    void blockStylePeersWithDefaults() {
        Chapter c = clean(parse("---\ntitle: T\npeers:\n  client:\n    isn: 100\n  server:\n    label: 服务器\n"
                + "    state: listen\n    seq: 4294967295\n---\n"));
        PeerSpec client = c.frontMatter().peers().get(0);
        assertEquals("client", client.label(), "the label defaults to the id");
        assertNull(client.state());
        assertEquals(client.position(), client.statePosition(), "no state: the peer's own line");
        assertEquals(new Operand(SeqExpr.number(100), at(5, 10)), client.seq(), "isn is seq");
        PeerSpec server = c.frontMatter().peers().get(1);
        assertEquals("listen", server.state(), "states are kept as written");
        assertEquals(SeqExpr.number(4294967295L), server.seq().expr());
    }

    @Test
    void peersMayBeEmptyMappingsOrNull() {
        Chapter c = clean(parse("---\ntitle: T\npeers:\n  a:\n  b: {}\n---\n"));
        assertEquals(List.of("a", "b"), c.frontMatter().peers().stream().map(PeerSpec::id).toList());
    }

    @Test
    void missingPeers() {
        ParseResult r = parse("---\ntitle: T\n---\nText\n");
        only(r, "missing-peers", 1, 1);
        assertTrue(r.chapter().isEmpty());
    }

    @Test
    void threePeers() {
        ParseResult r = parse("---\ntitle: T\npeers:\n  a: {}\n  b: {}\n  c: {}\n---\n");
        assertTrue(only(r, "peer-count", 3, 1).message().contains("3"));
        assertTrue(r.chapter().isEmpty());
    }

    @Test
    void onePeer() {
        ParseResult r = parse("---\ntitle: T\npeers:\n  a: {}\n---\n");
        only(r, "peer-count", 3, 1);
        assertTrue(r.chapter().isEmpty());
    }

    @Test
    void badPeerId() {
        ParseResult r = parse("---\ntitle: T\npeers:\n  男生: {}\n  b: {}\n---\n");
        only(r, "peer-id", 4, 3);
        assertTrue(r.chapter().isEmpty());
    }

    @Test
    void peerMustBeAMapping() {
        ParseResult r = parse("---\ntitle: T\npeers:\n  a: 男生\n  b: {}\n---\n");
        only(r, "front-matter", 4, 6);
    }

    @Test
    void unknownPeerKeyIsAnErrorWithSuggestion() {
        ParseResult r = parse("---\ntitle: T\npeers:\n  a: { sate: LISTEN }\n  b: {}\n---\n");
        assertTrue(only(r, "unknown-key", 4, 8).message().contains("did you mean `state`?"));
        assertTrue(r.diagnostics().get(0).isError());
    }

    @Test
    void seqAndIsnTogether() {
        ParseResult r = parse("---\ntitle: T\npeers:\n  a: { seq: 1, isn: 2 }\n  b: {}\n---\n");
        only(r, "seq-and-isn", 4, 16);
        assertEquals(SeqExpr.number(1), chapter(r).frontMatter().peers().get(0).seq().expr());
    }

    @Test
    void seqOutOfRangeAndMalformed() {
        only(parse("---\ntitle: T\npeers:\n  a: { seq: 4294967296 }\n  b: {}\n---\n"), "number-range", 4, 13);
        only(parse("---\ntitle: T\npeers:\n  a: { seq: \"x +\" }\n  b: {}\n---\n"), "syntax", 4, 13);
        assertEquals(SeqExpr.symbol("u", 1),
                chapter(parse("---\ntitle: T\npeers:\n  a: { seq: u+1 }\n  b: {}\n---\n")).frontMatter().peers().get(0).seq().expr());
    }

    @Test
    void continuesForbidsStateAndSeq() {
        ParseResult r = parse("---\ntitle: T\ncontinues: goodbye\npeers:\n  a: { state: CLOSED }\n  b: { seq: 7 }\n---\n");
        assertEquals(List.of("continues", "continues"), r.diagnostics().stream().map(Diagnostic::rule).toList());
        assertEquals(5, r.diagnostics().get(0).position().line());
        assertTrue(r.diagnostics().get(0).message().startsWith("continues:"));
        assertTrue(r.diagnostics().get(0).message().contains("state/seq not allowed"));
        FrontMatter fm = chapter(r).frontMatter();
        assertEquals("goodbye", fm.continues());
        assertEquals(at(3, 12), fm.continuesPosition());
        assertNull(fm.peers().get(0).state());
        assertNull(fm.peers().get(1).seq());
    }

    @Test
    void continuesWithLabelsOnly() {
        Chapter c = clean(parse("---\ntitle: T\ncontinues: goodbye\npeers:\n  a: { label: A }\n  b: { label: B }\n---\n"));
        assertEquals("goodbye", c.frontMatter().continues());
    }

    @Test
    void unknownKeysAreWarnings() {
        ParseResult r = parse("---\ntitle: T\ndate: 2024-05-01\ntags: [tcp]\ndraft: true\ntitel: x\n" + PEERS + "---\n");
        assertEquals(4, r.diagnostics().size(), r.diagnostics()::toString);
        assertTrue(r.diagnostics().stream().allMatch(d -> d.rule().equals("unknown-key") && !d.isError()));
        assertTrue(r.diagnostics().get(3).message().contains("did you mean `title`?"));
        assertEquals(6, r.diagnostics().get(3).position().line());
        assertFalse(r.diagnostics().get(0).message().contains("did you mean"));
        chapter(r);
    }

    @Test
    void missingTitleKeepsTheChapterUnderItsSlug() {
        ParseResult r = parse("---\n" + PEERS + "---\n");
        only(r, "missing-title", 1, 1);
        assertEquals("hello", chapter(r).title());
    }

    @Test
    void titleMustBeText() {
        ParseResult r = parse("---\ntitle: [a, b]\n" + PEERS + "---\n");
        only(r, "front-matter", 2, 8);
    }

    @Test
    void duplicateKey() {
        only(parse("---\ntitle: A\ntitle: B\n" + PEERS + "---\n"), "duplicate-key", 3, 1);
    }

    @Test
    void brokenYamlPointsAtTheProblem() {
        ParseResult r = parse("---\ntitle: T\npeers: { a: {}, b: {}\nsummary: x\n---\n");
        Diagnostic d = r.diagnostics().get(0);
        assertEquals("yaml", d.rule());
        assertTrue(d.position().line() >= 3 && d.position().line() <= 5, d::toString);
        assertTrue(r.chapter().isEmpty());

        only(parse("---\ntitle: [unclosed\n" + PEERS + "---\n"), "yaml", 3, 0);
        only(parse("---\ntitle: T\n\tpeers: x\n---\n"), "yaml", 3, 0);
    }

    @Test
    void yamlAliasBombFailsFast() {
        StringBuilder yaml = new StringBuilder("---\ntitle: T\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            yaml.append("]\n");
            prev = c;
        }
        yaml.append(PEERS).append("---\n");
        long start = System.nanoTime();
        ParseResult r = parse(yaml.toString());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "fails fast");
        only(r, "yaml", 1, 1);
        assertTrue(r.chapter().isEmpty());
    }

    @Test
    void frontMatterThatIsNotAMapping() {
        only(parse("---\n- a\n- b\n---\n"), "front-matter", 2, 1);
        ParseResult empty = parse("---\n---\n");
        assertEquals(List.of("missing-title", "missing-peers"), empty.diagnostics().stream().map(Diagnostic::rule).toList());
    }

    @Test
    void noFrontMatter() {
        ParseResult r = parse("# Just Markdown\n\n```tcp\na -> b: SYN\n```\n");
        only(r, "front-matter", 1, 1);
        assertTrue(r.chapter().isEmpty());
    }

    @Test
    void unclosedFrontMatter() {
        only(parse("---\ntitle: T\n" + PEERS), "front-matter", 1, 1);
    }

    // ---- slug and order -----------------------------------------------------------------------------

    @Test
    void slugAndOrderComeFromTheFileName() {
        Chapter c = clean(parse("content/part-1/02-Goodbye.md", FRONT));
        assertEquals("goodbye", c.slug());
        assertEquals(2, c.order());
        assertNull(c.frontMatter().slug());
        assertNull(c.frontMatter().order());

        Chapter plain = clean(parse("intro.md", FRONT));
        assertEquals("intro", plain.slug());
        assertNull(plain.order());

        assertEquals(3, clean(parse("003_three-way.md", FRONT)).order());
        assertEquals("three-way", clean(parse("003_three-way.md", FRONT)).slug());
        assertEquals("10", clean(parse("10.md", FRONT)).slug());
    }

    @Test
    void frontMatterOverridesTheFileName() {
        Chapter c = clean(parse("content/02-goodbye.md", "---\ntitle: T\norder: 7\nslug: bye-bye\n" + PEERS + "---\n"));
        assertEquals("bye-bye", c.slug());
        assertEquals(7, c.order());
        assertEquals("bye-bye", c.frontMatter().slug());
    }

    @Test
    void cjkFileNameNeedsAnExplicitSlug() {
        ParseResult r = parse("content/03-再见.md", FRONT);
        assertTrue(only(r, "slug", 1, 1).message().contains("slug:"));
        assertEquals(3, chapter(r).order());
        clean(parse("content/03-再见.md", "---\ntitle: T\nslug: bye\n" + PEERS + "---\n"));
    }

    @Test
    void badExplicitSlugAndOrder() {
        only(parse("---\ntitle: T\nslug: Good Bye\n" + PEERS + "---\n"), "slug", 3, 7);
        only(parse("---\ntitle: T\norder: first\n" + PEERS + "---\n"), "order", 3, 8);
        only(parse("---\ntitle: T\norder: 99999999999\n" + PEERS + "---\n"), "number-range", 3, 8);
    }

    // ---- events in their places ---------------------------------------------------------------------

    @Test
    void eventsInListsAndNestedQuotes() {
        String text = FRONT
                + "- one\n"                        // 7
                + "  - two\n"                      // 8
                + "\n"                             // 9
                + "    ```tcp\n"                   // 10
                + "    a -> b: SYN, seq=x\n"       // 11
                + "    ```\n"                      // 12
                + "\n"                             // 13
                + "> > ```tcp\n"                   // 14
                + "> >   b -> a: SYN, ACK, seq=y, ack=x+1\n" // 15
                + "> > ```\n";                     // 16
        Chapter c = clean(parse(text));
        List<Event> events = c.events();
        assertEquals(at(11, 5), events.get(0).position());
        assertEquals(at(11, 18), ((Event.Send) events.get(0)).segment().seq().position());
        assertEquals(at(15, 7), events.get(1).position());
        assertEquals(at(15, 12), ((Event.Send) events.get(1)).to().position());
        assertEquals(at(15, 32), ((Event.Send) events.get(1)).segment().ack().position());
    }

    @Test
    void tabsInsideContainers() {
        Chapter c = clean(parse(FRONT + ">\t```tcp\n>\ta: listen\n>\t```\n"));
        assertEquals(at(8, 3), c.events().get(0).position());
    }

    @Test
    void otherCodeBlocksAreProse() {
        Chapter c = clean(parse(FRONT + "```\na -> b: SYN\n```\n\n```tcl\nputs hi\n```\n\n    indented code\n\n"
                + "```tcp title=\"x\"\na: listen\n```\n\n```tcpdump\n10:00 IP a > b\n```\n"));
        assertEquals(1, c.blocks().size());
        assertEquals(at(18, 1), c.events().get(0).position());
    }

    @Test
    void aFenceMeantAsTcpIsReadWithOneWarning() {
        for (String fence : new String[] {"TCP", "Tcp", "tpc", "tcpp", "tc"}) {
            ParseResult r = parse(FRONT + "```" + fence + "\na: listen\n```\n");
            assertEquals(List.of("fence-name"), r.diagnostics().stream().map(Diagnostic::rule).toList(), fence);
            Diagnostic d = r.diagnostics().get(0);
            assertEquals(Severity.WARNING, d.severity());
            assertTrue(d.message().contains("```" + fence), d.message());
            assertEquals(1, r.chapter().orElseThrow().events().size(), "its events are read: " + fence);
        }
    }

    @Test
    void crlfLoneCrAndBom() {
        String unix = FRONT + "\n```tcp\n  a -> b: SYN, seq=x\n```\n";
        String crlf = "\uFEFF" + unix.replace("\n", "\r\n");
        Chapter c = clean(parse(crlf));
        assertEquals(at(9, 3), c.events().get(0).position());
        assertEquals(at(9, 16), ((Event.Send) c.events().get(0)).segment().seq().position());
        assertEquals("  a -> b: SYN, seq=x", c.line(9), "no CR left in the lines");

        Chapter cr = clean(parse(unix.replace("\n", "\r")));
        assertEquals(at(9, 3), cr.events().get(0).position());
    }

    @Test
    void cjkBeforeTheColumn() {
        Chapter c = clean(parse(FRONT + "> 注意：\n> ```tcp\n> a -> b: ACK, data=\"你好，世界\", ack=1\n> ```\n"));
        Segment s = ((Event.Send) c.events().get(0)).segment();
        assertEquals(at(9, 30), s.ack().position());
        assertEquals(15, s.length());
    }

    @Test
    void unterminatedBlockStillYieldsItsEvents() {
        ParseResult r = parse(FRONT + "Text\n\n  ```tcp\n  a: listen\n  b -> a: SYN, seq=x\n");
        only(r, "unterminated-block", 9, 3);
        assertEquals(2, chapter(r).events().size());
        assertEquals(at(11, 3), chapter(r).events().get(1).position());
    }

    @Test
    void unterminatedBlockInAQuoteEndsWithTheQuote() {
        ParseResult r = parse(FRONT + "> ```tcp\n> a: listen\n\nb: listen\n");
        only(r, "unterminated-block", 7, 3);
        assertEquals(1, chapter(r).events().size());
    }

    @Test
    void eventErrorsCarryFileLines() {
        String text = FRONT + "```tcp\n"
                + "a -> b: SYNN, seq=x\n"            // 8
                + "a -> b: SYN, seq=4294967296\n"    // 9
                + "b -> a: SYN, seq=y, ack=x+1\n"   // 10
                + "gibberish here\n"                 // 11
                + "```\n";
        ParseResult r = parse(text);
        assertEquals(List.of("unknown-flag", "number-range", "ack-without-flag", "syntax"),
                r.diagnostics().stream().map(Diagnostic::rule).toList());
        assertEquals(List.of(8, 9, 10, 11), r.diagnostics().stream().map(d -> d.position().line()).toList());
        assertTrue(r.diagnostics().get(0).message().contains("did you mean `SYN`?"));
        assertEquals(3, chapter(r).events().size());
    }

    // ---- files that are not chapters ----------------------------------------------------------------

    @Test
    void emptyFiles() {
        only(parser.parse(FILE, new byte[0]), "empty-file", 1, 1);
        only(parse(" \n\t\r\n  \n"), "empty-file", 1, 1);
        only(parser.parse(FILE, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}), "empty-file", 1, 1);
        assertTrue(parser.parse(FILE, null).chapter().isEmpty());
    }

    @Test
    void binaryFile() {
        byte[] bytes = (FRONT + "ab").getBytes(StandardCharsets.UTF_8);
        byte[] withNul = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        ParseResult r = parser.parse(FILE, withNul);
        only(r, "binary-file", 7, 3);
        assertTrue(r.chapter().isEmpty());
    }

    @Test
    void invalidUtf8() {
        byte[] head = "---\r\ntitle: 再见\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 2);
        bytes[head.length] = 'x';
        bytes[head.length + 1] = (byte) 0xC3; // a lead byte with nothing after it
        only(parser.parse(FILE, bytes), "encoding", 3, 2);

        byte[] latin1 = "---\ntitle: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        only(parser.parse(FILE, latin1), "encoding", 2, 11);
    }

    @Test
    void neverThrowsOnGarbage() throws IOException {
        byte[] base;
        try (InputStream in = getClass().getResourceAsStream("/story/02-goodbye.md")) {
            base = in.readAllBytes();
        }
        Random random = new Random(9293);
        for (int round = 0; round < 500; round++) {
            byte[] bytes = base.clone();
            int edits = 1 + random.nextInt(8);
            for (int i = 0; i < edits; i++) {
                int at = random.nextInt(bytes.length);
                bytes[at] = (byte) " -:>{}[]\"'\\`#&*!|\n\r\tabcSYNx0123456789=,~".charAt(random.nextInt(40));
            }
            int cut = random.nextInt(bytes.length + 1);
            ParseResult r = parser.parse(FILE, java.util.Arrays.copyOf(bytes, cut));
            assertNotNull(r);
            assertFalse(r.diagnostics().stream().anyMatch(d -> d.rule().equals("internal-error")),
                    () -> "round " + new String(java.util.Arrays.copyOf(bytes, cut), StandardCharsets.UTF_8));
        }
    }

    @Test
    void deeplyNestedInputIsADiagnosticNotACrash() {
        ParseResult yaml = parse("---\ntitle: " + "[".repeat(50_000) + "\n---\n");
        assertEquals("yaml", yaml.diagnostics().get(0).rule());
        ParseResult quotes = parse(FRONT + ">".repeat(20_000) + " ```tcp\n");
        assertNotNull(quotes);
    }
}
