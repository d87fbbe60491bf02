package org.tcpstory.transcribe;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tcpstory.capture.Conversation;
import org.tcpstory.capture.Conversation.Delivery;
import org.tcpstory.capture.Conversation.Move;
import org.tcpstory.capture.Conversation.Opening;
import org.tcpstory.capture.Conversation.Phase;
import org.tcpstory.capture.Conversation.Send;
import org.tcpstory.capture.Conversation.Side;
import org.tcpstory.capture.TcpOptions;
import org.tcpstory.capture.TcpPacket;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;

/**
 * Writes a {@link Conversation} as a chapter in the story format: front matter with the two peers, then
 * one {@code tcp} block per phase of the connection, each after a short neutral paragraph for the teacher to
 * rewrite, and each ending with the states the engine reaches (given by the caller). Numbers are written
 * relative to a symbol per side, bound at its initial sequence number ({@code x}, {@code y}) or, when the
 * capture begins mid-connection, at its first number ({@code u}, {@code v}); SACK blocks in the same
 * symbols, and timestamps relative to each side's first TSval ({@code tx}, {@code ty}). What the capture
 * shows but a story cannot say (ECN, other options), and what was inferred, is said in {@code #} comments.
 * Every word of prose and comment is an {@code imported.} sentence of the catalog, in the chapter's language;
 * what the engine reads (events, fields, symbols) is the same in every language.
 */
public final class ChapterWriter {

    /** A chapter's text and, per block, how many events it has (to place the expect lines). */
    public record Written(String text, List<Integer> eventsPerBlock) {
    }

    private final Conversation conversation;
    private final Messages words;
    private final String captureName;
    private final String slug;
    private final String[] symbol = new String[2];
    private final String[] clockSymbol = new String[2];
    /** Each side's first TSval in the story, where its clock symbol is bound; null when it sends none. */
    private final Long[] clock = new Long[2];
    /** Whether a side's clock symbol is bound at the point being written, so that TSecr may use it. */
    private final boolean[] clockBound = new boolean[2];
    private final String[] id = new String[2];
    private final String[] label = new String[2];

    /**
     * @param captureName the capture's file name, as the chapter says where it comes from
     * @param slug        a page name to write into the front matter, or null to let the file name give it
     * @param words       the catalog of the chapter's language
     */
    public ChapterWriter(Conversation conversation, PeerNames names, String captureName, String slug, Messages words) {
        this.conversation = conversation;
        this.words = words;
        this.captureName = captureName;
        this.slug = slug;
        boolean mid = conversation.opening() == Opening.MID_CONNECTION;
        symbol[0] = mid ? "u" : "x";
        symbol[1] = mid ? "v" : "y";
        for (int side = 0; side < 2; side++) {
            clockSymbol[side] = "t" + symbol[side];
        }
        for (Move move : conversation.moves()) {
            if (move instanceof Send send && send.options().timestamps() && clock[send.from().ordinal()] == null) {
                clock[send.from().ordinal()] = send.options().tsVal();
            }
        }
        id[0] = names.clientId();
        id[1] = names.serverId();
        label[0] = names.clientLabel() != null ? names.clientLabel() : conversation.client().toString();
        label[1] = names.serverLabel() != null ? names.serverLabel() : conversation.server().toString();
    }

    /** The chapter; {@code expects} holds, per block, the expect line's claims (empty: no expect lines). */
    public Written write(List<String> expects) {
        StringBuilder out = new StringBuilder();
        clockBound[0] = clockBound[1] = false;
        frontMatter(out);
        Map<Phase, List<Move>> byPhase = new EnumMap<>(Phase.class);
        for (Move move : conversation.moves()) {
            byPhase.computeIfAbsent(move.phase(), p -> new ArrayList<>()).add(move);
        }
        List<Phase> blocks = new ArrayList<>(byPhase.keySet());
        List<Integer> counts = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            Phase phase = blocks.get(b);
            List<Move> moves = byPhase.get(phase);
            Text paragraph = Prose.paragraph(phase, b == 0, conversation, moves, prose(0), prose(1));
            out.append('\n').append(words.render(paragraph)).append("\n\n");
            out.append("```tcp\n");
            if (b == 0) {
                header(out);
            }
            comments(out, moves);
            int events = 0;
            for (Move move : moves) {
                out.append(line(move)).append('\n');
                events++;
            }
            if (b == blocks.size() - 1) {
                ending(out, b < expects.size() ? expects.get(b) : "");
            }
            if (b < expects.size() && !expects.get(b).isEmpty()) {
                out.append("expect ").append(expects.get(b)).append('\n');
            }
            out.append("```\n");
            counts.add(events);
        }
        return new Written(out.toString(), List.copyOf(counts));
    }

    private String prose(int side) {
        return Prose.escape(label[side]);
    }

    // ---- front matter

    private void frontMatter(StringBuilder out) {
        out.append("---\n");
        out.append("title: ").append(Yaml.quoted(label[0] + " → " + label[1])).append('\n');
        if (slug != null) {
            out.append("slug: ").append(slug).append('\n');
        }
        out.append("summary: ").append(Yaml.quoted(say("imported.summary", captureName))).append('\n');
        out.append("peers:\n");
        Opening opening = conversation.opening();
        Long serverBase = conversation.serverBase();
        if (opening == Opening.MID_CONNECTION) {
            peer(out, 0, "state: ESTABLISHED, seq: u", say("imported.peer.firstClient", conversation.clientBase(), id[0]));
            peer(out, 1, "state: ESTABLISHED, seq: v", say("imported.peer.firstServer", serverBase, id[1]));
        } else {
            peer(out, 0, "isn: x", say("imported.peer.isnClient", conversation.clientBase(), id[0]));
            if (opening == Opening.HANDSHAKE) {
                peer(out, 1, "state: LISTEN, isn: y", say("imported.peer.isnServer", serverBase, id[1]));
            } else {
                boolean reset = conversation.moves().stream().anyMatch(m -> m instanceof Send send
                        && send.from() == Side.SERVER && send.has(TcpPacket.RST));
                peer(out, 1, "state: CLOSED", reset ? say("imported.peer.refuses") : say("imported.peer.silent"));
            }
        }
        out.append("---\n");
    }

    private void peer(StringBuilder out, int side, String rest, String comment) {
        out.append("  ").append(id[side]).append(": { label: ").append(Yaml.quoted(label[side])).append(", ")
                .append(rest).append(" }  # ").append(comment).append('\n');
    }

    // ---- comments

    private void header(StringBuilder out) {
        var connection = conversation.connection();
        var packets = connection.packets();
        if (!packets.isEmpty()) {
            comment(out, say("imported.imported", oneLine(captureName), connection.stream(), packets.get(0).number(),
                    packets.get(packets.size() - 1).number()));
        }
        if (conversation.opening() == Opening.MID_CONNECTION) {
            comment(out, say("imported.midConnection"));
        }
        int[] scale = {conversation.clientScale(), conversation.serverScale()};
        if (scale[0] < 0) {
            comment(out, say("imported.window.unknown"));
        } else if (scale[0] > 0 || scale[1] > 0) {
            comment(out, say("imported.window.scaled", id[0], scale[0], id[1], scale[1]));
        }
        if (clock[0] != null && clock[1] != null) {
            comment(out, say("imported.clocks", clockSymbol[0], clock[0], id[0], clockSymbol[1], clock[1], id[1]));
        } else {
            for (int side = 0; side < 2; side++) {
                if (clock[side] != null) {
                    comment(out, say("imported.clock", clockSymbol[side], clock[side], id[side]));
                }
            }
        }
    }

    private void comments(StringBuilder out, List<Move> moves) {
        Set<Text> leftOut = new LinkedHashSet<>();
        int ecn = 0;
        int sack = 0;
        int stamped = 0;
        int lost = 0;
        int inFlight = 0;
        int missing = 0;
        Set<Integer> others = new TreeSet<>();
        for (Move move : moves) {
            if (!(move instanceof Send send)) {
                continue;
            }
            lost += send.delivery() == Delivery.LOST ? 1 : 0;
            inFlight += send.delivery() == Delivery.IN_FLIGHT ? 1 : 0;
            if (send.packet() == null) {
                missing++;
                continue;
            }
            TcpOptions captured = send.packet().options();
            TcpOptions written = send.options();
            if (send.has(TcpPacket.SYN) && captured.windowScale() >= 0 && written.windowScale() < 0) {
                leftOut.add(Text.of("imported.leftOut.wscale", id[send.from().ordinal()], captured.windowScale()));
            }
            ecn += send.has(TcpPacket.ECE) || send.has(TcpPacket.CWR) ? 1 : 0;
            sack += captured.sack().size() > written.sack().size() ? 1 : 0;
            stamped += captured.timestamps() && !written.timestamps() ? 1 : 0;
            others.addAll(captured.others());
        }
        if (ecn > 0) {
            leftOut.add(count("imported.leftOut.ecn", ecn));
        }
        for (int kind : others) {
            leftOut.add(optionName(kind));
        }
        Text unagreed = conversation.opening() == Opening.MID_CONNECTION
                ? Text.of("imported.unagreed.unseenSyns") : Text.of("imported.unagreed.notOnBothSyns");
        if (sack > 0) {
            leftOut.add(count("imported.leftOut.sack", sack, unagreed));
        }
        if (stamped > 0) {
            leftOut.add(count("imported.leftOut.timestamps", stamped, unagreed));
        }
        if (!leftOut.isEmpty()) {
            comment(out, say("imported.leftOut", list("imported.leftOut.list", List.copyOf(leftOut))));
        }
        List<Text> inferred = new ArrayList<>();
        if (missing > 0) {
            inferred.add(count("imported.inferred.missing", missing));
        }
        if (lost > 0) {
            inferred.add(Text.of("imported.inferred.lost", lost));
        }
        if (inFlight > 0) {
            inferred.add(Text.of("imported.inferred.inFlight", inFlight));
        }
        if (!inferred.isEmpty()) {
            comment(out, say("imported.inferred", list("imported.inferred.list", inferred)));
        }
    }

    /** {@code key.one} when {@code n} is 1, else {@code key.other}: {@code n} in slot 0, then the rest. */
    private static Text count(String key, int n, Object... rest) {
        Object[] args = new Object[rest.length + 1];
        args[0] = n;
        System.arraycopy(rest, 0, args, 1, rest.length);
        return Text.of(key + (n == 1 ? ".one" : ".other"), args);
    }

    /** Items joined as the language joins them: {@code key} holds two, {@code {0}} the ones before. */
    static Text list(String key, List<Text> items) {
        Text joined = items.get(0);
        for (Text item : items.subList(1, items.size())) {
            joined = Text.of(key, joined, item);
        }
        return joined;
    }

    /** An option a story cannot write, by its kind (IANA's TCP option kind numbers). */
    private static Text optionName(int kind) {
        return switch (kind) {
            case 19 -> Text.of("imported.option.md5");
            case 27 -> Text.of("imported.option.quickStart");
            case 28 -> Text.of("imported.option.userTimeout");
            case 29 -> Text.of("imported.option.tcpAo");
            case 30 -> Text.of("imported.option.multipath");
            case 34 -> Text.of("imported.option.fastOpen");
            default -> Text.of("imported.option.kind", kind);
        };
    }

    private String say(String key, Object... args) {
        return words.render(Text.of(key, args));
    }

    private static void comment(StringBuilder out, String words) {
        out.append("# ").append(words).append('\n');
    }

    private void ending(StringBuilder out, String expect) {
        var connection = conversation.connection();
        if (connection.cut()) {
            comment(out, say("imported.cut", connection.totalPackets() - connection.packets().size()));
        }
        for (String peer : id) {
            if ((", " + expect + ",").contains(", " + peer + " TIME-WAIT,")) {
                comment(out, say("imported.timeWait", peer));
            }
        }
    }

    // ---- events

    private String line(Move move) {
        if (move instanceof Conversation.Arrival arrival) {
            return arrival.flight() + " arrives";
        }
        if (move instanceof Conversation.Wait wait) {
            return "wait " + wait.timer() + " " + id[wait.side().ordinal()]
                    + (wait.note() == null ? "" : "   # " + oneLine(words.render(wait.note())));
        }
        Send send = (Send) move;
        int from = send.from().ordinal();
        int to = send.from().other().ordinal();
        String arrow = switch (send.delivery()) {
            case DELIVERED, OLD -> "->";
            case IN_FLIGHT -> "~>";
            case LOST -> "-x";
        };
        StringBuilder text = new StringBuilder();
        if (send.delivery() == Delivery.OLD) {
            text.append("old ");
        }
        text.append(id[from]).append(' ').append(arrow).append(' ').append(id[to]).append(": ");
        List<String> fields = new ArrayList<>();
        for (int[] flag : new int[][] {{TcpPacket.SYN, 'S'}, {TcpPacket.FIN, 'F'}, {TcpPacket.RST, 'R'},
                {TcpPacket.PSH, 'P'}, {TcpPacket.URG, 'U'}, {TcpPacket.ACK, 'A'}}) {
            if (send.has(flag[0])) {
                fields.add(flagName(flag[1]));
            }
        }
        fields.add("seq=" + number(send.seq(), send.from()));
        if (send.has(TcpPacket.ACK)) {
            fields.add("ack=" + number(send.ack(), send.from().other()));
        }
        if (send.length() > 0) {
            fields.add("len=" + send.length());
        }
        if (send.window() >= 0) {
            fields.add("win=" + send.window());
        }
        options(fields, send);
        text.append(String.join(", ", fields));
        if (send.delivery() == Delivery.IN_FLIGHT) {
            text.append(" as ").append(send.flight());
        }
        if (send.note() != null) {
            text.append("   # ").append(oneLine(words.render(send.note())));
        }
        return text.toString();
    }

    private static String flagName(int letter) {
        return switch (letter) {
            case 'S' -> "SYN";
            case 'F' -> "FIN";
            case 'R' -> "RST";
            case 'P' -> "PSH";
            case 'U' -> "URG";
            default -> "ACK";
        };
    }

    /** The options as fields: {@code mss=1460, wscale=7, sackOK, sack=y+1:y+1449, ts=tx+5/ty}. */
    private void options(List<String> fields, Send send) {
        TcpOptions o = send.options();
        int from = send.from().ordinal();
        if (o.mss() >= 0) {
            fields.add("mss=" + o.mss());
        }
        if (o.windowScale() >= 0) {
            fields.add("wscale=" + o.windowScale());
        }
        if (o.sackPermitted()) {
            fields.add("sackOK");
        }
        for (TcpOptions.SackBlock block : o.sack()) {
            Side space = send.from().other();
            fields.add("sack=" + number(block.left(), space) + ":" + number(block.right(), space));
        }
        if (o.timestamps()) {
            int other = 1 - from;
            // TSecr names the other side's clock once its first TSval has bound the symbol; before, the number.
            String echo = clockBound[other] ? relative(o.tsEcr(), clock[other], clockSymbol[other])
                    : Long.toString(o.tsEcr());
            fields.add("ts=" + relative(o.tsVal(), clock[from], clockSymbol[from]) + "/" + echo);
            clockBound[from] |= send.delivery() != Delivery.OLD;
        }
    }

    /** A number in a side's sequence space, as that side's symbol plus an offset; a plain number without one. */
    private String number(long value, Side space) {
        Long base = space == Side.CLIENT ? Long.valueOf(conversation.clientBase()) : conversation.serverBase();
        if (base == null) {
            return Long.toString(value);
        }
        return relative(value, base, symbol[space.ordinal()]);
    }

    /** {@code x}, {@code x+5} or {@code x-1}: a 32-bit number from where a symbol stands, the short way round. */
    private static String relative(long value, long base, String symbol) {
        long offset = (value - base) & 0xffffffffL;
        if (offset == 0) {
            return symbol;
        }
        return offset < 1L << 31 ? symbol + "+" + offset : symbol + "-" + ((1L << 32) - offset);
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
    }
}
