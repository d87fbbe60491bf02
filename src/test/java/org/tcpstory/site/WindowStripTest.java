package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpstory.engine.PeerWindow;

class WindowStripTest {

    private static final Views.PeerView SENDER = new Views.PeerView("a", "A", 0, null);

    /** The engine's numbers of a sender: acknowledged, in flight, its send window, cwnd, ssthresh. */
    private static PeerWindow sender(long acknowledged, long inFlight, long window, long cwnd, long ssthresh) {
        return new PeerWindow(acknowledged, inFlight, window, 0, -1, cwnd, ssthresh);
    }

    private static Views.StripPart part(String kind, int from, int to) {
        return new Views.StripPart(kind, from, to - from);
    }

    private static Views.StripPart edge(String kind, int x) {
        return new Views.StripPart(kind, x, 0);
    }

    /** Where {@code bytes} falls on a strip whose scale is {@code scale} bytes: the strip's first 920 units. */
    private static int x(long bytes, long scale) {
        return (int) Math.round(bytes * (double) (WindowStrip.WIDTH - WindowStrip.TAIL) / scale);
    }

    @Test
    void theFourPartsFollowTheNumbersOnTheChaptersScale() {
        WindowStrip.Scale scale = new WindowStrip.Scale(6000);
        Views.WindowStripView strip = WindowStrip.of(SENDER, sender(3000, 1000, 3000, -1, -1), scale);
        assertEquals(List.of(part("acknowledged", 0, x(3000, 6000)), part("in-flight", x(3000, 6000), x(4000, 6000)),
                part("usable", x(4000, 6000), x(6000, 6000)), part("beyond", x(6000, 6000), 1000)), strip.zones());
        assertEquals(List.of(edge("window", 920)), strip.edges());
        assertEquals(2000, strip.usable());
        assertEquals(3000, strip.window());
    }

    @Test
    void theScaleReachesAsFarAsAnyWindowOfTheChapterSoEveryStripFits() {
        WindowStrip.Scale scale = WindowStrip.Scale.of(List.of(sender(0, 0, 3000, -1, -1),
                sender(3000, 1000, 3000, -1, -1), sender(5000, 0, 2000, -1, -1), PeerWindow.NONE,
                sender(100, 7000, -1, -1, -1)));
        assertEquals(7100, scale.bytes(), "the farthest right edge: 100 acknowledged and 7000 in flight");
        assertEquals(1, WindowStrip.Scale.of(List.of(PeerWindow.NONE)).bytes(), "never zero: nothing to divide by");
        for (PeerWindow w : List.of(sender(5000, 0, 2000, -1, -1), sender(100, 7000, -1, -1, -1))) {
            Views.WindowStripView strip = WindowStrip.of(SENDER, w, scale);
            int end = strip.zones().get(strip.zones().size() - 1).x() + strip.zones().get(strip.zones().size() - 1).width();
            assertEquals(WindowStrip.WIDTH, end, "the parts cover the strip");
        }
    }

    @Test
    void aZeroWindowHasNoUsablePartAndItsEdgeStandsLeftOfAProbe() {
        WindowStrip.Scale scale = new WindowStrip.Scale(3000);
        Views.WindowStripView closed = WindowStrip.of(SENDER, sender(2000, 0, 0, -1, -1), scale);
        assertEquals(List.of(part("acknowledged", 0, x(2000, 3000)), part("beyond", x(2000, 3000), 1000)), closed.zones());
        assertEquals(List.of(edge("window", x(2000, 3000))), closed.edges());
        assertEquals(0, closed.usable());

        // One byte sent into it: too narrow to see at this scale, so drawn MIN_PART wide, past the edge.
        Views.WindowStripView probe = WindowStrip.of(SENDER, sender(2000, 1, 0, -1, -1), scale);
        int sent = x(2000, 3000);
        assertEquals(List.of(part("acknowledged", 0, sent), part("in-flight", sent, sent + WindowStrip.MIN_PART),
                part("beyond", sent + WindowStrip.MIN_PART, 1000)), probe.zones());
        assertEquals(List.of(edge("window", sent)), probe.edges(), "the probe lies beyond the closed window");
    }

    @Test
    void withoutAnAdvertisedWindowWhatMayBeSentHasNoEdge() {
        Views.WindowStripView strip = WindowStrip.of(SENDER, sender(0, 30, -1, -1, -1), new WindowStrip.Scale(58));
        assertEquals(List.of(part("in-flight", 0, x(30, 58)), part("unlimited", x(30, 58), 1000)), strip.zones());
        assertEquals(List.of(), strip.edges());
        assertEquals(-1, strip.usable());
        assertEquals(-1, strip.window());
    }

    @Test
    void congestionControlDrawsBothEdgesAndTheSmallerOneEndsWhatMayBeSent() {
        WindowStrip.Scale scale = new WindowStrip.Scale(12000);
        Views.WindowStripView strip = WindowStrip.of(SENDER, sender(2000, 1000, 10000, 5000, 2500), scale);
        assertEquals(part("usable", x(3000, 12000), x(7000, 12000)), strip.zones().get(2), "up to cwnd, the smaller");
        assertEquals(List.of(edge("window", x(12000, 12000)), edge("cwnd", x(7000, 12000))), strip.edges());
        assertEquals(4000, strip.usable());
        assertEquals(2500, strip.ssthresh());

        // After a timeout cwnd is one segment, below what is in flight: its edge lies inside the bytes in flight.
        Views.WindowStripView cut = WindowStrip.of(SENDER, sender(0, 4000, -1, 1000, 2000), new WindowStrip.Scale(4000));
        assertEquals(List.of(part("in-flight", 0, x(4000, 4000)), part("beyond", x(4000, 4000), 1000)), cut.zones());
        assertEquals(List.of(edge("cwnd", x(1000, 4000))), cut.edges());
        assertEquals(0, cut.usable());
    }

    @Test
    void aPeerWithoutAConnectionHasNoStrip() {
        assertNull(WindowStrip.of(SENDER, PeerWindow.NONE, new WindowStrip.Scale(100)));
    }

    @Test
    void everyPartHoldingBytesIsVisibleAndThePartsNeverOverlap() {
        WindowStrip.Scale huge = new WindowStrip.Scale(1_000_000);
        Views.WindowStripView strip = WindowStrip.of(SENDER, sender(1, 1, 65535, -1, -1), huge);
        int at = 0;
        for (Views.StripPart zone : strip.zones()) {
            assertEquals(at, zone.x(), strip.zones().toString());
            assertTrue(zone.width() >= WindowStrip.MIN_PART, zone.toString());
            at = zone.x() + zone.width();
        }
        assertEquals(WindowStrip.WIDTH, at);
    }
}
