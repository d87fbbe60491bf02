package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.story.Flag;
import org.tcpstory.story.Operand;
import org.tcpstory.story.Options;
import org.tcpstory.story.SeqExpr;
import org.tcpstory.story.Segment;

class ArrowLabelTest {

    private static final SourcePosition AT = new SourcePosition("t.md", 1, 1);

    private static Operand number(long n) {
        return new Operand(SeqExpr.number(n), AT);
    }

    private static Operand symbol(String s, long offset) {
        return new Operand(SeqExpr.symbol(s, offset), AT);
    }

    @Test
    void aSegmentWithoutOptionsKeepsItsOneLine() {
        Segment plain = new Segment(EnumSet.of(Flag.ACK), symbol("u", 1), symbol("v", 0), 5, null, 512L);
        assertEquals(List.of(plain.label()), ArrowLabel.lines(plain));
        assertEquals("", ArrowLabel.options(plain));
    }

    @Test
    void aSynShowsWhatItOffersWithoutTheNumbersOfItsTimestamps() {
        Options offer = new Options(number(1460), number(7), AT, List.of(),
                new Options.Timestamps(number(100), number(0)));
        Segment syn = new Segment(EnumSet.of(Flag.SYN), number(1000), null, 0, null, 65535L, offer);
        assertEquals(List.of("SYN=1, seq=1000, win=65535", "MSS 1460 · WS 7 · SACK · TS"), ArrowLabel.lines(syn));

        Options mssOnly = new Options(number(536), null, null, List.of(), null);
        assertEquals("MSS 536", ArrowLabel.options(new Segment(EnumSet.of(Flag.SYN, Flag.ACK), number(1), number(2), 0,
                null, null, mssOnly)));
    }

    @Test
    void laterSegmentsShowTheirSackBlocksMostRecentFirstAndTheirTimestamps() {
        Options blocks = new Options(null, null, null, List.of(
                new Options.SackBlock(symbol("x", 3001), symbol("x", 4001)),
                new Options.SackBlock(number(5001), number(6001))),
                new Options.Timestamps(symbol("tsb", 2), symbol("tsa", 1)));
        Segment ack = new Segment(EnumSet.of(Flag.ACK), symbol("y", 1), symbol("x", 2001), 0, null, null, blocks);
        assertEquals(List.of("ACK=1, seq=y+1, ack=x+2001", "SACK x+3001:x+4001 5001:6001 · TS tsb+2/tsa+1"),
                ArrowLabel.lines(ack));
    }
}
