package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.book.Book;
import org.tcpstory.book.ContentReader;
import org.tcpstory.diagram.DiagramCache;

/**
 * The v2 example book ({@code src/test/resources/windows}): each data event's card shows the sliding window it
 * moves, names what the engine saw (duplicate ACKs, fast retransmit, timeouts, retransmissions, probes, window
 * updates) and the options written; each chapter that speaks of windows has a chart of them; in English and
 * in Chinese.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WindowPagesTest {

    static final Path BOOK = Path.of("src/test/resources/windows");

    private RenderedSite english;
    private RenderedSite chinese;

    @BeforeAll
    void renderBothLanguages(@TempDir Path dir) throws Exception {
        english = render(BOOK);
        chinese = render(SiteFixtures.inChinese(BOOK, dir.resolve("zh")));
    }

    private static RenderedSite render(Path content) throws Exception {
        Book book = Book.of(ContentReader.readSite(content));
        assertFalse(book.hasErrors(), () -> book.report().toString());
        return new SiteRenderer(null, DiagramCache.none(), 2, SiteRenderer.Mode.PUBLISH, null).render(book);
    }

    private static String page(RenderedSite site, String name) {
        return new String(site.file(name).orElseThrow(), StandardCharsets.UTF_8);
    }

    /** The HTML of the card with this id, up to the next card. */
    private static String card(String page, String anchor) {
        int start = page.indexOf("id=\"" + anchor + "\"");
        assertTrue(start > 0, anchor);
        int end = page.indexOf("class=\"event ", start);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    private static List<String> all(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void everyDataEventShowsTheSendersWindowSlidingOnOneScale() {
        String page = page(english, "sliding-window.html");
        assertEquals(8, all(page, "(class=\"window-strip\")").size(), "every card of the chapter moves the sender's window");
        assertEquals(8, all(page, "<p class=\"window-strip-head\"><span class=\"peer peer-0\" title=\"(sender)\">").size(),
                "the sender's, on its data and on the receiver's acknowledgments");
        // The sender's farthest reach is 5000 acknowledged + 2000: 7000 bytes over the 920 units before the tail.
        String first = card(page, "ev-13");
        assertTrue(first.contains("<rect class=\"ws-usable\" x=\"0\" y=\"0\" width=\"394\" height=\"20\"/>"), first);
        assertTrue(first.contains("<rect class=\"ws-beyond\" x=\"394\" y=\"0\" width=\"606\" height=\"20\"/>"), first);
        assertTrue(first.contains("x1=\"394\" x2=\"394\""), "the window's edge: " + first);
        for (String words : List.of("acknowledged 0", "in flight 0", "can still send 3000", "window 3000")) {
            assertTrue(first.contains(words), words + " in " + first);
        }
        String full = card(page, "ev-22");
        assertTrue(full.contains("<rect class=\"ws-in-flight\" x=\"0\" y=\"0\" width=\"394\"") && full.contains("can still send 0")
                && !full.contains("<rect class=\"ws-usable\""), "three segments fill the window: " + full);
        String slid = card(page, "ev-32");
        assertTrue(slid.contains("<rect class=\"ws-acknowledged\" x=\"0\" y=\"0\" width=\"657\"")
                && slid.contains("window 2000"), "acknowledged 5000 of 7000: " + slid);
    }

    @Test
    void theMarksOfLossAndRecoveryAreNamedOnTheirCards() {
        String page = page(english, "fast-retransmit.html");
        assertEquals(List.of("dup ACK 1", "dup ACK 2", "dup ACK 3", "fast retransmit", "retransmission"),
                all(page, "<span class=\"marker mark-[a-z-]+\" title=\"[^\"]+\">([^<]+)</span>"));
        assertTrue(page.contains("<span class=\"marker mark-dup-ack\" title=\"the same acknowledgment again while data is"
                + " outstanding: a sign that a segment is missing (RFC 5681 §2)\">dup ACK 2</span>"), page);

        String timeout = page(english, "timeout.html");
        String wait = card(timeout, "ev-21");
        assertTrue(wait.contains("<span class=\"marker mark-timeout\" title=\"") && wait.contains(
                "<span class=\"peer peer-0\" title=\"sender\">Sender</span> timer expired</span>"), wait);
        assertTrue(card(timeout, "ev-22").contains(">retransmission</span>"), "the resend after it");

        String zero = page(english, "zero-window.html");
        assertTrue(card(zero, "ev-22").contains(">zero-window probe</span>"), zero);
        assertTrue(card(zero, "ev-22").contains("window 0: closed"), "the probe goes into a closed window");
        assertTrue(card(zero, "ev-29").contains(">window update</span>") && card(zero, "ev-29").contains("window 2000"));
    }

    @Test
    void theOptionsAreWrittenOnTheCardsAsTheAuthorWroteThem() {
        String syn = card(page(english, "fast-retransmit.html"), "ev-11");
        assertTrue(syn.contains("<span class=\"field field-option\"><span class=\"field-name\">mss=</span>"
                + "<span class=\"field-value\">1000</span></span>"), syn);
        assertTrue(syn.contains("<span class=\"field field-option\"><span class=\"field-value\">sackOK</span></span>"), syn);
        assertFalse(syn.contains("window-strip"), "a SYN moves no sliding window");
        String sack = card(page(english, "fast-retransmit.html"), "ev-24");
        assertTrue(sack.contains("<span class=\"field-name\">sack=</span><span class=\"field-value\">3001:4001</span>"), sack);
        String ts = card(page(english, "options.html"), "ev-15");
        assertTrue(ts.contains("<span class=\"field-name\">ts=</span><span class=\"field-value\">100/0</span>"), ts);
    }

    @Test
    void aChapterThatSpeaksOfWindowsHasAChartOfEachSendersWindows() {
        String options = page(english, "options.html");
        assertEquals(List.of("ts-windows-0", "ts-windows-1"),
                all(options, "<figure class=\"window-chart-figure\" id=\"([^\"]+)\">"), "both peers send data");
        String sliding = page(english, "sliding-window.html");
        assertTrue(sliding.contains("<svg class=\"window-chart\" viewBox=\"0 0 600 250\" role=\"img\""
                + " aria-labelledby=\"ts-windows-0-caption\""), sliding);
        assertTrue(sliding.contains("<figcaption id=\"ts-windows-0-caption\">"), "the chart's name is its caption");
        assertEquals(8, all(sliding, "<tr (data-step)=\"\\d+\">").size(), "a row of numbers per event");
        assertFalse(sliding.contains("class=\"wc-cwnd\"") || sliding.contains("wc-key-cwnd"), "congestion control is off");

        String congestion = page(english, "congestion.html");
        for (String part : List.of("class=\"wc-window\"", "class=\"wc-flight\"", "class=\"wc-cwnd\"",
                "class=\"wc-ssthresh\"", "class=\"wc-loss\"", "wc-key-cwnd", "wc-key-ssthresh", "wc-key-loss")) {
            assertTrue(congestion.contains(part), part);
        }
        String start = card(congestion, "ev-18");
        assertTrue(start.contains("cwnd 4000"), "the strip names cwnd: " + start);
        assertTrue(card(congestion, "ev-40").contains("ssthresh 2500"), "set by the fast retransmit");
    }

    @Test
    void everyWordIsInTheSitesLanguageInThePageAndItsDiagrams() {
        String page = page(chinese, "fast-retransmit.html");
        for (String words : List.of("第 1 个重复 ACK", "第 3 个重复 ACK", "快速重传", "重传", "滑动窗口", "已确认 0",
                "窗口随故事的变化", "接收方的窗口", ">事件</text>", ">字节</text>")) {
            assertTrue(page.contains(words), words);
        }
        assertTrue(page.contains("第 3 个重复 ACK · 快速重传"), "the sequence diagram's mark, in Chinese");
        assertTrue(page.contains("<span class=\"wc-key wc-key-flight\" aria-hidden=\"true\"></span>已发未确认</li>")
                && page.contains("<span class=\"ws-key ws-in-flight\" aria-hidden=\"true\"></span>已发未确认 "),
                "the chart's legend names the bytes in flight as the strips do");
        for (String english : List.of("dup ACK", "fast retransmit", "window-strip-title\">sliding window", "acknowledged 0")) {
            assertFalse(page.contains(english), english);
        }
        assertTrue(page(chinese, "timeout.html").contains("计时器到期"), "the timer, on the card and the lifeline");
    }

    @Test
    void aChapterWithoutWindowsHasStripsOnItsDataButNoChartAndAHandshakeNeither(@TempDir Path dir) throws Exception {
        RenderedSite story = render(SiteFixtures.story(dir.resolve("content")));
        String talk = page(story, "talk.html");
        assertTrue(talk.contains("class=\"window-strip\"") && talk.contains("ws-unlimited"), "no window advertised: " + talk);
        assertFalse(talk.contains("window-chart"), "bytes in flight alone: no chart");
        String hello = page(story, "hello.html");
        assertFalse(hello.contains("window-strip") || hello.contains("window-chart"), "no data, no window to show");
    }

    @Test
    void aProbeTimeoutCardNamesWhoseTimerFiredAsATimeoutCardDoes(@TempDir Path dir) throws Exception {
        Path content = Files.createDirectories(dir.resolve("content"));
        SiteFixtures.write(content.resolve("01-probe.md"), """
                ---
                title: probe
                peers:
                  a: { label: "A", state: ESTABLISHED, seq: u }
                  b: { label: "B", state: ESTABLISHED, seq: v }
                ---
                ```tcp
                a -x b: ACK, PSH, seq=u, ack=v, len=10
                wait PTO
                a -> b: ACK, PSH, seq=u, ack=v, len=10
                b -> a: ACK, seq=v, ack=u+10
                ```
                """);
        String wait = card(page(render(content), "probe.html"), "ev-9");
        assertTrue(wait.contains("<span class=\"marker mark-probe-timeout\" title=\"")
                && wait.contains("<span class=\"peer peer-0\" title=\"a\">A</span> probe timer expired</span>"), wait);
        assertFalse(wait.contains("title=\"b\""), "b has nothing outstanding: its probe timer does not fire");
    }

    @Test
    void anAcknowledgmentShowsTheWindowOnlyWhenItMovesIt(@TempDir Path dir) throws Exception {
        Path content = Files.createDirectories(dir.resolve("content"));
        SiteFixtures.write(content.resolve("01-close.md"), """
                ---
                title: close
                peers:
                  a: { label: "A", state: ESTABLISHED, seq: u }
                  b: { label: "B", state: ESTABLISHED, seq: v }
                ---
                ```tcp
                b -> a: ACK, seq=v, ack=u, win=100
                a -> b: ACK, PSH, seq=u, ack=v, len=10
                b -> a: ACK, seq=v, ack=u+10
                b -> a: FIN, ACK, seq=v, ack=u+10
                a -> b: ACK, seq=u+10, ack=v+1
                ```
                """);
        String page = page(render(content), "close.html");
        assertEquals(3, all(page, "(class=\"window-strip\")").size(), "the advertisement, the data and its ACK: " + page);
        assertFalse(card(page, "ev-11").contains("window-strip"), "a FIN that acknowledges nothing new moves no window");
        assertFalse(card(page, "ev-12").contains("window-strip"), "b sends no data: its window is not drawn");
    }
}
