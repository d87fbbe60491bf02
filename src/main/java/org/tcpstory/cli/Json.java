package org.tcpstory.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for reports: maps (in their iteration order), lists, strings, numbers, booleans and
 * null, pretty-printed with a two-space indent. Deterministic when given {@code LinkedHashMap}s.
 */
final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    static void write(Object value, Writer out) throws IOException {
        write(value, out, 0);
        out.write('\n');
    }

    private static void write(Object value, Writer out, int depth) throws IOException {
        if (value == null) {
            out.write("null");
        } else if (value instanceof String s) {
            out.write(quote(s));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.write(value.toString());
        } else if (value instanceof Map<?, ?> map) {
            writeContainer('{', '}', map.entrySet().iterator(), out, depth);
        } else if (value instanceof List<?> list) {
            writeContainer('[', ']', list.iterator(), out, depth);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void writeContainer(char open, char close, Iterator<?> items, Writer out, int depth)
            throws IOException {
        out.write(open);
        if (!items.hasNext()) {
            out.write(close);
            return;
        }
        String inner = "\n" + "  ".repeat(depth + 1);
        while (items.hasNext()) {
            Object item = items.next();
            out.write(inner);
            if (item instanceof Map.Entry<?, ?> entry) {
                out.write(quote(String.valueOf(entry.getKey())));
                out.write(": ");
                write(entry.getValue(), out, depth + 1);
            } else {
                write(item, out, depth + 1);
            }
            if (items.hasNext()) {
                out.write(',');
            }
        }
        out.write("\n" + "  ".repeat(depth));
        out.write(close);
    }

    /**
     * A JSON string literal: quote, backslash and control characters escaped (the short forms where JSON
     * has them, else a six-character unicode escape); other text kept as is, to be written as UTF-8. DEL and
     * the C1 controls (legal in JSON, but a terminal may act on them) and lone surrogates (which UTF-8
     * cannot carry) are escaped too.
     */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pairedHigh) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || c >= 0x7f && c <= 0x9f || Character.isSurrogate(c)) {
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
