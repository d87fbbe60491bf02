package org.tcpstory.capture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tcpstory.capture.Conversation.Delivery;
import org.tcpstory.capture.Conversation.Move;
import org.tcpstory.capture.Conversation.Opening;
import org.tcpstory.capture.Conversation.Phase;
import org.tcpstory.capture.Conversation.Side;

/**
 * Retells a captured connection as a story: a capture is taken at one place, so what each side received,
 * and when, is inferred from what it sent afterwards. The acknowledgment numbers are the evidence:
 *
 * <ul>
 *   <li>Octets a side sent that the capture never shows (its next segment starts past them) are written as a
 *       segment of their own, lost when the receiver's acknowledgments never cover them before they are sent
 *       again, delivered otherwise.</li>
 *   <li>A segment sent again before any acknowledgment covered it was lost the first time.</li>
 *   <li>A segment is delivered at once unless the receiver's next acknowledgment shows it had not arrived:
 *       then it is in flight until just before the receiver's first acknowledgment that covers it (segments
 *       that crossed, or were reordered, on the way).</li>
 *   <li>An acknowledgment is not delivered before its receiver resends what it acknowledges: a pure ACK is then
 *       lost, a segment with data stays in flight until after the resend.</li>
 *   <li>A keep-alive (a sender's last octet again, or nothing at its previous number) is written as {@code old}.</li>
 *   <li>A resend that follows no duplicate acknowledgments or SACK blocks follows a retransmission timeout.</li>
 * </ul>
 *
 * Every decision only moves an arrival later, or gives one up, once per segment, so the inference ends.
 */
public final class Retelling {

    /** A segment of the story while it is being decided. */
    private static final class Seg {
        final Side side;
        final TcpPacket packet;
        final int flags;
        final long seq;
        final long ack;
        final int length;
        final long window;
        /** Relative to the sender's base, and the acknowledgment relative to the receiver's. */
        long rs;
        long ra;
        int index;
        String note;
        Delivery delivery = Delivery.DELIVERED;
        /** The slot it arrives in: just before the segment of that index ({@code segs.size()}: the end). */
        int arrival;
        boolean resend;
        boolean moved;
        /** Which of the wire segments of its packet it is, from 0. */
        int piece;
        boolean timeout;

        Seg(Side side, TcpPacket packet, int flags, long seq, long ack, int length, long window) {
            this.side = side;
            this.packet = packet;
            this.flags = flags;
            this.seq = seq;
            this.ack = ack;
            this.length = length;
            this.window = window;
        }

        boolean has(int flag) {
            return (flags & flag) != 0;
        }

        long end() {
            return rs + length + (has(TcpPacket.SYN) ? 1 : 0) + (has(TcpPacket.FIN) ? 1 : 0);
        }

        boolean consumesSequence() {
            return length > 0 || has(TcpPacket.SYN) || has(TcpPacket.FIN);
        }

        boolean carriesAck() {
            return has(TcpPacket.ACK) && delivery != Delivery.OLD;
        }

        String name() {
            return packet != null ? "packet " + packet.number() : "an inferred segment";
        }
    }

    private static final int MAX_ROUNDS = 8;

    private final CapturedConnection connection;
    private final List<Seg> segs = new ArrayList<>();
    private final Long[] base = new Long[2];
    private final int[] scale = new int[2];
    /** The MSS each side announced in its SYN: the most data the other may put in one segment; 0 unknown. */
    private final int[] mss = new int[2];
    private Opening opening;

    private Retelling(CapturedConnection connection) {
        this.connection = connection;
    }

    public static Conversation of(CapturedConnection connection) {
        Retelling retelling = new Retelling(connection);
        retelling.findBases();
        retelling.collect();
        retelling.decide();
        return retelling.conversation();
    }

    private Side sideOf(TcpPacket packet) {
        return packet.source().equals(connection.client()) ? Side.CLIENT : Side.SERVER;
    }

    // ---- where the numbers start

    private void findBases() {
        TcpPacket syn = null;
        TcpPacket synAck = null;
        for (TcpPacket p : connection.packets()) {
            boolean fromClient = sideOf(p) == Side.CLIENT;
            if (p.has(TcpPacket.SYN) && !p.has(TcpPacket.ACK) && fromClient && syn == null) {
                syn = p;
            } else if (p.has(TcpPacket.SYN) && p.has(TcpPacket.ACK) && !fromClient && synAck == null) {
                synAck = p;
            }
        }
        if (syn != null || synAck != null) {
            base[0] = syn != null ? syn.seq() : (synAck.ack() - 1) & 0xffffffffL;
            base[1] = synAck != null ? synAck.seq() : null;
            opening = synAck != null ? Opening.HANDSHAKE : Opening.REFUSED;
            mss[0] = syn != null ? Math.max(0, syn.options().mss()) : 0;
            mss[1] = synAck != null ? Math.max(0, synAck.options().mss()) : 0;
            if (syn != null && synAck != null && syn.options().windowScale() >= 0 && synAck.options().windowScale() >= 0) {
                scale[0] = Math.min(14, syn.options().windowScale());
                scale[1] = Math.min(14, synAck.options().windowScale());
            }
            return;
        }
        opening = Opening.MID_CONNECTION;
        // A side's first number, or the other side's first acknowledgment when that is earlier (octets in
        // flight when the capture began). Later numbers are not looked at: a keep-alive goes one below.
        for (Side side : Side.values()) {
            Long sent = null;
            Long acknowledged = null;
            for (TcpPacket p : connection.packets()) {
                if (p.has(TcpPacket.RST)) {
                    continue;
                }
                if (sideOf(p) == side && sent == null) {
                    sent = p.seq();
                } else if (sideOf(p) != side && p.has(TcpPacket.ACK) && acknowledged == null) {
                    acknowledged = p.ack();
                }
            }
            Long earliest = sent == null ? acknowledged
                    : acknowledged == null || (int) (sent - acknowledged) <= 0 ? sent : acknowledged;
            base[side.ordinal()] = earliest == null ? 0L : earliest;
        }
    }

    private long relative(long number, Side side) {
        Long b = base[side.ordinal()];
        return b == null ? number : (int) (number - b);
    }

    // ---- the segments, with what the capture never showed

    private void collect() {
        List<TcpPacket> packets = connection.packets();
        long[] next = new long[2];
        boolean[] started = new boolean[2];
        boolean[] laterData = dataAfter(packets);
        if (opening != Opening.MID_CONNECTION && !packets.isEmpty() && sideOf(packets.get(0)) == Side.SERVER) {
            // The capture begins with the SYN,ACK: the SYN it answers came before.
            Seg syn = new Seg(Side.CLIENT, null, TcpPacket.SYN, base[0], 0, 0, -1);
            syn.note = "not in the capture: the SYN that the SYN,ACK answers";
            add(syn);
            started[0] = true;
            next[0] = 1;
        }
        if (opening == Opening.MID_CONNECTION) {
            started[0] = started[1] = true;
        }
        for (int i = 0; i < packets.size(); i++) {
            TcpPacket p = packets.get(i);
            Side side = sideOf(p);
            int s = side.ordinal();
            // Without the SYNs the window's scale is unknown, and a window read unscaled would be a lie the
            // engine checks arrivals against: then it is left out.
            long window = p.has(TcpPacket.RST) ? -1
                    : p.has(TcpPacket.SYN) ? p.window()
                    : opening == Opening.MID_CONNECTION ? -1 : (long) p.window() << scale[s];
            if (p.has(TcpPacket.RST) || base[s] == null) {
                Seg seg = new Seg(side, p, p.flags(), p.seq(), p.ack(), p.payload(), window);
                seg.rs = relative(p.seq(), side);
                seg.ra = relative(p.ack(), side.other());
                add(seg);
                continue;
            }
            for (Seg seg : onTheWire(p, side, window)) {
                if (!started[s]) {
                    started[s] = true;
                    next[s] = seg.rs;
                }
                if (seg.rs > next[s]) {
                    boolean fin = !laterData[i] && seg.rs - next[s] == 1;
                    long from = next[s];
                    for (long cut : fin ? List.<Long>of() : boundaries(packets, i, side, from, seg.rs)) {
                        add(missing(seg, from, cut, false, from == next[s]));
                        from = cut;
                    }
                    add(missing(seg, from, seg.rs, fin, from == next[s]));
                    next[s] = seg.rs;
                } else if (seg.rs < next[s] && !seg.has(TcpPacket.SYN) && !seg.has(TcpPacket.FIN)
                        && seg.length <= 1 && seg.rs == next[s] - 1) {
                    seg.delivery = Delivery.OLD;
                    seg.note = "a keep-alive: it repeats the last octet already sent, so it is written as `old`";
                } else if (seg.rs < next[s] && !seg.consumesSequence()) {
                    seg.delivery = Delivery.OLD;
                    seg.note = "its seq is behind what " + side.name().toLowerCase() + " had sent: written as `old`";
                } else if (seg.rs < next[s]) {
                    seg.resend = true;
                }
                add(seg);
                next[s] = Math.max(next[s], seg.end());
            }
        }
    }

    /**
     * The segments a packet was on the wire. A packet with more data than the receiver's MSS was captured
     * before segmentation offload cut it, or after the receiver's offload joined several: it is written as
     * the segments of at most one MSS that TCP sent, the FIN and PSH on the last.
     */
    private List<Seg> onTheWire(TcpPacket p, Side side, long window) {
        int limit = mss[side.other().ordinal()];
        long rs = relative(p.seq(), side);
        long ra = relative(p.ack(), side.other());
        if (limit <= 0 || p.has(TcpPacket.SYN) || p.payload() <= limit) {
            Seg seg = new Seg(side, p, p.flags(), p.seq(), p.ack(), p.payload(), window);
            seg.rs = rs;
            seg.ra = ra;
            return List.of(seg);
        }
        List<Seg> pieces = new ArrayList<>();
        int count = (p.payload() + limit - 1) / limit;
        for (int k = 0; k < count; k++) {
            int length = Math.min(limit, p.payload() - k * limit);
            boolean last = k == count - 1;
            int flags = last ? p.flags() : p.flags() & ~(TcpPacket.FIN | TcpPacket.PSH);
            Seg piece = new Seg(side, p, flags, (p.seq() + (long) k * limit) & 0xffffffffL, p.ack(), length, window);
            piece.rs = rs + (long) k * limit;
            piece.ra = ra;
            piece.piece = k;
            if (k == 0) {
                piece.note = "packet " + p.number() + " holds " + p.payload() + " octets, more than the MSS of "
                        + limit + ": segmentation offload, written as the " + count + " segments on the wire";
            }
            pieces.add(piece);
        }
        return pieces;
    }

    /** For each packet: whether its sender sends data again after it (a missing octet before then is data, not a FIN). */
    private boolean[] dataAfter(List<TcpPacket> packets) {
        boolean[] after = new boolean[packets.size()];
        boolean[] seen = new boolean[2];
        for (int i = packets.size() - 1; i >= 0; i--) {
            TcpPacket p = packets.get(i);
            int s = sideOf(p).ordinal();
            seen[s] |= p.payload() > 0;
            after[i] = seen[s];
        }
        return after;
    }

    /**
     * Where to cut octets the capture never shows into segments: where the sender's later segments (its
     * resends of them) start and end, since a resend repeats a segment the sender sent.
     */
    private List<Long> boundaries(List<TcpPacket> packets, int after, Side side, long from, long to) {
        java.util.TreeSet<Long> cuts = new java.util.TreeSet<>();
        for (int i = after + 1; i < packets.size(); i++) {
            TcpPacket p = packets.get(i);
            if (sideOf(p) != side || p.has(TcpPacket.RST)) {
                continue;
            }
            long start = relative(p.seq(), side);
            long end = start + p.sequenceLength();
            for (long cut : new long[] {start, end}) {
                if (cut > from && cut < to) {
                    cuts.add(cut);
                }
            }
        }
        return List.copyOf(cuts);
    }

    private Seg missing(Seg before, long from, long to, boolean fin, boolean first) {
        long absolute = (base[before.side.ordinal()] + from) & 0xffffffffL;
        long length = to - from;
        int flags = TcpPacket.ACK | (fin ? TcpPacket.FIN : 0);
        Seg gap = new Seg(before.side, null, flags, absolute, before.ack, fin ? 0 : (int) Math.min(length, Integer.MAX_VALUE),
                before.window);
        gap.rs = from;
        gap.ra = before.ra;
        gap.note = "not in the capture: " + (fin ? "the FIN" : length + " octets")
                + (first ? " that " + before.name() + " shows were sent before it" : ", the rest of that gap");
        return gap;
    }

    private void add(Seg seg) {
        seg.index = segs.size();
        seg.arrival = seg.index + 1;
        segs.add(seg);
    }

    // ---- what arrived, and when

    private void decide() {
        markLost();
        resetsWait();
        // Each round only moves arrivals later or gives them up, once per segment; real captures settle in
        // one or two rounds, and the bound keeps a hostile one from taking long.
        boolean changed = true;
        for (int round = 0; changed && round < MAX_ROUNDS; round++) {
            changed = holdBackUntilAcknowledged() | holdBackAcksOfResends();
        }
        markTimeouts();
    }

    /** A segment sent again before any acknowledgment covered it was lost; one nobody ever answered, too. */
    private void markLost() {
        for (Seg g : segs) {
            if (!g.consumesSequence() || g.has(TcpPacket.RST) || g.delivery != Delivery.DELIVERED) {
                continue;
            }
            int cover = cover(g.index, g.side.other(), g.end());
            Seg again = resendOf(g);
            if (again != null && (cover < 0 || again.index < cover)) {
                g.delivery = Delivery.LOST;
                g.note = (g.note == null ? "" : g.note + "; ") + "lost: sent again at " + again.name()
                        + " before any acknowledgment covered it";
            } else if (again == null && cover < 0 && g.has(TcpPacket.SYN) && !sendsAfter(g.side.other(), g.index)) {
                g.delivery = Delivery.LOST;
                g.note = "never answered: written as lost";
            }
        }
    }

    private Seg resendOf(Seg g) {
        for (int i = g.index + 1; i < segs.size(); i++) {
            Seg h = segs.get(i);
            if (h.side == g.side && h.consumesSequence() && h.delivery != Delivery.OLD && !h.has(TcpPacket.RST)
                    && h.rs < g.end() && h.end() > g.rs) {
                return h;
            }
        }
        return null;
    }

    private boolean sendsAfter(Side side, int index) {
        for (int i = index + 1; i < segs.size(); i++) {
            if (segs.get(i).side == side) {
                return true;
            }
        }
        return false;
    }

    /** The first segment after {@code index} from {@code from} whose acknowledgment reaches {@code end}, or -1. */
    private int cover(int index, Side from, long end) {
        for (int i = index + 1; i < segs.size(); i++) {
            Seg s = segs.get(i);
            if (s.side == from && s.carriesAck() && !s.has(TcpPacket.RST) && s.ra >= end) {
                return i;
            }
        }
        return -1;
    }

    /** A RST arrives after the last segment its receiver sent without having seen it. */
    private void resetsWait() {
        for (Seg g : segs) {
            if (!g.has(TcpPacket.RST)) {
                continue;
            }
            for (int i = segs.size() - 1; i > g.index; i--) {
                Seg later = segs.get(i);
                if (later.side != g.side && !later.has(TcpPacket.RST)) {
                    g.arrival = i + 1;
                    g.delivery = Delivery.IN_FLIGHT;
                    break;
                }
            }
        }
    }

    /**
     * Walks the story once; wherever a side acknowledges less than the segments delivered to it would make
     * it acknowledge, those segments were not there yet: each moves to just before the first acknowledgment
     * that covers it, or is lost when none ever does. A moved segment contributed to no earlier
     * acknowledgment (it would have covered it), so the walk goes on from where it is. Returns whether
     * anything moved.
     */
    private boolean holdBackUntilAcknowledged() {
        boolean changed = false;
        List<List<Seg>> arrivals = arrivalsBySlot();
        List<TreeMap<Long, List<Seg>>> received = List.of(new TreeMap<>(), new TreeMap<>());
        for (int j = 0; j < segs.size(); j++) {
            for (Seg g : arrivals.get(j)) {
                received.get(g.side.other().ordinal()).computeIfAbsent(g.rs, k -> new ArrayList<>()).add(g);
            }
            Seg p = segs.get(j);
            if (!p.carriesAck() || p.has(TcpPacket.RST) || base[p.side.other().ordinal()] == null) {
                continue;
            }
            TreeMap<Long, List<Seg>> got = received.get(p.side.ordinal());
            long next = prefix(got, opening == Opening.MID_CONNECTION ? 0 : Long.MIN_VALUE);
            if (next <= p.ra) {
                continue;
            }
            for (List<Seg> starting : List.copyOf(got.headMap(next, false).values())) {
                for (Seg g : List.copyOf(starting)) {
                    if (g.end() <= p.ra || g.moved) {
                        continue;
                    }
                    g.moved = true;
                    changed = true;
                    int cover = cover(g.index, g.side.other(), g.end());
                    if (cover >= 0 && cover <= j) {
                        continue; // acknowledged already before: a resend the receiver had; it stays
                    }
                    starting.remove(g);
                    if (cover > j) {
                        g.arrival = cover;
                        g.delivery = Delivery.IN_FLIGHT;
                        arrivals.get(cover).add(g);
                    } else {
                        g.delivery = Delivery.LOST;
                        g.note = (g.note == null ? "" : g.note + "; ") + "lost: " + p.side.name().toLowerCase()
                                + " never acknowledges it";
                    }
                }
            }
            got.values().removeIf(List::isEmpty);
        }
        return changed;
    }

    /** The receiver's next expected octet, from the segments it holds: contiguous from the lowest start. */
    private static long prefix(TreeMap<Long, List<Seg>> got, long start) {
        long next = start;
        for (Map.Entry<Long, List<Seg>> e : got.entrySet()) {
            if (next == Long.MIN_VALUE) {
                next = e.getKey();
            }
            if (e.getKey() > next) {
                break;
            }
            for (Seg g : e.getValue()) {
                next = Math.max(next, g.end());
            }
        }
        return next == Long.MIN_VALUE ? 0 : next;
    }

    private List<List<Seg>> arrivalsBySlot() {
        List<List<Seg>> slots = new ArrayList<>();
        for (int i = 0; i <= segs.size(); i++) {
            slots.add(new ArrayList<>());
        }
        for (Seg g : segs) {
            if ((g.delivery == Delivery.DELIVERED || g.delivery == Delivery.IN_FLIGHT) && g.consumesSequence()
                    && !g.has(TcpPacket.RST)) {
                slots.get(Math.min(g.arrival, segs.size())).add(g);
            }
        }
        return slots;
    }

    /**
     * An acknowledgment that arrived before its receiver resent what it covers would make the resend a
     * resend of acknowledged octets: it had not arrived. Returns whether anything moved.
     */
    private boolean holdBackAcksOfResends() {
        boolean changed = false;
        for (Seg r : segs) {
            if (!r.resend || r.delivery == Delivery.OLD) {
                continue;
            }
            for (Seg h : segs) {
                if (h.index >= r.index) {
                    break;
                }
                if (h.side == r.side || !h.carriesAck() || h.has(TcpPacket.RST) || h.delivery == Delivery.LOST
                        || h.arrival > r.index || h.ra < r.end()) {
                    continue;
                }
                if (!h.consumesSequence()) {
                    h.delivery = Delivery.LOST;
                    h.note = "lost: " + r.side.name().toLowerCase() + " sends " + r.name() + " again after it";
                    changed = true;
                } else if (!h.moved) {
                    int cover = cover(h.index, h.side.other(), h.end());
                    if (cover < 0 || cover > r.index) {
                        h.arrival = r.index + 1;
                        h.delivery = Delivery.IN_FLIGHT;
                        h.moved = true;
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }

    /** A resend that no duplicate acknowledgment or SACK block called for comes after a timeout. */
    private void markTimeouts() {
        for (Seg r : segs) {
            if (!r.resend || r.delivery == Delivery.OLD || r.packet == null) {
                continue;
            }
            Seg previous = null;
            for (int i = r.index - 1; i >= 0; i--) {
                if (segs.get(i).side == r.side) {
                    previous = segs.get(i);
                    break;
                }
            }
            if (previous != null && previous.resend) {
                continue; // one timeout starts a run of resends
            }
            Seg original = null;
            for (Seg g : segs) {
                if (g.index < r.index && g.side == r.side && g.consumesSequence() && g.rs < r.end() && g.end() > r.rs) {
                    original = g;
                    break;
                }
            }
            int from = original == null ? 0 : original.index + 1;
            int duplicates = 0;
            boolean sack = false;
            Long lastAck = null;
            for (int i = from; i < r.index; i++) {
                Seg s = segs.get(i);
                if (s.side == r.side || s.packet == null || !s.has(TcpPacket.ACK)) {
                    continue;
                }
                sack |= s.packet.options().sackBlocks() > 0;
                if (s.length == 0 && lastAck != null && lastAck == s.ra) {
                    duplicates++;
                }
                lastAck = s.ra;
            }
            r.timeout = !sack && duplicates < 3;
        }
    }

    // ---- the story

    private Conversation conversation() {
        int count = segs.size();
        Phase[] phases = phases();
        List<List<Seg>> slots = new ArrayList<>();
        for (int i = 0; i <= count; i++) {
            slots.add(new ArrayList<>());
        }
        for (Seg g : segs) {
            if (g.delivery == Delivery.IN_FLIGHT && g.arrival == g.index + 1) {
                g.delivery = Delivery.DELIVERED;
            }
            if (g.delivery == Delivery.IN_FLIGHT) {
                slots.get(Math.min(g.arrival, count)).add(g);
            }
        }
        List<Move> moves = new ArrayList<>();
        for (int j = 0; j <= count; j++) {
            Phase phase = j < count ? phases[j] : count == 0 ? Phase.HANDSHAKE : phases[count - 1];
            List<Seg> arriving = slots.get(j);
            arriving.sort(Comparator.comparingInt(g -> g.index));
            for (Seg g : arriving) {
                moves.add(new Conversation.Arrival(flightName(g), g.side.other(), phase));
            }
            if (j == count) {
                break;
            }
            Seg g = segs.get(j);
            if (g.timeout) {
                moves.add(new Conversation.Wait("RTO", timeoutNote(g), phase));
            }
            moves.add(new Conversation.Send(g.side, g.packet, g.flags, g.seq, g.ack, g.length, g.window, g.delivery,
                    g.delivery == Delivery.IN_FLIGHT ? flightName(g) : null, g.note, phase));
        }
        return new Conversation(connection.client(), connection.server(), opening, base[0], base[1],
                scale[0], scale[1], moves, connection);
    }

    private String flightName(Seg g) {
        if (g.packet == null) {
            return "s" + (g.index + 1);
        }
        return "p" + g.packet.number() + (g.piece > 0 ? "-" + (g.piece + 1) : "");
    }

    private String timeoutNote(Seg r) {
        for (Seg g : segs) {
            if (g.index < r.index && g.side == r.side && g.packet != null && g.consumesSequence()
                    && g.rs < r.end() && g.end() > r.rs) {
                double seconds = (r.packet.timestampNanos() - g.packet.timestampNanos()) / 1e9;
                return String.format(java.util.Locale.ROOT, "%.3f s after packet %d, with no duplicate ACK or SACK before it",
                        seconds, g.packet.number());
            }
        }
        return null;
    }

    /** Handshake up to the ACK that completes it, data up to the first FIN or RST, close from there. */
    private Phase[] phases() {
        Phase[] phases = new Phase[segs.size()];
        Phase phase = opening == Opening.MID_CONNECTION ? Phase.DATA : Phase.HANDSHAKE;
        for (Seg g : segs) {
            if (phase == Phase.HANDSHAKE && opening == Opening.HANDSHAKE && g.side == Side.CLIENT
                    && g.has(TcpPacket.ACK) && !g.has(TcpPacket.SYN) && !g.has(TcpPacket.RST) && g.ra >= 1) {
                if (g.length > 0 || g.has(TcpPacket.FIN)) {
                    phase = Phase.DATA;
                } else {
                    phases[g.index] = Phase.HANDSHAKE;
                    phase = Phase.DATA;
                    continue;
                }
            }
            if (phase != Phase.HANDSHAKE && (g.has(TcpPacket.FIN) || g.has(TcpPacket.RST))) {
                phase = Phase.CLOSE;
            }
            phases[g.index] = phase;
        }
        return phases;
    }
}
