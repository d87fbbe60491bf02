package org.tcpstory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Stories translated from the peer stacks' own test suites (FreeBSD's tcp-testsuite, Google's packetdrill
 * tests, the Linux kernel's packetdrill selftests), each a chapter under {@code peers/}, with what the
 * engine must make of it under each profile in {@code peers/expected.txt}: what RFC 9293 says, and what the
 * script shows its stack doing. The {@code -mistake-N} stories each hold one deliberate slip and must give
 * exactly one error.
 *
 * <p>Where the engine is known to answer otherwise, {@code peers/known-disagreements.txt} says what it does,
 * what it should do and why; those cases are reported as skipped with that reason, and fail once the engine
 * agrees, so that the line is removed.
 */
class PeerSuitesTest {

    private static final String FOLDER = "peers/";
    private static final Pattern DISAGREEMENT = Pattern.compile("(\\S+\\.md)\\s+\\[([a-z0-9, ]+)]\\s+(.+)");

    @TestFactory
    Stream<DynamicTest> eachStoryUnderEachProfile() throws IOException {
        ExpectedVerdicts peers = ExpectedVerdicts.of(FOLDER);
        Map<String, String> disagreements = knownDisagreements();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Map<Profile, ExpectedVerdicts.Verdict>> file : peers.verdicts().entrySet()) {
            for (Profile profile : Profile.values()) {
                ExpectedVerdicts.Verdict verdict = file.getValue().get(profile);
                String reason = disagreements.get(key(file.getKey(), profile));
                tests.add(dynamicTest(file.getKey() + " [" + profile.id() + "]", () -> {
                    if (reason == null) {
                        peers.check(file.getKey(), profile, verdict);
                        return;
                    }
                    try {
                        peers.check(file.getKey(), profile, verdict);
                    } catch (AssertionError disagreement) {
                        Assumptions.abort("known disagreement: " + reason + " (" + disagreement.getMessage() + ")");
                    }
                    fail(file.getKey() + " [" + profile.id() + "]: the engine now gives the expected verdict;"
                            + " remove its line from known-disagreements.txt");
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void everyStoryHasAVerdictAndEveryVerdictAStory() throws IOException, URISyntaxException {
        URL folder = PeerSuitesTest.class.getResource(FOLDER);
        Assumptions.assumeTrue(folder != null && "file".equals(folder.getProtocol()),
                "the peers folder is not on the file system here");
        Set<String> stories = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".md")).forEach(stories::add);
        }
        assertEquals(stories, new TreeSet<>(ExpectedVerdicts.of(FOLDER).verdicts().keySet()));
    }

    @Test
    void everyMistakeGivesExactlyOneError() throws IOException {
        Map<String, Map<Profile, ExpectedVerdicts.Verdict>> verdicts = ExpectedVerdicts.of(FOLDER).verdicts();
        List<String> mistakes = verdicts.keySet().stream().filter(name -> name.matches(".*-mistake-\\d+\\.md")).toList();
        assertTrue(mistakes.size() >= 20, "at least twenty stories with one deliberate mistake, found " + mistakes.size());
        for (String mistake : mistakes) {
            for (Profile profile : Profile.values()) {
                long errors = verdicts.get(mistake).get(profile).diagnostics().stream().filter(d -> !d.warning()).count();
                assertEquals(1, errors, mistake + " [" + profile.id() + "] must expect exactly one error");
            }
        }
    }

    @Test
    void everyKnownDisagreementNamesAStoryOfTheSuite() throws IOException {
        Set<String> files = ExpectedVerdicts.of(FOLDER).verdicts().keySet();
        for (String key : knownDisagreements().keySet()) {
            assertTrue(files.contains(key.substring(0, key.indexOf(' '))), "known-disagreements.txt names no story: " + key);
        }
    }

    /** {@code "file profile"} to the reason, for every line of known-disagreements.txt. */
    private static Map<String, String> knownDisagreements() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : ExpectedVerdicts.text(FOLDER + "known-disagreements.txt").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = DISAGREEMENT.matcher(line.strip());
            if (!m.matches()) {
                fail("known-disagreements.txt: cannot read " + line);
            }
            Set<Profile> profiles = EnumSet.noneOf(Profile.class);
            for (String name : Arrays.stream(m.group(2).split(",")).map(String::strip).toList()) {
                profiles.add(Profile.parse(name).orElseThrow(() -> new AssertionError("unknown profile " + name + " in " + line)));
            }
            for (Profile profile : profiles) {
                out.put(key(m.group(1), profile), m.group(3));
            }
        }
        return out;
    }

    private static String key(String file, Profile profile) {
        return file + " " + profile.id();
    }
}
