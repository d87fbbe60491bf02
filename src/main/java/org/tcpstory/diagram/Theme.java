package org.tcpstory.diagram;

import java.util.Optional;
import org.tcpstory.engine.TcpState;

/**
 * The look of a diagram: page, text, lines, notes, the colour of each TCP state and of each peer. Colours
 * are PlantUML hex literals ({@code #RRGGBB}), which are safe to write into any line we generate.
 */
public enum Theme {
    /** Dark text on white, pale fills: the site's default. */
    LIGHT(new Palette("#FFFFFF", "#1F2328", "#57606A", "#D0D7DE", "#F6F8FA", "#FFF8C5", "#D4A72C", "#8C959F",
            "#D1242F", new String[] {"#1565C0", "#E65100"}, new String[] {"#E3EEFB", "#FDEBDD"}, "#7B1FA2",
            new String[] {"#ECEFF1", "#E6F4EA", "#DDF4F8", "#FFF4D6", "#FBE4EE"},
            new String[] {"#90A4AE", "#5AA66F", "#3FA7B8", "#D9A520", "#D6699A"})),
    /** Light text on a dark page, for a dark site theme. */
    DARK(new Palette("#0D1117", "#E6EDF3", "#8B949E", "#30363D", "#161B22", "#2D2A1E", "#9E7C1A", "#6E7681",
            "#FF7B72", new String[] {"#58A6FF", "#FFA657"}, new String[] {"#102A4C", "#4A2A10"}, "#D2A8FF",
            new String[] {"#21262D", "#12301C", "#0B2F36", "#3A2E0B", "#3A1426"},
            new String[] {"#6E7681", "#3FB950", "#39C5CF", "#D29922", "#DB61A2"})),
    /** Black on white with no fills, for paper: peers differ by line style instead of colour. */
    PRINT(new Palette("#FFFFFF", "#000000", "#000000", "#000000", "#FFFFFF", "#FFFFFF", "#000000", "#000000",
            "#000000", new String[] {"#000000", "#000000"}, new String[] {"#FFFFFF", "#FFFFFF"}, "#000000",
            new String[] {"#FFFFFF", "#FFFFFF", "#FFFFFF", "#FFFFFF", "#FFFFFF"},
            new String[] {"#000000", "#000000", "#000000", "#000000", "#000000"}));

    /** The colours of one theme; state colours are indexed by {@link #group(TcpState)}. */
    private record Palette(String background, String text, String line, String border, String box, String note,
                           String noteBorder, String muted, String error, String[] peers, String[] peerTints,
                           String both,
                           String[] stateFills, String[] stateBorders) {
    }

    private final Palette palette;

    Theme(Palette palette) {
        this.palette = palette;
    }

    public String background() {
        return palette.background();
    }

    public String text() {
        return palette.text();
    }

    /** Arrows and lifelines. */
    public String line() {
        return palette.line();
    }

    /** Secondary marks: old duplicates, "arrives" hints, arcs no peer took. */
    public String muted() {
        return palette.muted();
    }

    /** Events that had an error. */
    public String error() {
        return palette.error();
    }

    public String noteFill() {
        return palette.note();
    }

    /** The colour of the n-th peer (0 blue-ish, 1 orange-ish); peers past the second reuse the two. */
    public String peer(int index) {
        return palette.peers()[index % palette.peers().length];
    }

    /** A pale fill in the n-th peer's colour, for its participant box and its states. */
    public String peerTint(int index) {
        return palette.peerTints()[index % palette.peerTints().length];
    }

    /** The colour of an arc or state that both peers took. */
    public String bothPeers() {
        return palette.both();
    }

    /**
     * How the n-th peer's path is drawn besides its colour. On paper the colours are all black, so the
     * second peer's path is dashed there; extra arcs (not in the RFC figure) are then dotted.
     */
    public String peerLineStyle(int index) {
        return this == PRINT && index % 2 == 1 ? "dashed" : "";
    }

    /** The line style of arcs that are not in the RFC figure. */
    public String extraArcStyle() {
        return this == PRINT ? "dotted" : "dashed";
    }

    public String stateFill(TcpState state) {
        return palette.stateFills()[group(state)];
    }

    public String stateBorder(TcpState state) {
        return palette.stateBorders()[group(state)];
    }

    /**
     * States share a colour by phase of the connection, the same in every diagram: no connection, opening,
     * open, our side closing, the other side closed first.
     */
    private static int group(TcpState state) {
        return switch (state) {
            case CLOSED -> 0;
            case LISTEN, SYN_SENT, SYN_RECEIVED -> 1;
            case ESTABLISHED -> 2;
            case FIN_WAIT_1, FIN_WAIT_2, CLOSING, TIME_WAIT -> 3;
            case CLOSE_WAIT, LAST_ACK -> 4;
        };
    }

    /**
     * The skinparams both diagrams start with. The font is named only when a CJK font was found, so that
     * PlantUML measures Chinese text with the font that has its glyphs.
     */
    String skinparams(Optional<String> fontFamily) {
        StringBuilder out = new StringBuilder();
        out.append("skinparam backgroundColor ").append(background()).append('\n');
        out.append("skinparam shadowing false\n");
        out.append("skinparam roundCorner 8\n");
        // Family names are letters, digits and spaces (CjkFonts checks), so quoting is enough.
        fontFamily.ifPresent(font -> out.append("skinparam defaultFontName \"").append(font).append("\"\n"));
        out.append("skinparam defaultFontColor ").append(text()).append('\n');
        out.append("skinparam defaultFontSize 14\n");
        out.append("skinparam ArrowColor ").append(line()).append('\n');
        out.append("skinparam ArrowFontColor ").append(text()).append('\n');
        out.append("skinparam ArrowFontSize 13\n");
        out.append("skinparam ArrowThickness 1.2\n");
        out.append("skinparam NoteBackgroundColor ").append(palette.note()).append('\n');
        out.append("skinparam NoteBorderColor ").append(palette.noteBorder()).append('\n');
        out.append("skinparam NoteFontColor ").append(text()).append('\n');
        out.append("skinparam NoteFontSize 13\n");
        out.append("skinparam LegendBackgroundColor ").append(palette.box()).append('\n');
        out.append("skinparam LegendBorderColor ").append(palette.border()).append('\n');
        out.append("skinparam LegendFontColor ").append(text()).append('\n');
        out.append("skinparam LegendFontSize 13\n");
        out.append("skinparam ParticipantBackgroundColor ").append(palette.box()).append('\n');
        out.append("skinparam ParticipantBorderColor ").append(palette.border()).append('\n');
        out.append("skinparam ParticipantFontColor ").append(text()).append('\n');
        out.append("skinparam ParticipantFontSize 15\n");
        out.append("skinparam SequenceLifeLineBorderColor ").append(palette.border()).append('\n');
        out.append("skinparam SequenceDelayFontColor ").append(muted()).append('\n');
        out.append("skinparam SequenceMessageAlign direction\n");
        out.append("skinparam StateBackgroundColor ").append(palette.box()).append('\n');
        out.append("skinparam StateBorderColor ").append(palette.border()).append('\n');
        out.append("skinparam StateFontColor ").append(text()).append('\n');
        return out.toString();
    }
}
