package org.tcpstory.cli;

import java.util.ArrayList;
import java.util.List;
import org.tcpstory.capture.ConnectionSummary;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;

/**
 * The TCP connections of a capture as {@code import --list} prints them: one row each, columns aligned in
 * terminal cells (a Chinese character takes two), headings and words in the catalog's language.
 */
final class ConnectionTable {

    private ConnectionTable() {
    }

    static String format(List<ConnectionSummary> connections, Messages words) {
        List<String[]> rows = new ArrayList<>();
        rows.add(words.render(List.of(Text.of("import.list.stream"), Text.of("import.list.client"),
                Text.of("import.list.server"), Text.of("import.list.begins"), Text.of("import.list.packets"),
                Text.of("import.list.bytes"), Text.of("import.list.numbers"), Text.of("import.list.ending")))
                .toArray(String[]::new));
        for (ConnectionSummary c : connections) {
            rows.add(new String[] {
                Integer.toString(c.stream()), c.client().toString(), c.server().toString(),
                words.render(c.handshake() ? Text.of("import.list.handshake") : Text.of("import.list.midConnection")),
                Long.toString(c.packets()), c.clientBytes() + " / " + c.serverBytes(),
                c.firstPacket() + "-" + c.lastPacket(), words.render(c.ending())});
        }
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], cells(row[i]));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                boolean number = i == 0 || i == 4;
                String cell = row[i];
                String pad = " ".repeat(width[i] - cells(cell));
                line.append(i == 0 ? "" : "  ").append(number ? pad + cell : cell + (i == columns - 1 ? "" : pad));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** The terminal cells a cell's text takes. */
    private static int cells(String text) {
        return text.codePoints().map(Excerpt::width).sum();
    }
}
