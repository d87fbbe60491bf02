package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The story README.md teaches with is a valid chapter: the documentation cannot drift from the tool. */
class ReadmeExampleTest {

    private static final Pattern EXAMPLE = Pattern.compile("````markdown\n(.*?)\n````", Pattern.DOTALL);

    @Test
    void readmeExampleChecksClean(@TempDir Path dir) throws Exception {
        Matcher example = EXAMPLE.matcher(Files.readString(Path.of("README.md")));
        assertTrue(example.find(), "README.md shows an example chapter");
        Path chapter = dir.resolve("01-goodbye.md");
        Files.writeString(chapter, example.group(1) + "\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                "check", "--strict", chapter.toString());
        assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
    }
}
