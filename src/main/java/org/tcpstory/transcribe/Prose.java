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

/** The short, neutral paragraph before each block: what happens in it, for the teacher to tell better. */
final class Prose {

    private Prose() {
    }

    static String paragraph(Phase phase, boolean first, Conversation conversation, List<Move> moves,
                            String client, String server) {
        String intro = first && conversation.opening() == Opening.MID_CONNECTION
                ? "The capture begins in the middle of a connection between " + client + " and " + server + ". " : "";
        return intro + switch (phase) {
            case HANDSHAKE -> handshake(conversation, moves, client, server);
            case DATA -> data(moves, client, server);
            case CLOSE -> close(moves, client, server);
        };
    }

    private static String handshake(Conversation conversation, List<Move> moves, String client, String server) {
        if (conversation.opening() == Opening.REFUSED) {
            boolean reset = sends(moves).stream().anyMatch(s -> s.from() == Side.SERVER && s.has(TcpPacket.RST));
            return reset
                    ? client + " asks " + server + " for a connection, and is refused: nothing listens on port "
                        + conversation.server().port() + "."
                    : client + " asks " + server + " for a connection, and gets no answer.";
        }
        return client + " opens a connection to " + server + ": the three-way handshake.";
    }

    private static String data(List<Move> moves, String client, String server) {
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
        StringBuilder text = new StringBuilder();
        text.append(amount(client, bytes[0], segments[0])).append(", and ").append(amount(server, bytes[1], segments[1]))
                .append('.');
        if (lost > 0) {
            text.append(' ').append(lost).append(lost == 1 ? " segment is" : " segments are")
                    .append(" lost on the way and sent again.");
        }
        return text.toString();
    }

    private static String amount(String who, long bytes, int segments) {
        if (segments == 0) {
            return who + " sends no data";
        }
        return who + " sends " + bytes + (bytes == 1 ? " byte" : " bytes") + " in " + segments
                + (segments == 1 ? " segment" : " segments");
    }

    private static String close(List<Move> moves, String client, String server) {
        for (Send send : sends(moves)) {
            String who = send.from() == Side.CLIENT ? client : server;
            if (send.has(TcpPacket.RST)) {
                return who + " aborts the connection with a RST.";
            }
            if (send.has(TcpPacket.FIN)) {
                return who + " closes its side of the connection first.";
            }
        }
        return "The connection closes.";
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
