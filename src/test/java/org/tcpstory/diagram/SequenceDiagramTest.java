package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpstory.diagram.TestChapters.CLIENT;
import static org.tcpstory.diagram.TestChapters.HANDSHAKE;
import static org.tcpstory.diagram.TestChapters.OPEN_A;
import static org.tcpstory.diagram.TestChapters.OPEN_B;
import static org.tcpstory.diagram.TestChapters.SERVER;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpstory.engine.ChapterResult;

class SequenceDiagramTest {

    private final DiagramRenderer renderer = new DiagramRenderer();

    @Test
    void handshakeShowsLabelsInTheAuthorsNotationAndEveryStateChange() {
        ChapterResult result = TestChapters.runValid(CLIENT, SERVER, HANDSHAKE);
        String source = SequenceDiagram.source(result, Theme.LIGHT);
        List<String> texts = TestChapters.texts(renderer.svg(source));

        assertTrue(texts.contains("周屿 · 客户端"), texts::toString);
        assertTrue(texts.contains("林晚 · 服务器"), texts::toString);
        assertTrue(texts.contains("SYN=1, seq=x"), texts::toString);
        assertTrue(texts.contains("SYN=1, ACK=1, seq=y, ack=x+1"), texts::toString);
        assertTrue(texts.contains("ACK=1, seq=x+1, ack=y+1"), texts::toString);
        for (String state : List.of("CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED")) {
            assertTrue(texts.contains(state), () -> state + " missing from " + texts);
        }
        assertEquals(2, texts.stream().filter("ESTABLISHED"::equals).count(), "each peer enters ESTABLISHED once");
        assertTrue(texts.contains("listen"), "the passive OPEN is marked");
    }

    @Test
    void peersAreGeneratedAliasesNeverTheAuthorsIds() {
        String source = SequenceDiagram.source(TestChapters.runValid(CLIENT, SERVER, HANDSHAKE), Theme.LIGHT);
        assertTrue(source.contains(" as p0 ") && source.contains(" as p1 "), source);
        assertFalse(source.matches("(?s).*\\b[AB] ->.*"), source);
    }

    @Test
    void expectLinesAreNotDrawnAndTheSequenceNeedsNoLayoutEngine() {
        String source = SequenceDiagram.source(TestChapters.runValid(CLIENT, SERVER, HANDSHAKE), Theme.LIGHT);
        assertFalse(source.contains("expect"), source);
        assertFalse(source.contains("!pragma layout"), source);
        assertTrue(source.contains("!pragma teoz true"), source);
    }

    @Test
    void crossingFinsLeaveOnOneRowAndCross() {
        ChapterResult result = TestChapters.runValid(OPEN_A, OPEN_B,
                "A ~> B: FIN=1, ACK=1, seq=u, ack=v as fin1",
                "B ~> A: FIN=1, ACK=1, seq=v, ack=u as fin2",
                "expect A FIN-WAIT-1, B FIN-WAIT-1",
                "fin1 arrives",
                "fin2 arrives",
                "expect A CLOSING, B CLOSING",
                "A -> B: ACK=1, seq=u+1, ack=v+1",
                "B -> A: ACK=1, seq=v+1, ack=u+1",
                "wait 2MSL");
        String source = SequenceDiagram.source(result, Theme.LIGHT);

        assertTrue(source.contains("p0 ->(" + SequenceDiagram.FLIGHT_SLANT + ") p1"), source);
        assertTrue(source.contains("& p1 ->(" + SequenceDiagram.FLIGHT_SLANT + ") p0"),
                "the second leaves on the same row");
        assertTrue(source.contains("group\n"), "crossing arrows share a group (see SequenceDiagram)");
        assertTrue(source.contains("...2MSL..."), source);
        List<String> texts = TestChapters.texts(renderer.svg(source));
        assertTrue(texts.contains("FIN=1, ACK=1,") && texts.contains("seq=u, ack=v"), texts::toString);
        assertEquals(2, texts.stream().filter("CLOSING"::equals).count(), texts::toString);
        assertEquals(2, texts.stream().filter("TIME-WAIT"::equals).count(), texts::toString);
        assertTrue(texts.contains("2MSL"), texts::toString);
    }

    @Test
    void lostSegmentsEndInACrossAndWaitsAreDelays() {
        ChapterResult result = TestChapters.runValid(OPEN_A, OPEN_B,
                "A -x B: ACK=1, PSH=1, seq=u, ack=v, len=5",
                "note B: 磨豆机正在轰鸣",
                "wait RTO",
                "A -> B: ACK=1, PSH=1, seq=u, ack=v, len=5",
                "B -> A: ACK=1, seq=v, ack=u+5");
        String source = SequenceDiagram.source(result, Theme.LIGHT);
        assertTrue(source.contains("p0 ->x p1"), source);
        assertTrue(source.contains("note over p1"), source);
        List<String> texts = TestChapters.texts(renderer.svg(source));
        assertEquals(2, texts.stream().filter("PSH=1, ACK=1, seq=u, ack=v, len=5"::equals).count(), texts::toString);
        assertTrue(texts.contains("磨豆机正在轰鸣") && texts.contains("RTO"), texts::toString);
    }

    @Test
    void oldDuplicatesAreDashedAndLabelledAndLateArrivalsNamed() {
        ChapterResult result = TestChapters.runValid("label: A, state: CLOSED, isn: 100", "label: B, state: LISTEN",
                "A ~> B: SYN, seq=100 as syn",
                "old A -> B: SYN, seq=90",
                "B -> A: SYN, ACK, seq=300, ack=91",
                "A -> B: RST, seq=91",
                "syn arrives",
                "B -> A: SYN, ACK, seq=400, ack=101",
                "A -> B: ACK, seq=101, ack=401");
        String source = SequenceDiagram.source(result, Theme.LIGHT);
        assertTrue(source.contains("-[" + Theme.LIGHT.muted() + ",dashed]>"), source);
        List<String> texts = TestChapters.texts(renderer.svg(source));
        assertTrue(texts.contains("old duplicate") && texts.contains("SYN=1, seq=90"), texts::toString);
        assertTrue(texts.contains("as syn") && texts.contains("syn arrives"), texts::toString);
    }

    @Test
    void eventsWithErrorsAreDrawnInTheErrorColour() {
        ChapterResult result = TestChapters.run(OPEN_A, OPEN_B,
                "A -> B: FIN=1, ACK=1, seq=u+7, ack=v",
                "expect A CLOSED");
        assertFalse(result.isValid());
        String source = SequenceDiagram.source(result, Theme.LIGHT);
        String red = Theme.LIGHT.error();
        assertTrue(source.contains("p0 -[" + red + "]>(" + SequenceDiagram.SLANT + ") p1 : <color:" + red + ">"),
                source);
        List<String> texts = TestChapters.texts(renderer.svg(source));
        assertTrue(texts.contains("expect A CLOSED"), texts::toString);
    }

    @Test
    void hostileLabelsAndNotesShowVerbatim() {
        String label = "@enduml !include /etc/passwd %getenv(\"HOME\") <script>alert(1)</script> <<stereo>> **bold**";
        ChapterResult result = TestChapters.runValid(
                TestChapters.labelled(label, "state: ESTABLISHED, seq: u"),
                TestChapters.labelled("[[http://x]] //i// <img /etc/passwd>", "state: ESTABLISHED, seq: v"),
                "note A, B: !include /etc/passwd %getenv(\"HOME\") <script>alert(1)</script> [[http://x]]",
                "A -> B: ACK, PSH, seq=u, ack=v, data=\"@enduml <b>%getenv(HOME)</b> [[x]]\"",
                "B -> A: ACK, seq=v, ack=u+34");
        String svg = renderer.svg(SequenceDiagram.source(result, Theme.LIGHT));
        List<String> texts = TestChapters.texts(svg);
        assertTrue(texts.contains(label), texts::toString);
        assertTrue(texts.contains("[[http://x]] //i// <img /etc/passwd>"), texts::toString);
        assertTrue(texts.contains("!include /etc/passwd %getenv(\"HOME\") <script>alert(1)</script> [[http://x]]"),
                texts::toString);
        assertTrue(texts.contains("PSH=1, ACK=1, seq=u, ack=v, data=\"@enduml <b>%getenv(HOME)</b> [[x]]\""),
                texts::toString);
        PlantUmlTextTest.assertNoLeak(svg);
    }

    @Test
    void everyThemeRendersAndTheContentChapterTooWhenPresent() {
        ChapterResult result = TestChapters.runValid(CLIENT, SERVER, HANDSHAKE);
        for (Theme theme : Theme.values()) {
            String svg = renderer.svg(SequenceDiagram.source(result, theme));
            assertTrue(svg.contains(theme.background()), theme + " background");
        }
    }

    @Test
    void eachStepKnowsTheLineOfItsArrowAsTheSvgMarksIt() {
        ChapterResult result = TestChapters.runValid(OPEN_A, OPEN_B,
                "A ~> B: FIN=1, ACK=1, seq=u, ack=v as a",
                "B ~> A: FIN=1, ACK=1, seq=v, ack=u as b",
                "a arrives",
                "b arrives",
                "A -x B: ACK=1, seq=u+1, ack=v+1",
                "note A: lost",
                "A -> B: ACK=1, seq=u+1, ack=v+1",
                "B -> A: ACK=1, seq=v+1, ack=u+1");
        SequenceDiagram.Drawing drawing = SequenceDiagram.drawing(result, Theme.LIGHT, DiagramWords.ENGLISH);
        assertEquals(SequenceDiagram.source(result, Theme.LIGHT), drawing.source(), "the same source as before");
        List<Integer> lines = drawing.arrowLines();
        assertEquals(result.steps().size(), lines.size());
        String[] source = drawing.source().split("\n");
        for (int step : List.of(0, 1, 4, 6, 7)) {
            assertTrue(source[lines.get(step)].contains("p0 -") || source[lines.get(step)].contains("p1 -"),
                    () -> "step " + step + " draws its arrow on its line: " + source[lines.get(step)]);
        }
        assertEquals(lines.get(0), lines.get(2), "an arrival lights the arrow of its send");
        assertEquals(lines.get(1), lines.get(3));
        assertEquals(-1, (int) lines.get(5), "a note has no arrow");
        // PlantUML marks each arrow's group with the (0-based) line that drew it: the page's script finds it so.
        String svg = renderer.svg(drawing.source());
        for (int step : List.of(0, 1, 4, 6, 7)) {
            assertTrue(svg.contains("class=\"message\"") && svg.matches("(?s).*<g class=\"message\"[^>]*data-source-line=\""
                    + lines.get(step) + "\".*"), () -> "an arrow group at line " + lines.get(step));
        }
    }

    @Test
    void theMarksAreDrawnInTheGivenWords() {
        DiagramWords chinese = new DiagramWords("两人都走过", "（更粗）", "不在图 5 里", "旧的重复段", "即 {name}", "{name} 送达",
                "监听", "关闭", "中止", "重传", "零窗口探测", "第 {n} 个重复 ACK", "快速重传", "窗口更新", "重传计时器到期",
                "探测计时器到期");
        ChapterResult result = TestChapters.runValid(CLIENT, SERVER, HANDSHAKE);
        String source = SequenceDiagram.drawing(result, Theme.LIGHT, chinese).source();
        assertTrue(source.contains("<i>监听</i>"), source);
        assertFalse(source.contains("<i>listen</i>"), source);
        String lost = SequenceDiagram.drawing(TestChapters.runValid(OPEN_A, OPEN_B, FAST_RETRANSMIT), Theme.LIGHT, chinese)
                .source();
        assertTrue(lost.contains("<i>第 2 个重复 ACK</i>"), lost);
        assertTrue(lost.contains("<i>第 3 个重复 ACK " + PlantUmlText.escape("·") + " 快速重传</i>"), lost);
        assertTrue(lost.contains("<i>重传</i>"), lost);
        assertEquals("<U+0061> 送达", DiagramWords.fill("{name} 送达", "<U+0061>"));
        assertEquals("as x", DiagramWords.fill("as {name}", "x"));
    }

    /** The second of five segments is lost; three duplicate ACKs bring it back (scenario D5). */
    private static final String[] FAST_RETRANSMIT = {
        "A -> B: ACK, PSH, seq=u, ack=v, len=100",
        "B -> A: ACK, seq=v, ack=u+100",
        "A -x B: ACK, PSH, seq=u+100, ack=v, len=100",
        "A -> B: ACK, PSH, seq=u+200, ack=v, len=100",
        "B -> A: ACK, seq=v, ack=u+100",
        "A -> B: ACK, PSH, seq=u+300, ack=v, len=100",
        "B -> A: ACK, seq=v, ack=u+100",
        "A -> B: ACK, PSH, seq=u+400, ack=v, len=100",
        "B -> A: ACK, seq=v, ack=u+100",
        "A -> B: ACK, PSH, seq=u+100, ack=v, len=100",
        "B -> A: ACK, seq=v, ack=u+500",
    };

    @Test
    void optionsSitInShortUnderTheFieldsOfEachArrow() {
        ChapterResult result = TestChapters.runValid("label: A, state: CLOSED, isn: 1000",
                "label: B, state: LISTEN, isn: 5000",
                "A -> B: SYN, seq=1000, win=65535, mss=1460, wscale=7, sackOK, ts=100/0",
                "B -> A: SYN, ACK, seq=5000, ack=1001, win=65535, mss=1400, wscale=8, sackOK, ts=500/100",
                "A -> B: ACK, seq=1001, ack=5001, win=1024, ts=101/500");
        List<String> texts = TestChapters.texts(renderer.svg(SequenceDiagram.source(result, Theme.LIGHT)));
        assertTrue(texts.contains("SYN=1, seq=1000, win=65535"), texts::toString);
        assertTrue(texts.contains("MSS 1460 · WS 7 · SACK · TS"), texts::toString);
        assertTrue(texts.contains("MSS 1400 · WS 8 · SACK · TS"), texts::toString);
        assertTrue(texts.contains("ACK=1, seq=1001, ack=5001, win=1024"), texts::toString);
        assertTrue(texts.contains("TS 101/500"), "after the SYNs the timestamps keep their numbers: " + texts);
        assertFalse(texts.stream().anyMatch(t -> t.contains("mss=") || t.contains("sackOK")),
                "the author's option fields are not repeated: " + texts);
    }

    @Test
    void sackBlocksAndDuplicateAcksAreNamedOnTheirArrowsAndTheResendIsMarked() {
        ChapterResult result = TestChapters.runValid("label: A, state: CLOSED, isn: 1000",
                "label: B, state: LISTEN, isn: 9000",
                "A -> B: SYN, seq=1000, mss=1000, sackOK",
                "B -> A: SYN, ACK, seq=9000, ack=1001, mss=1000, sackOK",
                "A -> B: ACK, seq=1001, ack=9001",
                "A -> B: ACK, PSH, seq=1001, ack=9001, len=1000",
                "B -> A: ACK, seq=9001, ack=2001",
                "A -x B: ACK, PSH, seq=2001, ack=9001, len=1000",
                "A -> B: ACK, PSH, seq=3001, ack=9001, len=1000",
                "B -> A: ACK, seq=9001, ack=2001, sack=3001:4001",
                "A -> B: ACK, PSH, seq=4001, ack=9001, len=1000",
                "B -> A: ACK, seq=9001, ack=2001, sack=3001:5001",
                "A -> B: ACK, PSH, seq=5001, ack=9001, len=1000",
                "B -> A: ACK, seq=9001, ack=2001, sack=3001:6001",
                "A -> B: ACK, PSH, seq=2001, ack=9001, len=1000",
                "B -> A: ACK, seq=9001, ack=6001");
        List<String> texts = TestChapters.texts(renderer.svg(SequenceDiagram.source(result, Theme.LIGHT)));
        assertTrue(texts.contains("MSS 1000 · SACK"), texts::toString);
        for (String block : List.of("SACK 3001:4001", "SACK 3001:5001", "SACK 3001:6001")) {
            assertTrue(texts.contains(block), () -> block + " missing from " + texts);
        }
        assertEquals(List.of("dup ACK 1", "dup ACK 2", "dup ACK 3 · fast retransmit", "retransmission"),
                texts.stream().filter(t -> t.startsWith("dup ACK") || t.equals("retransmission")).toList());
        // The mark is the line above its arrow's fields.
        assertEquals("ACK=1, PSH=1, seq=2001, ack=9001, len=1000".replace("ACK=1, PSH=1", "PSH=1, ACK=1"),
                texts.get(texts.indexOf("retransmission") + 1));
    }

    @Test
    void aTimeoutMarksTheLifelineOfEachPeerWhoseTimerExpired() {
        ChapterResult both = TestChapters.runValid(OPEN_A, OPEN_B,
                "A -x B: ACK, PSH, seq=u, ack=v, len=100",
                "B -x A: ACK, PSH, seq=v, ack=u, len=50",
                "wait RTO",
                "A -> B: ACK, PSH, seq=u, ack=v, len=100",
                "B -> A: ACK, PSH, seq=v, ack=u+100, len=50",
                "A -> B: ACK, seq=u+100, ack=v+50");
        String source = SequenceDiagram.source(both, Theme.LIGHT);
        String expired = "<i>RTO expired</i>";
        assertTrue(source.contains("...RTO...\nrnote over p0 " + Theme.LIGHT.peerTint(0) + ";line:"
                + Theme.LIGHT.peer(0).substring(1) + " : " + expired + "\n& rnote over p1 "), source);
        List<String> texts = TestChapters.texts(renderer.svg(source));
        assertEquals(2, texts.stream().filter("RTO expired"::equals).count(), texts::toString);
        assertEquals(2, texts.stream().filter("retransmission"::equals).count(), texts::toString);

        ChapterResult one = TestChapters.runValid(OPEN_A, OPEN_B,
                "A -x B: ACK, PSH, seq=u, ack=v, len=100",
                "wait RTO B",
                "wait RTO A",
                "A -> B: ACK, PSH, seq=u, ack=v, len=100",
                "B -> A: ACK, seq=v, ack=u+100");
        String timers = SequenceDiagram.source(one, Theme.LIGHT);
        assertEquals(1, timers.split("rnote over", -1).length - 1, "only A's timer ran, and expired: " + timers);
        assertTrue(timers.contains("...RTO A...\nrnote over p0 "), timers);
        assertTrue(timers.contains("...RTO B...\n...RTO A..."), "B had nothing outstanding: " + timers);
    }

    @Test
    void aProbeTimeoutMarksItsPeersLifelineInItsOwnWords() {
        ChapterResult result = TestChapters.runValid(OPEN_A, OPEN_B,
                "A -> B: ACK, PSH, seq=u, ack=v, len=100",
                "A -x B: ACK, PSH, seq=u+100, ack=v, len=100",
                "B -> A: ACK, seq=v, ack=u+100",
                "wait PTO A",
                "A -> B: ACK, PSH, seq=u+100, ack=v, len=100",
                "B -> A: ACK, seq=v, ack=u+200");
        String source = SequenceDiagram.source(result, Theme.LIGHT);
        assertTrue(source.contains("...PTO A...\nrnote over p0 "), source);
        assertTrue(source.contains("<i>PTO expired</i>"), source);
        assertFalse(source.contains("RTO expired"), "a probe timeout is not the retransmission timer: " + source);
    }

    @Test
    void theZeroWindowProbeAndTheWindowUpdateAreNamed() {
        ChapterResult result = TestChapters.runValid(OPEN_A, OPEN_B,
                "B -> A: ACK, seq=v, ack=u, win=2000",
                "A -> B: ACK, PSH, seq=u, ack=v, len=2000",
                "B -> A: ACK, seq=v, ack=u+2000, win=0",
                "wait RTO",
                "A -> B: ACK, seq=u+2000, ack=v, len=1",
                "B -> A: ACK, seq=v, ack=u+2000, win=0",
                "B -> A: ACK, seq=v, ack=u+2000, win=2000",
                "A -> B: ACK, PSH, seq=u+2000, ack=v, len=1000",
                "B -> A: ACK, seq=v, ack=u+3000");
        List<String> texts = TestChapters.texts(renderer.svg(SequenceDiagram.source(result, Theme.LIGHT)));
        assertEquals("ACK=1, seq=u+2000, ack=v, len=1", texts.get(texts.indexOf("zero-window probe") + 1));
        assertEquals("ACK=1, seq=v, ack=u+2000, win=2000", texts.get(texts.indexOf("window update") + 1));
    }

    @Test
    void aDuplicateAckThatWasInFlightIsNamedWhenItArrives() {
        ChapterResult result = TestChapters.runValid(OPEN_A, OPEN_B,
                "A -> B: ACK, PSH, seq=u, ack=v, len=100",
                "B -> A: ACK, seq=v, ack=u+100",
                "A -x B: ACK, PSH, seq=u+100, ack=v, len=100",
                "A -> B: ACK, PSH, seq=u+200, ack=v, len=100",
                "B ~> A: ACK, seq=v, ack=u+100 as first",
                "A -> B: ACK, PSH, seq=u+300, ack=v, len=100",
                "first arrives",
                "B ~> A: ACK, seq=v, ack=u+100 as second",
                "second arrives",
                "B -> A: ACK, seq=v, ack=u+100",
                "A -> B: ACK, PSH, seq=u+100, ack=v, len=100",
                "B -> A: ACK, seq=v, ack=u+400");
        String source = SequenceDiagram.source(result, Theme.LIGHT);
        List<String> texts = TestChapters.texts(renderer.svg(source));
        // Counted when it arrives, after its arrow was drawn: the note at its receiver says it.
        assertEquals("first arrives", texts.get(texts.indexOf("dup ACK 1") - 1), texts::toString);
        assertTrue(texts.contains("dup ACK 2") && !texts.contains("second arrives"), texts::toString);
        assertTrue(texts.contains("dup ACK 3 · fast retransmit"), texts::toString);
    }

    @Test
    void wordsOfTheMarksAreEscapedLikeAuthoredText() {
        String hostile = "@enduml !include /etc/passwd %getenv(\"HOME\") <b>x</b>";
        DiagramWords words = new DiagramWords("b", "t", "n", "o", "as {name}", "{name} arrives", "l", "c", "a",
                hostile, hostile, hostile + " {n}", hostile, hostile, hostile, hostile);
        ChapterResult result = TestChapters.runValid(OPEN_A, OPEN_B, FAST_RETRANSMIT);
        String source = SequenceDiagram.drawing(result, Theme.LIGHT, words).source();
        assertFalse(source.contains("@enduml !") || source.contains("%getenv") || source.contains("<b>x"), source);
        String svg = renderer.svg(source);
        assertTrue(TestChapters.texts(svg).contains(hostile + " 3 · " + hostile), TestChapters.texts(svg)::toString);
        PlantUmlTextTest.assertNoLeak(svg);
    }
}
