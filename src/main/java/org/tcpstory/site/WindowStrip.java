package org.tcpstory.site;

import java.util.ArrayList;
import java.util.List;
import org.tcpstory.engine.PeerWindow;

/**
 * A sender's sliding window as a strip, from the engine's numbers: the bytes acknowledged, those sent and not
 * yet acknowledged, those it may still send, and those beyond the window. Every strip of one peer in a chapter
 * is drawn on one {@link Scale}, from its first byte on the left, so that from card to card the window is seen
 * to slide to the right as acknowledgments come and to open and close as the receiver advertises.
 *
 * <p>Geometry only: the template draws the parts (and says their numbers in words beside them).
 */
final class WindowStrip {

    /** The strip's width in its own units: the template's {@code viewBox} is this wide. */
    static final int WIDTH = 1000;

    /** Room kept at the right end for what lies beyond the window (or, with no window, for what is unlimited). */
    static final int TAIL = 80;

    /** The narrowest a part that holds any byte is drawn: a one-byte probe stays visible beside a megabyte. */
    static final int MIN_PART = 6;

    private WindowStrip() {
    }

    /**
     * How many bytes the strips of one peer span: as far as its window ever reaches (or, with none advertised,
     * as far as it ever sent), so that no strip of the chapter runs off the end.
     */
    record Scale(long bytes) {
        static Scale of(Iterable<PeerWindow> windows) {
            long reach = 1;
            for (PeerWindow w : windows) {
                if (w.counted()) {
                    long span = Math.max(w.inFlight(), Math.max(w.sendWindow(), w.cwnd()));
                    reach = Math.max(reach, w.acknowledged() + span);
                }
            }
            return new Scale(reach);
        }

        /** Where a byte count falls on the strip, before the tail. */
        int x(long bytes) {
            return (int) Math.min(WIDTH - TAIL, Math.round((double) bytes * (WIDTH - TAIL) / this.bytes));
        }
    }

    /** The strip of one peer's window on the chapter's scale, or null when the peer has no connection. */
    static Views.WindowStripView of(Views.PeerView peer, PeerWindow w, Scale scale) {
        if (!w.counted()) {
            return null;
        }
        long acknowledged = w.acknowledged();
        long inFlight = w.inFlight();
        long usable = w.usable();
        // What limits the sender: the smaller of the receiver's window and cwnd, as far as either is known.
        long limit = w.sendWindow() < 0 ? w.cwnd() : w.cwnd() < 0 ? w.sendWindow() : Math.min(w.sendWindow(), w.cwnd());
        boolean limited = limit >= 0;
        long sentEnd = acknowledged + inFlight;
        long windowEnd = limited ? acknowledged + Math.max(limit, inFlight) : sentEnd;

        // The three boundaries between the four zones, each at least MIN_PART past the one before when its zone
        // holds any byte, and all short of the tail.
        int sent = atLeast(scale.x(acknowledged), 0, acknowledged > 0);
        int flight = atLeast(scale.x(sentEnd), sent, inFlight > 0);
        int edge = limited ? atLeast(scale.x(windowEnd), flight, windowEnd > sentEnd) : flight;

        List<Views.StripPart> zones = new ArrayList<>();
        add(zones, "acknowledged", 0, sent);
        add(zones, "in-flight", sent, flight);
        if (limited) {
            add(zones, "usable", flight, edge);
            add(zones, "beyond", edge, WIDTH);
        } else {
            add(zones, "unlimited", flight, WIDTH);
        }

        // The edge that limits the sender ends the usable zone, or lies inside the bytes in flight when more was
        // sent than the window now allows (a probe into a zero window, a window that shrank, cwnd cut by a loss).
        int limitX = !limited ? -1 : limit >= inFlight ? edge : Math.max(sent, Math.min(flight, scale.x(acknowledged + limit)));
        List<Views.StripPart> edges = new ArrayList<>();
        if (w.sendWindow() >= 0) {
            edges.add(edge("window", scale, acknowledged + w.sendWindow(), w.sendWindow() == limit, limitX));
        }
        if (w.cwnd() >= 0) {
            edges.add(edge("cwnd", scale, acknowledged + w.cwnd(), w.cwnd() == limit, limitX));
        }
        return new Views.WindowStripView(peer, acknowledged, inFlight, usable, w.sendWindow(), w.cwnd(), w.ssthresh(),
                zones, edges);
    }

    /** A boundary pushed to at least {@code MIN_PART} past the previous one when its zone holds bytes. */
    private static int atLeast(int x, int previous, boolean holdsBytes) {
        int min = holdsBytes ? previous + MIN_PART : previous;
        return Math.min(WIDTH - TAIL, Math.max(x, min));
    }

    /** A right edge: the limiting one where the zones put it, the other where its bytes fall, never left of it. */
    private static Views.StripPart edge(String kind, Scale scale, long bytes, boolean limiting, int limitX) {
        return new Views.StripPart(kind, limiting ? limitX : Math.max(scale.x(bytes), limitX), 0);
    }

    private static void add(List<Views.StripPart> parts, String kind, int from, int to) {
        if (to > from) {
            parts.add(new Views.StripPart(kind, from, to - from));
        }
    }
}
