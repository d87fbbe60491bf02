package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tcpstory.diagnostic.Language;

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

    @Test
    void itsOwnLinesSpeakTheLanguageOfTheArgumentsElseTheLocale() {
        Stories.Run none = Stories.runIn(Language.CHINESE);
        assertEquals(2, none.exitCode());
        assertTrue(none.err().startsWith("tcpstory: 缺少命令（init, check"), none.err());
        assertTrue(none.err().contains("运行 'tcpstory --help' 查看用法。"), none.err());

        Stories.Run unknown = Stories.runIn(Language.ENGLISH, "check", "--bogus", "--lang", "zh");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("运行 'tcpstory check --help' 查看用法。"), unknown.err());
        Stories.Run english = Stories.runIn(Language.CHINESE, "check", "--bogus", "--lang=en");
        assertTrue(english.err().contains("Try 'tcpstory check --help' for more information."), english.err());
    }

    @Test
    void theTopLevelHelpAndTheHelpCommandSpeakTheLocalesLanguage() {
        Stories.Run top = Stories.runIn(Language.CHINESE, "--help");
        assertEquals(0, top.exitCode());
        for (String words : new String[] {"对照 RFC 9293 检查用 Markdown 写的 TCP 故事。", "命令：", "退出码：",
                "先检查每一章，再构建静态教程网站。", "显示某个命令的帮助。"}) {
            assertTrue(top.out().contains(words), words + " in\n" + top.out());
        }
        assertFalse(top.out().contains("Exit codes:"), top.out());
        assertTrue(Stories.runIn(Language.CHINESE, "help", "check").out().contains("对照 RFC 9293 检查章节"));
        assertEquals(Stories.run("--help").out(), Stories.runIn(Language.ENGLISH, "--help").out());
    }

    @Test
    void theLanguageIsReadFromTheArgumentsUpToTheirEnd() {
        assertEquals(Optional.of(Language.CHINESE), Main.languageIn("check", "--lang", "zh"));
        assertEquals(Optional.of(Language.ENGLISH), Main.languageIn("check", "--lang=en", "x.md"));
        assertEquals(Optional.empty(), Main.languageIn("check", "--", "--lang", "zh"), "after --, a file's name");
        assertEquals(Optional.empty(), Main.languageIn("check", "--lang"));
        assertEquals(Optional.empty(), Main.languageIn("check", "--lang", "fr"));
    }

    @Test
    void theStackTraceOfAnInternalErrorIsShownOnlyOnRequest() {
        assertFalse(Main.wantsTrace(Map.of()));
        assertFalse(Main.wantsTrace(Map.of(Main.TRACE, "")));
        assertFalse(Main.wantsTrace(Map.of(Main.TRACE, "0")));
        assertTrue(Main.wantsTrace(Map.of(Main.TRACE, "1")));
    }
}
