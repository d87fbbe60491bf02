package org.tcpstory.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tcpstory.capture.Conversation.Delivery;
import org.tcpstory.capture.Conversation.Timer;
import org.tcpstory.diagnostic.Text;

/**
 * What called for each resend of a story, from what its sender had received by then in the story as
 * {@link Retelling} decided it: the signs the story format knows (a timeout, a third duplicate ACK, a SACK
 * block above the octets), the ones it does not (RACK, a partial ACK) as a note on the line, or, where
 * nothing did, the timer that sent it.
 */
final class ResendCauses {

    private final List<StorySegment> segs;
    private final boolean sackWritten;
    private final boolean[] reportsSack;
    /** How long a sender hears nothing before a resend of its first unacknowledged octet is its timer's. */
    private final long silence;

    ResendCauses(List<StorySegment> segs, boolean sackWritten, boolean[] reportsSack, long silence) {
        this.segs = segs;
        this.sackWritten = sackWritten;
        this.reportsSack = reportsSack;
        this.silence = silence;
    }

    /** Walks the story as decided and marks each resend with what called for it, or the timer that sent it. */
    void find() {
        Sending[] sending = {new Sending(), new Sending()};
        List<List<StorySegment>> late = StorySegment.lateArrivals(segs);
        for (int j = 0; j < segs.size(); j++) {
            for (StorySegment g : late.get(j)) {
                sending[g.side.other().ordinal()].received(g);
            }
            StorySegment s = segs.get(j);
            if (s.delivery != Delivery.OLD && !s.has(TcpPacket.RST) && s.consumesSequence()) {
                sending[s.side.ordinal()].sent(s);
            }
            if (s.delivery == Delivery.DELIVERED || s.delivery == Delivery.OLD) {
                sending[s.side.other().ordinal()].received(s);
            }
        }
    }

    /** The segment that first sent what {@code r} resends. */
    private StorySegment firstSending(StorySegment r) {
        for (StorySegment g : segs) {
            if (g.index < r.index && g.side == r.side && g.consumesSequence() && g.rs < r.end() && g.end() > r.rs) {
                return g;
            }
        }
        return null;
    }

    /** A segment its sender has sent and not yet seen acknowledged, as the story tells it. */
    private static final class Outstanding {
        final long start;
        final long end;
        final boolean data;
        /** Whether its first sending is one the capture does not show, so nothing tells when it was. */
        final boolean unseen;
        /** The story index of its latest transmission, and of its first. */
        int sentAt;
        final int firstSentAt;
        /** Whether a sign of its loss that the story format knows came since (timeout, third duplicate ACK, SACK). */
        boolean lossSeen;
        /** A sign of its loss the story format does not know (RACK, a partial ACK), or null. */
        Text otherSign;

        Outstanding(long start, long end, boolean data, boolean unseen, int sentAt) {
            this.start = start;
            this.end = end;
            this.data = data;
            this.unseen = unseen;
            this.sentAt = sentAt;
            this.firstSentAt = sentAt;
        }

        boolean overlaps(long from, long to) {
            return start < to && from < end;
        }
    }

    /**
     * One side's sending as the story tells it, to see what called for each of its resends: three duplicate
     * ACKs (RFC 5681 §3.2), a SACK block that leaves the octets missing below it (RFC 6675), a segment sent
     * after them that was delivered first (RACK, RFC 8985 §6.2), or, without SACK, a partial acknowledgment
     * during recovery (RFC 6582 §3.2). A resend nothing called for follows a timer: the retransmission timer
     * when it starts at the first unacknowledged octet (RFC 6298 §5.4), the probe timeout of a tail loss
     * probe when it repeats the last segment sent (RFC 8985 §7.3).
     */
    private final class Sending {
        final List<Outstanding> queue = new ArrayList<>();
        final List<long[]> sacked = new ArrayList<>();
        boolean started;
        long una;
        long nxt;
        int duplicates;
        int lastWindow = -1;
        /** Without SACK, where loss recovery ends (RFC 6582's "recover"), or none. */
        Long recovery;
        /** The latest transmission known delivered (RACK's RACK.xmit_ts, as a story index), or -1. */
        int delivered = -1;
        /** When the capture shows the last segment this side received, in nanoseconds; -1 before any. */
        long lastInput = -1;

        void sent(StorySegment s) {
            long start = s.rs;
            long end = s.end();
            if (!started) {
                started = true;
                una = start;
                nxt = start;
            }
            if (start >= nxt) {
                queue.add(new Outstanding(start, end, s.length > 0, s.packet == null, s.index));
                nxt = end;
                return;
            }
            boolean known = true;
            boolean unseen = true;
            Text other = null;
            for (Outstanding o : queue) {
                if (o.overlaps(start, end) && !o.lossSeen) {
                    known = false;
                    unseen &= o.unseen && o.sentAt == o.firstSentAt;
                    other = o.otherSign != null && (other == null || other.equals(o.otherSign)) ? o.otherSign : Text.EMPTY;
                }
            }
            if (s.packet != null && start <= una && lastInput >= 0
                    && s.packet.timestampNanos() - lastInput >= silence) {
                // Nothing came in for longer than an exchange takes: whatever called for it, a timer sent it.
                timer(s, Timer.RTO, Text.of("imported.timer.silence", seconds(s.packet.timestampNanos() - lastInput)));
            } else if (!known && s.packet != null) {
                if (other != null && !other.equals(Text.EMPTY)) {
                    s.addNote(other);
                } else if (unseen && start > una) {
                    s.addNote(Text.of("imported.note.firstSendingUnseen", StorySegment.sideName(s.side)));
                } else {
                    timer(s, start <= una ? Timer.RTO : end >= nxt ? Timer.PTO : null, Text.of("imported.timer.uncalled"));
                }
            }
            for (Outstanding o : queue) {
                if (o.overlaps(start, end)) {
                    o.lossSeen = false;
                    o.otherSign = null;
                    o.sentAt = s.index;
                }
            }
            if (end > nxt) {
                queue.add(new Outstanding(nxt, end, true, false, s.index));
                nxt = end;
            }
        }

        /** Seconds as the notes give them, to the millisecond. */
        private static String seconds(long nanos) {
            return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
        }

        /** {@code why}: what the note says besides the time, for the retransmission timer. */
        private void timer(StorySegment s, Timer timer, Text why) {
            StorySegment first = firstSending(s);
            Text since = first == null || first.packet == null ? null : Text.of("imported.timer.since",
                    seconds(s.packet.timestampNanos() - first.packet.timestampNanos()), first.packet.number());
            if (timer == Timer.RTO) {
                queue.forEach(o -> o.lossSeen = true);
                recovery = sackWritten ? null : Long.valueOf(nxt);
                s.timer = timer;
                s.timerNote = since == null ? why : Text.of("imported.timer.sinceWhy", since, why);
            } else if (timer == Timer.PTO) {
                s.timer = timer;
                s.timerNote = since == null ? Text.of("imported.timer.probe", StorySegment.sideName(s.side))
                        : Text.of("imported.timer.probeSince", since, StorySegment.sideName(s.side));
            } else {
                s.addNote(Text.of("imported.note.unprompted"));
            }
        }

        void received(StorySegment h) {
            if (h.packet != null) {
                lastInput = Math.max(lastInput, h.packet.timestampNanos());
            }
            if (!started || !h.has(TcpPacket.ACK) || h.has(TcpPacket.RST)) {
                return;
            }
            long ack = h.ra;
            if (ack > una && ack <= nxt) {
                una = ack;
                for (Outstanding o : queue) {
                    if (o.end <= ack) {
                        delivered = Math.max(delivered, o.sentAt);
                    }
                }
                queue.removeIf(o -> o.end <= ack);
                sacked.removeIf(r -> r[1] <= ack);
                duplicates = 0;
                if (recovery != null && ack < recovery && !queue.isEmpty()) {
                    mark(queue.get(0), Text.of("imported.note.partialAck"));
                } else {
                    recovery = null;
                }
            } else if (ack == una && h.length == 0 && !h.has(TcpPacket.SYN) && !h.has(TcpPacket.FIN)
                    && (h.window < 0 || lastWindow < 0 || h.window == lastWindow)
                    && queue.stream().anyMatch(o -> o.data) && ++duplicates == 3) {
                queue.get(0).lossSeen = true;
                recovery = sackWritten ? null : Long.valueOf(nxt);
            }
            if (h.window >= 0 && ack >= una && ack <= nxt) {
                lastWindow = h.window;
            }
            if (sackWritten) {
                long highest = Long.MIN_VALUE;
                for (int k = 0; k < h.sack.length; k += 2) {
                    if (h.sack[k + 1] > una) {
                        sacked.add(new long[] {h.sack[k], h.sack[k + 1]});
                        highest = Math.max(highest, h.sack[k + 1]);
                    }
                }
                for (Outstanding o : queue) {
                    if (sackedWhole(o)) {
                        delivered = Math.max(delivered, o.sentAt);
                    } else if (o.start < highest) {
                        o.lossSeen = true;
                    }
                }
            }
            // RACK needs SACK (RFC 8985 §4): without it, only the cumulative ACK says what was delivered.
            for (Outstanding o : queue) {
                if (reportsSack[h.side.ordinal()] && o.sentAt < delivered && !sackedWhole(o)) {
                    mark(o, Text.of("imported.note.rack"));
                }
            }
        }

        private void mark(Outstanding o, Text sign) {
            if (!o.lossSeen && o.otherSign == null) {
                o.otherSign = sign;
            }
        }

        private boolean sackedWhole(Outstanding o) {
            return sacked.stream().anyMatch(r -> r[0] <= o.start && o.end <= r[1]);
        }
    }
}
