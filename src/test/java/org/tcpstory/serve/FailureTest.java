package org.tcpstory.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.diagram.DiagramCache;
import org.tcpstory.files.PathNames;
import org.tcpstory.site.SiteException;

/** The overlay says why a rebuild stopped in the session's language, with FreeMarker's and PlantUML's own words kept. */
class FailureTest {

    @TempDir
    Path dir;

    @Test
    void aStoppedBuildIsSaidInTheOverlaysLanguage() {
        SiteException diagram = new SiteException(SiteException.Kind.DIAGRAM, Text.of("build.diagram", "content/01.md",
                Text.of("build.diagram.states"), Text.of("drawing.rejected", 3, "Syntax Error?")));
        Failure chinese = Failure.of(diagram, Messages.of(Language.CHINESE));
        assertEquals("网站没有重建", chinese.headline());
        assertEquals("content/01.md：这一章的状态图画不出来：PlantUML 不接受这张图，第 3 行：Syntax Error?",
                chinese.problems().get(0).message());
        Failure english = Failure.of(diagram, Messages.of(Language.ENGLISH));
        assertEquals("content/01.md: the states diagram of this chapter cannot be drawn: PlantUML rejected the diagram "
                + "at line 3: Syntax Error?", english.problems().get(0).message());
        assertEquals(diagram.getMessage(), english.problems().get(0).message(), "the message is the English");
    }

    @Test
    void aBrokenTemplateIsShownInChinese() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        Path templates = Files.createDirectories(dir.resolve("templates"));
        String chapter = Files.readString(Path.of("templates/chapter.ftlh"), StandardCharsets.UTF_8);
        Files.writeString(templates.resolve("chapter.ftlh"),
                chapter.replace("<h1>${chapter.title}</h1>", "<h1>${chapter.noSuchValue}</h1>"), StandardCharsets.UTF_8);
        BlockingQueue<ServeSession.Build> builds = new LinkedBlockingQueue<>();
        try (ServeSession session = ServeSession.start(new ServeSession.Options(content, templates, 0,
                DiagramCache.at(dir.resolve("cache")), null, null, Language.CHINESE), new ServeSession.Listener() {
                    @Override
                    public void built(ServeSession.Build build) {
                        builds.add(build);
                    }
                })) {
            ServeSession.Build first = builds.poll(20, TimeUnit.SECONDS);
            assertNotNull(first, "no build");
            assertNotNull(first.failure(), "the template stops the build");
            String message = first.failure().problems().get(0).message();
            assertTrue(message.startsWith("模板 " + PathNames.shown(templates.resolve("chapter.ftlh")) + ":")
                    && message.contains("：The following has evaluated to null or missing:"), message);
        }
    }
}
