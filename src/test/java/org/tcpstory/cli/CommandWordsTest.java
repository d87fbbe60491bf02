package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The commands print no English of their own: every sentence is a key of the catalog, named as a string so
 * that MessagesTest's scan of the code finds it in both languages.
 */
class CommandWordsTest {

    private static final Path CLI = Path.of("src", "main", "java", "org", "tcpstory", "cli");

    /** Main.java's few lines (missing command, usage errors) are not yet the catalog's. */
    private static final Set<String> NOT_YET = Set.of("Main.java");

    /** A statement that prints a line or gives the reason a command cannot run. */
    private static final Pattern PRINTS = Pattern.compile(
            "(?:\\.print|\\.println|cannotRun|new ParameterException)\\(([^;]*)\\);");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern KEY = Pattern.compile("[a-z]+(\\.[A-Za-z0-9]+)+");

    /** Where a command names the key of a sentence, and the argument that names it. */
    private static final Pattern KEY_ARGUMENT = Pattern.compile(
            "(?:Text\\.of|Text\\.count|words\\.of)\\(\\s*([^,)]+)|\\.say\\([^,()]+,\\s*([^,)]+)");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.list(CLI)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !NOT_YET.contains(f.getFileName().toString())).sorted().toList();
        }
    }

    @Test
    void nothingPrintedCarriesEnglishOfItsOwn() throws IOException {
        List<String> english = new ArrayList<>();
        for (Path file : sources()) {
            Matcher statement = PRINTS.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (statement.find()) {
                Matcher literal = LITERAL.matcher(statement.group(1));
                while (literal.find()) {
                    if (KEY.matcher(literal.group(1)).matches()) {
                        continue;
                    }
                    // The program's name and the words every tool prints as they are (problem matchers read them).
                    String words = literal.group(1).replaceAll("\\\\.|tcpstory:|warning:|note:", "");
                    if (words.matches("(?s).*[A-Za-z].*")) {
                        english.add(file.getFileName() + ": \"" + literal.group(1) + "\"");
                    }
                }
            }
        }
        assertEquals(List.of(), english, "words printed without the catalog: give them a key in both languages");
    }

    @Test
    void everyKeyIsNamedAsAString() throws IOException {
        List<String> computed = new ArrayList<>();
        int keys = 0;
        for (Path file : sources()) {
            if (file.getFileName().toString().equals("Words.java")) {
                continue;
            }
            Matcher call = KEY_ARGUMENT.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (call.find()) {
                String argument = (call.group(1) != null ? call.group(1) : call.group(2)).strip();
                keys++;
                if (!argument.startsWith("\"")) {
                    computed.add(file.getFileName() + ": " + argument);
                }
            }
        }
        assertTrue(keys > 40, "the scan finds the commands' sentences: " + keys);
        assertEquals(List.of(), computed, "keys MessagesTest cannot check: name each key as a string");
    }
}
