package org.tcpstory.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.StoryEngine;

/**
 * Plain unit tests for what fuzzing and the robustness corpus found, each next to the bug it guards
 * against (the crash inputs themselves are regression inputs of {@link ChapterParserFuzzTest}).
 */
class HostileInputTest {

    private static ParseResult parse(String text) {
        return new ChapterParser().parse("t.md", text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> rules(ParseResult parsed) {
        List<String> out = new java.util.ArrayList<>(parsed.diagnostics().stream()
                .map(d -> d.rule() + "@" + d.position().line()).toList());
        parsed.chapter().ifPresent(c -> new StoryEngine().validate(List.of(c)).get(0).diagnostics()
                .forEach(d -> out.add(d.rule() + "@" + d.position().line())));
        return out;
    }

    /**
     * Found by Jazzer in 30 seconds: a LISTEN peer with no {@code isn} that sends anything but a SYN,ACK
     * after receiving a SYN had no SND.NXT, and the engine threw a NullPointerException ({@code check}
     * printed an internal error). Now the segment starts at a fresh ISS, as a SYN,ACK would.
     */
    @ParameterizedTest
    @ValueSource(strings = {"girl -> boy: ACK", "girl -> boy: ACK=1, seq=100", "girl -> boy: ACK, seq=z, ack=x+1",
        "girl -> boy: RST", "girl -> boy: RST, seq=5", "girl -> boy: FIN, ACK, ack=x+1",
        "girl -> boy: ACK, PSH, data=\"hi\"", "girl ~> boy: ACK as a\na arrives", "girl -x boy: ACK, seq=9",
        "girl -> boy: SYN, RST, ACK"})
    void aPassiveOpenWithoutIsnMaySendBeforeItsSynAck(String event) {
        ParseResult parsed = parse("---\ntitle: t\npeers:\n  boy:  { state: CLOSED, isn: x }\n  girl: { state: LISTEN }\n"
                + "---\n```tcp\nboy -> girl: SYN=1, seq=x\n" + event + "\n```\n");
        ChapterResult result = new StoryEngine().validate(List.of(parsed.chapter().orElseThrow())).get(0);
        assertEquals(parsed.chapter().orElseThrow().events().size(), result.steps().size());
    }

    /**
     * Found by Jazzer through stories: the same peer (SYN-RECEIVED, no ISN yet) asked to close or abort
     * crashed while the engine wrote which FIN or RST to send instead. Such a peer now has a fresh ISS
     * from the moment it receives the SYN, which its SYN,ACK (or first segment) still defines.
     */
    @ParameterizedTest
    @ValueSource(strings = {"b: close", "b: abort", "b: listen", "expect b SYN-RECEIVED\nb -> a: SYN, ACK, seq=300, ack=x+1\n"
            + "a -> b: ACK, seq=x+1, ack=301\nexpect a ESTABLISHED, b ESTABLISHED"})
    void aPassiveOpenWithoutIsnCanBeClosedOrAbortedBeforeItsSynAck(String events) {
        ParseResult parsed = parse("---\ntitle: t\npeers:\n  a: { state: CLOSED, isn: x }\n  b: { state: LISTEN }\n---\n"
                + "```tcp\na -> b: SYN, seq=x\n" + events + "\n```\n");
        List<String> found = rules(parsed);
        assertTrue(found.stream().allMatch(r -> r.startsWith("call-state@") || r.startsWith("answer-owed@")), found::toString);
        if (events.startsWith("expect")) {
            assertEquals(List.of(), found, "the SYN,ACK defines the ISS: 300");
        }
    }

    /** Found next: the same with an ISN declared, once a changed SYN sent the peer back to LISTEN. */
    @Test
    void aPeerBackInListenMaySendARstWithSynBeforeItsSynAck() {
        ParseResult parsed = parse("---\ntitle: t\npeers:\n  boy:  { state: CLOSED, isn: x }\n"
                + "  girl: { state: LISTEN, isn: y }\n---\n```tcp\nboy -> girl: SYN=1, seq=x\nboy -> girl: SYN, len=1\n"
                + "boy -> girl: SYN, seq=x\ngirl -> boy: SYN, RST, ACK\n```\n");
        ChapterResult result = new StoryEngine().validate(List.of(parsed.chapter().orElseThrow())).get(0);
        assertEquals(4, result.steps().size());
    }

    @Test
    void aPassiveOpenWithoutIsnGetsItsIsnFromWhatItSendsFirst() {
        ParseResult parsed = parse("---\ntitle: t\npeers:\n  boy:  { state: CLOSED, isn: x }\n  girl: { state: LISTEN }\n"
                + "---\n```tcp\nboy -> girl: SYN=1, seq=x\ngirl -> boy: ACK, seq=100, ack=x+1\n"
                + "girl -> boy: SYN, ACK, seq=100, ack=x+1\nboy -> girl: ACK, seq=x+1, ack=101\n"
                + "expect boy ESTABLISHED, girl ESTABLISHED\n```\n");
        assertEquals(List.of(), rules(parsed));
    }

    /**
     * Found by Jazzer in four minutes: a FIN without {@code seq=} after the sender's own FIN was
     * acknowledged was taken for a retransmission, and reporting its wrong seq at the position of the
     * {@code seq=} that was never written threw a NullPointerException. It is a second FIN.
     */
    @Test
    void anUnnumberedFinAfterAnAcknowledgedFinIsASecondFin() {
        ParseResult parsed = parse("---\ntitle: t\npeers:\n  boy:  { state: ESTABLISHED, seq: u }\n"
                + "  girl: { state: ESTABLISHED, seq: v }\n---\n```tcp\ngirl -> boy: FIN, ACK, seq=v, ack=u\n"
                + "boy -> girl: ACK, seq=u, ack=v+1\ngirl -> boy: FIN, ACK\n```\n");
        assertEquals(List.of("second-fin@10", "answer-owed@10"), rules(parsed));
    }

    /** NEL, U+2028 and U+2029 are not line ends for the story format, but `.` in a regex refused them. */
    @ParameterizedTest
    @ValueSource(strings = {"\u0085", "\u2028", "\u2029"})
    void unicodeLineSeparatorsInsideALineAreText(String separator) {
        ParseResult parsed = parse("---\ntitle: t\npeers:\n  a: { state: ESTABLISHED, seq: u }\n"
                + "  b: { state: ESTABLISHED, seq: v }\n---\n```tcp\nnote a: one" + separator + "two\n"
                + "wait RTO" + separator + "again\n```\n");
        assertEquals(List.of(), rules(parsed));
        List<Event> events = parsed.chapter().orElseThrow().events();
        assertEquals("one" + separator + "two", ((Event.Note) events.get(0)).text());
        assertEquals("RTO" + separator + "again", ((Event.Wait) events.get(1)).label());
    }

    /** {@code !ENV ${HOME}} is a YAML tag like any other: the front matter is composed, never constructed. */
    @Test
    void envTagsAreNotExpanded() throws Exception {
        ParseResult parsed = new ChapterParser().parse("yaml-env.md",
                Files.readAllBytes(Path.of("src", "test", "resources", "hostile", "yaml-env.md")));
        Chapter chapter = parsed.chapter().orElseThrow();
        assertEquals("${HOME}", chapter.title());
        assertEquals("${PATH:-default} ${PLANTUML_LIMIT_SIZE}", chapter.frontMatter().summary());
        assertEquals("${USER}", chapter.frontMatter().peers().get(0).label());
    }

    /** Quadratic Markdown is refused before the library sees it; ordinary prose of the same size is not. */
    @Test
    void markdownLimitsRefuseOnlyWhatWouldHang() {
        String head = "---\ntitle: t\npeers:\n  a: { state: ESTABLISHED, seq: u }\n  b: { state: ESTABLISHED, seq: v }\n---\n";
        ParseResult slow = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> parse(head + "<\n".repeat(40_000)));
        assertEquals(List.of("markdown-limit@7"), rules(slow));
        StringBuilder prose = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            prose.append("A paragraph with [a link](https://example.org/").append(i).append(") and *emphasis* and `<code>`, ")
                    .append("<b>html</b> and **strong** text, a_b_c, [another][r].\n\n");
        }
        prose.append("[r]: https://example.org/\n");
        ParseResult ordinary = parse(head + prose);
        assertEquals(List.of(), rules(ordinary));
        assertTrue(ordinary.chapter().isPresent());
    }

    @Test
    void deepNestingIsRefusedAtItsLine() {
        String head = "---\ntitle: t\npeers:\n  a: { state: ESTABLISHED, seq: u }\n  b: { state: ESTABLISHED, seq: v }\n---\n";
        assertEquals(List.of("markdown-limit@8"), rules(parse(head + "text\n" + "> ".repeat(150) + "deep\n")));
        assertEquals(List.of(), rules(parse(head + "text\n" + "> ".repeat(20) + "deep enough\n")));
        assertEquals(List.of(), rules(parse(head + "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - "
                .repeat(20) + "\n")), "a long thematic break is no nesting");
    }
}
