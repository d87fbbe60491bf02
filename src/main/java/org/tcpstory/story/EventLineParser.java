package org.tcpstory.story;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Suggestions;
import org.tcpstory.diagnostic.Text;

/**
 * Reads one line of a {@code tcp} block into an {@link Event}, following the story-format contract.
 * It sees syntax only: whether peers exist, states are real or in-flight names are known is the engine's
 * business.
 *
 * <p>Extensions to the contract (additive: nothing valid under it changes meaning):
 * <ul>
 *   <li>{@code old A -> B: SEGMENT} marks an old duplicate that only the receiver processes
 *       ({@link Event.Send#old()}). {@code old -> B: ...} still means a peer called {@code old}.</li>
 *   <li>A {@code #} preceded by blank space, outside quotes, starts a comment to the end of the line
 *       (except in {@code note} lines, whose text is free).</li>
 *   <li>Spaces around {@code =} and inside {@code x + 1} are allowed.</li>
 * </ul>
 */
public final class EventLineParser {

    /** The event of a line (none for blank, comment and broken lines) and what was wrong with it. */
    public record Result(Optional<Event> event, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private static final String ID = "[A-Za-z][A-Za-z0-9_]*";
    // ->x and -x are arrows only when no id character follows: `a ->xavier:` sends to xavier.
    private static final String ARROW = "->x(?![A-Za-z0-9_])|-x(?![A-Za-z0-9_])|->|~>";
    /**
     * Arrows an author surely meant as one of ours: a double arrow, a longer shaft, a typographic arrow or
     * dash, an upper-case X. Read as the arrow meant, after one error, so the story goes on.
     */
    private static final String MISTYPED_ARROW = "[-=]+>>+|=+>|-{2,}>|[\u2013\u2014]+>|[\u2192\u27F6\u2794\u279D]"
            + "|~{2,}>|->X(?![A-Za-z0-9_])|-X(?![A-Za-z0-9_])";
    // DOTALL wherever `.` stands for free text: a line is split at LF only, so it may hold NEL, U+2028 or
    // U+2029, which `.` would otherwise refuse (a note with one was "cannot read this line").
    private static final Pattern SEND = Pattern.compile(
            "(?:(?<old>(?i:old))\\s+)?(?<from>" + ID + ")\\s*(?<arrow>" + ARROW + "|" + MISTYPED_ARROW + ")\\s*(?<to>" + ID
                    + ")\\s*:(?<segment>.*)",
            Pattern.DOTALL);
    private static final Pattern SEND_WITHOUT_COLON = Pattern.compile(
            "(?:(?i:old)\\s+)?" + ID + "\\s*(?:" + ARROW + ")\\s*(?<to>" + ID + ").*", Pattern.DOTALL);
    private static final Pattern ARROWISH = Pattern.compile("->|~>|=>|<-|-x|→");
    private static final Pattern CALL = Pattern.compile("(?<peer>" + ID + ")\\s*:\\s*(?<word>\\S+)\\s*");
    private static final Pattern NOTE_START = Pattern.compile("(?i:note)(?:[\\s:].*)?", Pattern.DOTALL);
    // The peer list is split by hand: a repeated regex group recurses per repetition and a long line
    // could exhaust the stack.
    private static final Pattern NOTE = Pattern.compile("(?i:note)\\s+(?<peers>[^:]*):(?<text>.*)", Pattern.DOTALL);
    private static final Pattern PEER = Pattern.compile(ID);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern EXPECT = Pattern.compile("(?i:expect)(?:\\s+(?<rest>.*))?", Pattern.DOTALL);
    private static final Pattern CLAIM = Pattern.compile(
            "\\s*(?<peer>" + ID + ")\\s+(?<state>[^\\s,]+)\\s*(?:,|$)");
    private static final Pattern WAIT = Pattern.compile("(?i:wait)(?:\\s+(?<label>.*))?", Pattern.DOTALL);
    /** {@code RTO A}: the retransmission timer of one peer. */
    private static final Pattern TIMER_OF_PEER = Pattern.compile("\\s*(?i:RTO|PTO)\\s+(" + ID + ")\\s*");
    private static final Pattern ARRIVES = Pattern.compile(
            "(?<name>" + SegmentParser.FLIGHT_NAME.pattern() + ")\\s+(?i:arrives)\\s*");

    private static final List<String> CALLS = List.of("listen", "close", "abort");

    /**
     * @param file   the display path, for positions
     * @param line   the 1-based file line
     * @param column the 1-based column (in code points) of {@code text}'s first character in the file line
     * @param text   the line as it stands inside the block
     */
    public Result parse(String file, int line, int column, String text) {
        return new Run(new LineText(file, line, column, text)).parse();
    }

    /** The state of parsing one line. */
    private static final class Run {
        private final LineText line;
        private final String text;
        private final List<Diagnostic> diagnostics = new ArrayList<>();

        Run(LineText line) {
            this.line = line;
            this.text = line.text();
        }

        Result parse() {
            int start = 0;
            while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            if (start == text.length() || text.charAt(start) == '#') {
                return done(null);
            }
            // Order matters where a peer or flight is named like a keyword: `note -> b: SYN` is a send,
            // `wait: close` a call, `wait arrives` an arrival.
            int end = codeEnd(start);
            Matcher m;
            if ((m = matches(SEND, start, end)) != null) {
                return done(send(m, start, end));
            }
            boolean noteLine = matches(NOTE_START, start, text.length()) != null;
            if ((m = matches(CALL, start, end)) != null && !(noteLine && !isCall(m.group("word")))) {
                return done(call(m, start));
            }
            if (noteLine) {
                return done(note(start));
            }
            if ((m = matches(ARRIVES, start, end)) != null) {
                Optional<Diagnostic> tooLong = EventLimits.name(m.group("name"), Text.of("limit.what.name"), line.at(start));
                tooLong.ifPresent(diagnostics::add);
                return done(tooLong.isPresent() ? null : new Event.Arrival(line.at(start), m.group("name")));
            }
            if ((m = matches(EXPECT, start, end)) != null) {
                return done(expect(m, start, end));
            }
            if ((m = matches(WAIT, start, end)) != null) {
                return done(waitFor(m, start));
            }
            syntaxError(start, end);
            return done(null);
        }

        private static boolean isCall(String word) {
            return CALLS.contains(word.toLowerCase(Locale.ROOT));
        }

        private Result done(Event event) {
            return new Result(Optional.ofNullable(event), diagnostics);
        }

        private Matcher matches(Pattern pattern, int start, int end) {
            Matcher m = pattern.matcher(text).region(start, end);
            return m.matches() ? m : null;
        }

        /** Where the code ends: at a {@code #} that follows blank space outside quotes, else the trimmed end. */
        private int codeEnd(int start) {
            boolean quoted = false;
            int end = text.length();
            for (int i = start; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted && c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == '#' && Character.isWhitespace(text.charAt(i - 1))) {
                    end = i;
                    break;
                }
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            return end;
        }

        private Event send(Matcher m, int start, int end) {
            PeerRef from = peer(m, "from");
            PeerRef to = peer(m, "to");
            Event.Delivery delivery = delivery(m.group("arrow"), m.start("arrow"));
            SegmentParser.Parsed parsed = SegmentParser.parse(line, m.start("segment"), end);
            diagnostics.addAll(parsed.diagnostics());
            String name = parsed.asName();
            boolean usable = parsed.segment() != null;
            if (from.id().equals(to.id())) {
                diagnostics.add(Diagnostic.error(to.position(), "self-send", Text.of("event.selfSend", from.id())));
                usable = false;
            }
            if (delivery == Event.Delivery.IN_FLIGHT && name == null && parsed.asPosition() == null) {
                diagnostics.add(Diagnostic.error(line.at(m.start("arrow")), "flight-name", Text.of("event.flightWithoutName")));
            }
            if (delivery != Event.Delivery.IN_FLIGHT && parsed.asPosition() != null) {
                diagnostics.add(Diagnostic.error(parsed.asPosition(), "flight-name", Text.of("event.nameWithoutFlight")));
                name = null;
            }
            if (!usable || (delivery == Event.Delivery.IN_FLIGHT && name == null)) {
                return null;
            }
            return new Event.Send(line.at(start), from, to, delivery, parsed.segment(), name, m.group("old") != null);
        }

        /** What an arrow means; a mistyped one is reported once and read as the arrow it resembles. */
        private Event.Delivery delivery(String arrow, int at) {
            switch (arrow) {
                case "->":
                    return Event.Delivery.DELIVERED;
                case "~>":
                    return Event.Delivery.IN_FLIGHT;
                case "->x", "-x":
                    return Event.Delivery.LOST;
                default:
                    break;
            }
            String meant = arrow.startsWith("~") ? "~>" : arrow.endsWith("X") ? arrow.toLowerCase(Locale.ROOT) : "->";
            error(at, "arrow", Text.of("event.mistypedArrow", arrow, meant));
            return delivery(meant, at);
        }

        private Event call(Matcher m, int start) {
            String word = m.group("word");
            String kind = word.toLowerCase(Locale.ROOT);
            if (!CALLS.contains(kind)) {
                Optional<String> guess = Suggestions.nearest(word, CALLS);
                diagnostics.add(Diagnostic.error(line.at(m.start("word")), "unknown-call",
                        Text.of("event.unknownCall", word, Suggestions.hint(word, CALLS))));
                if (guess.isEmpty()) {
                    return null;
                }
                kind = guess.get();
            }
            return new Event.Call(line.at(start), peer(m, "peer"), Event.Call.Kind.valueOf(kind.toUpperCase(Locale.ROOT)));
        }

        private Event note(int start) {
            Matcher m = matches(NOTE, start, text.length());
            if (m == null) {
                error(start, "syntax", Text.of("event.note"));
                return null;
            }
            List<PeerRef> peers = new ArrayList<>();
            int from = m.start("peers");
            int end = m.end("peers");
            while (from <= end) {
                int comma = text.indexOf(',', from);
                int to = comma < 0 || comma > end ? end : comma;
                int a = from;
                int b = to;
                while (a < b && Character.isWhitespace(text.charAt(a))) {
                    a++;
                }
                while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
                    b--;
                }
                if (!PEER.matcher(text).region(a, b).matches()) {
                    error(a, "syntax", Text.of("event.notePeers"));
                    return null;
                }
                peers.add(new PeerRef(text.substring(a, b), line.at(a)));
                from = to + 1;
            }
            String body = m.group("text").strip();
            if (body.isEmpty()) {
                error(m.start("text"), "syntax", Text.of("event.noteEmpty"));
                return null;
            }
            Optional<Diagnostic> tooLong = EventLimits.text(body, Text.of("limit.what.note"), line.at(m.start("text")));
            if (tooLong.isPresent()) {
                diagnostics.add(tooLong.get());
                return null;
            }
            return new Event.Note(line.at(start), peers, body);
        }

        private Event expect(Matcher m, int start, int end) {
            if (m.group("rest") == null || m.group("rest").isBlank()) {
                error(start, "syntax", Text.of("event.expect"));
                return null;
            }
            List<Event.Claim> claims = new ArrayList<>();
            int at = m.start("rest");
            Matcher c = CLAIM.matcher(text).region(at, end);
            while (at < end) {
                c.region(at, end);
                if (!c.lookingAt()) {
                    error(at, "syntax", Text.of("event.expectClaims"));
                    return null;
                }
                claims.add(new Event.Claim(new PeerRef(c.group("peer"), line.at(c.start("peer"))),
                        c.group("state"), line.at(c.start("state"))));
                at = c.end();
                if (text.charAt(at - 1) == ',' && at >= end) {
                    error(at - 1, "syntax", Text.of("event.expectTrailingComma"));
                    return null;
                }
            }
            return new Event.Expect(line.at(start), claims);
        }

        private Event waitFor(Matcher m, int start) {
            String label = m.group("label");
            if (label == null || label.isBlank()) {
                error(start, "syntax", Text.of("event.waitLabel"));
                return null;
            }
            String shown = WHITESPACE.matcher(label.strip()).replaceAll(" ");
            Optional<Diagnostic> tooLong = EventLimits.text(shown, Text.of("limit.what.label"), line.at(m.start("label")));
            if (tooLong.isPresent()) {
                // The wait still counts (2MSL ends TIME-WAIT), so the story goes on with the label cut short.
                diagnostics.add(tooLong.get());
                shown = shown.substring(0, shown.offsetByCodePoints(0, EventLimits.MAX_TEXT));
            }
            Matcher timer = TIMER_OF_PEER.matcher(label);
            PeerRef timerOf = timer.matches() ? new PeerRef(timer.group(1), line.at(m.start("label") + timer.start(1))) : null;
            return new Event.Wait(line.at(start), shown, timerOf);
        }

        /** One error for a line that fits no form, as precise as the line allows. */
        private void syntaxError(int start, int end) {
            Matcher m = matches(SEND_WITHOUT_COLON, start, end);
            if (m != null) {
                error(m.end("to"), "syntax", Text.of("event.colonAfterReceiver", m.group("to")));
            } else if (ARROWISH.matcher(text).region(start, end).find()) {
                error(start, "syntax", Text.of("event.sendForm"));
            } else {
                error(start, "syntax", Text.of("event.unreadable"));
            }
        }

        private PeerRef peer(Matcher m, String group) {
            return new PeerRef(m.group(group), line.at(m.start(group)));
        }

        private void error(int index, String rule, Text text) {
            diagnostics.add(Diagnostic.error(line.at(index), rule, text));
        }
    }
}
