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
import org.tcpstory.diagnostic.Text;

/**
 * Retells a captured connection as a story: a capture is taken at one place, so what each side received,
 * and when, is inferred from what it sent afterwards: its acknowledgment number, its SACK blocks and the
 * TSval its TSecr echoes.
 *
 * <ul>
 *   <li>Octets a side sent that the capture never shows (its next segment starts past them) are written as a
 *       segment of their own, lost when the receiver's acknowledgments never cover them before they are sent
 *       again, delivered otherwise.</li>
 *   <li>A segment sent again before any acknowledgment or SACK block covered it was lost the first time,
 *       unless a D-SACK says it came twice.</li>
 *   <li>A segment is delivered at once unless what the receiver sends next shows it had not arrived: an
 *       acknowledgment number short of it, complete SACK blocks without it, a first SACK block that is not
 *       it though it came last, or a TSecr older than its TSval would have made TS.Recent. Then it is in
 *       flight until just before the receiver's first segment that shows it arrived, and the segments sent
 *       after it the same way arrive after it (segments that crossed, or were held in a queue, on the way).</li>
 *   <li>An acknowledgment is not delivered before its receiver resends what it acknowledges: a pure ACK is then
 *       lost, a segment with data stays in flight until after the resend.</li>
 *   <li>A keep-alive (a sender's last octet again, or nothing at its previous number) is written as {@code old}.</li>
 *   <li>Each resend then gets what called for it ({@link ResendCauses}), or the timer that sent it.</li>
 * </ul>
 *
 * Every decision only moves an arrival later, or gives one up, so the inference ends; the rounds are bounded.
 */
public final class Retelling {

    private static final int MAX_ROUNDS = 8;

    private final CapturedConnection connection;
    private final List<StorySegment> segs = new ArrayList<>();
    /** The segments that start below what their side sent before, in story order. */
    private List<StorySegment> resends = List.of();
    private final Long[] base = new Long[2];
    /** Each side's window scale shift: 0 when the SYNs did not agree one, -1 when the capture does not say. */
    private final int[] scale = new int[2];
    /** The MSS each side announced in its SYN: the most data the other may put in one segment; 0 unknown. */
    private final int[] mss = new int[2];
    /** Whether the story's SYNs both offer SACK, and timestamps: then later segments carry them. */
    private boolean sackWritten;
    private boolean timestampsWritten;
    /** Whether each side reports what it holds in SACK blocks, so that a block left out says something. */
    private final boolean[] reportsSack = new boolean[2];
    /** The options of the story's SYN, which bound what its SYN,ACK may carry; null without a SYN. */
    private TcpOptions synOffer;
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

    // ---- where the numbers start, and what the SYNs agreed

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
            if (syn != null) {
                synOffer = syn.options();
            } else {
                // The SYN,ACK repeats what the SYN offered, and echoes its TSval; its window scale it does not tell.
                TcpOptions answer = synAck.options();
                synOffer = new TcpOptions(-1, -1, answer.sackPermitted(), List.of(), answer.timestamps(),
                        answer.tsEcr(), 0, List.of());
            }
            if (synAck == null) {
                return; // nothing was agreed: windows are as sent, and no option follows
            }
            TcpOptions answer = synAck.options();
            sackWritten = synOffer.sackPermitted() && answer.sackPermitted();
            timestampsWritten = synOffer.timestamps() && answer.timestamps();
            reportsSack[0] = reportsSack[1] = sackWritten;
            if (syn == null) {
                scale[0] = scale[1] = -1;
            } else if (synOffer.windowScale() >= 0 && answer.windowScale() >= 0) {
                scale[0] = Math.min(14, synOffer.windowScale());
                scale[1] = Math.min(14, answer.windowScale());
            }
            return;
        }
        opening = Opening.MID_CONNECTION;
        scale[0] = scale[1] = -1;
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
                if (sideOf(p) == side && !p.options().sack().isEmpty()) {
                    reportsSack[side.ordinal()] = true; // SACK was agreed on SYNs the capture does not show
                }
            }
            Long earliest = sent == null ? acknowledged
                    : acknowledged == null || (int) (sent - acknowledged) <= 0 ? sent : acknowledged;
            base[side.ordinal()] = earliest == null ? 0L : earliest;
        }
    }

    /**
     * The options the story writes for a captured segment: a SYN's offer (a SYN,ACK's only where the story's
     * SYN made it), then SACK blocks and timestamps where both SYNs of the story offered them.
     */
    private TcpOptions written(TcpPacket p) {
        TcpOptions o = p.options();
        if (p.has(TcpPacket.SYN)) {
            boolean answer = p.has(TcpPacket.ACK);
            boolean offered = synOffer != null;
            int shift = answer && !(offered && synOffer.windowScale() >= 0) ? -1 : o.windowScale();
            boolean sackOk = o.sackPermitted() && (!answer || offered && synOffer.sackPermitted());
            boolean ts = o.timestamps() && (!answer || offered && synOffer.timestamps());
            return new TcpOptions(o.mss(), shift, sackOk, List.of(), ts, o.tsVal(), o.tsEcr(), List.of());
        }
        List<TcpOptions.SackBlock> sack = sackWritten && p.has(TcpPacket.ACK) ? o.sack() : List.of();
        boolean ts = timestampsWritten && o.timestamps();
        return sack.isEmpty() && !ts ? TcpOptions.NONE
                : new TcpOptions(-1, -1, false, sack, ts, o.tsVal(), o.tsEcr(), List.of());
    }

    /** The window the story writes: the field as sent, unless the scale it is counted in is unknown. */
    private int window(TcpPacket p, Side side) {
        return p.has(TcpPacket.RST) || scale[side.ordinal()] < 0 ? -1 : p.window();
    }

    /** A segment of the story from a captured packet, with its numbers relative and its SACK blocks read. */
    private StorySegment captured(TcpPacket p, Side side, int flags, long seq, int length, long rs) {
        StorySegment seg = new StorySegment(side, p, flags, seq, p.ack(), length, window(p, side), written(p));
        seg.rs = rs;
        seg.ra = relative(p.ack(), side.other());
        List<TcpOptions.SackBlock> blocks = p.options().sack();
        if (!blocks.isEmpty() && base[side.other().ordinal()] != null) {
            seg.sack = new long[blocks.size() * 2];
            for (int k = 0; k < blocks.size(); k++) {
                seg.sack[2 * k] = relative(blocks.get(k).left(), side.other());
                seg.sack[2 * k + 1] = relative(blocks.get(k).right(), side.other());
            }
        }
        // 40 octets of options: two of padding and eight a block, after the timestamps' twelve.
        seg.sackComplete = blocks.size() < (40 - 2 - (p.options().timestamps() ? 12 : 0)) / 8;
        return seg;
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
            StorySegment syn = new StorySegment(Side.CLIENT, null, TcpPacket.SYN, base[0], 0, 0, -1, synOffer);
            syn.note = synOffer.timestamps() ? Text.of("imported.note.unseenSynEchoed") : Text.of("imported.note.unseenSyn");
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
            if (p.has(TcpPacket.RST) || base[s] == null) {
                add(captured(p, side, p.flags(), p.seq(), p.payload(), relative(p.seq(), side)));
                continue;
            }
            for (StorySegment seg : onTheWire(p, side)) {
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
                    seg.note = Text.of("imported.note.keepAlive");
                } else if (seg.rs < next[s] && !seg.consumesSequence()) {
                    seg.delivery = Delivery.OLD;
                    seg.note = Text.of("imported.note.behind", StorySegment.sideName(side));
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
    private List<StorySegment> onTheWire(TcpPacket p, Side side) {
        int limit = mss[side.other().ordinal()];
        long rs = relative(p.seq(), side);
        if (limit <= 0 || p.has(TcpPacket.SYN) || p.payload() <= limit) {
            return List.of(captured(p, side, p.flags(), p.seq(), p.payload(), rs));
        }
        List<StorySegment> pieces = new ArrayList<>();
        int count = (p.payload() + limit - 1) / limit;
        for (int k = 0; k < count; k++) {
            int length = Math.min(limit, p.payload() - k * limit);
            boolean last = k == count - 1;
            int flags = last ? p.flags() : p.flags() & ~(TcpPacket.FIN | TcpPacket.PSH);
            StorySegment piece = captured(p, side, flags, (p.seq() + (long) k * limit) & 0xffffffffL, length,
                    rs + (long) k * limit);
            piece.piece = k;
            if (k == 0) {
                piece.note = Text.of("imported.note.offload", p.number(), p.payload(), limit, count);
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

    private StorySegment missing(StorySegment before, long from, long to, boolean fin, boolean first) {
        long absolute = (base[before.side.ordinal()] + from) & 0xffffffffL;
        long length = to - from;
        int flags = TcpPacket.ACK | (fin ? TcpPacket.FIN : 0);
        // Its timestamps are those of the segment after it: sent in the same burst, by the same clock.
        TcpOptions options = before.options.timestamps()
                ? TcpOptions.NONE.withTimestamps(before.options.tsVal(), before.options.tsEcr()) : TcpOptions.NONE;
        StorySegment gap = new StorySegment(before.side, null, flags, absolute, before.ack,
                fin ? 0 : (int) Math.min(length, Integer.MAX_VALUE), before.window, options);
        gap.rs = from;
        gap.ra = before.ra;
        if (fin) {
            gap.note = first ? Text.of("imported.note.unseenFin", before.name()) : Text.of("imported.note.unseenFinRest");
        } else {
            gap.note = first ? Text.of("imported.note.unseenOctets", length, before.name())
                    : Text.of("imported.note.unseenOctetsRest", length);
        }
        return gap;
    }

    private void add(StorySegment seg) {
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
        echoInferred();
        findTimers();
    }

    /**
     * A segment the capture does not show echoes what its sender's TS.Recent is at its place in the story
     * (RFC 7323 §4.3), as the story now has the other side's segments arrive.
     */
    private void echoInferred() {
        List<List<StorySegment>> late = StorySegment.lateArrivals(segs);
        Stamps[] stamps = {new Stamps(), new Stamps()};
        for (int j = 0; j < segs.size(); j++) {
            for (StorySegment g : late.get(j)) {
                stamps[g.side.other().ordinal()].arrive(g);
            }
            StorySegment s = segs.get(j);
            Stamps mine = stamps[s.side.ordinal()];
            if (s.packet == null && s.options.timestamps() && s.has(TcpPacket.ACK) && mine.recent() != null) {
                s.options = s.options.withTimestamps(s.options.tsVal(), mine.recent());
            }
            if (s.carriesAck() && !s.has(TcpPacket.RST)) {
                mine.lastAckSent = s.ra;
            }
            if (s.delivery == Delivery.DELIVERED || s.delivery == Delivery.OLD) {
                stamps[s.side.other().ordinal()].arrive(s);
            }
        }
    }

    /** A segment sent again before any acknowledgment covered it was lost; one nobody ever answered, too. */
    private void markLost() {
        resends = segs.stream().filter(g -> g.resend).toList();
        for (StorySegment g : segs) {
            if (!g.consumesSequence() || g.has(TcpPacket.RST) || g.delivery != Delivery.DELIVERED) {
                continue;
            }
            int cover = cover(g);
            StorySegment again = resendOf(g);
            if (again != null && (cover < 0 || again.index < cover) && !reportedTwice(g)) {
                g.delivery = Delivery.LOST;
                g.addNote(Text.of("imported.note.lostResent", again.name()));
            } else if (again == null && cover < 0 && g.has(TcpPacket.SYN) && !sendsAfter(g.side.other(), g.index)) {
                g.delivery = Delivery.LOST;
                g.note = Text.of("imported.note.neverAnswered");
            }
        }
    }

    /** Whether a D-SACK block (RFC 2883: a first block below the acknowledgment) says g's octets came twice. */
    private boolean reportedTwice(StorySegment g) {
        for (int i = g.index + 1; i < segs.size(); i++) {
            StorySegment a = segs.get(i);
            if (a.side != g.side && a.sack.length > 0 && a.sack[1] <= a.ra && a.sack[0] <= g.rs
                    && g.reportedEnd() <= a.sack[1]) {
                return true;
            }
        }
        return false;
    }

    private StorySegment resendOf(StorySegment g) {
        // Only a resend starts below what its side sent before, so only resends can overlap an earlier segment.
        for (StorySegment h : resends) {
            if (h.index > g.index && h.side == g.side && h.consumesSequence() && h.delivery != Delivery.OLD
                    && !h.has(TcpPacket.RST) && h.rs < g.end() && h.end() > g.rs) {
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

    /** The first segment after {@code g} whose acknowledgment says {@code g} arrived, or -1. */
    private int cover(StorySegment g) {
        for (int i = g.index + 1; i < segs.size(); i++) {
            if (segs.get(i).showsArrivalOf(g)) {
                return i;
            }
        }
        return -1;
    }

    /** A RST arrives after the last segment its receiver sent without having seen it. */
    private void resetsWait() {
        for (StorySegment g : segs) {
            if (!g.has(TcpPacket.RST)) {
                continue;
            }
            for (int i = segs.size() - 1; i > g.index; i--) {
                StorySegment later = segs.get(i);
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
     * it acknowledge, its SACK blocks leave out octets delivered to it above that, or its TSecr echoes an
     * older TSval than one delivered to it would have made TS.Recent (RFC 7323 §4.3), those segments were
     * not there yet: each moves to just before the first segment of the receiver that shows it arrived, or
     * is lost when none does, and the segments sent after it on the same way follow it, in order. Returns
     * whether anything moved.
     */
    private boolean holdBackUntilAcknowledged() {
        return new Walk().run();
    }

    /** One walk of {@link #holdBackUntilAcknowledged}: what each side holds at each point of the story. */
    private final class Walk {
        final List<List<StorySegment>> arrivals = new ArrayList<>();
        final long start = opening == Opening.MID_CONNECTION ? 0 : Long.MIN_VALUE;
        final List<Holdings> received = List.of(new Holdings(start), new Holdings(start));
        final Stamps[] stamps = {new Stamps(), new Stamps()};
        /** Per side, the segments that arrived out of order since its acknowledgment number last moved, in order. */
        final List<List<StorySegment>> held = List.of(new ArrayList<>(), new ArrayList<>());
        /** The most sequence numbers one segment takes: how far below an acknowledgment one may start and pass it. */
        final long longest = segs.stream().mapToLong(g -> g.end() - g.rs).max().orElse(0);
        boolean changed;

        Walk() {
            for (int i = 0; i <= segs.size(); i++) {
                arrivals.add(new ArrayList<>());
            }
            for (StorySegment g : segs) {
                if ((g.delivery == Delivery.DELIVERED || g.delivery == Delivery.IN_FLIGHT) && !g.has(TcpPacket.RST)) {
                    arrivals.get(Math.min(g.arrival, segs.size())).add(g);
                }
            }
        }

        boolean run() {
            for (int j = 0; j < segs.size(); j++) {
                arrivals.get(j).sort(Comparator.comparingInt(g -> g.index));
                for (StorySegment g : List.copyOf(arrivals.get(j))) {
                    if (g.consumesSequence()) {
                        take(g);
                    }
                    stamps[g.side.other().ordinal()].arrive(g);
                }
                StorySegment p = segs.get(j);
                if (p.has(TcpPacket.RST) || base[p.side.other().ordinal()] == null) {
                    continue;
                }
                if (p.carriesAck()) {
                    acknowledgment(p, j);
                    echo(p, j);
                    stamps[p.side.ordinal()].lastAckSent = p.ra;
                }
            }
            return changed;
        }

        /** A segment with sequence numbers arrives: in order, or held above a gap. */
        private void take(StorySegment g) {
            int to = g.side.other().ordinal();
            Holdings got = received.get(to);
            long before = got.next();
            got.add(g);
            if (got.next() > before) {
                held.get(to).clear();
            } else if (g.rs > before) {
                held.get(to).add(g);
            }
        }

        /** The acknowledgment number and SACK blocks of {@code p}, the {@code j}th segment. */
        private void acknowledgment(StorySegment p, int j) {
            Holdings got = received.get(p.side.ordinal());
            long next = got.next();
            if (next > p.ra) {
                // Only a segment that starts less than the longest segment below the acknowledgment can pass it.
                long from = Math.max(Long.MIN_VALUE + longest, p.ra - longest);
                for (List<StorySegment> starting : List.copyOf(got.byStart.subMap(from, false, next, false).values())) {
                    for (StorySegment g : List.copyOf(starting)) {
                        if (g.end() > p.ra) {
                            holdBack(g, p, j);
                        }
                    }
                }
                next = got.next();
            }
            if (reportsSack[p.side.ordinal()] && p.packet != null && p.sackComplete) {
                // Every range it holds above its acknowledgment is in the blocks, so what is not had not come.
                for (List<StorySegment> starting : List.copyOf(got.byStart.tailMap(Math.max(next, p.ra), true).values())) {
                    for (StorySegment g : List.copyOf(starting)) {
                        if ((g.length > 0 || g.has(TcpPacket.FIN)) && !p.sacks(g.rs, g.reportedEnd())) {
                            holdBack(g, p, j);
                        }
                    }
                }
            }
            // The first block reports the segment that arrived last (RFC 2018 §4; after a D-SACK, the second):
            // one that arrived after it had not come yet.
            int first = 0;
            while (first < p.sack.length && p.sack[first + 1] <= p.ra) {
                first += 2;
            }
            List<StorySegment> order = held.get(p.side.ordinal());
            while (first < p.sack.length && !order.isEmpty()) {
                StorySegment last = order.get(order.size() - 1);
                if (p.sack[first] <= last.rs && last.reportedEnd() <= p.sack[first + 1]) {
                    break;
                }
                order.remove(order.size() - 1);
                holdBack(last, p, j);
            }
        }

        /** The TSecr of {@code p}: a segment that would have made TS.Recent newer than it had not arrived. */
        private void echo(StorySegment p, int j) {
            if (p.packet == null || !p.packet.options().timestamps()) {
                return;
            }
            Stamps mine = stamps[p.side.ordinal()];
            StorySegment newer = mine.firstNewerThan(p.packet.options().tsEcr());
            if (newer != null) {
                holdBack(newer, p, j);
            }
        }

        /**
         * {@code g} had not arrived when {@code p}, the {@code j}th segment, was sent: it arrives just before
         * the first segment of the receiver that shows it did, or is lost.
         */
        private void holdBack(StorySegment g, StorySegment p, int j) {
            int shown = shown(g);
            if (shown >= 0 && shown <= j) {
                return; // shown to have arrived already before: a resend the receiver had; it stays
            }
            if (shown < 0 && g.moved) {
                return;
            }
            g.moved = true;
            changed = true;
            forget(g);
            if (shown < 0) {
                g.delivery = Delivery.LOST;
                g.addNote(Text.of("imported.note.lostUnacknowledged", StorySegment.sideName(p.side)));
                return;
            }
            arriveAt(g, shown);
            // The segments sent after it on the same way were behind it.
            for (int i = g.index + 1; i < shown; i++) {
                StorySegment h = segs.get(i);
                int hShown;
                if (h.side == g.side && h.arrival < shown && !h.has(TcpPacket.RST)
                        && (h.delivery == Delivery.DELIVERED || h.delivery == Delivery.IN_FLIGHT)
                        && ((hShown = shown(h)) < 0 || hShown >= shown)) {
                    forget(h);
                    arriveAt(h, shown);
                }
            }
        }

        private void arriveAt(StorySegment g, int slot) {
            g.arrival = slot;
            g.delivery = Delivery.IN_FLIGHT;
            arrivals.get(slot).add(g);
        }

        /** Takes back what the walk did with {@code g}'s arrival. */
        private void forget(StorySegment g) {
            arrivals.get(Math.min(g.arrival, segs.size())).remove(g);
            received.get(g.side.other().ordinal()).remove(g);
            stamps[g.side.other().ordinal()].forget(g);
            held.get(g.side.other().ordinal()).remove(g);
        }
    }

    /**
     * The first segment of the other side after {@code g} that shows {@code g} arrived: it acknowledges or
     * SACKs its octets, or, for a segment without any, echoes its TSval; -1 when none does.
     */
    private int shown(StorySegment g) {
        if (g.shown == StorySegment.UNKNOWN) {
            g.shown = g.consumesSequence() ? cover(g) : echoed(g);
        }
        return g.shown;
    }

    private int echoed(StorySegment g) {
        Long value = g.tsVal();
        for (int i = g.index + 1; value != null && i < segs.size(); i++) {
            StorySegment r = segs.get(i);
            if (r.side != g.side && r.packet != null && r.packet.options().timestamps() && !r.has(TcpPacket.RST)
                    && (int) (r.packet.options().tsEcr() - value) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** TS.Recent of one side, as RFC 7323 §4.3 keeps it, from the segments that arrived: replayed when one is taken back. */
    private static final class Stamps {
        private final List<StorySegment> arrived = new ArrayList<>();
        private final List<Long> lastAckThen = new ArrayList<>();
        /** The arrivals that set TS.Recent, in order, so their TSvals only grow; made again after one is taken back. */
        private final List<StorySegment> setters = new ArrayList<>();
        private Long recent;
        private boolean stale;
        /** Last.ACK.sent: the acknowledgment number this side last sent. */
        Long lastAckSent;

        void arrive(StorySegment g) {
            // A RST ends the connection: nothing its receiver sends after it echoes its TSval.
            if (g.tsVal() != null && !g.has(TcpPacket.RST)) {
                arrived.add(g);
                lastAckThen.add(lastAckSent);
                if (!stale) {
                    take(g, lastAckSent);
                }
            }
        }

        private void take(StorySegment g, Long lastAck) {
            long value = g.tsVal();
            if (g.has(TcpPacket.SYN) || recent == null || (int) (value - recent) >= 0 && (lastAck == null || g.rs <= lastAck)) {
                recent = value;
                setters.add(g);
            }
        }

        /** TS.Recent: the TSval this side would echo now; null before it took any. */
        Long recent() {
            replayIfStale();
            return recent;
        }

        void forget(StorySegment g) {
            int at = arrived.lastIndexOf(g);
            if (at >= 0) {
                arrived.remove(at);
                lastAckThen.remove(at);
                stale = true;
            }
        }

        /** The first arrival that made TS.Recent newer than {@code echo}, or null when none did. */
        StorySegment firstNewerThan(long echo) {
            replayIfStale();
            StorySegment first = null;
            for (int i = setters.size() - 1; i >= 0 && (int) (setters.get(i).tsVal() - echo) > 0; i--) {
                first = setters.get(i);
            }
            return first;
        }

        private void replayIfStale() {
            if (stale) {
                setters.clear();
                recent = null;
                for (int i = 0; i < arrived.size(); i++) {
                    take(arrived.get(i), lastAckThen.get(i));
                }
                stale = false;
            }
        }
    }

    /**
     * The segments one side holds, by where they start, and how far they reach without a gap: its next
     * expected octet, kept as segments come and worked out again only when one is taken back.
     */
    private static final class Holdings {
        final TreeMap<Long, List<StorySegment>> byStart = new TreeMap<>();
        /** Where the contiguous run starts: a side's first number, or (Long.MIN_VALUE) the lowest start held. */
        private final long start;
        private long next;
        private boolean known;

        Holdings(long start) {
            this.start = start;
        }

        void add(StorySegment g) {
            boolean lowest = byStart.isEmpty() || g.rs < byStart.firstKey();
            byStart.computeIfAbsent(g.rs, k -> new ArrayList<>()).add(g);
            if (!known || start == Long.MIN_VALUE && lowest || g.rs > next) {
                known &= !(start == Long.MIN_VALUE && lowest);
                return;
            }
            long from = g.rs;
            long before;
            do {
                before = next;
                for (List<StorySegment> starting : byStart.subMap(from, true, next, true).values()) {
                    for (StorySegment h : starting) {
                        next = Math.max(next, h.end());
                    }
                }
                from = before;
            } while (next > before);
        }

        void remove(StorySegment g) {
            List<StorySegment> starting = byStart.get(g.rs);
            if (starting != null && starting.remove(g)) {
                if (starting.isEmpty()) {
                    byStart.remove(g.rs);
                }
                known = false;
            }
        }

        /** The next octet expected: the end of the run of held segments from the start, with no gap. */
        long next() {
            if (!known) {
                next = start;
                for (Map.Entry<Long, List<StorySegment>> e : byStart.entrySet()) {
                    if (next == Long.MIN_VALUE) {
                        next = e.getKey();
                    }
                    if (e.getKey() > next) {
                        break;
                    }
                    for (StorySegment g : e.getValue()) {
                        next = Math.max(next, g.end());
                    }
                }
                known = true;
            }
            return next == Long.MIN_VALUE ? 0 : next;
        }
    }

    /**
     * An acknowledgment that arrived before its receiver resent what it covers would make the resend a
     * resend of acknowledged (or SACKed) octets: it had not arrived. Returns whether anything moved.
     */
    private boolean holdBackAcksOfResends() {
        boolean changed = false;
        for (StorySegment r : segs) {
            if (!r.resend || r.delivery == Delivery.OLD) {
                continue;
            }
            for (StorySegment h : segs) {
                if (h.index >= r.index) {
                    break;
                }
                if (h.delivery == Delivery.LOST || h.arrival > r.index || !h.showsArrivalOf(r)) {
                    continue;
                }
                if (!h.consumesSequence()) {
                    h.delivery = Delivery.LOST;
                    h.note = Text.of("imported.note.lostSentAgain", StorySegment.sideName(r.side), r.name());
                    changed = true;
                } else if (!h.moved) {
                    int cover = cover(h);
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

    /**
     * How long a sender must have heard nothing before a resend of its first unacknowledged octet is taken
     * as its retransmission timer's, whatever else called for it: twice the round trip the handshake took,
     * and at least 200 ms, the least timeout Linux waits (its TCP_RTO_MIN), so that no resend clocked by an
     * arrival is mistaken for one.
     */
    private long timerSilence() {
        long handshake = 0;
        List<TcpPacket> packets = connection.packets();
        if (opening == Opening.HANDSHAKE && packets.size() >= 3 && packets.get(0).has(TcpPacket.SYN)
                && !packets.get(0).has(TcpPacket.ACK)) {
            for (TcpPacket p : packets) {
                if (sideOf(p) == Side.CLIENT && p.has(TcpPacket.ACK) && !p.has(TcpPacket.SYN)) {
                    handshake = p.timestampNanos() - packets.get(0).timestampNanos();
                    break;
                }
            }
        }
        return Math.max(200_000_000L, 2 * handshake);
    }

    private void findTimers() {
        new ResendCauses(segs, sackWritten, reportsSack, timerSilence()).find();
    }

    // ---- the story

    private Conversation conversation() {
        int count = segs.size();
        Phase[] phases = phases();
        List<List<StorySegment>> slots = new ArrayList<>();
        for (int i = 0; i <= count; i++) {
            slots.add(new ArrayList<>());
        }
        for (StorySegment g : segs) {
            if (g.delivery == Delivery.IN_FLIGHT) {
                slots.get(Math.min(g.arrival, count)).add(g);
            }
        }
        for (int j = 1; j <= count; j++) {
            // One that arrives as soon as it is sent is delivered at once, unless others sent before it on the
            // same way arrive there too: it comes after them.
            StorySegment last = segs.get(j - 1);
            List<StorySegment> slot = slots.get(j);
            if (slot.contains(last) && slot.stream().noneMatch(g -> g != last && g.side == last.side)) {
                last.delivery = Delivery.DELIVERED;
                slot.remove(last);
            }
        }
        List<Move> moves = new ArrayList<>();
        for (int j = 0; j <= count; j++) {
            Phase phase = j < count ? phases[j] : count == 0 ? Phase.HANDSHAKE : phases[count - 1];
            List<StorySegment> arriving = slots.get(j);
            arriving.sort(Comparator.comparingInt(g -> g.index));
            for (StorySegment g : arriving) {
                moves.add(new Conversation.Arrival(flightName(g), g.side.other(), phase));
            }
            if (j == count) {
                break;
            }
            StorySegment g = segs.get(j);
            if (g.timer != null) {
                moves.add(new Conversation.Wait(g.timer, g.side, g.timerNote, phase));
            }
            moves.add(new Conversation.Send(g.side, g.packet, g.flags, g.seq, g.ack, g.length, g.window, g.options,
                    g.delivery, g.delivery == Delivery.IN_FLIGHT ? flightName(g) : null, g.note, phase));
        }
        return new Conversation(connection.client(), connection.server(), opening, base[0], base[1],
                scale[0], scale[1], sackWritten, timestampsWritten, moves, connection);
    }

    private String flightName(StorySegment g) {
        if (g.packet == null) {
            return "s" + (g.index + 1);
        }
        return "p" + g.packet.number() + (g.piece > 0 ? "-" + (g.piece + 1) : "");
    }

    /** Handshake up to the ACK that completes it, data up to the first FIN or RST, close from there. */
    private Phase[] phases() {
        Phase[] phases = new Phase[segs.size()];
        Phase phase = opening == Opening.MID_CONNECTION ? Phase.DATA : Phase.HANDSHAKE;
        for (StorySegment g : segs) {
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
