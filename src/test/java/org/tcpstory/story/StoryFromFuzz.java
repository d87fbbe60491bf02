package org.tcpstory.story;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/** Builds chapter text from fuzz data, out of the story format's own vocabulary plus some raw text. */
final class StoryFromFuzz {

    private static final String[] PEERS = {"a", "b", "c", "old", "note", "wait"};
    private static final String[] STATES = {"CLOSED", "LISTEN", "ESTABLISHED", "SYN-SENT", "SYN_RECEIVED", "syn-rcvd",
        "TIME-WAIT", "FIN-WAIT-1", "CLOSE-WAIT", "LAST-ACK", "CLOSING", "FIN-WAIT-2", "Bogus", ""};
    private static final String[] ARROWS = {"->", "~>", "-x", "->x", "=>", "<-", "-", "→"};
    private static final String[] FLAGS = {"SYN", "ACK", "FIN", "RST", "PSH", "URG", "SYN=1", "ACK=0", "FIN=2", "syn",
        "ACK=5", "XMAS"};
    private static final String[] FIELDS = {"seq", "ack", "len", "win", "data", "SEQ", "Ack"};
    private static final String[] SYMBOLS = {"x", "y", "u", "v", "isn_a", "w", "X", "0", "4294967295", "4294967296",
        "x+1", "y-1", "x + 4294967295", "u+99999999999", "1e3", "-1", ""};
    private static final String[] WORDS = {"listen", "close", "abort", "lisen", "open"};
    private static final String[] WAITS = {"2MSL", "RTO", "2msl", ""};

    private StoryFromFuzz() {
    }

    static String story(FuzzedDataProvider data) {
        StringBuilder out = new StringBuilder("---\n");
        out.append("title: ").append(pick(data, new String[] {"t", "\"quoted\"", "", "[a, b]"})).append('\n');
        if (data.consumeBoolean()) {
            out.append("slug: ").append(pick(data, new String[] {"s", "a-b", "A", "../x"})).append('\n');
        }
        out.append("peers:\n");
        int peers = data.consumeInt(1, 3);
        for (int i = 0; i < peers; i++) {
            out.append("  ").append(PEERS[i]).append(": { state: ").append(pick(data, STATES));
            if (data.consumeBoolean()) {
                out.append(", ").append(data.consumeBoolean() ? "seq" : "isn").append(": ").append(pick(data, SYMBOLS));
            }
            if (data.consumeBoolean()) {
                out.append(", label: \"").append(text(data).replace("\\", "").replace("\"", "")).append('"');
            }
            out.append(" }\n");
        }
        out.append("---\n\n").append(text(data)).append("\n\n```tcp\n");
        int events = data.consumeInt(0, 40);
        for (int i = 0; i < events && data.remainingBytes() > 0; i++) {
            out.append(event(data)).append('\n');
        }
        if (data.consumeBoolean()) {
            out.append("```\n");
        }
        out.append(data.consumeRemainingAsString());
        return out.toString();
    }

    private static String event(FuzzedDataProvider data) {
        String a = pick(data, PEERS);
        String b = pick(data, PEERS);
        return switch (data.consumeInt(0, 9)) {
            case 0, 1, 2, 3 -> (data.consumeBoolean() ? "old " : "") + a + " " + pick(data, ARROWS) + " " + b + ": "
                    + segment(data);
            case 4 -> pick(data, new String[] {"f", "g", "syn", "f-1"}) + " arrives";
            case 5 -> a + ": " + pick(data, WORDS);
            case 6 -> "wait " + pick(data, WAITS);
            case 7 -> "expect " + a + " " + pick(data, STATES) + (data.consumeBoolean() ? ", " + b + " " + pick(data, STATES) : "");
            case 8 -> "note " + a + (data.consumeBoolean() ? ", " + b : "") + ": " + text(data);
            default -> text(data);
        };
    }

    private static String segment(FuzzedDataProvider data) {
        StringBuilder out = new StringBuilder();
        int parts = data.consumeInt(0, 6);
        for (int i = 0; i < parts; i++) {
            if (i > 0) {
                out.append(data.consumeBoolean() ? ", " : " ");
            }
            if (data.consumeBoolean()) {
                out.append(pick(data, FLAGS));
            } else {
                String field = pick(data, FIELDS);
                out.append(field).append('=');
                out.append(field.equals("data") ? "\"" + text(data) + "\"" : pick(data, SYMBOLS));
            }
        }
        if (data.consumeBoolean()) {
            out.append(" as ").append(pick(data, new String[] {"f", "g", "syn", "f-1"}));
        }
        return out.toString();
    }

    private static String text(FuzzedDataProvider data) {
        return data.consumeString(data.consumeInt(0, 40));
    }

    private static String pick(FuzzedDataProvider data, String[] words) {
        return data.pickValue(words);
    }
}
