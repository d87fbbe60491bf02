package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.StoryEngine;
import org.tcpstory.engine.TcpState;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.ChapterParser;
import org.tcpstory.story.SiteSettings;
import org.tcpstory.story.TcpBlock;

class ProseRendererTest {

    private static Chapter chapter(String text) {
        return new ChapterParser().parse("c.md", text.getBytes(StandardCharsets.UTF_8)).chapter().orElseThrow();
    }

    @Test
    void tcpBlockIsReplacedInPlace() {
        Chapter chapter = chapter(SiteFixtures.HELLO);
        TcpBlock block = chapter.blocks().get(0);
        String html = new ProseRenderer(false).render(chapter.prose(), Map.of(block.node(), "<div class=\"cards\">CARDS</div>"));
        int before = html.indexOf("<p>他开口了。</p>");
        int cards = html.indexOf("<div class=\"cards\">CARDS</div>");
        int after = html.indexOf("<p>连接建立了。</p>");
        assertTrue(before >= 0 && before < cards && cards < after, html);
        assertFalse(html.contains("<pre>"), html);
    }

    @Test
    void eventsTemplateRendersOneCardPerEvent() throws Exception {
        Chapter chapter = chapter(SiteFixtures.HELLO);
        ChapterResult result = new StoryEngine().validate(List.of(chapter)).get(0);
        Words words = Words.load(null, "zh-CN");
        List<Views.PeerView> peers = List.of(
                new Views.PeerView("boy", "男生", 0, Views.StateLink.of(result.initialStates().get(0), words)),
                new Views.PeerView("girl", "女孩", 1, Views.StateLink.of(result.initialStates().get(1), words)));
        Views.BlockView block = new EventCards(result, peers, words, List.of(7, 9, 11, -1)).blocks().get(0);
        assertEquals(4, block.cards().size());
        assertEquals(List.of("send", "send", "send", "expect"), block.cards().stream().map(Views.CardView::kind).toList());
        Views.SegmentCard synAck = (Views.SegmentCard) block.cards().get(1);
        assertEquals(List.of("SYN", "ACK"), synAck.flags());
        assertEquals("x+1", synAck.ack().written());
        assertEquals("SYN-SENT", synAck.changes().get(1).before().name());
        assertEquals("ESTABLISHED", synAck.changes().get(1).after().name());
        assertEquals(new Views.StepView(1, List.of(Views.StateLink.of(TcpState.ESTABLISHED, words),
                Views.StateLink.of(TcpState.SYN_RECEIVED, words)), 9), synAck.step());
        assertNull(block.cards().get(3).step(), "the step-through passes over expect lines");

        String html = render(block, words);
        assertEquals(4, html.split("class=\"event ", -1).length - 1, html);
        assertTrue(html.contains("<span class=\"peer peer-0\" title=\"boy\">男生</span>"), html);
        assertTrue(html.contains("RFC 9293 §3.10.7.3"), html);
        assertTrue(html.contains("✓ 已核对"), html);
        assertTrue(html.contains("data-step=\"1\" data-states=\"established syn-received\" data-arrow=\"9\""), html);
        // Compact: the SYN,ACK card says that boy moved, and does not repeat girl, who stays in SYN-RECEIVED.
        String synAckCard = html.substring(html.indexOf("id=\"ev-" + synAck.line() + "\""),
                html.indexOf("id=\"ev-" + block.cards().get(2).line() + "\""));
        assertTrue(synAckCard.contains("state-syn-sent"), synAckCard);
        assertFalse(synAckCard.contains("state-syn-received"), synAckCard);
        assertTrue(synAckCard.contains(words.rule("syn-ack-received")), "the rule, in the site's language");
    }

    @Test
    void aSegmentCardShowsItsOptionsAsWritten() throws Exception {
        Chapter chapter = chapter(SiteFixtures.HELLO
                .replace("boy -> girl: SYN=1, seq=x", "boy -> girl: SYN=1, seq=x, mss=1460, wscale=7, sackOK")
                .replace("ack=x+1", "ack=x+1, mss=1400, sackOK"));
        ChapterResult result = new StoryEngine().validate(List.of(chapter)).get(0);
        assertTrue(result.isValid(), () -> result.diagnostics().toString());
        Words words = Words.load(null, "en");
        List<Views.PeerView> peers = List.of(
                new Views.PeerView("boy", "boy", 0, Views.StateLink.of(result.initialStates().get(0), words)),
                new Views.PeerView("girl", "girl", 1, Views.StateLink.of(result.initialStates().get(1), words)));
        Views.BlockView block = new EventCards(result, peers, words, List.of(7, 9, 11, -1)).blocks().get(0);
        assertEquals(List.of(new Views.OptionView("mss", "1460"), new Views.OptionView("wscale", "7"),
                new Views.OptionView("sackOK", null)), ((Views.SegmentCard) block.cards().get(0)).options());
        assertEquals(List.of(new Views.OptionView("mss", "1400"), new Views.OptionView("sackOK", null)),
                ((Views.SegmentCard) block.cards().get(1)).options());
        assertEquals(List.of(), ((Views.SegmentCard) block.cards().get(2)).options(), "the ACK has none");
        String html = render(block, words);
        String syn = html.substring(html.indexOf("id=\"ev-" + block.cards().get(0).line() + "\""),
                html.indexOf("id=\"ev-" + block.cards().get(1).line() + "\""));
        assertTrue(syn.contains(option("mss=", "1460") + option("wscale=", "7")
                + "<span class=\"field field-option\"><span class=\"field-value\">sackOK</span></span>"), syn);
    }

    private static String option(String name, String value) {
        return "<span class=\"field field-option\"><span class=\"field-name\">" + name
                + "</span><span class=\"field-value\">" + value + "</span></span>";
    }

    private static String render(Views.BlockView block, Words words) throws Exception {
        Map<String, Object> model = new java.util.HashMap<>();
        model.put("site", SiteSettings.defaults());
        model.put("t", words.all());
        model.put("root", "");
        model.put("block", block);
        return new Templates(null).render("events.ftlh", model);
    }

    @Test
    void headingsAreNotedWithTheIdsTheirAnchorsGet() {
        Chapter chapter = chapter(SiteFixtures.HELLO.replace("连接建立了。", "## 为什么是三次？\n\n### Two `SYN`s\n\n连接建立了。"));
        ProseRenderer.Rendered rendered = new ProseRenderer(false).renderWithHeadings(chapter.prose(), Map.of());
        assertEquals(List.of(new Views.HeadingView(2, "为什么是三次", "为什么是三次？"),
                new Views.HeadingView(3, "two-syns", "Two SYNs")), rendered.headings());
        for (Views.HeadingView h : rendered.headings()) {
            assertTrue(rendered.html().contains("<h" + h.level() + " id=\"" + h.id() + "\">"), rendered.html());
        }
    }

    @Test
    void rawHtmlIsEscapedByDefault() {
        String markdown = "a <b onclick=\"x()\">bold</b>\n\n<div class=\"x\">block</div>\n";
        String escaped = SiteFixtures.renderMarkdown(false, markdown);
        assertFalse(escaped.contains("<b "), escaped);
        assertFalse(escaped.contains("<div"), escaped);
        assertTrue(escaped.contains("&lt;b onclick=&quot;x()&quot;&gt;"), escaped);
        String raw = SiteFixtures.renderMarkdown(true, markdown);
        assertTrue(raw.contains("<b onclick=\"x()\">bold</b>"), raw);
        assertTrue(raw.contains("<div class=\"x\">block</div>"), raw);
    }

    @Test
    void javascriptLinksAreNeutralised() {
        for (boolean raw : new boolean[] {false, true}) {
            String html = SiteFixtures.renderMarkdown(raw, "[click](javascript:alert(1)) ![i](JavaScript:x)\n");
            assertFalse(html.toLowerCase().contains("javascript:"), html);
            assertTrue(html.contains(">click</a>"), html);
        }
    }

    @Test
    void autolinksTablesAndHeadingAnchors() {
        String html = SiteFixtures.renderMarkdown(false, "## Why three?\n\nsee https://www.rfc-editor.org/rfc/rfc9293\n\n"
                + "| a | b |\n| --- | --- |\n| 1 | 2 |\n");
        assertTrue(html.contains("<h2 id=\"why-three\">"), html);
        assertTrue(html.contains("href=\"https://www.rfc-editor.org/rfc/rfc9293\">https://www.rfc-editor.org/rfc/rfc9293</a>"), html);
        assertTrue(html.contains("<table tabindex=\"0\">"), "a table that scrolls can be reached with the keyboard: " + html);
    }

    @Test
    void autolinksInChapterProse() {
        Chapter chapter = chapter(SiteFixtures.HELLO.replace("他开口了。", "见 https://example.org/x 。"));
        String html = new ProseRenderer(false).render(chapter.prose(), Map.of());
        assertTrue(html.contains("href=\"https://example.org/x\">https://example.org/x</a>"), html);
        assertTrue(html.contains("language-tcp"), "without cards the block stays code");
    }

    /** Chinese prose wrapped in the source reads as one run of text: no line break a browser shows as a space. */
    @Test
    void aLineBreakInChineseProseIsNoSpaceOnThePageOrInItsText() {
        Chapter chapter = chapter(SiteFixtures.HELLO.replace("他开口了。", "他深吸一口气，\n开口了。\nHe said\nhello."));
        String html = new ProseRenderer(false).render(chapter.prose(), Map.of());
        assertTrue(html.contains("<p>他深吸一口气，开口了。He said\nhello.</p>"), html);

        org.commonmark.node.Node paragraph = chapter.prose().getFirstChild();
        while (!(paragraph instanceof org.commonmark.node.Paragraph p && ProseRenderer.text(p).startsWith("他深吸"))) {
            paragraph = paragraph.getNext();
        }
        assertEquals("他深吸一口气，开口了。He said hello.", ProseRenderer.text(paragraph));
    }
}
