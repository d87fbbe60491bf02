package org.tcpstory.diagram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PlantUML gives each lifeline of a sequence diagram a {@code <title>}, the participant's name shown when
 * the pointer rests on the line, but writes every character outside ASCII in it as a dot: "林晚 · 服务器"
 * becomes ".. .U.00B7. ...". This puts back the name as the participant's box shows it, text PlantUML has
 * already escaped for XML.
 */
final class LifelineTitles {

    private static final String HEAD = "<g class=\"participant participant-head\"";
    private static final String LIFELINE = "<g class=\"participant-lifeline\"";
    private static final String NAME = "data-qualified-name";

    private LifelineTitles() {
    }

    static String restore(String svg) {
        Map<String, String> names = new HashMap<>();
        for (int at = svg.indexOf(HEAD); at >= 0; at = svg.indexOf(HEAD, at + 1)) {
            String id = attribute(svg, at, NAME);
            int end = svg.indexOf("</g>", at);
            if (id != null && end >= 0) {
                names.putIfAbsent(id, texts(svg, at, end));
            }
        }
        if (names.isEmpty()) {
            return svg;
        }
        StringBuilder out = new StringBuilder(svg.length() + 256);
        int copied = 0;
        for (int at = svg.indexOf(LIFELINE); at >= 0; at = svg.indexOf(LIFELINE, at + 1)) {
            String name = names.get(attribute(svg, at, NAME));
            if (name == null || name.isEmpty()) {
                continue;
            }
            int next = svg.indexOf("<g class=\"participant", at + LIFELINE.length());
            int end = next < 0 ? svg.length() : next;
            for (int title = svg.indexOf("<title>", at); title >= 0 && title < end;
                 title = svg.indexOf("<title>", title + 1)) {
                int close = svg.indexOf("</title>", title);
                if (close < 0 || close > end) {
                    break;
                }
                out.append(svg, copied, title + "<title>".length()).append(name);
                copied = close;
            }
        }
        return out.append(svg, copied, svg.length()).toString();
    }

    /** The value of an attribute of the tag that starts at {@code tag}, as written (still escaped); null if absent. */
    private static String attribute(String svg, int tag, String name) {
        int end = svg.indexOf('>', tag);
        int at = svg.indexOf(' ' + name + "=\"", tag);
        if (end < 0 || at < 0 || at > end) {
            return null;
        }
        int start = at + name.length() + 3;
        int close = svg.indexOf('"', start);
        return close < 0 || close > end ? null : svg.substring(start, close);
    }

    /** The plain text of the {@code <text>} elements between two offsets, one line after another. */
    private static String texts(String svg, int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int at = svg.indexOf("<text", from); at >= 0 && at < to; at = svg.indexOf("<text", at + 1)) {
            int start = svg.indexOf('>', at) + 1;
            int close = svg.indexOf("</text>", start);
            if (start <= 0 || close < 0 || close > to) {
                break;
            }
            String line = svg.substring(start, close);
            if (line.indexOf('<') < 0) {
                lines.add(line);
            }
        }
        return String.join(" ", lines);
    }
}
