package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why build, serve and diagrams cannot run is said in the language of {@code --lang}, like every other line of
 * theirs: the same failure once in Chinese and once in English, the English word for word as it always was.
 */
class FailureWordsTest {

    @TempDir
    Path dir;

    private Path content;

    @BeforeEach
    void book() throws IOException {
        content = dir.resolve("content");
        Stories.write(content, "_index.md", "---\ntitle: x\n---\n");
        Stories.write(content, "01-valid.md", Stories.VALID);
    }

    /** The line build writes before "build failed", in each language, after the same exit code. */
    private static String[] firstLines(int exitCode, Object... args) {
        String[] lines = new String[2];
        String[] languages = {"zh", "en"};
        for (int i = 0; i < 2; i++) {
            Object[] withLanguage = new Object[args.length + 2];
            System.arraycopy(args, 0, withLanguage, 0, args.length);
            withLanguage[args.length] = "--lang";
            withLanguage[args.length + 1] = languages[i];
            Stories.Run run = Stories.run(withLanguage);
            assertEquals(exitCode, run.exitCode(), run::err);
            lines[i] = run.err().lines().findFirst().orElse("");
        }
        return lines;
    }

    @Test
    void anOutputFolderTcpstoryDidNotBuild() throws IOException {
        Path out = dir.resolve("other");
        Stories.write(out, "keep.txt", "not a site");
        String[] said = firstLines(2, "build", "--content", content, "--out", out);
        assertEquals("tcpstory: 不往 " + Stories.shown(out) + " 里构建：它不是空的，也没有 .tcpstory-site 文件，"
                + "说明不是 tcpstory 构建的；请换一个 --out 文件夹，或者自己清空它", said[0]);
        assertEquals("tcpstory: refusing to build into " + Stories.shown(out) + ": it is not empty and has no "
                + ".tcpstory-site file, so tcpstory did not build it; choose another --out folder, or empty this one "
                + "yourself", said[1]);
    }

    @Test
    void aProtectedFolder() {
        String[] build = firstLines(2, "build", "--content", content, "--out", content);
        String shown = Stories.shown(content);
        assertEquals("tcpstory: 不往 " + shown + " 里构建：它就是要读取的 " + shown + " 文件夹", build[0]);
        assertEquals("tcpstory: refusing to build into " + shown + ": it is the " + shown + " folder, which is read",
                build[1]);
        String[] diagrams = firstLines(2, "diagrams", "--content", content, "--out", content.resolve("figures"));
        String inside = Stories.shown(content.resolve("figures"));
        assertEquals("tcpstory: 不往 " + inside + " 里写图：它在要读取的 " + shown + " 里面", diagrams[0]);
        assertEquals("tcpstory: refusing to write diagrams into " + inside + ": it is inside " + shown
                + ", which is read", diagrams[1]);
    }

    @Test
    void aTemplateErrorKeepsFreeMarkersWords() throws IOException {
        Path templates = dir.resolve("templates");
        String chapter = Files.readString(Path.of("templates/chapter.ftlh"), StandardCharsets.UTF_8);
        Stories.write(templates, "chapter.ftlh", chapter.replace("<h1>${chapter.title}</h1>", "<h1>${chapter.noSuchValue}</h1>"));
        String[] said = firstLines(2, "build", "--content", content, "--templates", templates, "--out", dir.resolve("site"));
        String where = Stories.shown(templates.resolve("chapter.ftlh")) + ":";
        String freeMarkers = "The following has evaluated to null or missing:";
        assertTrue(said[0].matches("tcpstory: 模板 " + Pattern.quote(where) + "\\d+：" + Pattern.quote(freeMarkers)), said[0]);
        assertTrue(said[1].matches("tcpstory: template " + Pattern.quote(where) + "\\d+: " + Pattern.quote(freeMarkers)),
                said[1]);
    }

    @Test
    void aFolderThatCannotBeWritten() throws IOException {
        Path file = Stories.write(dir, "a-file", "a file");
        Path out = file.resolve("site");
        String[] said = firstLines(2, "build", "--content", content, "--out", out);
        assertTrue(said[0].startsWith("tcpstory: 无法把网站写进 " + Stories.shown(out) + "："), said[0]);
        assertTrue(said[1].startsWith("tcpstory: cannot write the site into " + Stories.shown(out) + ": "), said[1]);
    }

    @Test
    void aMissingContentFolder() {
        Path missing = dir.resolve("nothing-here");
        String[] build = firstLines(2, "build", "--content", missing, "--out", dir.resolve("site"));
        assertEquals("tcpstory: 没有这个内容文件夹：" + Stories.shown(missing), build[0]);
        assertEquals("tcpstory: no such content folder: " + Stories.shown(missing), build[1]);
        String[] diagrams = firstLines(2, "diagrams", "--content", missing, "--out", dir.resolve("figures"));
        assertEquals(build[0], diagrams[0]);
        assertEquals(build[1], diagrams[1]);
    }
}
