package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpDocumentsCommandsAndExitCodes() {
        Stories.Run run = Stories.run("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("check"), run.out());
        assertTrue(run.out().contains("Exit codes:"), run.out());
    }

    @Test
    void checkHelpDocumentsEveryOption() {
        Stories.Run run = Stories.run("check", "--help");
        assertEquals(0, run.exitCode());
        for (String option : new String[] {"--strict", "--format", "--output", "PATH", "Exit codes:", "text, json, junit, github"}) {
            assertTrue(run.out().contains(option), option + " in\n" + run.out());
        }
    }

    @Test
    void versionFallsBackToDev() {
        Stories.Run run = Stories.run("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("tcpstory "), run.out());
    }

    @Test
    void missingOrUnknownCommandExitsTwo() {
        Stories.Run none = Stories.run();
        assertEquals(2, none.exitCode());
        assertTrue(none.err().startsWith("tcpstory: missing command"), none.err());
        Stories.Run unknown = Stories.run("chek");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("check"), unknown.err());
    }
}
