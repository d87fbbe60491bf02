package org.tcpstory.transcribe;

import java.util.List;
import org.tcpstory.capture.Conversation;
import org.tcpstory.capture.Conversation.Delivery;
import org.tcpstory.capture.Conversation.Move;
import org.tcpstory.capture.Conversation.Opening;
import org.tcpstory.capture.Conversation.Phase;
import org.tcpstory.capture.Conversation.Send;
import org.tcpstory.capture.Conversation.Side;
import org.tcpstory.capture.TcpPacket;
import org.tcpstory.diagnostic.Text;

/**
 * The short, neutral paragraph before each block: what happens in it, for the teacher to tell better. Its
 * words are the catalog's {@code imported.prose.} sentences, so that it is told in the chapter's language.
 */
final class Prose {

    private Prose() {
    }

    static Text paragraph(Phase phase, boolean first, Conversation conversation, List<Move> moves,
                          String client, String server) {
        Text said = switch (phase) {
            case HANDSHAKE -> handshake(conversation, moves, client, server);
            case DATA -> data(moves, client, server);
            case CLOSE -> close(moves, client, server);
        };
        return first && conversation.opening() == Opening.MID_CONNECTION
                ? Text.of("imported.prose.midConnection", client, server, said) : said;
    }

    private static Text handshake(Conversation conversation, List<Move> moves, String client, String server) {
        if (conversation.opening() == Opening.REFUSED) {
            boolean reset = sends(moves).stream().anyMatch(s -> s.from() == Side.SERVER && s.has(TcpPacket.RST));
            return reset
                    ? Text.of("imported.prose.refused", client, server, conversation.server().port())
                    : Text.of("imported.prose.noAnswer", client, server);
        }
        return Text.of("imported.prose.handshake", client, server);
    }

    private static Text data(List<Move> moves, String client, String server) {
        long[] bytes = new long[2];
        int[] segments = new int[2];
        int lost = 0;
        for (Send send : sends(moves)) {
            // Octets that arrived: a lost segment's octets are counted once, with their resend.
            if (send.length() > 0 && send.delivery() != Delivery.OLD && send.delivery() != Delivery.LOST) {
                bytes[send.from().ordinal()] += send.length();
                segments[send.from().ordinal()]++;
            }
            lost += send.delivery() == Delivery.LOST && send.length() > 0 ? 1 : 0;
        }
        Text sent = Text.of("imported.prose.data", amount(client, bytes[0], segments[0]),
                amount(server, bytes[1], segments[1]));
        return lost > 0 ? Text.of("imported.prose.sentences", sent, Text.count("imported.prose.lost", lost)) : sent;
    }

    private static Text amount(String who, long bytes, int segments) {
        if (segments == 0) {
            return Text.of("imported.prose.sendsNothing", who);
        }
        return Text.of("imported.prose.sends", who, Text.count("imported.prose.bytes", bytes),
                Text.count("imported.prose.segments", segments));
    }

    private static Text close(List<Move> moves, String client, String server) {
        for (Send send : sends(moves)) {
            String who = send.from() == Side.CLIENT ? client : server;
            if (send.has(TcpPacket.RST)) {
                return Text.of("imported.prose.aborts", who);
            }
            if (send.has(TcpPacket.FIN)) {
                return Text.of("imported.prose.closesFirst", who);
            }
        }
        return Text.of("imported.prose.closes");
    }

    private static List<Send> sends(List<Move> moves) {
        return moves.stream().filter(Send.class::isInstance).map(Send.class::cast).toList();
    }

    /** A label as Markdown text: on one line, with the characters Markdown would read as markup escaped. */
    static String escape(String label) {
        StringBuilder out = new StringBuilder();
        label.replaceAll("\\s+", " ").strip().codePoints().forEach(c -> {
            if ("\\`*_[]<>#!|~&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.appendCodePoint(c);
        });
        return out.toString();
    }
}
