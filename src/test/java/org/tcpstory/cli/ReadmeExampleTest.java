package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every chapter README.md teaches the format with ("Writing a story") is valid, with no warning: the
 * documentation cannot drift from the tool. One test per example, named by its title.
 */
class ReadmeExampleTest {

    private static final Pattern EXAMPLE = Pattern.compile("````markdown\n(.*?)\n````", Pattern.DOTALL);
    private static final Pattern TITLE = Pattern.compile("(?m)^title: (.*)$");

    @TestFactory
    Stream<DynamicTest> everyExampleOfTheFormatChecksClean() throws IOException {
        List<String> examples = examples();
        assertTrue(examples.size() >= 5, "README.md teaches v1 and each v2 feature with an example: " + examples.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (String example : examples) {
            Matcher title = TITLE.matcher(example);
            assertTrue(title.find(), "an example without a title:\n" + example);
            tests.add(dynamicTest(title.group(1), () -> checksClean(example)));
        }
        return tests.stream();
    }

    /** The examples of the section that teaches the format, up to the next section. */
    private static List<String> examples() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Writing a story\n");
        assertTrue(start >= 0, "README.md has a section that teaches the format");
        int end = readme.indexOf("\n## ", start + 1);
        Matcher example = EXAMPLE.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        List<String> examples = new ArrayList<>();
        while (example.find()) {
            examples.add(example.group(1));
        }
        return examples;
    }

    private static void checksClean(String example) throws IOException {
        Path dir = Files.createTempDirectory("readme-example");
        try {
            Path chapter = dir.resolve("01-example.md");
            Files.writeString(chapter, example + "\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                    "check", "--strict", chapter.toString());
            assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(dir.resolve("01-example.md"));
            Files.deleteIfExists(dir);
        }
    }
}
