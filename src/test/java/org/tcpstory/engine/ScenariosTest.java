package org.tcpstory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.story.ChapterParser;
import org.tcpstory.story.ParseResult;

/**
 * The scenarios of docs/tcp-rules.md, as data: each a chapter under {@code scenarios/}, and in
 * {@code scenarios/expected.txt} what the engine must make of it under each profile. One test per file
 * and profile. The format of the expectations is described at the top of that file.
 */
class ScenariosTest {

    private static final String FOLDER = "scenarios/";
    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    private static final Pattern DIAGNOSTIC = Pattern.compile("(~?)([a-z0-9-]+)@(\\d+)(?::(\\d+))?");
    private static final Pattern PATH = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)=([A-Z0-9>-]+)");
    private static final Pattern CHANGE = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)@(\\d+)=([a-z0-9-]+)");
    private static final Pattern PROFILE = Pattern.compile("\\[([a-z0-9]+)]");

    /** A diagnostic the scenario must give, and the texts it must say. */
    private record Expected(boolean warning, String rule, int line, Integer column, List<String> says) {
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
    private record Verdict(List<Expected> diagnostics, Map<String, String> paths, Map<String, String> changes) {
    }

    @TestFactory
    Stream<DynamicTest> eachScenarioUnderEachProfile() throws IOException {
        Map<String, Map<Profile, Verdict>> expected = expectations();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Map<Profile, Verdict>> file : expected.entrySet()) {
            for (Profile profile : Profile.values()) {
                Verdict verdict = file.getValue().get(profile);
                tests.add(dynamicTest(file.getKey() + " [" + profile.id() + "]", () -> check(file.getKey(), profile, verdict)));
            }
        }
        return tests.stream();
    }

    private static void check(String file, Profile profile, Verdict verdict) throws IOException {
        ParseResult parsed = new ChapterParser().parse(file, read(FOLDER + file));
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
    }

    /** Every file's verdict under every profile: its general line, or the line for that profile. */
    private static Map<String, Map<Profile, Verdict>> expectations() throws IOException {
        Map<String, Map<Profile, Verdict>> out = new LinkedHashMap<>();
        String text = new String(read(FOLDER + "expected.txt"), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> tokens = new ArrayList<>();
            Matcher m = TOKEN.matcher(line);
            while (m.find()) {
                tokens.add(m.group(1) != null ? "\"" + m.group(1) : m.group(2));
            }
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
        return out;
    }

    private static Verdict verdict(String file, List<String> tokens) {
        List<Expected> diagnostics = new ArrayList<>();
        Map<String, String> paths = new LinkedHashMap<>();
        Map<String, String> changes = new LinkedHashMap<>();
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
            } else if ((m = CHANGE.matcher(token)).matches()) {
                changes.put(m.group(1) + "@" + m.group(2), m.group(3));
            } else if ((m = PATH.matcher(token)).matches()) {
                paths.put(m.group(1), m.group(2));
            } else {
                fail(file + ": cannot read the expectation " + token);
            }
        }
        return new Verdict(diagnostics, paths, changes);
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = ScenariosTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            return in.readAllBytes();
        }
    }
}
