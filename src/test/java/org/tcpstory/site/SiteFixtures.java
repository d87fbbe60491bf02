package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.commonmark.node.Document;
import org.tcpstory.diagram.DiagramCache;
import org.tcpstory.diagram.RenderPool;
import org.tcpstory.publish.SiteBuild;
import org.tcpstory.story.HomePageParser;

/**
 * A small story of three chapters (the second and third continue the first), a build as {@code build}
 * runs it, and file helpers; shared with the tests of {@code publish}, which build sites too.
 */
public final class SiteFixtures {

    public static final String INDEX = """
            ---
            title: 小小的故事
            language: zh-CN
            description: 三章讲完一条连接
            ---

            这是首页的文字。

            ## 人物

            | 谁 | 是 |
            | --- | --- |
            | 男生 | 客户端 |
            """;

    public static final String HELLO = """
            ---
            title: 你好
            slug: hello
            summary: 三次握手
            peers:
              boy:  { label: "男生", state: CLOSED, isn: x }
              girl: { label: "女孩", state: LISTEN, isn: y }
            ---

            他开口了。

            ```tcp
            boy -> girl: SYN=1, seq=x
            girl -> boy: SYN=1, ACK=1, seq=y, ack=x+1
            boy -> girl: ACK=1, seq=x+1, ack=y+1
            expect boy ESTABLISHED, girl ESTABLISHED
            ```

            连接建立了。
            """;

    public static final String TALK = """
            ---
            title: 说话
            slug: talk
            summary: 数据和确认
            continues: hello
            peers:
              boy:  { label: "男生" }
              girl: { label: "女孩" }
            ---

            他说了一句话，丢了一次。

            ```tcp
            boy -x girl: ACK=1, PSH=1, seq=x+1, ack=y+1, data="hi"
            note girl: 太吵了
            wait RTO
            boy -> girl: ACK=1, PSH=1, seq=x+1, ack=y+1, data="hi"
            girl -> boy: ACK=1, seq=y+1, ack=x+3
            ```
            """;

    public static final String BYE = """
            ---
            title: 再见
            slug: bye
            continues: talk
            peers:
              boy:  { label: "男生" }
              girl: { label: "女孩" }
            ---

            ```tcp
            boy -> girl: FIN=1, ACK=1, seq=x+3, ack=y+1
            girl -> boy: ACK=1, seq=y+1, ack=x+4
            girl -> boy: FIN=1, ACK=1, seq=y+1, ack=x+4
            boy -> girl: ACK=1, seq=x+4, ack=y+2
            expect boy TIME-WAIT, girl CLOSED
            wait 2MSL
            expect boy CLOSED
            ```
            """;

    private SiteFixtures() {
    }

    /** A build as {@code tcpstory build} runs it: the diagram cache of the working folder, every processor. */
    public static SiteBuild.Result build(Path content, Path out, Path templates) throws SiteException {
        return build(DiagramCache.standard(), content, out, templates);
    }

    public static SiteBuild.Result build(DiagramCache cache, Path content, Path out, Path templates)
            throws SiteException {
        return new SiteBuild(cache, null).run(new SiteBuild.Request(content, out, templates, RenderPool.defaultThreads()));
    }

    /** Three chapters of the bundled story in Chinese (the second continues the first) and its home page. */
    public static final List<String> BUNDLED = List.of("_index.md", "01-handshake.md", "02-talking.md", "04-quick-goodbye.md");

    /** Copies {@link #BUNDLED} from the repository's content folder into {@code dir}, a book in one language. */
    public static Path bundledCopy(Path dir) throws IOException {
        Path content = Files.createDirectories(dir);
        for (String file : BUNDLED) {
            Files.copy(Path.of("content", "zh").resolve(file), content.resolve(file));
        }
        return content;
    }

    /** Replaces text in a file, as an editor's save would; fails when the text is not there. */
    /**
     * A copy in {@code copy} of an English book (a folder of chapters, no subfolders) whose site is in Chinese:
     * the site's words change, the stories do not.
     */
    public static Path inChinese(Path book, Path copy) throws IOException {
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(book)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        edit(copy.resolve("_index.md"), "language: en", "language: zh-CN");
        return copy;
    }

    public static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new AssertionError(file + " does not contain " + from);
        }
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    /** Markdown text rendered as a page's prose is: parsed by the story parser, rendered by {@link ProseRenderer}. */
    public static String renderMarkdown(boolean allowRawHtml, String markdown) {
        // A blank first line: the text is all Markdown, even when it starts with a --- line.
        Document document = HomePageParser.parse("test.md", ("\n" + markdown).getBytes(StandardCharsets.UTF_8)).prose();
        return new ProseRenderer(allowRawHtml).render(document, Map.of());
    }

    /** Writes the story into {@code dir} and returns it. */
    public static Path story(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve("_index.md"), INDEX);
        write(dir.resolve("01-hello.md"), HELLO);
        write(dir.resolve("02-talk.md"), TALK);
        write(dir.resolve("03-bye.md"), BYE);
        return dir;
    }

    public static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that a folder holds exactly these names, no more (no temporary folder left beside a site). */
    public static void assertFolderHolds(Path folder, String... names) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            assertEquals(java.util.Set.of(names), entries.map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toSet()));
        }
    }

    /** Asserts that two folders hold the same files, byte for byte. */
    public static void assertSameTree(Path expected, Path actual) throws IOException {
        assertSameFiles(tree(expected), tree(actual));
    }

    /** Asserts that two {@link #tree} listings are the same files, byte for byte. */
    public static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String file : expected.keySet()) {
            assertArrayEquals(expected.get(file), actual.get(file), file);
        }
    }

    /** Every file under a folder (hidden ones too), by relative path, with its bytes. */
    public static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }
}
