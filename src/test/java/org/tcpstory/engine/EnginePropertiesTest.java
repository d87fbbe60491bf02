package org.tcpstory.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.tcpstory.engine.ConversationModel.Ending;
import org.tcpstory.engine.ConversationModel.Line;
import org.tcpstory.engine.ConversationModel.Move;
import org.tcpstory.story.ChapterParser;
import org.tcpstory.story.ParseResult;

/**
 * Properties of the engine against a reference model of correct TCP: what the model writes is
 * accepted; a single mutation of it is rejected; and no input makes the engine throw.
 */
class EnginePropertiesTest {

    private static final Pattern NUMBER_FIELD = Pattern.compile("(seq|ack)=([xy])(?:\\+(\\d+))?");

    /** A generated conversation: its lines and how to turn them into a chapter. */
    record Conversation(boolean handshake, List<Line> lines) {
        String story() {
            return ConversationModel.chapter(handshake, lines);
        }

        Conversation with(List<Line> changed) {
            return new Conversation(handshake, changed);
        }
    }

    @Provide
    Arbitrary<Conversation> conversations() {
        return modelConversations();
    }

    /** Conversations the reference model writes: a handshake or not, up to twelve moves, and an ending. */
    static Arbitrary<Conversation> modelConversations() {
        Arbitrary<Integer> length = Arbitraries.integers().between(2, 1460);
        Arbitrary<Boolean> side = Arbitraries.of(true, false);
        Arbitrary<Move> move = Arbitraries.oneOf(
                Combinators.combine(side, length).as(Move.Data::new),
                side.map(Move.Ack::new),
                Combinators.combine(side, length).as(Move.LostData::new),
                Combinators.combine(length, length).as(Move.Crossing::new));
        return Combinators.combine(Arbitraries.of(true, false), move.list().ofMaxSize(12), Arbitraries.of(Ending.class))
                .as((handshake, moves, ending) ->
                        new Conversation(handshake, ConversationModel.lines(handshake, moves, ending)));
    }

    private static ChapterResult check(String story) {
        ParseResult parsed = new ChapterParser().parse("generated.md", story.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), parsed.diagnostics(), story);
        return new StoryEngine().validate(List.of(parsed.chapter().orElseThrow())).get(0);
    }

    @Property(tries = 300)
    void theModelsConversationsAreAccepted(@ForAll("conversations") Conversation conversation) {
        ChapterResult result = check(conversation.story());
        assertEquals(List.of(), Stories.describe(result.diagnostics()), conversation.story());
    }

    @Property(tries = 300)
    void aNumberMovedByOneIsNoticed(@ForAll("conversations") Conversation conversation,
                                    @ForAll @IntRange(min = 0, max = 10_000) int pick,
                                    @ForAll boolean up) {
        List<Integer> numbered = new ArrayList<>();
        for (int i = 0; i < conversation.lines().size(); i++) {
            if (NUMBER_FIELD.matcher(conversation.lines().get(i).text()).find()) {
                numbered.add(i);
            }
        }
        if (numbered.isEmpty()) {
            return;
        }
        int index = numbered.get(pick % numbered.size());
        Line line = conversation.lines().get(index);
        List<Matcher> fields = new ArrayList<>();
        Matcher matcher = NUMBER_FIELD.matcher(line.text());
        while (matcher.find()) {
            fields.add(NUMBER_FIELD.matcher(line.text()).region(matcher.start(), line.text().length()));
        }
        Matcher field = fields.get(pick % fields.size());
        field.find();
        long offset = field.group(3) == null ? 0 : Long.parseLong(field.group(3));
        long moved = up ? offset + 1 : offset - 1;
        String number = moved == 0 ? field.group(2) : moved > 0 ? field.group(2) + "+" + moved : field.group(2) + "-1";
        String text = line.text().substring(0, field.start()) + field.group(1) + "=" + number
                + line.text().substring(field.end());
        List<Line> changed = new ArrayList<>(conversation.lines());
        changed.set(index, new Line(text, line.segment(), line.consumesSequence(), line.fromA()));
        String story = conversation.with(changed).story();
        // Moving a data segment back overlaps what was sent: a repackaged retransmission (RFC 9293 §3.8.6),
        // valid, but sent before any sign of loss, so still noticed.
        assertTrue(!check(story).diagnostics().isEmpty(), () -> "accepted after moving " + line.text() + " to " + text + "\n" + story);
    }

    /**
     * Dropping a segment that takes sequence space is noticed: usually an error, but where the only
     * later segment is a RST from the same side, RFC 5961 turns it into a challenge ACK that the story
     * never sends, which is a warning.
     */
    @Property(tries = 300)
    void droppingASegmentThatTakesSequenceSpaceIsNoticed(@ForAll("conversations") Conversation conversation,
                                                         @ForAll @IntRange(min = 0, max = 10_000) int pick) {
        List<Line> lines = conversation.lines();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).consumesSequence() && referredToLater(lines, i)) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        int index = candidates.get(pick % candidates.size());
        List<Line> changed = new ArrayList<>(lines);
        Line dropped = changed.remove(index);
        String story = conversation.with(changed).story();
        assertTrue(!check(story).diagnostics().isEmpty(), () -> "accepted without " + dropped.text() + "\n" + story);
    }

    @Property(tries = 300)
    void aSynchronizedSegmentWithoutItsAckBitIsAnError(@ForAll("conversations") Conversation conversation,
                                                       @ForAll @IntRange(min = 0, max = 10_000) int pick) {
        List<Line> lines = conversation.lines();
        List<Integer> candidates = new ArrayList<>();
        int first = conversation.handshake() ? 2 : 0; // from the third ACK on, both sides are synchronized
        for (int i = first; i < lines.size(); i++) {
            if (lines.get(i).text().contains(": ACK") || lines.get(i).text().contains(": FIN, ACK")) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        int index = candidates.get(pick % candidates.size());
        Line line = lines.get(index);
        String text = line.text().replace(": ACK, ", ": ").replace(", ACK, ", ", ").replaceFirst(", ack=[xy](\\+\\d+)?", "");
        List<Line> changed = new ArrayList<>(lines);
        changed.set(index, new Line(text, true, line.consumesSequence(), line.fromA()));
        ChapterResult result = check(conversation.with(changed).story());
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.rule().equals(Rule.ACK_REQUIRED.id())),
                () -> text + " " + Stories.describe(result.diagnostics()));
    }

    /** Two segments of one sender swapped, at least one taking sequence space: the seq numbers give it away. */
    @Property(tries = 300)
    void swappingTwoSegmentsOfOneSenderIsAnError(@ForAll("conversations") Conversation conversation,
                                                 @ForAll @IntRange(min = 0, max = 10_000) int pick) {
        List<Line> lines = conversation.lines();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            Line first = lines.get(i);
            Line second = lines.get(i + 1);
            if (first.segment() && second.segment() && first.fromA() == second.fromA()
                    && (first.consumesSequence() || second.consumesSequence())
                    && plainSend(first) && plainSend(second)) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        int index = candidates.get(pick % candidates.size());
        List<Line> changed = new ArrayList<>(lines);
        changed.set(index, lines.get(index + 1));
        changed.set(index + 1, lines.get(index));
        String story = conversation.with(changed).story();
        assertTrue(check(story).errorCount() > 0, () -> "accepted with lines " + index + " and " + (index + 1)
                + " swapped\n" + story);
    }

    /**
     * Whether a later segment refers to line {@code i}: one from the same sender (whose seq counts it) or
     * one from the other side that acknowledges (a bare RST acknowledges nothing).
     */
    private static boolean referredToLater(List<Line> lines, int i) {
        Line line = lines.get(i);
        return lines.subList(i + 1, lines.size()).stream().anyMatch(later -> later.segment()
                && (later.fromA() == line.fromA() || later.text().contains("ack=")));
    }

    /**
     * A segment sent once and delivered at once: not in flight, not lost, not a resend (a resend may
     * rightly come after later data, as the lost copy already took its sequence space).
     */
    private static boolean plainSend(Line line) {
        boolean resendOrLost = line.text().contains("len=") && !line.consumesSequence();
        return line.text().contains(" -> ") && !resendOrLost;
    }

    /** A FIN flag added to a data segment that is not the sender's last word is noticed. */
    @Property(tries = 300)
    void aFinAddedToDataIsNoticed(@ForAll("conversations") Conversation conversation,
                                  @ForAll @IntRange(min = 0, max = 10_000) int pick) {
        List<Line> lines = conversation.lines();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).segment() && lines.get(i).text().contains(": ACK, PSH,")
                    && lines.get(i).text().contains(" -> ") && referredToLater(lines, i)) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        int index = candidates.get(pick % candidates.size());
        Line line = lines.get(index);
        List<Line> changed = new ArrayList<>(lines);
        changed.set(index, new Line(line.text().replace(": ACK, PSH,", ": FIN, ACK, PSH,"), true, true, line.fromA()));
        String story = conversation.with(changed).story();
        assertTrue(!check(story).diagnostics().isEmpty(), () -> "a FIN added at line " + index + " went unnoticed\n" + story);
    }

    @Property(tries = 500)
    void noInputMakesTheEngineThrow(@ForAll("eventLines") List<String> events) {
        String story = "---\ntitle: noise\npeers:\n  a: { state: CLOSED }\n  b: { state: LISTEN }\n---\n```tcp\n"
                + String.join("\n", events) + "\n```\n";
        ParseResult parsed = new ChapterParser().parse("noise.md", story.getBytes(StandardCharsets.UTF_8));
        parsed.chapter().ifPresent(chapter -> assertDoesNotThrow(() -> new StoryEngine().validate(List.of(chapter))));
    }

    @Provide
    Arbitrary<List<String>> eventLines() {
        return noise();
    }

    /** Lines built from the format's own words, in any order: most are nonsense as a conversation. */
    static Arbitrary<List<String>> noise() {
        Arbitrary<String> peer = Arbitraries.of("a", "b");
        Arbitrary<String> flags = Arbitraries.of("SYN", "ACK", "FIN", "RST", "PSH", "URG")
                .list().ofMaxSize(4).map(list -> String.join(", ", list));
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 4294967295L).map(String::valueOf),
                Arbitraries.of("x", "y", "u", "v").flatMap(s -> Arbitraries.integers().between(-3, 3)
                        .map(n -> n == 0 ? s : n > 0 ? s + "+" + n : s + n)));
        Arbitrary<String> fields = Combinators.combine(number, number, Arbitraries.integers().between(0, 3000))
                .as((seq, ack, len) -> "seq=" + seq + ", ack=" + ack + (len > 0 ? ", len=" + len : ""));
        Arbitrary<String> arrow = Arbitraries.of("->", "-x", "~>");
        Arbitrary<String> send = Combinators.combine(peer, arrow, peer, flags, fields, Arbitraries.integers().between(0, 3))
                .as((from, a, to, f, fs, n) -> from + " " + a + " " + to + ": ACK, " + f + ", " + fs
                        + (a.equals("~>") ? " as s" + n : ""));
        Arbitrary<String> other = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 3).map(n -> "s" + n + " arrives"),
                peer.flatMap(p -> Arbitraries.of("listen", "close", "abort").map(c -> p + ": " + c)),
                Arbitraries.of("wait 2MSL", "wait RTO"),
                Combinators.combine(peer, Arbitraries.of(TcpState.class)).as((p, s) -> "expect " + p + " " + s),
                send.map(s -> "old " + s));
        return Arbitraries.oneOf(send, send, other).list().ofMaxSize(30);
    }
}
