package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.diagnostic.Language;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code --lang} and the locale: the language of the diagnostics, the report, the commands' lines and their help. */
class LanguageOptionTest {

    /** A chapter with one error on line 10: {@code sqe} is no field (it is read as {@code seq}, so only that error). */
    private static final String UNKNOWN_FIELD = Stories.VALID.replace("boy -> girl: ACK=1, seq=x+1, ack=y+1",
            "boy -> girl: ACK=1, sqe=x+1, ack=y+1");

    @TempDir
    Path dir;

    @Test
    void langZhPutsTheReportInChineseAndKeepsRuleIdsAndPlaces() throws Exception {
        Path chapter = Stories.write(dir, "01-field.md", UNKNOWN_FIELD);
        Stories.Run run = Stories.run("check", "--lang", "zh", chapter);
        assertEquals(1, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(Stories.shown(chapter) + ":10:21: error: 不认识的字段 `sqe`（是不是想写 `seq`？）", lines.get(0));
        assertEquals("检查了 1 章：1 个错误", lines.get(lines.size() - 1));

        Stories.Run json = Stories.run("check", "--lang", "zh", "--format", "json", chapter);
        assertTrue(json.out().contains("\"language\": \"zh\"") && json.out().contains("\"rule\": \"unknown-field\"")
                && json.out().contains("\"message\": \"不认识的字段 `sqe`（是不是想写 `seq`？）\""), json.out());
    }

    @Test
    void theLocaleDecidesWithoutLangAndLangWinsOverIt() throws Exception {
        Path chapter = Stories.write(dir, "01-field.md", UNKNOWN_FIELD);
        assertTrue(Stories.runIn(Language.CHINESE, "check", chapter).out().contains("error: 不认识的字段 `sqe`"));
        assertTrue(Stories.runIn(Language.CHINESE, "check", "--lang", "en", chapter).out()
                .contains("error: unknown field `sqe` (did you mean `seq`?)"));
        assertTrue(Stories.runIn(Language.ENGLISH, "check", "--lang", "ZH", chapter).out().contains("检查了 1 章"), "any case");
        assertTrue(Stories.run("check", chapter).out().contains("unknown field"), "in-process runs are English by default");
    }

    @Test
    void theCommandsOwnLinesFollowTheLocaleToo() throws Exception {
        Stories.Run check = Stories.runIn(Language.CHINESE, "check", dir.resolve("nope"));
        assertTrue(check.err().endsWith("：没有这个文件或文件夹\n"), check.err());

        // init's --lang is the book's: without it the book is English, but init speaks the locale's language.
        Path book = dir.resolve("book");
        Stories.Run init = Stories.runIn(Language.CHINESE, "init", book);
        assertEquals(0, init.exitCode(), init.err());
        assertTrue(init.out().startsWith("在 " + Stories.shown(book) + " 建好了一本新书"), init.out());
        assertTrue(Files.readString(book.resolve("content/_index.md")).contains("My TCP story"));
        assertTrue(Stories.runIn(Language.CHINESE, "init", dir.resolve("other"), "--lang", "en").out().startsWith("created a new book"));
    }

    @Test
    void anUnknownLanguageIsAUsageError() {
        Stories.Run run = Stories.run("check", "--lang", "fr", "content");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("expected en or zh but was 'fr'"), run.err());
    }

    @Test
    void everyCommandThatReportsTakesIt() throws Exception {
        Path content = Files.createDirectories(dir.resolve("content"));
        Stories.write(content, "01-field.md", UNKNOWN_FIELD);
        Stories.Run build = Stories.run("build", "--lang", "zh", "--content", content, "--out", dir.resolve("site"));
        assertEquals(1, build.exitCode(), build.err());
        assertTrue(build.out().contains("error: 不认识的字段 `sqe`") && build.out().contains("检查了 1 章：1 个错误"),
                build.out());
        assertTrue(build.err().contains("tcpstory: 构建失败：有错误；"), build.err());
        Stories.Run diagrams = Stories.run("diagrams", "--lang", "zh", "--content", content, "--out", dir.resolve("d"),
                "--format", "puml");
        assertEquals(1, diagrams.exitCode(), diagrams.err());
        assertTrue(diagrams.out().contains("error: 不认识的字段 `sqe`"), diagrams.out());
        for (String command : List.of("check", "build", "diagrams", "serve", "import")) {
            assertTrue(Stories.run(command, "--help").out().contains("--lang"), command);
        }
    }

    /** The real start: a JVM in a Chinese locale, as a shell with LANG=zh_CN.UTF-8 starts it. */
    @Test
    void aChineseLocaleGivesAChineseReport() throws Exception {
        Path chapter = Stories.write(dir, "01-field.md", UNKNOWN_FIELD);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "check", chapter.toString()).redirectErrorStream(true);
        builder.environment().remove("LC_ALL");
        builder.environment().remove("LC_MESSAGES");
        builder.environment().put("LANG", "zh_CN.UTF-8");
        Process check = builder.start();
        byte[] output = check.getInputStream().readAllBytes();
        assertTrue(check.waitFor(60, TimeUnit.SECONDS));
        String shown = new String(output, StandardCharsets.UTF_8);
        assertEquals(1, check.exitValue(), shown);
        assertTrue(shown.contains("error: 不认识的字段 `sqe`") && shown.contains("检查了 1 章：1 个错误"), shown);

        builder.environment().put("LC_ALL", "C");
        Process english = builder.start();
        String inC = new String(english.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(english.waitFor(60, TimeUnit.SECONDS));
        assertTrue(inC.contains("unknown field `sqe`"), inC);
        assertFalse(inC.contains("不认识"), inC);
    }

    /** The Chinese help, as picocli reads it: the bundle alone, with no English behind it. */
    private static final ResourceBundle CHINESE_HELP = ResourceBundle.getBundle(LanguageOption.HELP, Locale.CHINESE,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

    private static String help(Language locale, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--help"));
        args.addAll(List.of(more));
        Stories.Run run = Stories.runIn(locale, args.toArray());
        assertEquals(0, run.exitCode(), run.err());
        return run.out();
    }

    private static List<CommandSpec> commands() {
        CommandLine top = Main.commandLine(System.out, System.err, false, Language.ENGLISH);
        return top.getSubcommands().values().stream().map(CommandLine::getCommandSpec)
                .filter(spec -> !(spec.userObject() instanceof CommandLine.HelpCommand)).toList();
    }

    private static boolean inChinese(CommandSpec command, String key) {
        return CHINESE_HELP.containsKey(command.qualifiedName(".") + "." + key) || CHINESE_HELP.containsKey(key);
    }

    /** Every sentence of every command's help has its Chinese: the header, each paragraph, option and exit code. */
    @Test
    void everyCommandsHelpHasItsChinese() {
        List<String> missing = new ArrayList<>();
        for (CommandSpec command : commands()) {
            List<String> keys = new ArrayList<>(List.of("usage.header"));
            for (int i = 0; i < command.usageMessage().description().length; i++) {
                keys.add("usage.description." + i);
            }
            for (int i = 0; i < command.usageMessage().exitCodeList().size(); i++) {
                keys.add("usage.exitCodeList." + i);
            }
            for (OptionSpec option : command.options()) {
                keys.add(option.descriptionKey().isEmpty() ? option.longestName().replaceFirst("^-+", "")
                        : option.descriptionKey());
            }
            for (PositionalParamSpec parameter : command.positionalParameters()) {
                assertFalse(parameter.descriptionKey().isEmpty(), command.name() + " " + parameter.paramLabel()
                        + " needs a descriptionKey: picocli's own key for it changes with its index");
                keys.add(parameter.descriptionKey());
            }
            keys.stream().filter(key -> !inChinese(command, key)).forEach(key -> missing.add(command.name() + ": " + key));
        }
        assertEquals(List.of(), missing, "help without its Chinese in Help_zh.properties");
    }

    @Test
    void helpIsInTheLanguageChosenAndItsEnglishIsTheAnnotations() {
        for (CommandSpec command : commands()) {
            String name = command.name();
            String english = help(Language.ENGLISH, name);
            assertTrue(english.startsWith(command.usageMessage().header()[0].substring(0, 20)), english);
            assertTrue(english.contains("\nUsage: tcpstory " + name) && english.contains("Show this help message and exit."),
                    english);
            assertEquals(english, help(Language.CHINESE, name, "--lang", "en"), name + ": --lang en wins over the locale");

            String chinese = help(Language.ENGLISH, name, "--lang", "zh");
            assertTrue(chinese.startsWith(CHINESE_HELP.getString("tcpstory." + name + ".usage.header").substring(0, 10)),
                    chinese);
            assertTrue(chinese.contains("\n用法：tcpstory " + name) && chinese.contains("显示这份帮助，然后退出。")
                    && chinese.contains("\n退出码：\n"), chinese);
            if (!name.equals("init")) {
                assertEquals(chinese, help(Language.CHINESE, name), name + ": the locale's language without --lang");
            }
        }
    }
}
