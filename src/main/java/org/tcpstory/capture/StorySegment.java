package org.tcpstory.capture;

import java.util.ArrayList;
import java.util.List;
import org.tcpstory.capture.Conversation.Delivery;
import org.tcpstory.capture.Conversation.Side;
import org.tcpstory.capture.Conversation.Timer;
import org.tcpstory.diagnostic.Text;

/** A segment of the story while {@link Retelling} decides what became of it. */
final class StorySegment {

    final Side side;
    final TcpPacket packet;
    final int flags;
    final long seq;
    final long ack;
    final int length;
    /** The window field as sent, or -1 when the story does not write it. */
    final int window;
    /** The options the story writes. */
    TcpOptions options;
    /** Relative to the sender's base, and the acknowledgment relative to the receiver's. */
    long rs;
    long ra;
    /** The SACK blocks of its packet, relative to the receiver's base: left, right, left, right... */
    long[] sack = new long[0];
    /** Whether its packet's SACK blocks are all the receiver holds: fewer than the option room allows. */
    boolean sackComplete;
    int index;
    /** Why it is written as it is, in the catalog's words, when that was inferred; else null. */
    Text note;
    Delivery delivery = Delivery.DELIVERED;
    /** The slot it arrives in: just before the segment of that index ({@code segs.size()}: the end). */
    int arrival;
    /** Whether it starts below what its side had sent before: a retransmission. */
    boolean resend;
    /** Whether the acknowledgments moved its arrival already (a segment is given up as lost only once). */
    boolean moved;
    /** Which of the wire segments of its packet it is, from 0. */
    int piece;
    /** Where the receiver first shows it arrived (see {@code Retelling.shown}), once worked out. */
    int shown = UNKNOWN;
    static final int UNKNOWN = -2;
    /** The timer that expired before it was sent, when nothing the sender received called for it. */
    Timer timer;
    Text timerNote;

    StorySegment(Side side, TcpPacket packet, int flags, long seq, long ack, int length, int window, TcpOptions options) {
        this.side = side;
        this.packet = packet;
        this.flags = flags;
        this.seq = seq;
        this.ack = ack;
        this.length = length;
        this.window = window;
        this.options = options;
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

    Text name() {
        return packet != null ? Text.of("imported.segment.packet", packet.number()) : Text.of("imported.segment.inferred");
    }

    /** Adds a reason to its note, after those it has. */
    void addNote(Text reason) {
        note = note == null ? reason : Text.of("imported.note.list", note, reason);
    }

    /** A side as the notes name it: client or server, in the chapter's language. */
    static Text sideName(Side side) {
        return Text.of(side == Side.CLIENT ? "imported.side.client" : "imported.side.server");
    }

    /** Where its data (or its FIN, which SACK blocks count) ends: what a SACK block must hold of it. */
    long reportedEnd() {
        return rs + Math.max(length, 1);
    }

    /**
     * Whether this segment, from the other side, says {@code g} arrived: its acknowledgment number passed it,
     * or one of its SACK blocks holds it.
     */
    boolean showsArrivalOf(StorySegment g) {
        if (side == g.side || !carriesAck() || has(TcpPacket.RST)) {
            return false;
        }
        return ra >= g.end() || sacks(g.rs, g.reportedEnd());
    }

    /** Whether one of its SACK blocks holds the octets from {@code from} up to {@code to}. */
    boolean sacks(long from, long to) {
        for (int k = 0; k < sack.length; k += 2) {
            if (sack[k] <= from && to <= sack[k + 1]) {
                return true;
            }
        }
        return false;
    }

    /** The TSval it carries: as captured, or as inferred for one the capture does not show; null without. */
    Long tsVal() {
        TcpOptions o = packet != null ? packet.options() : options;
        return o.timestamps() ? Long.valueOf(o.tsVal()) : null;
    }

    /** The segments in flight, by the slot they arrive in (the last slot: after the story's end). */
    static List<List<StorySegment>> lateArrivals(List<StorySegment> segs) {
        List<List<StorySegment>> late = new ArrayList<>();
        for (int i = 0; i <= segs.size(); i++) {
            late.add(new ArrayList<>());
        }
        for (StorySegment g : segs) {
            if (g.delivery == Delivery.IN_FLIGHT) {
                late.get(Math.min(g.arrival, segs.size())).add(g);
            }
        }
        return late;
    }
}
