package org.tcpstory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.story.ChapterParser;
import org.tcpstory.story.ParseResult;

/**
 * A folder of chapters and the {@code expected.txt} beside them that says what the engine must make of each
 * chapter under each profile (the format is described at the top of every such file). Shared by the data
 * tests that hold the engine to a corpus: the scenarios of docs/tcp-rules.md and the peer stacks' suites.
 */
final class ExpectedVerdicts {

    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    private static final Pattern DIAGNOSTIC = Pattern.compile("(~?)([a-z0-9-]+)@(\\d+)(?::(\\d+))?");
    private static final Pattern PATH = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)=([A-Z0-9>-]+)");
    private static final Pattern CHANGE = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)@(\\d+)=([a-z0-9-]+)");
    private static final Pattern PROFILE = Pattern.compile("\\[([a-z0-9]+)]");
    private static final Pattern MARK = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)@(\\d+)\\+([a-z0-9-]+)");
    private static final Pattern WINDOW = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)@(\\d+)\\{([a-z]+=-?\\d+(?:,[a-z]+=-?\\d+)*)}");

    /** A diagnostic the chapter must give, and the texts it must say. */
    record Expected(boolean warning, String rule, int line, Integer column, List<String> says) {
        boolean matches(Diagnostic d) {
            return d.isError() != warning && d.rule().equals(rule) && d.position().line() == line
                    && (column == null || d.position().column() == column);
        }

        @Override
        public String toString() {
            return (warning ? "~" : "") + rule + "@" + line + (column == null ? "" : ":" + column);
        }
    }

    /** What one file gives under one profile. */
    record Verdict(List<Expected> diagnostics, Map<String, String> paths, Map<String, String> changes,
                   List<String> marks, Map<String, String> windows) {
    }

    private final String folder;
    private final Map<String, Map<Profile, Verdict>> verdicts;

    private ExpectedVerdicts(String folder, Map<String, Map<Profile, Verdict>> verdicts) {
        this.folder = folder;
        this.verdicts = verdicts;
    }

    /** Reads {@code folder/expected.txt}, a resource folder beside this class ({@code "scenarios/"}). */
    static ExpectedVerdicts of(String folder) throws IOException {
        return new ExpectedVerdicts(folder, parse(text(folder + "expected.txt")));
    }

    /** Every file's verdict under every profile, in the order of expected.txt. */
    Map<String, Map<Profile, Verdict>> verdicts() {
        return verdicts;
    }

    /** Runs one file of the folder under a profile and fails unless the engine gives its verdict. */
    void check(String file, Profile profile, Verdict verdict) throws IOException {
        ParseResult parsed = new ChapterParser().parse(file, read(folder + file));
        assertTrue(parsed.chapter().isPresent(), () -> file + " does not parse: " + parsed.diagnostics());
        ChapterResult result = new StoryEngine(profile).validate(List.of(parsed.chapter().get())).get(0);
        Stories.assertTransitionsAreArcs(result);
        List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
        all.addAll(result.diagnostics());
        all.sort(Comparator.comparing(Diagnostic::position));
        List<String> got = all.stream().map(d -> (d.isError() ? "" : "~") + d.rule() + "@" + d.position().line()
                + ":" + d.position().column()).toList();
        assertEquals(verdict.diagnostics().size(), all.size(), () -> file + ": expected " + verdict.diagnostics()
                + " but got " + Stories.describe(all));
        for (int i = 0; i < all.size(); i++) {
            Expected want = verdict.diagnostics().get(i);
            Diagnostic d = all.get(i);
            assertTrue(want.matches(d), file + ": diagnostic " + (i + 1) + " should be " + want + ", got " + got);
            for (String text : want.says()) {
                assertTrue(d.message().contains(text) || d.details().stream().anyMatch(detail -> detail.contains(text)),
                        () -> file + ": " + want + " should say \"" + text + "\": " + d.message() + " " + d.details());
            }
        }
        verdict.paths().forEach((peer, path) -> assertEquals(path,
                String.join(">", result.path(peer).stream().map(TcpState::displayName).toList()), file + ": path of " + peer));
        verdict.changes().forEach((at, rule) -> {
            String[] peerLine = at.split("@");
            String taken = result.steps().stream()
                    .filter(step -> step.event().position().line() == Integer.parseInt(peerLine[1]))
                    .flatMap(step -> step.changes().stream())
                    .filter(change -> change.peer().equals(peerLine[0]))
                    .map(change -> change.rule().id()).findFirst().orElse("no change");
            assertEquals(rule, taken, file + ": the rule of " + peerLine[0] + "'s change at line " + peerLine[1]);
        });
        List<String> marks = result.steps().stream().flatMap(step -> step.marks().stream()
                .map(mark -> mark.peer() + "@" + step.event().position().line() + "+" + mark.id())).toList();
        if (!verdict.marks().isEmpty()) {
            assertEquals(verdict.marks(), marks, file + ": the marks of the steps, all of them in order");
        }
        verdict.windows().forEach((at, numbers) -> {
            String[] peerLine = at.split("@");
            int index = result.peers().indexOf(peerLine[0]);
            PeerWindow window = result.steps().stream()
                    .filter(step -> step.event().position().line() == Integer.parseInt(peerLine[1]))
                    .map(step -> step.windows().get(index)).findFirst().orElseThrow();
            for (String pair : numbers.split(",")) {
                String[] keyValue = pair.split("=");
                assertEquals(Long.parseLong(keyValue[1]), windowNumber(window, keyValue[0]),
                        file + ": " + keyValue[0] + " of " + peerLine[0] + " after line " + peerLine[1] + " in " + window);
            }
        });
    }

    private static long windowNumber(PeerWindow window, String key) {
        return switch (key) {
            case "una" -> window.acknowledged();
            case "flight" -> window.inFlight();
            case "wnd" -> window.sendWindow();
            case "rcv" -> window.received();
            case "rwnd" -> window.receiveWindow();
            case "cwnd" -> window.cwnd();
            case "ssthresh" -> window.ssthresh();
            default -> throw new AssertionError("no window number " + key);
        };
    }

    /** A UTF-8 text resource of this package. */
    static String text(String resource) throws IOException {
        return new String(read(resource), StandardCharsets.UTF_8);
    }

    /** A line's tokens: words, and quoted texts kept whole with a leading {@code "}. */
    private static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
            tokens.add(m.group(1) != null ? "\"" + m.group(1) : m.group(2));
        }
        return tokens;
    }

    /** Every file's verdict under every profile: its general line, or the line for that profile. */
    private static Map<String, Map<Profile, Verdict>> parse(String text) {
        Map<String, Map<Profile, Verdict>> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> tokens = tokens(line);
            String file = tokens.remove(0);
            Matcher profile = PROFILE.matcher(tokens.isEmpty() ? "" : tokens.get(0));
            Map<Profile, Verdict> byProfile = out.computeIfAbsent(file, f -> new EnumMap<>(Profile.class));
            Verdict verdict = verdict(file, tokens.subList(profile.matches() ? 1 : 0, tokens.size()));
            if (profile.matches()) {
                byProfile.put(Profile.parse(profile.group(1)).orElseThrow(() -> new AssertionError("profile " + line)), verdict);
            } else {
                for (Profile p : Profile.values()) {
                    byProfile.putIfAbsent(p, verdict);
                }
            }
        }
        out.forEach((file, byProfile) -> {
            if (byProfile.size() != Profile.values().length) {
                fail(file + ": no verdict for every profile (a general line, or one per profile)");
            }
        });
        return out;
    }

    private static Verdict verdict(String file, List<String> tokens) {
        List<Expected> diagnostics = new ArrayList<>();
        Map<String, String> paths = new LinkedHashMap<>();
        Map<String, String> changes = new LinkedHashMap<>();
        List<String> marks = new ArrayList<>();
        Map<String, String> windows = new LinkedHashMap<>();
        for (String token : tokens) {
            Matcher m;
            if (token.equals("valid")) {
                continue;
            } else if (token.startsWith("\"")) {
                if (diagnostics.isEmpty()) {
                    fail(file + ": a text with no diagnostic before it");
                }
                diagnostics.get(diagnostics.size() - 1).says().add(token.substring(1));
            } else if ((m = DIAGNOSTIC.matcher(token)).matches()) {
                diagnostics.add(new Expected(!m.group(1).isEmpty(), m.group(2), Integer.parseInt(m.group(3)),
                        m.group(4) == null ? null : Integer.valueOf(m.group(4)), new ArrayList<>()));
            } else if (MARK.matcher(token).matches()) {
                marks.add(token);
            } else if ((m = WINDOW.matcher(token)).matches()) {
                windows.put(m.group(1) + "@" + m.group(2), m.group(3));
            } else if ((m = CHANGE.matcher(token)).matches()) {
                changes.put(m.group(1) + "@" + m.group(2), m.group(3));
            } else if ((m = PATH.matcher(token)).matches()) {
                paths.put(m.group(1), m.group(2));
            } else {
                fail(file + ": cannot read the expectation " + token);
            }
        }
        return new Verdict(diagnostics, paths, changes, marks, windows);
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = ExpectedVerdicts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            return in.readAllBytes();
        }
    }
}
