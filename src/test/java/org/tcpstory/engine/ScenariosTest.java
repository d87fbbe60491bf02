package org.tcpstory.engine;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The scenarios of docs/tcp-rules.md, as data: each a chapter under {@code scenarios/}, and in
 * {@code scenarios/expected.txt} what the engine must make of it under each profile. One test per file
 * and profile. The format of the expectations is described at the top of that file.
 */
class ScenariosTest {

    @TestFactory
    Stream<DynamicTest> eachScenarioUnderEachProfile() throws IOException {
        ExpectedVerdicts scenarios = ExpectedVerdicts.of("scenarios/");
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Map<Profile, ExpectedVerdicts.Verdict>> file : scenarios.verdicts().entrySet()) {
            for (Profile profile : Profile.values()) {
                ExpectedVerdicts.Verdict verdict = file.getValue().get(profile);
                tests.add(dynamicTest(file.getKey() + " [" + profile.id() + "]",
                        () -> scenarios.check(file.getKey(), profile, verdict)));
            }
        }
        return tests.stream();
    }
}
