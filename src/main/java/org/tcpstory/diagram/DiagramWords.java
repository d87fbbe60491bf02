package org.tcpstory.diagram;

/**
 * The few words the diagrams draw that are not the story's own or TCP notation: the state diagram's
 * legend, and the sequence diagram's marks for old duplicates, named flights and calls. The site draws
 * them in its own language; {@code tcpstory diagrams} in English. Escaped like every authored string.
 *
 * @param as      "as {name}": which flight a late-arriving segment is
 * @param arrives "{name} arrives"
 */
public record DiagramWords(String both, String thicker, String notInFigure, String oldDuplicate, String as,
                           String arrives, String listen, String close, String abort) {

    public static final DiagramWords ENGLISH = new DiagramWords("both", "(thicker)", "not in RFC 9293 Figure 5",
            "old duplicate", "as {name}", "{name} arrives", "listen", "close", "abort");

    /** The word of a call: {@code listen}, {@code close} or {@code abort}. */
    String call(String kind) {
        return switch (kind) {
            case "listen" -> listen;
            case "close" -> close;
            case "abort" -> abort;
            default -> kind;
        };
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
