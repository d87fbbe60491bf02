package org.tcpstory.diagnostic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> FLAGS = List.of("SYN", "ACK", "FIN", "RST", "PSH", "URG");

    @Test
    void suggestsTheNearestWordIgnoringCase() {
        assertEquals(Optional.of("SYN"), Suggestions.nearest("SYNN", FLAGS));
        assertEquals(Optional.of("SYN"), Suggestions.nearest("syn", FLAGS));
        assertEquals(Optional.of("ACK"), Suggestions.nearest("AKC", FLAGS), "a transposition is one edit");
    }

    @Test
    void staysSilentWhenNothingIsClose() {
        assertEquals(Optional.empty(), Suggestions.nearest("HELLO", FLAGS));
        assertEquals(Optional.empty(), Suggestions.nearest("", FLAGS));
        assertEquals("", Suggestions.didYouMean("XYZZY", FLAGS));
    }

    @Test
    void longerWordsTolerateMoreEdits() {
        List<String> states = List.of("ESTABLISHED", "FIN-WAIT-1", "TIME-WAIT");
        assertEquals(Optional.of("ESTABLISHED"), Suggestions.nearest("ESTABLISHD", states));
        assertEquals(Optional.of("FIN-WAIT-1"), Suggestions.nearest("finwait1", states));
        assertEquals(Optional.of("TIME-WAIT"), Suggestions.nearest("time_wait", states));
    }

    @Test
    void tiesGoToTheEarlierCandidate() {
        assertEquals(Optional.of("FIN"), Suggestions.nearest("XIN", List.of("FIN", "PIN")));
        assertEquals(Optional.of("PIN"), Suggestions.nearest("XIN", List.of("PIN", "FIN")));
    }

    @Test
    void didYouMeanIsReadyToAppend() {
        assertEquals(" (did you mean `SYN`?)", Suggestions.didYouMean("SYM", FLAGS));
    }

    @Test
    void distanceCountsCodePoints() {
        assertEquals(1, Suggestions.distance("男生", "男"));
        assertEquals(1, Suggestions.distance("a\uD83D\uDE00", "a"), "an emoji is one character");
    }
}
