package org.tcpstory.cli;

import java.util.ArrayList;
import java.util.List;
import org.tcpstory.capture.ConnectionSummary;

/** The TCP connections of a capture as {@code import --list} prints them: one row each, columns aligned. */
final class ConnectionTable {

    private ConnectionTable() {
    }

    static String format(List<ConnectionSummary> connections) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"stream", "client", "server", "begins", "packets", "bytes (client/server)", "numbers", "ending"});
        for (ConnectionSummary c : connections) {
            rows.add(new String[] {
                Integer.toString(c.stream()), c.client().toString(), c.server().toString(),
                c.handshake() ? "handshake" : "mid-connection", Long.toString(c.packets()),
                c.clientBytes() + " / " + c.serverBytes(), c.firstPacket() + "-" + c.lastPacket(), c.ending()});
        }
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                boolean number = i == 0 || i == 4;
                String cell = row[i];
                String pad = " ".repeat(width[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(number ? pad + cell : cell + (i == columns - 1 ? "" : pad));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
