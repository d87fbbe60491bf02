package org.tcpstory.story;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Suggestions;
import org.tcpstory.diagnostic.Text;

/**
 * Reads the SEGMENT part of a send line ({@code SYN, ACK=1, seq=x, ack=y+1, data="hi"}) and its optional
 * trailing {@code as NAME}. Errors are collected; wherever the author's intent is plain the segment is
 * repaired so that later checks still run.
 */
final class SegmentParser {

    static final Pattern FLIGHT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private static final List<String> FIELDS = List.of("seq", "ack", "len", "data", "win", "mss", "wscale", "sack", "ts");
    /** The most SACK blocks a segment can carry (RFC 2018 §3: four, in 40 octets of options). */
    static final int MAX_SACK_BLOCKS = 4;
    private static final String SACK_OK = "sackOK";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final List<String> FLAGS = List.of("SYN", "ACK", "FIN", "RST", "PSH", "URG");
    private static final List<String> FIELDS_THEN_FLAGS;

    static {
        List<String> all = new ArrayList<>(FIELDS);
        all.addAll(FLAGS);
        FIELDS_THEN_FLAGS = List.copyOf(all);
    }

    /**
     * @param segment  the segment, or {@code null} when nothing usable was written
     * @param asName   the NAME of a trailing {@code as NAME}, or {@code null}
     * @param asPosition where {@code as} was written, or {@code null}
     */
    record Parsed(Segment segment, String asName, SourcePosition asPosition, List<Diagnostic> diagnostics) {
    }

    /** A flag or field as written: {@code SYN}, {@code SYN=1}, {@code seq=x+1}, {@code data="..."}. */
    private record Token(String name, int start, boolean hasValue, String value, boolean quoted) {
        boolean isBit() {
            return hasValue && !quoted && (value.equals("0") || value.equals("1"));
        }
    }

    private final LineText line;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<Flag> flags = EnumSet.noneOf(Flag.class);
    private final Set<String> given = new HashSet<>();
    private Operand seq;
    private Operand ack;
    private Long len;
    private int lenStart;
    private String data;
    private int dataStart;
    private Long window;
    private Operand mss;
    private Operand wscale;
    private SourcePosition sackOk;
    private final List<Options.SackBlock> sack = new ArrayList<>();
    private Options.Timestamps ts;
    private boolean anyValid;

    private SegmentParser(LineText line) {
        this.line = line;
    }

    /** Parses {@code line.text()} between {@code from} (inclusive) and {@code to} (exclusive). */
    static Parsed parse(LineText line, int from, int to) {
        return new SegmentParser(line).run(from, to);
    }

    private Parsed run(int from, int to) {
        List<Token> tokens = tokenize(from, to);
        String asName = null;
        SourcePosition asPosition = null;
        int end = tokens.size();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.hasValue() && t.name().equalsIgnoreCase("as")) {
                end = i;
                asPosition = line.at(t.start());
                List<Token> rest = tokens.subList(i + 1, tokens.size());
                if (rest.size() == 1 && !rest.get(0).hasValue() && FLIGHT_NAME.matcher(rest.get(0).name()).matches()) {
                    Optional<Diagnostic> tooLong = EventLimits.name(rest.get(0).name(), Text.of("limit.what.name"),
                            line.at(rest.get(0).start()));
                    tooLong.ifPresent(diagnostics::add);
                    asName = tooLong.isPresent() ? null : rest.get(0).name();
                } else {
                    error(t.start(), "syntax", Text.of("segment.asName"));
                }
                break;
            }
        }
        if (end == 0 && diagnostics.isEmpty()) {
            error(from, "empty-segment", Text.of("segment.empty"));
        }
        for (Token t : tokens.subList(0, end)) {
            interpret(t);
        }
        return new Parsed(finish(), asName, asPosition, diagnostics);
    }

    // ---- tokens -------------------------------------------------------------------------------------

    private List<Token> tokenize(int from, int to) {
        String text = line.text();
        List<Token> tokens = new ArrayList<>();
        int i = from;
        while (true) {
            while (i < to && isSeparator(text.charAt(i))) {
                i++;
            }
            if (i >= to) {
                return tokens;
            }
            int start = i;
            char c = text.charAt(i);
            if (c == '"') {
                Quoted q = readQuoted(i, to);
                error(start, "syntax", Text.of("segment.quoteWithoutData"));
                i = q.end();
                continue;
            }
            while (i < to && !isSeparator(text.charAt(i)) && text.charAt(i) != '=' && text.charAt(i) != '"') {
                i++;
            }
            String name = text.substring(start, i);
            int eq = skipSpaces(i, to);
            if (eq >= to || text.charAt(eq) != '=') {
                if (name.isEmpty()) {
                    i++; // cannot happen (an empty name stops at '='), but never loop forever
                    continue;
                }
                tokens.add(new Token(name, start, false, null, false));
                continue;
            }
            if (name.isEmpty()) {
                error(start, "syntax", Text.of("segment.equalsWithoutName"));
            }
            int v = skipSpaces(eq + 1, to);
            if (v >= to || text.charAt(v) == ',') {
                error(start, "syntax", Text.of("segment.equalsWithoutValue", name));
                i = v;
                continue;
            }
            if (text.charAt(v) == '"') {
                Quoted q = readQuoted(v, to);
                i = q.end();
                if (q.value() != null && !name.isEmpty()) {
                    tokens.add(new Token(name, start, true, q.value(), true));
                }
                continue;
            }
            int e = v;
            while (e < to && !isSeparator(text.charAt(e)) && text.charAt(e) != '"') {
                e++;
            }
            e = extendOffset(e, to);
            i = e;
            if (!name.isEmpty()) {
                tokens.add(new Token(name, start, true, WHITESPACE.matcher(text.substring(v, e)).replaceAll(""), false));
            }
        }
    }

    /** Lets {@code seq=u + 1} read like {@code seq=u+1}. */
    private int extendOffset(int e, int to) {
        String text = line.text();
        int op = skipSpaces(e, to);
        if (op < to && (text.charAt(op) == '+' || text.charAt(op) == '-')) {
            int d = skipSpaces(op + 1, to);
            if (d < to && Character.isDigit(text.charAt(d))) {
                while (d < to && Character.isDigit(text.charAt(d))) {
                    d++;
                }
                return d;
            }
        }
        return e;
    }

    private record Quoted(String value, int end) {
    }

    /** Reads {@code "..."} starting at the opening quote; the value is null after an error. */
    private Quoted readQuoted(int open, int to) {
        String text = line.text();
        StringBuilder out = new StringBuilder();
        int i = open + 1;
        boolean bad = false;
        while (i < to) {
            char c = text.charAt(i);
            if (c == '"') {
                return new Quoted(bad ? null : out.toString(), i + 1);
            }
            if (c == '\\' && i + 1 < to) {
                char n = text.charAt(i + 1);
                switch (n) {
                    case '"', '\\' -> out.append(n);
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    default -> {
                        error(i, "syntax", Text.of("segment.unknownEscape", String.valueOf(n)));
                        bad = true;
                    }
                }
                i += 2;
                continue;
            }
            out.append(c);
            i++;
        }
        error(open, "syntax", Text.of("segment.quoteNotClosed"));
        return new Quoted(null, to);
    }

    private int skipSpaces(int i, int to) {
        while (i < to && (line.text().charAt(i) == ' ' || line.text().charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == ',';
    }

    // ---- meaning ------------------------------------------------------------------------------------

    private void interpret(Token t) {
        String name = t.name();
        if (!t.hasValue() && name.equalsIgnoreCase(SACK_OK)) {
            if (!name.equals(SACK_OK)) {
                error(t.start(), "option-name", Text.of("segment.sackOkCase", name));
            }
            if (!given.add(SACK_OK)) {
                error(t.start(), "duplicate-field", Text.of("given.twice", SACK_OK));
            } else {
                sackOk = line.at(t.start());
                anyValid = true;
            }
            return;
        }
        Optional<Flag> flag = Flag.fromName(name);
        if (flag.isPresent()) {
            interpretFlag(t, flag.get());
            return;
        }
        if (FIELDS.contains(name)) {
            if (t.hasValue()) {
                field(name, t);
            } else if (name.equals("ack")) {
                error(t.start(), "unknown-flag", Text.of("segment.ackWithoutValue"));
                setFlag(Flag.ACK, true, t);
            } else {
                error(t.start(), "syntax", Text.of("segment.fieldWithoutValue", name));
            }
            return;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        Optional<Flag> upperFlag = Flag.fromName(name.toUpperCase(Locale.ROOT));
        if (t.hasValue() && FIELDS.contains(lower) && !(upperFlag.isPresent() && t.isBit())) {
            error(t.start(), "field-name", Text.of("segment.fieldCase", lower + "=" + t.value()));
            field(lower, t);
            return;
        }
        if (upperFlag.isPresent()) {
            error(t.start(), "unknown-flag", Text.of("segment.flagCase", upperFlag.get().toString(), name));
            if (!t.hasValue() || t.isBit()) {
                setFlag(upperFlag.get(), !t.hasValue() || t.value().equals("1"), t);
            }
            return;
        }
        unknown(t);
    }

    private void interpretFlag(Token t, Flag flag) {
        if (!t.hasValue() || t.isBit()) {
            setFlag(flag, !t.hasValue() || t.value().equals("1"), t);
        } else if (flag == Flag.ACK) {
            // ACK=5: the author meant the acknowledgment number, and the flag that makes it count.
            error(t.start(), "field-name", Text.of("segment.ackFlagWithNumber", t.value()));
            flags.add(Flag.ACK);
            field("ack", t);
        } else {
            error(t.start(), "flag-value", Text.of("segment.flagValue", t.name() + "=" + t.value()));
        }
    }

    private void unknown(Token t) {
        List<String> candidates = t.hasValue() ? FIELDS_THEN_FLAGS : FLAGS;
        Optional<String> guess = Suggestions.nearest(t.name(), candidates);
        error(t.start(), t.hasValue() ? "unknown-field" : "unknown-flag", Text.of(
                t.hasValue() ? "segment.unknownField" : "segment.unknownFlag", t.name(), Suggestions.hint(t.name(), candidates)));
        if (guess.isEmpty()) {
            return;
        }
        Optional<Flag> flag = Flag.fromName(guess.get());
        if (flag.isPresent()) {
            if (!t.hasValue() || t.isBit()) {
                setFlag(flag.get(), !t.hasValue() || t.value().equals("1"), t);
            }
        } else if (t.hasValue()) {
            field(guess.get(), t);
        }
    }

    private void setFlag(Flag flag, boolean on, Token t) {
        if (!given.add(flag.name())) {
            error(t.start(), "duplicate-field", Text.of("given.twice", flag.toString()));
            return;
        }
        anyValid = true;
        if (on) {
            flags.add(flag);
        }
    }

    private void field(String name, Token t) {
        if (name.equals("sack")) {
            sackBlock(t);
            return;
        }
        if (!given.add(name)) {
            error(t.start(), "duplicate-field", Text.of("given.twice", name));
            return;
        }
        if (name.equals("data")) {
            if (!t.quoted()) {
                error(t.start(), "syntax", Text.of("segment.dataNotQuoted", t.value()));
            }
            data = t.value();
            dataStart = t.start();
            EventLimits.text(data, Text.of("limit.what.data"), line.at(t.start())).ifPresent(diagnostics::add);
            anyValid = true;
            return;
        }
        if (t.quoted()) {
            error(t.start(), "syntax", Text.of(name.equals("seq") || name.equals("ack") ? "segment.quotedExpression"
                    : "segment.quotedNumber", name));
            return;
        }
        if (name.equals("ts")) {
            timestamps(t);
            return;
        }
        Exprs.Result r = name.equals("seq") || name.equals("ack") ? Exprs.expr(t.value(), Text.plain(name))
                : Exprs.number(t.value(), Text.plain(name));
        if (!r.ok()) {
            error(t.start(), r.rule(), r.text());
            return;
        }
        anyValid = true;
        Operand operand = new Operand(r.expr(), line.at(t.start()));
        switch (name) {
            case "seq" -> seq = operand;
            case "ack" -> ack = operand;
            case "len" -> {
                len = r.expr().offset();
                lenStart = t.start();
            }
            case "mss" -> mss = operand;
            case "wscale" -> wscale = operand;
            default -> window = r.expr().offset();
        }
    }

    /** {@code sack=A:B}, one block; up to {@link #MAX_SACK_BLOCKS} per segment, most recent first. */
    private void sackBlock(Token t) {
        String[] edges = t.quoted() ? new String[0] : t.value().split(":", -1);
        if (edges.length != 2) {
            error(t.start(), "syntax", Text.of("segment.sackForm", t.value()));
            return;
        }
        Exprs.Result left = Exprs.expr(edges[0], Text.of("segment.sackLeftEdge"));
        Exprs.Result right = Exprs.expr(edges[1], Text.of("segment.sackRightEdge"));
        for (Exprs.Result r : List.of(left, right)) {
            if (!r.ok()) {
                error(t.start(), r.rule(), r.text());
                return;
            }
        }
        if (sack.size() == MAX_SACK_BLOCKS) {
            error(t.start(), "sack-blocks", Text.of("segment.sackBlocks", MAX_SACK_BLOCKS));
            return;
        }
        SourcePosition at = line.at(t.start());
        sack.add(new Options.SackBlock(new Operand(left.expr(), at), new Operand(right.expr(), at)));
        anyValid = true;
    }

    /** {@code ts=V/E}: TSval and TSecr, numbers or symbols. */
    private void timestamps(Token t) {
        String[] parts = t.value().split("/", -1);
        if (parts.length != 2) {
            error(t.start(), "syntax", Text.of("segment.timestampsForm", t.value()));
            return;
        }
        Exprs.Result value = Exprs.expr(parts[0], Text.plain("TSval"));
        Exprs.Result echo = Exprs.expr(parts[1], Text.plain("TSecr"));
        for (Exprs.Result r : List.of(value, echo)) {
            if (!r.ok()) {
                error(t.start(), r.rule(), r.text());
                return;
            }
        }
        SourcePosition at = line.at(t.start());
        ts = new Options.Timestamps(new Operand(value.expr(), at), new Operand(echo.expr(), at));
        anyValid = true;
    }

    private Segment finish() {
        if (!anyValid) {
            return null;
        }
        if (ack != null && !flags.contains(Flag.ACK)) {
            diagnostics.add(Diagnostic.error(ack.position(), "ack-without-flag", Text.of("segment.ackWithoutFlag",
                    ack.toString())));
            flags.add(Flag.ACK);
        }
        long length = 0;
        if (data != null) {
            length = data.getBytes(StandardCharsets.UTF_8).length;
            if (len != null) {
                error(Math.max(lenStart, dataStart), "len-and-data", Text.of("segment.lenAndData", length));
            }
        } else if (len != null) {
            length = len;
        }
        return new Segment(flags, seq, ack, length, data, window, new Options(mss, wscale, sackOk, sack, ts));
    }

    private void error(int index, String rule, Text text) {
        diagnostics.add(Diagnostic.error(line.at(index), rule, text));
    }
}
