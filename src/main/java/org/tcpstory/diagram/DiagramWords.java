package org.tcpstory.diagram;

import java.util.List;
import org.tcpstory.engine.StepMark;

/**
 * The few words the diagrams draw that are not the story's own or TCP notation: the state diagram's
 * legend, and the sequence diagram's marks for old duplicates, named flights, calls, and what the engine saw
 * in the data (retransmissions, probes, duplicate ACKs, expired timers). The site draws them in its own
 * language; {@code tcpstory diagrams} in English. Escaped like every authored string.
 *
 * @param as             "as {name}": which flight a late-arriving segment is
 * @param arrives        "{name} arrives"
 * @param dupAck         "dup ACK {n}": the n-th duplicate ACK in a row
 * @param fastRetransmit what the third duplicate ACK calls for
 * @param timeout        the mark on the lifeline of a peer whose retransmission timer expired
 * @param probeTimeout   the mark on the lifeline of a peer whose probe timeout fired (a tail loss probe)
 */
public record DiagramWords(String both, String thicker, String notInFigure, String oldDuplicate, String as,
                           String arrives, String listen, String close, String abort, String retransmission,
                           String probe, String dupAck, String fastRetransmit, String windowUpdate, String timeout,
                           String probeTimeout) {

    public static final DiagramWords ENGLISH = new DiagramWords("both", "(thicker)", "not in RFC 9293 Figure 5",
            "old duplicate", "as {name}", "{name} arrives", "listen", "close", "abort", "retransmission",
            "zero-window probe", "dup ACK {n}", "fast retransmit", "window update", "RTO expired",
            "PTO expired");

    /** The word of a call: {@code listen}, {@code close} or {@code abort}. */
    String call(String kind) {
        return switch (kind) {
            case "listen" -> listen;
            case "close" -> close;
            case "abort" -> abort;
            default -> kind;
        };
    }

    /**
     * What an arrow's marks say, in these words and not yet escaped: {@code dup ACK 3 · fast retransmit}.
     * Timeouts are left out: they are drawn on the lifeline, not on an arrow.
     */
    String marks(List<StepMark> marks) {
        StringBuilder out = new StringBuilder();
        for (StepMark mark : marks) {
            String word = switch (mark.kind()) {
                case DUPLICATE_ACK -> dupAck.replace("{n}", Integer.toString(mark.count()));
                case FAST_RETRANSMIT_CALLED -> fastRetransmit;
                case RETRANSMISSION -> retransmission;
                case ZERO_WINDOW_PROBE -> probe;
                case WINDOW_UPDATE -> windowUpdate;
                case TIMEOUT, PROBE_TIMEOUT -> "";
            };
            if (!word.isEmpty()) {
                out.append(out.isEmpty() ? "" : " · ").append(word);
            }
        }
        return out.toString();
    }

    /** A pattern escaped for PlantUML, with its {@code {name}} replaced by a name escaped already. */
    static String fill(String pattern, String escapedName) {
        int at = pattern.indexOf("{name}");
        if (at < 0) {
            return PlantUmlText.escape(pattern);
        }
        String before = pattern.substring(0, at);
        String after = pattern.substring(at + "{name}".length());
        // escape() drops the spaces at either end: keep the one between the words and the name.
        return PlantUmlText.escape(before) + (before.endsWith(" ") ? " " : "") + escapedName
                + (after.startsWith(" ") ? " " : "") + PlantUmlText.escape(after);
    }
}
