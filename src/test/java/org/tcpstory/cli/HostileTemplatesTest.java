package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A theme is authored too: a template linked out of the templates folder exited with a SecurityException's
 * stack trace, and a recursive macro printed 1,025 lines of StackOverflowError and exited 1 (the code for
 * errors in the chapters). Each is now one line naming the template (and line), exit 2, nothing published.
 * (A loop that never ends is stopped after 10 s: {@code site.TemplatesTest}, with a shorter limit.)
 */
class HostileTemplatesTest {

    @TempDir
    Path dir;

    private Stories.Run build(Path theme) throws Exception {
        Path content = dir.resolve("content");
        Stories.write(content, "01-valid.md", Stories.VALID);
        return assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> Stories.run("build", "--content", content, "--out", dir.resolve("site"), "--templates", theme));
    }

    private void assertOneClearError(Stories.Run run, String expected) {
        assertEquals(2, run.exitCode(), run::err);
        String first = run.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith(expected), run::err);
        assertEquals(2, run.err().lines().count(), "the error and 'build failed': " + run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("Error") || run.err().contains("\tat "), run::err);
        assertFalse(Files.exists(dir.resolve("site")));
    }

    @Test
    void aRecursiveMacroIsOneErrorAtItsLine() throws Exception {
        Path theme = dir.resolve("theme");
        Stories.write(theme, "chapter.ftlh", "<#macro down n>\n<@down n + 1/>\n</#macro>\n<@down 0/>\n");
        Stories.Run run = build(theme);
        assertOneClearError(run, "tcpstory: template " + Stories.shown(theme.resolve("chapter.ftlh")) + ":");
        assertTrue(run.err().matches("(?s)[^\n]*ftlh:[12]: macros, functions or includes nested more than \\d+ deep.*"),
                run::err);
    }

    @Test
    void aTemplateLinkedOutOfTheFolderIsOneError() throws Exception {
        Path theme = Files.createDirectories(dir.resolve("theme"));
        Stories.write(dir.resolve("outside"), "secret.ftlh", "SECRET");
        Files.createSymbolicLink(theme.resolve("chapter.ftlh"), dir.resolve("outside/secret.ftlh"));
        Stories.Run run = build(theme);
        assertOneClearError(run, "tcpstory: template chapter.ftlh is outside the templates folder");
        assertFalse(run.out().contains("SECRET"));
    }
}
