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

    /** A state as a link to its page. {@code key} is the file name part and CSS class: {@code fin-wait-1}. */
    public record StateLink(String name, String key, String href, String meaning) {
        public static StateLink of(TcpState state) {
            String key = state.displayName().toLowerCase(Locale.ROOT);
            return new StateLink(state.displayName(), key, "states/" + key + ".html", state.meaning());
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
     * What an event did to one peer.
     *
     * @param involved false when the event did not touch the peer (it only stays where it was)
     * @param reference the RFC section behind the rule, or an empty string
     * @param summary   the rule in one sentence
     */
    public record ChangeView(PeerView peer, StateLink before, StateLink after, boolean changed, boolean involved,
                             String rule, String reference, String summary) {
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
        List<String> warnings();
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
     * @param changes  what happened to each peer: those the event touched first, in order, then the others
     */
    public record SegmentCard(String kind, String anchor, int line, PeerView from, PeerView to, String delivery,
                              boolean old, String flightName, List<String> flags, NumberView seq, NumberView ack,
                              String data, long length, Long window, List<ChangeView> changes,
                              List<String> warnings) implements CardView {
    }

    /** A call ({@code listen}, {@code close}, {@code abort}) by {@code from}; {@code text} is its name. */
    public record CallCard(String anchor, int line, PeerView from, String text, List<ChangeView> changes,
                           List<String> warnings) implements CardView {
        @Override
        public String kind() {
            return "call";
        }
    }

    /** Time passing; {@code text} is the wait's label ({@code 2MSL}, {@code RTO}). */
    public record WaitCard(String anchor, int line, String text, List<ChangeView> changes, List<String> warnings)
            implements CardView {
        @Override
        public String kind() {
            return "wait";
        }
    }

    /** An {@code expect} line, which the engine checked. */
    public record ExpectCard(String anchor, int line, List<ClaimView> claims, List<String> warnings)
            implements CardView {
        @Override
        public String kind() {
            return "expect";
        }
    }

    /** A note attached to {@code peers}. */
    public record NoteCard(String anchor, int line, String text, List<PeerView> peers, List<String> warnings)
            implements CardView {
        @Override
        public String kind() {
            return "note";
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
     * @param kind {@code sequence} or {@code states}
     * @param svg  the SVG, its ids made unique in the page
     */
    public record DiagramView(String kind, TemplateHTMLOutputModel svg, String svgHref, String pumlHref) {
    }

    /** An arc of the state machine, from the engine's own table. */
    public record EdgeView(StateLink from, StateLink to, String event, String sends, String rule, String reference,
                           String summary) {
    }

    /** A state's page. */
    public record StateView(StateLink state, int number, List<EdgeView> entering, List<EdgeView> leaving,
                            List<ChapterView> chapters) {
    }
}
