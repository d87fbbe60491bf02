package org.tcpstory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpstory.engine.Stories.assertTransitionsAreArcs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.tcpstory.engine.EnginePropertiesTest.Conversation;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.ChapterParser;
import org.tcpstory.story.ParseResult;

/**
 * {@link StateMachine#ALL_EDGES} is the engine's whole state table: every change of state the engine
 * makes is one of its arcs (same from, to and rule), and every arc is one the engine makes. The first
 * half is checked on the bundled content, on the reference model's conversations and on noise, where the
 * engine goes on after errors; the valid and invalid scenarios check it on every story they run
 * ({@link Stories#run}).
 */
class StateMachineTest {

    private static final String OPEN_A = "state: ESTABLISHED, seq: u";
    private static final String OPEN_B = "state: ESTABLISHED, seq: v";

    /** An arc as a change of state names it. */
    private record Arc(TcpState from, TcpState to, Rule rule) {
        static Arc of(StateMachine.Edge edge) {
            return new Arc(edge.from(), edge.to(), edge.rule());
        }
    }

    @Test
    void everyTransitionOfTheBundledContentIsAnArc() throws Exception {
        List<ChapterResult> results = new ArrayList<>();
        try (Stream<Path> languages = Files.list(Path.of("content"))) {
            for (Path language : (Iterable<Path>) languages.filter(Files::isDirectory).sorted()::iterator) {
                results.addAll(new StoryEngine().validate(chapters(language)));
            }
        }
        assertTrue(results.size() >= 20, "the bundled chapters of both languages are found");
        results.forEach(Stories::assertTransitionsAreArcs);
    }

    /** The chapters of one language of the bundled book, which continue one another only inside it. */
    private static List<Chapter> chapters(Path language) throws Exception {
        List<Chapter> chapters = new ArrayList<>();
        try (Stream<Path> files = Files.list(language)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (!file.getFileName().toString().startsWith("_")) {
                    ParseResult parsed = new ChapterParser().parse(file.toString(), Files.readAllBytes(file));
                    parsed.chapter().ifPresent(chapters::add);
                }
            }
        }
        return chapters;
    }

    @Provide
    Arbitrary<Conversation> conversations() {
        return EnginePropertiesTest.modelConversations();
    }

    @Property(tries = 500)
    void everyTransitionOfAModelConversationIsAnArc(@ForAll("conversations") Conversation conversation) {
        assertTransitionsAreArcs(run(conversation.story()));
    }

    @Provide
    Arbitrary<List<String>> eventLines() {
        return EnginePropertiesTest.noise();
    }

    @Provide
    Arbitrary<String> startStates() {
        return Arbitraries.of("CLOSED", "LISTEN", "ESTABLISHED");
    }

    /** Nonsense, mostly: the engine reports errors and goes on, and whatever it then does is in the table. */
    @Property(tries = 1000)
    void everyTransitionOfNoiseIsAnArc(@ForAll("startStates") String a, @ForAll("startStates") String b,
                                       @ForAll("eventLines") List<String> events) {
        String story = "---\ntitle: noise\npeers:\n  a: { state: " + a + " }\n  b: { state: " + b + " }\n---\n```tcp\n"
                + String.join("\n", events) + "\n```\n";
        ParseResult parsed = new ChapterParser().parse("noise.md", story.getBytes(StandardCharsets.UTF_8));
        parsed.chapter().ifPresent(chapter ->
                assertTransitionsAreArcs(new StoryEngine().validate(List.of(chapter)).get(0)));
    }

    /** Stories that between them take every arc of the table, the figure's and the others. */
    @Test
    void everyArcIsTakenBySomeStory() {
        List<ChapterResult> results = List.of(
                // The figure's handshake and four-way close.
                Stories.run("state: CLOSED, isn: x", "state: LISTEN, isn: y",
                        "A -> B: SYN, seq=x",
                        "B -> A: SYN, ACK, seq=y, ack=x+1",
                        "A -> B: ACK, seq=x+1, ack=y+1",
                        "A -> B: FIN, ACK, seq=x+1, ack=y+1",
                        "B -> A: ACK, seq=y+1, ack=x+2",
                        "B -> A: FIN, ACK, seq=y+1, ack=x+2",
                        "A -> B: ACK, seq=x+2, ack=y+2",
                        "wait 2MSL"),
                // Listen, close and abort a listening peer; a SEND from LISTEN, refused by a closed port.
                Stories.run("state: CLOSED, isn: x", "state: CLOSED",
                        "A: listen",
                        "A: close",
                        "A: listen",
                        "A: abort",
                        "A: listen",
                        "A -> B: SYN, seq=x",
                        "B -> A: RST, ACK, seq=0, ack=x+1"),
                // Close and abort in SYN-SENT.
                Stories.run("state: CLOSED, isn: x", "state: CLOSED",
                        "A -x B: SYN, seq=x",
                        "A: close",
                        "A -x B: SYN, seq=z",
                        "A: abort"),
                // Simultaneous open; a RST aborts one side and resets the other, with no LISTEN to go back to.
                Stories.run("state: CLOSED, isn: x", "state: CLOSED, isn: y",
                        "A ~> B: SYN, seq=x as s1",
                        "B ~> A: SYN, seq=y as s2",
                        "s1 arrives",
                        "s2 arrives",
                        "A -> B: RST, seq=x+1"),
                // SYN-RECEIVED after a passive OPEN goes back to LISTEN on a RST and on a SYN.
                Stories.run("state: CLOSED, isn: x", "state: LISTEN, isn: y",
                        "A -> B: SYN, seq=x",
                        "old A -> B: RST, seq=x+1",
                        "old A -> B: SYN, seq=x",
                        "old A -> B: SYN, seq=x+3"),
                // CLOSE in SYN-RECEIVED; the closing side is reset in FIN-WAIT-2 by an abort from CLOSE-WAIT.
                Stories.run("state: CLOSED, isn: x", "state: LISTEN, isn: y",
                        "A -> B: SYN, seq=x",
                        "B -> A: SYN, ACK, seq=y, ack=x+1",
                        "B -> A: FIN, ACK, seq=y+1, ack=x+1",
                        "A -> B: ACK, seq=x+1, ack=y+2",
                        "A -> B: RST, seq=x+1"),
                // An abort in ESTABLISHED resets the other side (V9).
                Stories.run(OPEN_A, OPEN_B, "A -> B: RST, seq=u"),
                // An abort from CLOSE-WAIT resets FIN-WAIT-1.
                Stories.run(OPEN_A, OPEN_B,
                        "A -> B: FIN, ACK, seq=u, ack=v",
                        "B -> A: RST, seq=v"),
                // An abort from FIN-WAIT-1 resets CLOSE-WAIT.
                Stories.run(OPEN_A, OPEN_B,
                        "A -> B: FIN, ACK, seq=u, ack=v",
                        "A -> B: RST, seq=u+1"),
                // An abort from FIN-WAIT-2.
                Stories.run(OPEN_A, OPEN_B,
                        "A -> B: FIN, ACK, seq=u, ack=v",
                        "B -> A: ACK, seq=v, ack=u+1",
                        "A -> B: RST, seq=u+1"),
                // Simultaneous close; one side aborts in TIME-WAIT and, now CLOSED, resets the other in CLOSING.
                Stories.run(OPEN_A, OPEN_B,
                        "A ~> B: FIN, ACK, seq=u, ack=v as f1",
                        "B ~> A: FIN, ACK, seq=v, ack=u as f2",
                        "f1 arrives",
                        "f2 arrives",
                        "B -> A: ACK, seq=v+1, ack=u+1",
                        "A: abort",
                        "B -> A: FIN, ACK, seq=v, ack=u+1",
                        "A -> B: RST, seq=u+1"),
                // An abort in CLOSING.
                Stories.run(OPEN_A, OPEN_B,
                        "A ~> B: FIN, ACK, seq=u, ack=v as f1",
                        "B ~> A: FIN, ACK, seq=v, ack=u as f2",
                        "f1 arrives",
                        "f2 arrives",
                        "A: abort"),
                // FIN-WAIT-1 straight to TIME-WAIT (Note 2); an abort in LAST-ACK, whose closed port resets TIME-WAIT.
                Stories.run(OPEN_A, OPEN_B,
                        "A -> B: FIN, ACK, seq=u, ack=v",
                        "B -> A: FIN, ACK, seq=v, ack=u+1",
                        "B: abort",
                        "A -> B: ACK, seq=u+1, ack=v+1",
                        "B -> A: RST, seq=v+1"),
                // Under the linux profile a new SYN reopens TIME-WAIT.
                Stories.run(Profile.LINUX, OPEN_A, OPEN_B,
                        "A -> B: FIN, ACK, seq=u, ack=v",
                        "B -> A: FIN, ACK, seq=v, ack=u+1",
                        "A -> B: ACK, seq=u+1, ack=v+1",
                        "B -> A: SYN, seq=v+1000"),
                // An abort in TIME-WAIT, whose closed port resets LAST-ACK.
                Stories.run(OPEN_A, OPEN_B,
                        "A -> B: FIN, ACK, seq=u, ack=v",
                        "B -> A: FIN, ACK, seq=v, ack=u+1",
                        "A: abort",
                        "B -> A: FIN, ACK, seq=v, ack=u+1",
                        "A -> B: RST, seq=u+1"));
        Set<Arc> taken = new HashSet<>();
        for (ChapterResult result : results) {
            for (Step step : result.steps()) {
                for (PeerChange change : step.changes()) {
                    if (change.changesState()) {
                        taken.add(new Arc(change.before(), change.after(), change.rule()));
                    }
                }
            }
        }
        List<Arc> neverTaken = new ArrayList<>();
        for (StateMachine.Edge edge : StateMachine.ALL_EDGES) {
            if (!taken.contains(Arc.of(edge))) {
                neverTaken.add(Arc.of(edge));
            }
        }
        assertEquals(List.of(), neverTaken, "arcs no story takes");
    }

    /** A change of state names its arc by from, to and rule, so no two arcs may share all three. */
    @Test
    void eachArcHasItsOwnStatesAndRule() {
        Set<Arc> seen = new HashSet<>();
        for (StateMachine.Edge edge : StateMachine.ALL_EDGES) {
            assertTrue(seen.add(Arc.of(edge)), () -> "listed twice: " + edge);
        }
    }

    private static ChapterResult run(String story) {
        ParseResult parsed = new ChapterParser().parse("generated.md", story.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), parsed.diagnostics(), story);
        return new StoryEngine().validate(List.of(parsed.chapter().orElseThrow())).get(0);
    }
}
