package org.tcpstory.engine;

import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Text;

/**
 * An answer a peer owes because the RFC says it must reply to a segment it received. A later segment of
 * the story that carries it settles the debt; one still owed when the story ends is a warning.
 *
 * @param seq the RST's required SEG.SEQ (RST answers only)
 * @param ack the RST,ACK's required SEG.ACK (only for RST answers to a segment without ACK)
 */
record Answer(Kind kind, Value seq, Value ack, Rule rule, SourcePosition cause, String from) {

    enum Kind {
        /** Any segment with the ACK bit settles it (data, FIN and SYN,ACK included). */
        ACK,
        /** The SYN,ACK that answers a SYN. */
        SYN_ACK,
        /** A RST with the numbers of the segment it answers. */
        RST
    }

    Text describe() {
        return Text.of(switch (kind) {
            case ACK -> "engine.answer.ack";
            case SYN_ACK -> "engine.answer.synAck";
            case RST -> ack == null ? "engine.answer.rst" : "engine.answer.rstAck";
        });
    }
}
