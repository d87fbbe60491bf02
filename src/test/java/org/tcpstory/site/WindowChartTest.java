package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.StoryEngine;
import org.tcpstory.story.ChapterParser;
import org.tcpstory.story.ParseResult;

class WindowChartTest {

    @TempDir
    Path dir;

    private static final Views.PeerView SENDER = new Views.PeerView("A", "A", 0, null);

    /** Two peers in an open connection, u and v; {@code congestion: reno} when asked. */
    static ChapterResult run(boolean congestion, String... events) {
        String text = "---\ntitle: t\n" + (congestion ? "congestion: reno\n" : "")
                + "peers:\n  A: { state: ESTABLISHED, seq: u }\n  B: { state: ESTABLISHED, seq: v }\n---\n```tcp\n"
                + String.join("\n", events) + "\n```\n";
        ParseResult parsed = new ChapterParser().parse("t.md", text.getBytes(StandardCharsets.UTF_8));
        ChapterResult result = new StoryEngine().validate(List.of(parsed.chapter().orElseThrow())).get(0);
        assertTrue(result.diagnostics().isEmpty(), () -> result.diagnostics().toString());
        return result;
    }

    private static List<Integer> all(ChapterResult result) {
        List<Integer> steps = new ArrayList<>();
        for (int i = 0; i < result.steps().size(); i++) {
            steps.add(i);
        }
        return steps;
    }

    private static Views.WindowChartView chart(ChapterResult result, Words words) {
        return WindowChart.of(result, 0, SENDER, all(result), words, step -> "", "c");
    }

    private static String svg(Views.WindowChartView chart) throws Exception {
        return freemarker.core.HTMLOutputFormat.INSTANCE.getMarkupString(chart.svg());
    }

    /** The {@code d} of the path with this class. */
    private static String path(String svg, String css) {
        Matcher m = Pattern.compile("<path class=\"" + css + "\" d=\"([^\"]*)\"/>").matcher(svg);
        return m.find() ? m.group(1) : null;
    }

    /** The sliding window of scenario D3: 3000 bytes, filled, then moved on and shrunk to 2000. */
    private static final String[] FILLING = {
        "B -> A: ACK, seq=v, ack=u, win=3000",
        "A -> B: ACK, PSH, seq=u, ack=v, len=1000",
        "A -> B: ACK, PSH, seq=u+1000, ack=v, len=1000",
        "A -> B: ACK, PSH, seq=u+2000, ack=v, len=1000",
        "B -> A: ACK, seq=v, ack=u+3000, win=3000",
        "A -> B: ACK, PSH, seq=u+3000, ack=v, len=1000",
        "B -> A: ACK, seq=v, ack=u+4000, win=2000",
    };

    @Test
    void eachEventIsAColumnAndEachValueAStepOnTheBytesAxis() throws Exception {
        Views.WindowChartView chart = chart(run(false, FILLING), Words.load(null, "en"));
        String svg = svg(chart);
        // 7 columns of (600 - 64 - 16) / 7 = 74.3 units; 3000 bytes at the top (28), 0 at the bottom (206).
        assertEquals("M64 28 H138.3 V28 H212.6 V28 H286.9 V28 H361.1 V28 H435.4 V28 H509.7 V87.3 H584",
                path(svg, "wc-window"), "3000 until the last event, then 2000 (206 - 2000 * 178 / 3000)");
        assertEquals("M64 206 V206 H138.3 V146.7 H212.6 V87.3 H286.9 V28 H361.1 V206 H435.4 V146.7 H509.7 V206 H584 V206 Z",
                path(svg, "wc-flight"), "bytes in flight: 0, 1000, 2000, 3000, 0, 1000, 0");
        assertNull(path(svg, "wc-cwnd"), "congestion control is off");
        for (String label : List.of(">0</text>", ">1000</text>", ">2000</text>", ">3000</text>")) {
            assertTrue(svg.contains(label), label);
        }
        assertEquals(7, svg.split("class=\"wc-step\"", -1).length - 1, "a column per event");
        assertTrue(svg.contains("<title>event 5 · receiver&#39;s window 3000 · in flight 0</title>"), svg);
        assertTrue(chart.advertised() && !chart.congestion() && !chart.losses());
        assertEquals(new Views.ChartRow(7, "ev-14", "", 2000, 0, -1, -1), chart.rows().get(6));
        assertEquals(svg, svg(chart(run(false, FILLING), Words.load(null, "en"))), "the same bytes");
    }

    @Test
    void withCongestionControlCwndAndSsthreshAreDrawnAndALossIsMarked() throws Exception {
        ChapterResult result = run(true,
                "B -> A: ACK, seq=v, ack=u, win=8000",
                "A -> B: ACK, seq=u, ack=v, len=536",
                "B -> A: ACK, seq=v, ack=u+536, win=8000",
                "A -x B: ACK, seq=u+536, ack=v, len=536",
                "wait RTO",
                "A -> B: ACK, seq=u+536, ack=v, len=536",
                "B -> A: ACK, seq=v, ack=u+1072, win=8000");
        Views.WindowChartView chart = chart(result, Words.load(null, "zh-CN"));
        String svg = svg(chart);
        assertTrue(chart.congestion() && chart.losses());
        assertTrue(path(svg, "wc-cwnd") != null && path(svg, "wc-ssthresh") != null, svg);
        assertEquals(1, svg.split("class=\"wc-loss\"", -1).length - 1, "the timeout");
        assertTrue(svg.contains(">事件</text>") && svg.contains(">字节</text>"), "the axes in the site's language");
        assertTrue(svg.contains("<text class=\"wc-title\" x=\"" + (WindowChart.LEFT + 4) + "\" y=\""
                + (WindowChart.TOP - 10) + "\">字节</text>"),
                "the bytes' title sits above the plot, clear of the labels' column, where 10k would meet it: " + svg);
        // ssthresh is unknown (arbitrarily high) until the timeout sets it: its line starts at the timeout's column.
        double column = (600 - 64 - 16) / 7.0;
        assertTrue(path(svg, "wc-ssthresh").startsWith("M" + WindowChart.num(64 + 4 * column) + " "),
                path(svg, "wc-ssthresh"));
    }

    @Test
    void noChartWithoutAWindowToDraw() throws Exception {
        ChapterResult result = run(false, "A -> B: ACK, PSH, seq=u, ack=v, len=5", "B -> A: ACK, seq=v, ack=u+5");
        assertNull(chart(result, Words.load(null, "en")), "bytes in flight alone say no more than the cards");
    }

    @Test
    void aWindowAdvertisedLateStartsItsLineAtThatEvent() throws Exception {
        ChapterResult result = run(false,
                "A -> B: ACK, PSH, seq=u, ack=v, len=500",
                "B -> A: ACK, seq=v, ack=u+500, win=0",
                "B -> A: ACK, seq=v, ack=u+500, win=1000");
        Views.WindowChartView chart = chart(result, Words.load(null, "en"));
        String svg = svg(chart);
        assertEquals("M237.3 206 H410.7 V28 H584", path(svg, "wc-window"), "unknown, then 0, then 1000 (the top)");
        assertEquals(-1, chart.rows().get(0).window());
    }

    @Test
    void theSitesWordsAreEscapedInTheSvg() throws Exception {
        SiteFixtures.write(dir.resolve("i18n/en.properties"),
                "chart.events=<script>alert(1)</script>\nchart.desc=\"quoted\" & {n} <b>\nchart.window=a'b\n");
        Views.WindowChartView chart = chart(run(false, FILLING), Words.load(dir, "en"));
        String svg = svg(chart);
        assertFalse(svg.contains("<script>") || svg.contains("<b>"), svg);
        assertTrue(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), svg);
        assertTrue(svg.contains("&quot;quoted&quot; &amp; 7 &lt;b&gt;"), svg);
        assertTrue(svg.contains("a&#39;b 3000"), svg);
    }

    @Test
    void axesHaveRoundNumbers() {
        assertEquals(1000, WindowChart.niceStep(3000));
        assertEquals(3000, WindowChart.niceTop(3000));
        assertEquals(2000, WindowChart.niceStep(6000));
        assertEquals(8000, WindowChart.niceTop(6500));
        assertEquals(50_000, WindowChart.niceStep(131_072));
        assertEquals(150_000, WindowChart.niceTop(131_072));
        assertEquals(1, WindowChart.niceTop(0), "all zero: an axis of one byte");
        assertEquals(1, WindowChart.nice(0.4));
        assertEquals(2, WindowChart.nice(22 / 12.0));
        assertEquals("4000", WindowChart.bytes(4000, 8000));
        assertEquals("150k", WindowChart.bytes(150_000, 150_000));
        assertEquals("5k", WindowChart.bytes(5000, 10_000), "one axis, one way to write its labels: 5k beside 10k");
        assertEquals("0", WindowChart.bytes(0, 10_000));
        assertEquals(5000, WindowChart.niceStep(10_000), "past ten thousand, every step is whole thousands");
        assertEquals("87.3", WindowChart.num(87.333));
        assertEquals("64", WindowChart.num(64.0));
        assertEquals("-0.5", WindowChart.num(-0.5));
    }
}
