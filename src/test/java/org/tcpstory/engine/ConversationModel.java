package org.tcpstory.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A reference model of correct TCP behaviour, independent of the engine: it writes conversations
 * between two peers move by move, keeping each side's next sequence number and what it has received,
 * so every line it writes is right. Property tests feed its stories to the engine.
 *
 * <p>Peers are {@code a} and {@code b}; numbers are written from the symbols {@code x} and {@code y}.
 */
public final class ConversationModel {

    /** One thing that happens in a generated conversation. */
    public sealed interface Move {
        /** Data from one side, acknowledged later. */
        record Data(boolean fromA, int length) implements Move { }
        /** An ACK of everything received, if one is owed. */
        record Ack(boolean fromA) implements Move { }
        /**
         * Data that is lost, then resent after the retransmission timeout: from the sender's first
         * unacknowledged octet (RFC 6298 §5.4), so with anything sent before and not yet acknowledged.
         */
        record LostData(boolean fromA, int length) implements Move { }
        /** Data from both sides at once: the two segments cross in flight. */
        record Crossing(int lengthA, int lengthB) implements Move { }
    }

    /** How the generated conversation ends. */
    public enum Ending { FOUR_WAY_BY_A, FOUR_WAY_BY_B, THREE_WAY, SIMULTANEOUS, ABORT_BY_A, STAY_OPEN }

    /** One line of the story, and whether it is a segment whose numbers the engine checks. */
    public record Line(String text, boolean segment, boolean consumesSequence, boolean fromA) { }

    private final List<Line> lines = new ArrayList<>();

    private ConversationModel() {
    }
    private long sentA;
    private long sentB;
    private long receivedA;
    private long receivedB;
    /** How much of each side's data the other has acknowledged, as far as that side knows (SND.UNA). */
    private long unaA;
    private long unaB;
    private boolean owesA;
    private boolean owesB;
    private int flights;

    /** The story text of a chapter with this handshake, these moves and this ending. */
    public static String story(boolean handshake, List<Move> moves, Ending ending) {
        return chapter(handshake, lines(handshake, moves, ending));
    }

    public static List<Line> lines(boolean handshake, List<Move> moves, Ending ending) {
        ConversationModel model = new ConversationModel();
        if (handshake) {
            model.handshake();
        }
        for (Move move : moves) {
            model.play(move);
        }
        model.end(ending);
        return model.lines;
    }

    public static String chapter(boolean handshake, List<Line> lines) {
        StringBuilder text = new StringBuilder("---\ntitle: generated\npeers:\n");
        if (handshake) {
            text.append("  a: { state: CLOSED, isn: x }\n  b: { state: LISTEN, isn: y }\n");
        } else {
            text.append("  a: { state: ESTABLISHED, seq: x }\n  b: { state: ESTABLISHED, seq: y }\n");
        }
        text.append("---\n```tcp\n");
        for (Line line : lines) {
            text.append(line.text()).append('\n');
        }
        return text.append("```\n").toString();
    }

    private void handshake() {
        segment("a -> b: SYN, seq=x", true, true);
        sentA = 1;
        receivedB = 1;
        segment("b -> a: SYN, ACK, seq=y, ack=x+1", false, true);
        sentB = 1;
        receivedA = 1;
        unaA = 1;
        segment("a -> b: ACK, seq=x+1, ack=y+1", true, false);
        unaB = 1;
    }

    private void play(Move move) {
        if (move instanceof Move.Data data) {
            send(data.fromA(), "->", data.length(), "");
            deliver(data.fromA(), data.length());
        } else if (move instanceof Move.Ack ack) {
            if (ack.fromA() ? owesA : owesB) {
                send(ack.fromA(), "->", 0, "");
            }
        } else if (move instanceof Move.LostData lost) {
            boolean fromA = lost.fromA();
            // Either copy alone takes the sequence space, so neither is marked as taking it: dropping one
            // leaves a story that is still valid TCP (a loss, or a loss never repaired).
            segment(dataLine(fromA, "-x", lost.length(), ""), fromA, false);
            lines.add(new Line("wait RTO", false, false, false));
            long una = fromA ? unaA : unaB;
            long sent = fromA ? sentA : sentB;
            int resent = (int) (sent + lost.length() - una);
            segment((fromA ? "a -> b: " : "b -> a: ") + "ACK, PSH, seq=" + number(fromA ? "x" : "y", una)
                    + ", ack=" + number(fromA ? "y" : "x", fromA ? receivedA : receivedB) + ", len=" + resent, fromA, false);
            acknowledged(fromA);
            advance(fromA, lost.length());
            deliver(fromA, lost.length());
        } else if (move instanceof Move.Crossing crossing) {
            String nameA = "f" + flights++;
            String nameB = "f" + flights++;
            long ackOfA = receivedB;
            long ackOfB = receivedA;
            send(true, "~>", crossing.lengthA(), " as " + nameA, false);
            send(false, "~>", crossing.lengthB(), " as " + nameB, false);
            lines.add(new Line(nameA + " arrives", false, false, false));
            deliver(true, crossing.lengthA());
            unaB = Math.max(unaB, ackOfB);
            lines.add(new Line(nameB + " arrives", false, false, false));
            deliver(false, crossing.lengthB());
            unaA = Math.max(unaA, ackOfA);
        }
    }

    /** Sends data (or a bare ACK when length is 0) at the sender's next number, acknowledging all it has. */
    private void send(boolean fromA, String arrow, int length, String suffix) {
        send(fromA, arrow, length, suffix, arrow.equals("->"));
    }

    /** @param arrives whether the segment arrives now, so its receiver learns what it acknowledges */
    private void send(boolean fromA, String arrow, int length, String suffix, boolean arrives) {
        segment(dataLine(fromA, arrow, length, suffix), fromA, length > 0);
        if (arrives) {
            acknowledged(fromA);
        }
        advance(fromA, length);
    }

    /** A segment from one side arrives: the other side learns how much of its data is acknowledged. */
    private void acknowledged(boolean fromA) {
        if (fromA) {
            unaB = Math.max(unaB, receivedA);
        } else {
            unaA = Math.max(unaA, receivedB);
        }
    }

    private String dataLine(boolean fromA, String arrow, int length, String suffix) {
        String flags = length > 0 ? "ACK, PSH" : "ACK";
        String payload = length > 0 ? ", len=" + length : "";
        return (fromA ? "a " : "b ") + arrow + (fromA ? " b: " : " a: ") + flags
                + ", seq=" + number(fromA ? "x" : "y", fromA ? sentA : sentB)
                + ", ack=" + number(fromA ? "y" : "x", fromA ? receivedA : receivedB) + payload + suffix;
    }

    private void advance(boolean fromA, int length) {
        if (fromA) {
            sentA += length;
            owesA = false;
        } else {
            sentB += length;
            owesB = false;
        }
    }

    private void deliver(boolean fromA, int length) {
        if (length == 0) {
            return;
        }
        if (fromA) {
            receivedB += length;
            owesB = true;
        } else {
            receivedA += length;
            owesA = true;
        }
    }

    private void end(Ending ending) {
        switch (ending) {
            case FOUR_WAY_BY_A -> fourWay(true);
            case FOUR_WAY_BY_B -> fourWay(false);
            case THREE_WAY -> {
                fin(true, "->");
                fin(false, "->");
                send(true, "->", 0, "");
                wait2Msl();
            }
            case SIMULTANEOUS -> {
                fin(true, "~>", " as fa");
                fin(false, "~>", " as fb");
                lines.add(new Line("fa arrives", false, false, false));
                deliver(true, 1);
                lines.add(new Line("fb arrives", false, false, false));
                deliver(false, 1);
                send(true, "->", 0, "");
                send(false, "->", 0, "");
                wait2Msl();
            }
            case ABORT_BY_A -> segment("a -> b: RST, seq=" + number("x", sentA), true, false);
            case STAY_OPEN -> {
                if (owesA) {
                    send(true, "->", 0, "");
                }
                if (owesB) {
                    send(false, "->", 0, "");
                }
            }
        }
    }

    private void fourWay(boolean closerIsA) {
        fin(closerIsA, "->");
        send(!closerIsA, "->", 0, "");
        fin(!closerIsA, "->");
        send(closerIsA, "->", 0, "");
        wait2Msl();
    }

    private void fin(boolean fromA, String arrow) {
        fin(fromA, arrow, "");
    }

    /** A FIN (with ACK) at the sender's next number; it takes one number and the receiver owes an ACK. */
    private void fin(boolean fromA, String arrow, String suffix) {
        segment((fromA ? "a " : "b ") + arrow + (fromA ? " b: " : " a: ") + "FIN, ACK"
                + ", seq=" + number(fromA ? "x" : "y", fromA ? sentA : sentB)
                + ", ack=" + number(fromA ? "y" : "x", fromA ? receivedA : receivedB) + suffix, fromA, true);
        if (arrow.equals("->")) {
            acknowledged(fromA);
        }
        advance(fromA, 1);
        if (arrow.equals("->")) {
            deliver(fromA, 1);
        }
    }

    private void wait2Msl() {
        lines.add(new Line("wait 2MSL", false, false, false));
    }

    private void segment(String text, boolean fromA, boolean consumesSequence) {
        lines.add(new Line(text, true, consumesSequence, fromA));
    }

    private static String number(String symbol, long offset) {
        return offset == 0 ? symbol : symbol + "+" + offset;
    }
}
