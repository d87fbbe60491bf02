package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tcpstory.diagnostic.Language;

/** A usage error is said in the reader's language; in English, word for word as picocli says it. */
class UsageWordsTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(new String[] {"check", "--bogus"}, "Unknown option: '--bogus'", "未知选项：'--bogus'"),
                Arguments.of(new String[] {"check", "--bogus", "--other"}, "Unknown options: '--bogus', '--other'",
                        "未知选项：'--bogus', '--other'"),
                Arguments.of(new String[] {"check", "--lang", "xx"}, "Invalid value for option '--lang': expected en or zh "
                        + "but was 'xx'", "选项 '--lang' 的值不对：应为 en 或 zh，却是 'xx'"),
                Arguments.of(new String[] {"diagrams", "--theme", "x"}, "Invalid value for option '--theme': expected "
                        + "light, dark or print but was 'x'", "选项 '--theme' 的值不对：应为 light、dark 或 print，却是 'x'"),
                Arguments.of(new String[] {"diagrams", "--format", "gif"}, "Invalid value for option '--format': "
                        + "expected svg, png, puml or pptx but was 'gif'", "选项 '--format' 的值不对：应为 svg、png、puml 或 "
                        + "pptx，却是 'gif'"),
                Arguments.of(new String[] {"diagrams", "--scale", "9"}, "Invalid value for option '--scale': expected a "
                        + "whole number from 1 to 4 but was '9'", "选项 '--scale' 的值不对：应为 1 到 4 的整数，却是 '9'"),
                Arguments.of(new String[] {"diagrams", "--slide", "3:2"}, "Invalid value for option '--slide': expected "
                        + "16:9 or 4:3 but was '3:2'", "选项 '--slide' 的值不对：应为 16:9 或 4:3，却是 '3:2'"),
                Arguments.of(new String[] {"check", "--format", "xml"}, "Invalid value for option '--format': expected "
                        + "one of text, json, junit, github, sarif but was 'xml'", "选项 '--format' 的值不对：应为 text, json, "
                        + "junit, github, sarif 之一，却是 'xml'"),
                Arguments.of(new String[] {"check", "--profile", "windows"}, "Invalid value for option '--profile': "
                        + "expected rfc9293, linux, freebsd but was 'windows'", "选项 '--profile' 的值不对：应为 rfc9293, "
                        + "linux, freebsd 之一，却是 'windows'"),
                Arguments.of(new String[] {"init", "--lang", "fr"}, "Invalid value for option '--lang': expected en or zh "
                        + "but was 'fr'", "选项 '--lang' 的值不对：应为 en 或 zh，却是 'fr'"),
                Arguments.of(new String[] {"build", "--threads", "x"}, "Invalid value for option '--threads': 'x' is not "
                        + "an int", "选项 '--threads' 的值不对：'x' 不是整数"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void aUsageErrorInEachLanguage(String[] args, String english, String chinese) {
        Stories.Run en = Stories.runIn(Language.ENGLISH, (Object[]) args);
        assertEquals(ExitCodes.CANNOT_RUN, en.exitCode());
        assertEquals("tcpstory: " + english, en.err().lines().findFirst().orElseThrow());
        Stories.Run zh = Stories.runIn(Language.CHINESE, (Object[]) args);
        assertEquals(ExitCodes.CANNOT_RUN, zh.exitCode());
        assertEquals("tcpstory: " + chinese, zh.err().lines().findFirst().orElseThrow());
    }
}
