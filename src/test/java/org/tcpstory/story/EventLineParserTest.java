package org.tcpstory.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;

class EventLineParserTest {

    private static final String FILE = "content/01-hello.md";
    private static final int LINE = 7;

    private final EventLineParser parser = new EventLineParser();

    private EventLineParser.Result parse(String text) {
        return parser.parse(FILE, LINE, 1, text);
    }

    /** The event of a line that must parse cleanly. */
    private <T extends Event> T clean(String text, Class<T> type) {
        EventLineParser.Result r = parse(text);
        assertEquals(List.of(), r.diagnostics(), text);
        assertTrue(r.event().isPresent(), text);
        return assertInstanceOf(type, r.event().get());
    }

    private Segment segment(String text) {
        return clean(text, Event.Send.class).segment();
    }

    /** The one diagnostic of a line, checked for rule and column. */
    private Diagnostic only(EventLineParser.Result r, String rule, int column) {
        assertEquals(1, r.diagnostics().size(), () -> r.diagnostics().toString());
        Diagnostic d = r.diagnostics().get(0);
        assertEquals(rule, d.rule(), d.message());
        assertEquals(new SourcePosition(FILE, LINE, column), d.position(), d.message());
        assertTrue(d.isError());
        return d;
    }

    private static SourcePosition at(int column) {
        return new SourcePosition(FILE, LINE, column);
    }

    // ---- event kinds --------------------------------------------------------------------------------

    @Test
    void deliveredSendWithPositions() {
        Event.Send send = clean("boy -> girl: FIN=1, seq=u", Event.Send.class);
        assertEquals(at(1), send.position());
        assertEquals(new PeerRef("boy", at(1)), send.from());
        assertEquals(new PeerRef("girl", at(8)), send.to());
        assertEquals(Event.Delivery.DELIVERED, send.delivery());
        assertEquals(EnumSet.of(Flag.FIN), send.segment().flags());
        assertEquals(new Operand(SeqExpr.symbol("u", 0), at(21)), send.segment().seq());
        assertNull(send.flightName());
        assertFalse(send.old());
    }

    @Test
    void positionsFollowTheGivenColumnAndLeadingBlanks() {
        EventLineParser.Result r = parser.parse(FILE, 3, 5, "  a->b:SYN,seq=0");
        Event.Send send = assertInstanceOf(Event.Send.class, r.event().orElseThrow());
        assertEquals(new SourcePosition(FILE, 3, 7), send.position());
        assertEquals(new SourcePosition(FILE, 3, 10), send.to().position());
        assertEquals(new SourcePosition(FILE, 3, 16), send.segment().seq().position());
    }

    @Test
    void columnsCountCodePointsNotUtf16Units() {
        // "你好" and the emoji are one column each; the emoji is two UTF-16 units.
        Event.Send send = clean("a -> b: ACK, data=\"你好\uD83D\uDE00\", ack=9", Event.Send.class);
        assertEquals(at(26), send.segment().ack().position());
        assertEquals(10, send.segment().length(), "6 bytes for 你好, 4 for the emoji");
    }

    @Test
    void inFlightSendNeedsAName() {
        Event.Send send = clean("a ~> b: SYN, seq=x as s-1", Event.Send.class);
        assertEquals(Event.Delivery.IN_FLIGHT, send.delivery());
        assertEquals("s-1", send.flightName());

        EventLineParser.Result missing = parse("a ~> b: SYN, seq=x");
        only(missing, "flight-name", 3);
        assertTrue(missing.event().isEmpty());
    }

    @Test
    void asNameOnAnotherArrowIsAnErrorButTheSendStays() {
        EventLineParser.Result r = parse("a -> b: SYN as s1");
        only(r, "flight-name", 13);
        Event.Send send = assertInstanceOf(Event.Send.class, r.event().orElseThrow());
        assertNull(send.flightName());
        assertEquals(Event.Delivery.DELIVERED, send.delivery());
    }

    @Test
    void asNeedsExactlyOneName() {
        EventLineParser.Result r = parse("a ~> b: SYN as");
        assertEquals("syntax", r.diagnostics().get(0).rule());
        assertTrue(r.event().isEmpty());
    }

    @Test
    void lostSendsInBothSpellings() {
        assertEquals(Event.Delivery.LOST, clean("a -x b: SYN", Event.Send.class).delivery());
        assertEquals(Event.Delivery.LOST, clean("a ->x b: SYN", Event.Send.class).delivery());
        Event.Send toXavier = clean("a ->xavier: SYN", Event.Send.class);
        assertEquals(Event.Delivery.DELIVERED, toXavier.delivery());
        assertEquals("xavier", toXavier.to().id());
    }

    @Test
    void oldDuplicates() {
        Event.Send old = clean("old a -> b: SYN, seq=90", Event.Send.class);
        assertTrue(old.old());
        assertEquals(at(1), old.position());
        assertEquals(at(5), old.from().position());
        assertEquals(SeqExpr.number(90), old.segment().seq().expr());

        Event.Send fromPeerCalledOld = clean("old -> b: SYN", Event.Send.class);
        assertFalse(fromPeerCalledOld.old());
        assertEquals("old", fromPeerCalledOld.from().id());
        assertTrue(clean("OLD old -> b: SYN", Event.Send.class).old());
    }

    @Test
    void arrivals() {
        Event.Arrival arrival = clean("  s1 arrives", Event.Arrival.class);
        assertEquals("s1", arrival.flightName());
        assertEquals(at(3), arrival.position());
        assertEquals("Fin-2", clean("Fin-2 ARRIVES", Event.Arrival.class).flightName());
    }

    @Test
    void callsAreCaseInsensitive() {
        Event.Call listen = clean("server: listen", Event.Call.class);
        assertEquals(Event.Call.Kind.LISTEN, listen.kind());
        assertEquals(new PeerRef("server", at(1)), listen.peer());
        assertEquals(Event.Call.Kind.CLOSE, clean("a : CLOSE", Event.Call.class).kind());
        assertEquals(Event.Call.Kind.ABORT, clean("a:Abort", Event.Call.class).kind());
    }

    @Test
    void unknownCallSuggestsAndRecoversWhenClose() {
        EventLineParser.Result typo = parse("a: lisen");
        assertTrue(only(typo, "unknown-call", 4).message().contains("did you mean `listen`?"));
        assertEquals(Event.Call.Kind.LISTEN, assertInstanceOf(Event.Call.class, typo.event().orElseThrow()).kind());

        EventLineParser.Result unknown = parse("a: connect");
        only(unknown, "unknown-call", 4);
        assertTrue(unknown.event().isEmpty());
    }

    @Test
    void waits() {
        Event.Wait msl = clean("wait 2MSL", Event.Wait.class);
        assertTrue(msl.isTwoMsl());
        assertEquals("RTO", clean("WAIT RTO", Event.Wait.class).label());
        assertEquals("a long while", clean("wait  a   long while", Event.Wait.class).label());
        only(parse("wait"), "syntax", 1);
    }

    @Test
    void aRetransmissionTimeoutForEveryPeerOrOne() {
        Event.Wait every = clean("wait RTO", Event.Wait.class);
        assertTrue(every.isRto());
        assertNull(every.timerOf());
        Event.Wait one = clean("wait  rto   client", Event.Wait.class);
        assertTrue(one.isRto());
        assertEquals(new PeerRef("client", at(13)), one.timerOf());
        assertNull(clean("wait RTO and a bit", Event.Wait.class).timerOf());
        assertFalse(clean("wait RTOish", Event.Wait.class).isRto());
    }

    @Test
    void aProbeTimeoutForEveryPeerOrOne() {
        Event.Wait every = clean("wait PTO", Event.Wait.class);
        assertTrue(every.isPto());
        assertFalse(every.isRto());
        assertNull(every.timerOf());
        Event.Wait one = clean("wait  pto   client", Event.Wait.class);
        assertTrue(one.isPto());
        assertEquals(new PeerRef("client", at(13)), one.timerOf());
        assertFalse(clean("wait PTOish", Event.Wait.class).isPto());
    }

    // ---- options (contract v2) -----------------------------------------------------------------------

    @Test
    void synOptionsWithTheirPlaces() {
        Segment syn = segment("a -> b: SYN, seq=0, mss=1460, wscale=7, sackOK, ts=100/0");
        Options options = syn.options();
        assertEquals(new Operand(SeqExpr.number(1460), at(21)), options.mss());
        assertEquals(new Operand(SeqExpr.number(7), at(31)), options.wscale());
        assertEquals(at(41), options.sackOk());
        assertEquals(new Options.Timestamps(new Operand(SeqExpr.number(100), at(49)),
                new Operand(SeqExpr.number(0), at(49))), options.ts());
        assertEquals("mss=1460, wscale=7, sackOK, ts=100/0", options.label());
        assertEquals("SYN=1, seq=0, mss=1460, wscale=7, sackOK, ts=100/0", syn.label());
    }

    @Test
    void sackBlocksAndTimestampsTakeSymbols() {
        Options options = segment("a -> b: ACK, ack=x+1, sack=x+101:x+201, sack=x+301:x+401, ts=t+2/e").options();
        assertEquals(List.of("x+101:x+201", "x+301:x+401"), options.sack().stream().map(Object::toString).toList());
        assertEquals("t+2/e", options.ts().toString());
        assertTrue(segment("a -> b: ACK, ack=1").options().isEmpty());
    }

    @Test
    void malformedOptions() {
        only(parse("a -> b: ACK, ack=1, sack=100"), "syntax", 21);
        only(parse("a -> b: ACK, ack=1, sack=1:2:3"), "syntax", 21);
        only(parse("a -> b: ACK, ack=1, ts=100"), "syntax", 21);
        only(parse("a -> b: ACK, ack=1, ts=1/2/3"), "syntax", 21);
        only(parse("a -> b: SYN, seq=0, mss=x"), "syntax", 21);
        only(parse("a -> b: SYN, seq=0, wscale=\"7\""), "syntax", 21);
        only(parse("a -> b: ACK, ack=1, ts=1/2, ts=3/4"), "duplicate-field", 29);
        String fiveBlocks = "a -> b: ACK, ack=1, sack=2:3, sack=4:5, sack=6:7, sack=8:9, sack=10:11";
        only(parse(fiveBlocks), "sack-blocks", fiveBlocks.indexOf("sack=10") + 1);
    }

    @Test
    void expectOneOrTwoClaims() {
        Event.Expect one = clean("expect boy FIN-WAIT-1", Event.Expect.class);
        assertEquals(List.of(new Event.Claim(new PeerRef("boy", at(8)), "FIN-WAIT-1", at(12))), one.claims());

        Event.Expect two = clean("Expect a ESTABLISHED, b syn_sent", Event.Expect.class);
        assertEquals(2, two.claims().size());
        assertEquals(new Event.Claim(new PeerRef("b", at(23)), "syn_sent", at(25)), two.claims().get(1));
    }

    @Test
    void expectNeedsCommasBetweenClaims() {
        EventLineParser.Result r = parse("expect a ESTABLISHED b CLOSED");
        only(r, "syntax", 8);
        assertTrue(r.event().isEmpty());
        only(parse("expect a CLOSED,"), "syntax", 16);
        only(parse("expect"), "syntax", 1);
    }

    @Test
    void notes() {
        Event.Note note = clean("note a: he thinks: \"hello, # world\"", Event.Note.class);
        assertEquals(List.of(new PeerRef("a", at(6))), note.peers());
        assertEquals("he thinks: \"hello, # world\"", note.text(), "note text is free, # included");

        Event.Note both = clean("NOTE a, b: 男生 waits", Event.Note.class);
        assertEquals(List.of("a", "b"), both.peers().stream().map(PeerRef::id).toList());
        assertEquals(at(9), both.peers().get(1).position());

        only(parse("note: hello"), "syntax", 1);
        only(parse("note a b: hello"), "syntax", 6);
        only(parse("note a:"), "syntax", 8);
    }

    @Test
    void veryLongLinesDoNotExhaustTheStack() {
        Event.Note note = clean("note " + "a, ".repeat(100_000) + "b: x", Event.Note.class);
        assertEquals(100_001, note.peers().size());
        assertEquals(100_000, clean("expect " + "a X, ".repeat(100_000) + "b Y", Event.Expect.class).claims().size() - 1);
    }

    @Test
    void blankAndCommentLinesGiveNothing() {
        for (String text : List.of("", "   ", "\t", "# a comment", "   # indented -> comment")) {
            EventLineParser.Result r = parse(text);
            assertTrue(r.event().isEmpty(), text);
            assertEquals(List.of(), r.diagnostics(), text);
        }
    }

    @Test
    void trailingCommentsAreIgnoredOutsideQuotes() {
        Segment s = segment("a -> b: SYN, seq=x   # first handshake");
        assertEquals(EnumSet.of(Flag.SYN), s.flags());
        assertEquals("a # b", segment("a -> b: ACK, ack=1, data=\"a # b\" # comment").data());
        assertEquals("RTO", clean("wait RTO # retransmission", Event.Wait.class).label());
    }

    @Test
    void peersNamedLikeKeywords() {
        assertEquals("note", clean("note -> b: SYN", Event.Send.class).from().id());
        assertEquals("wait", clean("wait: close", Event.Call.class).peer().id());
        assertEquals("expect", clean("expect: listen", Event.Call.class).peer().id());
        assertEquals("wait", clean("wait arrives", Event.Arrival.class).flightName());
    }

    // ---- segment forms ------------------------------------------------------------------------------

    @Test
    void flagsInAnyOfTheirForms() {
        assertEquals(EnumSet.of(Flag.SYN, Flag.ACK), segment("a -> b: SYN ACK").flags());
        assertEquals(EnumSet.of(Flag.SYN), segment("a -> b: SYN=1, ACK=0").flags());
        assertEquals(EnumSet.allOf(Flag.class), segment("a -> b: URG,PSH , RST FIN=1 SYN ACK").flags());
    }

    @Test
    void sequenceExpressions() {
        assertEquals(SeqExpr.symbol("x", 1), segment("a -> b: SYN, seq = x + 1").seq().expr());
        assertEquals(SeqExpr.symbol("w", -3), segment("a -> b: ACK, seq=w-3, ack=1").seq().expr());
        assertEquals(SeqExpr.symbol("isn_a", 0), segment("a -> b: SYN, seq=isn_a").seq().expr());
        assertEquals(SeqExpr.number(4294967295L), segment("a -> b: ACK, ack=4294967295").ack().expr());
    }

    @Test
    void payloadAndWindow() {
        Segment len = segment("a -> b: ACK, ack=1, len=5, win=65535");
        assertEquals(5, len.length());
        assertNull(len.data());
        assertEquals(65535L, len.window());

        Segment data = segment("a -> b: ACK, ack=1, data=\"say \\\"hi\\\" \\\\ \\n\"");
        assertEquals("say \"hi\" \\ \n", data.data());
        assertEquals(12, data.length());
        assertEquals(6, segment("a -> b: ACK, ack=1, data=\"你好\"").length());
        assertEquals(0, segment("a -> b: ACK, ack=1, data=\"\"").length());
    }

    @Test
    void everythingTogether() {
        Segment s = segment("a -> b: ack=v+1 PSH, ACK=1 seq=u data=\"hi\" win=10");
        assertEquals(EnumSet.of(Flag.PSH, Flag.ACK), s.flags());
        assertEquals(at(9), s.ack().position());
        assertEquals(at(28), s.seq().position());
        assertEquals("PSH=1, ACK=1, seq=u, ack=v+1, data=\"hi\", win=10", s.label());
    }

    // ---- segment errors -----------------------------------------------------------------------------

    @Test
    void unknownFlagSuggestsAndRecovers() {
        EventLineParser.Result r = parse("a -> b: SYNN, seq=x");
        assertTrue(only(r, "unknown-flag", 9).message().contains("did you mean `SYN`?"));
        assertEquals(EnumSet.of(Flag.SYN), assertInstanceOf(Event.Send.class, r.event().orElseThrow()).segment().flags());
    }

    @Test
    void unknownWordFarFromAnyFlagIsDropped() {
        EventLineParser.Result r = parse("a -> b: SYN, BANANA");
        Diagnostic d = only(r, "unknown-flag", 14);
        assertFalse(d.message().contains("did you mean"));
        assertEquals(EnumSet.of(Flag.SYN), assertInstanceOf(Event.Send.class, r.event().orElseThrow()).segment().flags());
    }

    @Test
    void lowerCaseFlagIsRepaired() {
        EventLineParser.Result r = parse("a -> b: syn");
        assertTrue(only(r, "unknown-flag", 9).message().contains("`SYN`"));
        assertEquals(EnumSet.of(Flag.SYN), assertInstanceOf(Event.Send.class, r.event().orElseThrow()).segment().flags());
    }

    @Test
    void upperCaseAckWithANumberMeansTheField() {
        EventLineParser.Result r = parse("a -> b: ACK=5");
        assertTrue(only(r, "field-name", 9).message().contains("`ack=5`"));
        Segment s = assertInstanceOf(Event.Send.class, r.event().orElseThrow()).segment();
        assertEquals(SeqExpr.number(5), s.ack().expr());
        assertTrue(s.has(Flag.ACK));
    }

    @Test
    void upperCaseFieldNameIsRepaired() {
        EventLineParser.Result r = parse("a -> b: SYN, SEQ=7");
        only(r, "field-name", 14);
        assertEquals(SeqExpr.number(7), assertInstanceOf(Event.Send.class, r.event().orElseThrow()).segment().seq().expr());
    }

    @Test
    void numberOutOfRange() {
        EventLineParser.Result r = parse("a -> b: SYN, seq=4294967296");
        Diagnostic d = only(r, "number-range", 14);
        assertTrue(d.message().contains("4294967295"), d.message());
        assertTrue(d.message().contains("2^32-1"), d.message());
        only(parse("a -> b: ACK, ack=x+99999999999"), "number-range", 14);
        only(parse("a -> b: ACK, ack=1, len=4294967296"), "number-range", 21);
    }

    @Test
    void ackWithoutTheAckFlagIsAnErrorAndTheFlagIsAdded() {
        EventLineParser.Result r = parse("a -> b: FIN, seq=u, ack=v");
        assertTrue(only(r, "ack-without-flag", 21).message().contains("ACK"));
        Segment s = assertInstanceOf(Event.Send.class, r.event().orElseThrow()).segment();
        assertEquals(EnumSet.of(Flag.FIN, Flag.ACK), s.flags());
        assertEquals(SeqExpr.symbol("v", 0), s.ack().expr());
        only(parse("a -> b: ACK=0, ack=1"), "ack-without-flag", 16);
    }

    @Test
    void duplicatesAreErrors() {
        EventLineParser.Result r = parse("a -> b: SYN, seq=1, seq=2");
        only(r, "duplicate-field", 21);
        assertEquals(SeqExpr.number(1), assertInstanceOf(Event.Send.class, r.event().orElseThrow()).segment().seq().expr());
        only(parse("a -> b: SYN SYN=1"), "duplicate-field", 13);
    }

    @Test
    void lenAndDataTogether() {
        EventLineParser.Result r = parse("a -> b: ACK, ack=1, len=3, data=\"abcd\"");
        only(r, "len-and-data", 28);
        assertEquals(4, assertInstanceOf(Event.Send.class, r.event().orElseThrow()).segment().length());
    }

    @Test
    void malformedValues() {
        only(parse("a -> b: SYN=2"), "flag-value", 9);
        only(parse("a -> b: ACK, ack=1, data=abc"), "syntax", 21);
        only(parse("a -> b: ACK, ack=1, data=\"abc"), "syntax", 26);
        only(parse("a -> b: ACK, ack=1, data=\"a\\qb\""), "syntax", 28);
        only(parse("a -> b: SYN, seq=X"), "syntax", 14);
        only(parse("a -> b: SYN, seq=-1"), "syntax", 14);
        only(parse("a -> b: SYN, seq"), "syntax", 14);
        only(parse("a -> b: SYN, seq="), "syntax", 14);
        only(parse("a -> b: SYN, \"text\""), "syntax", 14);
    }

    @Test
    void sendProblems() {
        EventLineParser.Result self = parse("a -> a: SYN");
        only(self, "self-send", 6);
        assertTrue(self.event().isEmpty());
        EventLineParser.Result empty = parse("a -> b:");
        only(empty, "empty-segment", 8);
        assertTrue(empty.event().isEmpty());
    }

    @Test
    void aMistypedArrowIsOneErrorAndTheSegmentGoesAsMeant() {
        for (String[] typo : new String[][] {{"=>", "->"}, {"-->", "->"}, {"->>", "->"}, {"\u2192", "->"},
                {"\u2014>", "->"}, {"~~>", "~>"}, {"->X", "->x"}, {"-X", "-x"}}) {
            EventLineParser.Result r = parse("a " + typo[0] + " b: SYN, seq=x" + (typo[1].equals("~>") ? " as s1" : ""));
            Diagnostic d = only(r, "arrow", 3);
            assertTrue(d.message().contains("did you mean `" + typo[1] + "`"), d.message());
            Event.Send send = (Event.Send) r.event().orElseThrow();
            Event.Delivery meant = switch (typo[1]) {
                case "~>" -> Event.Delivery.IN_FLIGHT;
                case "->" -> Event.Delivery.DELIVERED;
                default -> Event.Delivery.LOST;
            };
            assertEquals(meant, send.delivery(), typo[0]);
            assertEquals("b", send.to().id());
        }
        assertEquals("xavier", clean("a ->xavier: SYN", Event.Send.class).to().id(), "->x is an arrow only before a blank");
    }

    @Test
    void unreadableLinesGiveOneSyntaxError() {
        EventLineParser.Result r = parse("   the boy waves at the girl");
        Diagnostic d = only(r, "syntax", 4);
        assertTrue(d.message().contains("`A -> B: SEGMENT`"), d.message());
        assertTrue(r.event().isEmpty());

        assertTrue(only(parse("a -> b SYN"), "syntax", 7).message().contains("`:`"));
        only(parse("a b arrives"), "syntax", 1);
    }
}
