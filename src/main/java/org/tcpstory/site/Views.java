package org.tcpstory.site;

import freemarker.core.TemplateHTMLOutputModel;
import java.util.List;
import java.util.Locale;
import org.tcpstory.engine.TcpState;

/**
 * What the templates see. Every value is plain data; links ({@code href}) are relative to the site's
 * root folder, so templates write {@code ${root}${x.href}} and pages work from any folder, including
 * {@code file://}. HTML that tcpstory made (prose, diagrams) is already markup and is not escaped again.
 */
public final class Views {

    private Views() {
    }

    /**
     * A state as a link to its page. {@code key} is the file name part and CSS class: {@code fin-wait-1};
     * {@code meaning} is in the site's language.
     */
    public record StateLink(String name, String key, String href, String meaning) {
        public static StateLink of(TcpState state, Words words) {
            String key = keyOf(state);
            return new StateLink(state.displayName(), key, "states/" + key + ".html", words.state(state));
        }

        /** The state's page name and CSS class, {@code fin-wait-1}. */
        public static String keyOf(TcpState state) {
            return state.displayName().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A peer of a chapter.
     *
     * @param index 0 or 1: the side it is drawn on, and its colour ({@code peer-0}, {@code peer-1})
     */
    public record PeerView(String id, String label, int index, StateLink initial) {
    }

    /** A number as the author wrote it ({@code x+1}) and, where the engine knows it, its value. */
    public record NumberView(String written, String value) {
    }

    /**
     * What an event did to one peer it touched.
     *
     * @param changed   whether its state changed (cards show only these: a peer that stays is not repeated)
     * @param reference the RFC section behind the rule, or an empty string
     * @param summary   the rule in one sentence, in the site's language
     */
    public record ChangeView(PeerView peer, StateLink before, StateLink after, boolean changed, String rule,
                             String reference, String summary) {
    }

    /**
     * Where an event is in the step-through of its chapter.
     *
     * @param index       0-based among the events the step-through visits (not {@code expect} nor {@code note})
     * @param states      every peer's state after the event, in the order of the chapter's peers
     * @param arrowLine   the {@code data-source-line} of the arrow the sequence diagram draws for it, or -1
     */
    public record StepView(int index, List<StateLink> states, int arrowLine) {
    }

    /**
     * A warning the checker left, shown where it occurs.
     *
     * @param summary its rule in one sentence, in the site's language
     * @param message what the checker said about this place
     * @param anchor  the card it belongs to, or null when no card is on its line
     */
    public record WarningView(String rule, String summary, String message, int line, String anchor) {
    }

    /** One claim of an {@code expect} line, which the engine checked. */
    public record ClaimView(PeerView peer, StateLink state) {
    }

    /**
     * One event of a {@code tcp} block, as a card: one type per kind of event. Templates switch on
     * {@code kind}: {@code send}, {@code arrival}, {@code call}, {@code wait}, {@code expect} or {@code note}.
     */
    public sealed interface CardView permits SegmentCard, CallCard, WaitCard, ExpectCard, NoteCard {
        String kind();

        /** The card's id in the page. */
        String anchor();

        /** The event's line in the chapter file. */
        int line();

        /** Warnings the engine left on this event. */
        List<WarningView> warnings();

        /** Its place in the step-through, or null for a card the step-through passes over. */
        StepView step();
    }

    /**
     * A segment sent, or one in flight that arrives.
     *
     * @param kind     {@code send} or {@code arrival}
     * @param from     the sender; null for the arrival of a segment the story never sent
     * @param delivery {@code delivered}, {@code in-flight}, {@code lost} or {@code arrives}
     * @param old      an old duplicate ({@code old A -> B})
     * @param flags    the flags that are on, in the order SYN FIN RST PSH ACK URG
     * @param seq      null when the segment has no seq
     * @param ack      null when the segment has no ack
     * @param data     the payload text, or null
     * @param length   payload octets
     * @param window   {@code win=}, or null
     * @param options  the TCP options as written, in the order mss, wscale, sackOK, sack, ts
     * @param marks    what the engine saw in it: a duplicate ACK, a retransmission, a probe, a window update
     * @param strip    the sliding window it moves (its sender's, or for an acknowledgment its receiver's), or
     *                 null when it moves none
     * @param changes  what happened to each peer: those the event touched first, in order, then the others
     */
    public record SegmentCard(String kind, String anchor, int line, PeerView from, PeerView to, String delivery,
                              boolean old, String flightName, List<String> flags, NumberView seq, NumberView ack,
                              String data, long length, Long window, List<OptionView> options, List<MarkView> marks,
                              WindowStripView strip, List<ChangeView> changes, List<WarningView> warnings,
                              StepView step) implements CardView {
    }

    /** A TCP option of a segment in the author's notation: {@code mss=1460}; {@code value} is null for {@code sackOK}. */
    public record OptionView(String name, String value) {
    }

    /**
     * Something the engine saw in an event, named on its card.
     *
     * @param kind  {@code dup-ack}, {@code fast-retransmit}, {@code timeout}, {@code retransmission}, {@code probe}
     *              or {@code window-update} (the CSS class is {@code mark-<kind>})
     * @param peer  the peer it concerns: the one that counts a duplicate ACK, whose timer expired, that sends
     * @param text  what the card says, in the site's language: "dup ACK 2"
     * @param title what it means, in one sentence
     */
    public record MarkView(String kind, PeerView peer, String text, String title) {
    }

    /**
     * A peer's sliding window after an event, in bytes counted from the first byte it sent, and drawn: the
     * parts of a strip {@link WindowStrip#WIDTH} wide, on a scale shared by every strip of that peer in the
     * chapter, so that the window is seen to slide from card to card.
     *
     * @param usable   what it may still send, or -1 when nothing limits it (no window advertised)
     * @param window   the other peer's window as this peer knows it (SND.WND), or -1 when never advertised
     * @param cwnd     the congestion window, or -1 when congestion control is off
     * @param ssthresh the slow-start threshold, or -1 (off, or still arbitrarily high)
     * @param zones    {@code acknowledged}, {@code in-flight}, {@code usable}, {@code unlimited} (usable with no
     *                 edge), {@code beyond}: left to right, none empty
     * @param edges    the right edges, {@code window} and {@code cwnd}: a width of 0
     */
    public record WindowStripView(PeerView peer, long acknowledged, long inFlight, long usable, long window,
                                  long cwnd, long ssthresh, List<StripPart> zones, List<StripPart> edges) {
    }

    /** A part of a window strip: where it starts and how wide it is, in the strip's units. */
    public record StripPart(String kind, int x, int width) {
    }

    /**
     * The chart of one peer's windows over a chapter, and its numbers as a table.
     *
     * @param id         the chart's id in the page, prefix of the ids inside its SVG
     * @param svg        the chart ({@link WindowChart})
     * @param advertised whether the other peer ever advertised a window: else the chart has no window line
     * @param congestion whether congestion control is on: the chart then has cwnd and ssthresh
     * @param losses     whether the peer's timer expired or a fast retransmit was called: the chart marks them
     * @param rows       the numbers after every event the step-through visits
     */
    public record WindowChartView(String id, PeerView peer, TemplateHTMLOutputModel svg, boolean advertised,
                                  boolean congestion, boolean losses, List<ChartRow> rows) {
    }

    /**
     * One event of a window chart, as its table shows it.
     *
     * @param step   1-based, as the step-through counts
     * @param anchor the event's card
     * @param marks  what the engine saw in it, in words, or an empty string
     * @param window the receiver's window as the sender knows it, or -1 (never advertised)
     */
    public record ChartRow(int step, String anchor, String marks, long window, long inFlight, long cwnd,
                           long ssthresh) {
    }

    /** A call ({@code listen}, {@code close}, {@code abort}) by {@code from}; {@code text} is its name. */
    public record CallCard(String anchor, int line, PeerView from, String text, List<ChangeView> changes,
                           List<WarningView> warnings, StepView step) implements CardView {
        @Override
        public String kind() {
            return "call";
        }
    }

    /**
     * Time passing; {@code text} is the wait's label ({@code 2MSL}, {@code RTO}).
     *
     * @param marks the retransmission timers that expired, one per peer
     */
    public record WaitCard(String anchor, int line, String text, List<MarkView> marks, List<ChangeView> changes,
                           List<WarningView> warnings, StepView step) implements CardView {
        @Override
        public String kind() {
            return "wait";
        }
    }

    /** An {@code expect} line, which the engine checked. */
    public record ExpectCard(String anchor, int line, List<ClaimView> claims, List<WarningView> warnings)
            implements CardView {
        @Override
        public String kind() {
            return "expect";
        }

        @Override
        public StepView step() {
            return null;
        }
    }

    /** A note attached to {@code peers}. */
    public record NoteCard(String anchor, int line, String text, List<PeerView> peers, List<WarningView> warnings)
            implements CardView {
        @Override
        public String kind() {
            return "note";
        }

        @Override
        public StepView step() {
            return null;
        }
    }

    /** The cards of one {@code tcp} block, rendered by {@code events.ftlh} in place of the block. */
    public record BlockView(String anchor, List<PeerView> peers, List<CardView> cards) {
    }

    /** A link to a chapter page. */
    public record ChapterLink(String slug, String title, String href) {
    }

    /**
     * A chapter as the home page and other pages list it.
     *
     * @param number   1-based place in reading order
     * @param states   the states its peers pass through, in the order they are first reached
     * @param warnings the engine's warnings (the chapter is valid: it has no errors)
     * @param continues the chapter it continues, or null
     */
    public record ChapterView(int number, String slug, String title, String summary, String href,
                              List<PeerView> peers, List<StateLink> states, boolean validated, long warnings,
                              ChapterLink continues) {
        public ChapterLink link() {
            return new ChapterLink(slug, title, href);
        }
    }

    /**
     * A diagram shown in a page.
     *
     * @param kind  {@code sequence} or {@code states}
     * @param svg   the SVG, its ids made unique in the page
     * @param width its width in CSS pixels, as drawn
     */
    public record DiagramView(String kind, TemplateHTMLOutputModel svg, String svgHref, String pumlHref, int width) {
    }

    /**
     * A chapter in the navigation of a chapter page.
     *
     * @param number its number as pages show it ({@code 03})
     * @param gap    whether chapters are left out before it (a long book lists those around the current one)
     */
    public record NavEntry(ChapterView chapter, String number, boolean gap, boolean current) {
    }

    /** A heading of a page's prose, for its contents: level 2 or 3, its anchor and its text. */
    public record HeadingView(int level, String id, String text) {
    }

    /**
     * The states one peer passes through in a chapter, each with the step that brought it there.
     *
     * @param stops the states in order; the first is where the peer starts
     */
    public record PathView(PeerView peer, List<PathStop> stops) {
    }

    /**
     * One state on a peer's path.
     *
     * @param step the step-through index of the event that entered it, or -1 for the state the peer starts in
     * @param rule the rule that brought it there (empty for the start), in the site's language
     */
    public record PathStop(StateLink state, int step, String rule) {
    }

    /** An arc of the state machine, from the engine's own table. */
    public record EdgeView(StateLink from, StateLink to, String event, String sends, String rule, String reference,
                           String summary) {
    }

    /** A state's page. */
    public record StateView(StateLink state, int number, List<EdgeView> entering, List<EdgeView> leaving,
                            List<ChapterView> chapters) {
    }

    /**
     * A language of the site, as the language switch of one page shows it. A book in one language has none.
     *
     * @param language its tag, for {@code lang} and {@code hreflang} ({@code zh-CN})
     * @param name     its name in its own words ({@code 中文}, {@code English})
     * @param href     this page in that language, from this page ({@code ../en/handshake.html}); that language's
     *                 home page when it has no twin of this page
     * @param url      the same, absolute when the site has a base URL, as {@code hreflang} links want it
     * @param current  whether it is this page's own language
     * @param twin     whether that language has this very page
     */
    public record LanguageLink(String language, String name, String href, String url, boolean current, boolean twin) {
    }

    /**
     * A language on the page that lists them all, in its own words.
     *
     * @param href  its home page, from the site's root ({@code zh/index.html})
     * @param first its first chapter, from the site's root; its home page when it has none
     * @param start "Start reading" in that language
     * @param count how many chapters it has, in that language ("18 chapters")
     */
    public record EditionView(String language, String name, String title, String description, String href,
                              String first, String start, String count) {
    }

    /**
     * A page in the sitemap.
     *
     * @param loc        its address
     * @param alternates the page in every language of the site; empty for a book in one language
     */
    public record SitemapEntry(String loc, List<LanguageLink> alternates) {
    }
}
