package org.tcpstory.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.book.Book;
import org.tcpstory.book.ContentReader;
import org.tcpstory.book.Sources;
import org.tcpstory.book.SourcesFixtures;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagram.DiagramCache;
import org.tcpstory.site.SiteFixtures;
import org.tcpstory.site.SiteRenderer;

/** The preview server for real: a temporary story, a free port, HTTP and an event stream, edits on disk. */
class ServeSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private ServeSession session;
    private final BlockingQueue<ServeSession.Build> builds = new LinkedBlockingQueue<>();

    private ServeSession start(Path content, Path templates) throws Exception {
        return start(content, templates, null);
    }

    /** @param renderer how to render, or null for the site's own renderer */
    private ServeSession start(Path content, Path templates, ServeSession.Renderer renderer) throws Exception {
        session = ServeSession.start(new ServeSession.Options(content, templates, 0,
                DiagramCache.at(dir.resolve("cache")), null), new ServeSession.Listener() {
                    @Override
                    public void built(ServeSession.Build build) {
                        builds.add(build);
                    }
                }, renderer);
        ServeSession.Build first = nextBuild();
        assertTrue(first.ok(), () -> String.valueOf(first.failure()));
        return session;
    }

    private ServeSession.Build nextBuild() throws InterruptedException {
        ServeSession.Build build = builds.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(build, "no build within " + WAIT);
        return build;
    }

    /** Waits for the reload event, skipping builds that changed nothing (an editor's extra events). */
    private String awaitReload(ServeFixtures.Events events) throws InterruptedException {
        String event = events.next(WAIT);
        assertTrue(event.startsWith("reload "), event);
        return event.substring("reload ".length());
    }

    /** The build that published a version (the listener hears it just after the event is sent). */
    private ServeSession.Build buildOf(String version) throws InterruptedException {
        while (true) {
            ServeSession.Build build = nextBuild();
            if (build.version().equals(version) && build.changed()) {
                return build;
            }
        }
    }

    @AfterEach
    void stopAndCheckNothingLeaks() throws Exception {
        if (session == null) {
            return;
        }
        int port = session.port();
        session.close();
        session.close(); // idempotent
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "the port is closed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith("tcpstory-serve-") || n.equals("HTTP-Dispatcher")).toList();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertEquals(List.of(), left, "threads left running");
    }

    /**
     * Four clients that each sent one byte and waited held the server's four threads, and four slow POST
     * bodies did the same: every other request, live reload included, waited as long as they did (120 s
     * observed). Now a page and the event stream still answer while they wait (the bound is a hang guard,
     * not a speed test), the server itself closes them once their request has taken too long, and an event
     * stream open all that time still gets its reload.
     */
    @Test
    void slowClientsHoldNeitherPagesNorLiveReload() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        URI base = start(content, null).address();
        List<Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Socket socket = new Socket("127.0.0.1", base.getPort());
                socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(PreviewServer.MAX_REQUEST_SECONDS + 30));
                String start = i < 4 ? "G" : "POST /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\nx";
                socket.getOutputStream().write(start.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            Thread.sleep(500); // the server has handed each to a thread, which waits for the rest
            assertTimeoutPreemptively(Duration.ofSeconds(8), () -> {
                assertEquals(200, ServeFixtures.get(base, "handshake.html").statusCode());
                try (ServeFixtures.Events events = new ServeFixtures.Events(base)) {
                    assertTrue(events.next(WAIT).startsWith("hello "));
                }
            }, "a page and the event stream answer while slow clients wait");
            try (ServeFixtures.Events events = new ServeFixtures.Events(base)) {
                events.next(WAIT);
                for (Socket socket : slow) {
                    // Closed by the server: end of stream (or a reset), never our read time-out.
                    try {
                        InputStream in = socket.getInputStream();
                        while (in.read() >= 0) {
                            // a 400 or 408 response, if any
                        }
                    } catch (java.net.SocketException e) {
                        // reset by the server: closed all the same
                    }
                }
                // A live-reload stream is a response, not a request: it outlives the request time limit.
                ServeFixtures.edit(content.resolve("01-handshake.md"), "端口路 80 号还很安静。", "端口路 80 号安静得能听见钟声。");
                awaitReload(events);
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void anEditReloadsOpenPagesWithTheNewContent() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        URI base = start(content, null).address();
        assertTrue(base.toString().matches("http://127\\.0\\.0\\.1:\\d+/"), base.toString());
        String version = session.version();

        HttpResponse<String> before = ServeFixtures.get(base, "handshake.html");
        assertEquals(200, before.statusCode());
        assertTrue(before.body().contains("端口路 80 号还很安静。"));
        assertTrue(before.body().contains("data-tcpstory=\"live-reload\""), "the live-reload script");
        assertTrue(before.body().contains("data-version=\"" + version + "\""), "the page knows its version");
        assertTrue(before.body().contains("script-src 'self'"), "the site's policy stays");
        assertTrue(ServeFixtures.get(base, LiveReload.SCRIPT.substring(1)).body().contains("EventSource"), "the script is served");

        try (ServeFixtures.Events events = new ServeFixtures.Events(base)) {
            assertEquals("hello " + version, events.next(WAIT));
            ServeFixtures.edit(content.resolve("01-handshake.md"), "端口路 80 号还很安静。", "端口路 80 号安静得能听见钟声。");
            String reloaded = awaitReload(events);
            assertNotEquals(version, reloaded);

            HttpResponse<String> after = ServeFixtures.get(base, "handshake.html");
            assertEquals(200, after.statusCode());
            assertTrue(after.body().contains("端口路 80 号安静得能听见钟声。"), "the new text");
            assertFalse(after.body().contains("端口路 80 号还很安静。"), "not the old text");
            assertTrue(after.body().contains("data-version=\"" + reloaded + "\""));

            // Only the chapter and the one that continues it were rendered; no diagram was drawn.
            ServeSession.Build build = buildOf(reloaded);
            assertTrue(build.ok());
            assertEquals(2, build.site().summary().pagesRendered(), "handshake.html and talking.html (continues: handshake)");
            assertEquals(0, build.site().summary().diagramsDrawn(), "the events did not change");
            assertEquals(List.of("handshake.html", "assets/search-index.js"), build.written(),
                    "only the page that changed is written, and the search index that holds its text");

            // A chapter nothing depends on: one page; a new event: its two diagrams.
            ServeFixtures.edit(content.resolve("04-quick-goodbye.md"), "wait 2MSL", "note boy: 门口的风铃响了\nwait 2MSL");
            ServeSession.Build second = buildOf(awaitReload(events));
            assertTrue(second.ok(), () -> String.valueOf(second.failure()));
            assertEquals(1, second.site().summary().pagesRendered());
            assertEquals(1, second.site().summary().diagramsDrawn(), "the sequence diagram (the state diagram is unchanged)");
            assertTrue(ServeFixtures.get(base, "quick-goodbye.html").body().contains("门口的风铃响了"));
        }
    }

    /**
     * A save reads only the files the watcher named: after each step of an author's session, what the session
     * read is what a whole read of the folder gives now, and what it serves is a fresh build of it, byte for byte.
     */
    @Test
    void afterEverySaveTheSiteIsAFreshBuild() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        start(content, null);
        ServeFixtures.edit(content.resolve("01-handshake.md"), "端口路 80 号还很安静。", "端口路 80 号安静得能听见钟声。");
        assertServesAFreshBuild(content);
        ServeFixtures.edit(content.resolve("04-quick-goodbye.md"), "wait 2MSL", "note boy: 门口的风铃响了\nwait 2MSL");
        assertServesAFreshBuild(content);
        String goodbye = Files.readString(content.resolve("04-quick-goodbye.md"), StandardCharsets.UTF_8);
        Files.writeString(content.resolve("05-again.md"), goodbye.replace("slug: quick-goodbye", "slug: again")
                .replace("title: 第四章 · 正好我也要走", "title: 第五章 · 又见面了"), StandardCharsets.UTF_8);
        assertServesAFreshBuild(content);
        Files.delete(content.resolve("05-again.md"));
        assertServesAFreshBuild(content);
        Files.move(content.resolve("04-quick-goodbye.md"), content.resolve("03-quick-goodbye.md"));
        assertServesAFreshBuild(content);
        ServeFixtures.edit(content.resolve("_index.md"), "title: 三次握手，一杯拿铁", "title: 三次握手，两杯拿铁");
        assertServesAFreshBuild(content);
        Files.writeString(Files.createDirectories(content.resolve("part")).resolve("06-later.md"),
                goodbye.replace("slug: quick-goodbye", "slug: later"), StandardCharsets.UTF_8);
        assertServesAFreshBuild(content);
        Files.write(content.resolve("07-big.md"), new byte[(int) ContentReader.MAX_FILE_BYTES + 1]);
        assertServesAFreshBuild(content);
        assertNotNull(session.failure(), "a file too large to read is an error shown over the pages");
        Files.delete(content.resolve("07-big.md"));
        assertServesAFreshBuild(content);
        try {
            // A second name for a chapter that sorts first: a whole read keeps that name, not 02-talking.md.
            Files.createSymbolicLink(content.resolve("00-link.md"), Path.of("02-talking.md"));
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "symbolic links are not available here");
        }
        assertServesAFreshBuild(content);
        ServeFixtures.edit(content.resolve("02-talking.md"), "连接建好了，终于可以说话了。", "连接建好了，他清了清嗓子。");
        assertServesAFreshBuild(content);
        assertTrue(ServeFixtures.get(session.address(), "talking.html").body().contains("他清了清嗓子。"),
                "an edit of a link's target shows under the link's name");
        Files.delete(content.resolve("00-link.md"));
        assertServesAFreshBuild(content);
    }

    /**
     * The watch service keeps a bounded list of events per folder, then only says it lost some: a batch that
     * lost events reads the whole folder, or the edit whose event was lost would never show.
     */
    @Test
    void aBatchThatLostEventsReadsTheWholeFolder() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        SiteRenderer real = new SiteRenderer(null, DiagramCache.at(dir.resolve("cache")), 2, SiteRenderer.Mode.PREVIEW, null);
        AtomicBoolean hold = new AtomicBoolean();
        CountDownLatch rendering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(content, null, book -> {
            if (hold.getAndSet(false)) {
                rendering.countDown();
                try {
                    release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return real.render(book);
        });
        hold.set(true);
        ServeFixtures.edit(content.resolve("01-handshake.md"), "端口路 80 号还很安静。", "端口路 80 号安静得能听见钟声。");
        assertTrue(rendering.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "a rebuild holds the watcher's thread");
        // Far more events than the watch service keeps for one folder (512): it keeps an overflow in their place.
        for (int i = 0; i < 1000; i++) {
            Files.writeString(content.resolve("note-" + i + ".txt"), "not a chapter");
        }
        ServeFixtures.edit(content.resolve("02-talking.md"), "连接建好了，终于可以说话了。", "连接建好了，他清了清嗓子。");
        release.countDown();
        assertServesAFreshBuild(content);
        assertTrue(ServeFixtures.get(session.address(), "talking.html").body().contains("他清了清嗓子。"));
    }

    /**
     * Waits until the session has read what a whole read of the folder gives now, then until it serves what a
     * fresh build of it gives (or shows the errors a fresh check finds), byte for byte; fails after {@link #WAIT}.
     */
    private void assertServesAFreshBuild(Path content) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Sources fresh = ContentReader.readSite(content);
            Sources read = session.sources();
            if (read != null && SourcesFixtures.flat(fresh).equals(SourcesFixtures.flat(read))) {
                Book book = Book.of(fresh);
                if (book.hasErrors()) {
                    if (Failure.of(book.report(), Messages.of(Language.ENGLISH)).equals(session.failure())) {
                        return;
                    }
                } else if (session.failure() == null && sameFiles(new SiteRenderer(null, session.cache(), 1,
                        SiteRenderer.Mode.PREVIEW, null).render(book).files(), session.site().orElseThrow().files())) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                assertNotNull(read, "the session read the folder");
                assertEquals(SourcesFixtures.flat(fresh), SourcesFixtures.flat(read), "what the session read");
                Book book = Book.of(fresh);
                assertNull(session.failure(), "no failure: " + session.failure());
                SiteFixtures.assertSameFiles(new SiteRenderer(null, session.cache(), 1, SiteRenderer.Mode.PREVIEW, null)
                        .render(book).files(), session.site().orElseThrow().files());
                return;
            }
            Thread.sleep(50);
        }
    }

    private static boolean sameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        return expected.keySet().equals(actual.keySet())
                && expected.keySet().stream().allMatch(path -> Arrays.equals(expected.get(path), actual.get(path)));
    }

    @Test
    void aNewTitleRendersEveryPageThatListsTheChapter() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        URI base = start(content, null).address();
        try (ServeFixtures.Events events = new ServeFixtures.Events(base)) {
            events.next(WAIT);
            ServeFixtures.edit(content.resolve("04-quick-goodbye.md"), "title: 第四章 · 正好我也要走", "title: 第四章 · 一起走吧");
            ServeSession.Build build = buildOf(awaitReload(events));
            // index, the 11 state pages and 404 list the chapters, and so does every chapter page's navigation.
            assertEquals(1 + 11 + 1 + 3, build.site().summary().pagesRendered());
            assertTrue(build.written().contains("handshake.html"), "its navigation shows the new title");
            assertTrue(ServeFixtures.get(base, "talking.html").body().contains("一起走吧"));
            assertTrue(ServeFixtures.get(base, "index.html").body().contains("一起走吧"));
        }
    }

    @Test
    void aThemeThatListsEveryChapterOnEveryPageGetsEveryPageRendered() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        Path templates = Files.createDirectories(dir.resolve("templates"));
        String chapterTemplate = Files.readString(Path.of("templates/chapter.ftlh"), StandardCharsets.UTF_8);
        Files.writeString(templates.resolve("chapter.ftlh"), chapterTemplate.replace("<div class=\"prose\">",
                "<ol class=\"toc\"><#list chapters as c><li>${c.title}</li></#list></ol>\n<div class=\"prose\">"),
                StandardCharsets.UTF_8);
        URI base = start(content, templates).address();
        try (ServeFixtures.Events events = new ServeFixtures.Events(base)) {
            events.next(WAIT);
            ServeFixtures.edit(content.resolve("04-quick-goodbye.md"), "title: 第四章 · 正好我也要走", "title: 第四章 · 一起走吧");
            awaitReload(events);
            assertTrue(ServeFixtures.get(base, "handshake.html").body().contains("<li>第四章 · 一起走吧</li>"),
                    "a page that lists every chapter is rendered again when any entry changes");
        }
    }

    @Test
    void aBrokenChapterShowsItsErrorsOverThePageUntilItIsFixed() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        URI base = start(content, null).address();
        Path chapter = content.resolve("01-handshake.md");
        try (ServeFixtures.Events events = new ServeFixtures.Events(base)) {
            events.next(WAIT); // hello
            ServeFixtures.edit(chapter, "boy -> girl: SYN=1, seq=x\n", "boy -> girl: SYN=1, seq=<b>x\n");
            String broken = awaitReload(events);
            assertNotNull(session.failure());

            HttpResponse<String> page = ServeFixtures.get(base, "handshake.html");
            assertEquals(200, page.statusCode(), "the last good page, under the overlay");
            String html = page.body();
            assertTrue(html.contains("id=\"" + LiveReload.OVERLAY_ID + "\""), "the overlay");
            assertTrue(html.contains("01-handshake.md:26:21: error: seq `&lt;b&gt;x` is not a number"), html);
            assertFalse(html.contains("<b>x"), "authored text is escaped");
            assertTrue(html.contains("data-version=\"" + broken + "\""));
            assertTrue(ServeFixtures.get(base, "index.html").body().contains(LiveReload.OVERLAY_ID), "on every page");
            assertTrue(ServeFixtures.get(base, "no-such-page.html").body().contains(LiveReload.OVERLAY_ID));

            ServeFixtures.edit(chapter, "seq=<b>x\n", "seq=x\n");
            String fixed = awaitReload(events);
            assertNotEquals(broken, fixed);
            assertNull(session.failure());
            String recovered = ServeFixtures.get(base, "handshake.html").body();
            assertFalse(recovered.contains(LiveReload.OVERLAY_ID), "recovered by itself");
            assertTrue(recovered.contains("端口路 80 号还很安静。"));
        }
    }

    @Test
    void aBrokenTemplateIsShownAndTheServerKeepsServing() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        Path templates = Files.createDirectories(dir.resolve("templates"));
        String chapterTemplate = Files.readString(Path.of("templates/chapter.ftlh"), StandardCharsets.UTF_8);
        Files.writeString(templates.resolve("chapter.ftlh"), chapterTemplate, StandardCharsets.UTF_8);
        URI base = start(content, templates).address();
        try (ServeFixtures.Events events = new ServeFixtures.Events(base)) {
            events.next(WAIT);
            Files.writeString(templates.resolve("chapter.ftlh"), chapterTemplate.replace("<h1>${chapter.title}</h1>",
                    "<h1>${chapter.noSuchValue}</h1>"), StandardCharsets.UTF_8);
            awaitReload(events);
            String html = ServeFixtures.get(base, "handshake.html").body();
            assertTrue(html.contains(LiveReload.OVERLAY_ID) && html.contains("chapter.ftlh"), html);

            // A new asset and a fixed template: both served, no overlay.
            Files.createDirectories(templates.resolve("assets"));
            Files.writeString(templates.resolve("assets/extra.css"), "body { color: teal }\n");
            Files.writeString(templates.resolve("chapter.ftlh"), chapterTemplate.replace("<h1>${chapter.title}</h1>",
                    "<h1 class=\"themed\">${chapter.title}</h1>"), StandardCharsets.UTF_8);
            String body = "";
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline && !body.contains("class=\"themed\"")) {
                awaitReload(events);
                body = ServeFixtures.get(base, "handshake.html").body();
            }
            assertTrue(body.contains("<h1 class=\"themed\">"), body);
            assertFalse(body.contains(LiveReload.OVERLAY_ID));
            HttpResponse<String> css = ServeFixtures.get(base, "assets/extra.css");
            assertEquals(200, css.statusCode());
            assertEquals("body { color: teal }\n", css.body());
        }
    }

    @Test
    void aRebuildThatCrashesIsShownAndTheServerKeepsServing() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        SiteRenderer real = new SiteRenderer(null, DiagramCache.at(dir.resolve("cache")), 2, SiteRenderer.Mode.PREVIEW, null);
        AtomicBoolean broken = new AtomicBoolean();
        URI base = start(content, null, book -> {
            if (broken.get()) {
                throw new IllegalStateException("a bug in the renderer");
            }
            return real.render(book);
        }).address();
        broken.set(true);
        try (ServeFixtures.Events events = new ServeFixtures.Events(base)) {
            events.next(WAIT);
            ServeFixtures.edit(content.resolve("02-talking.md"), "连接建好了，终于可以说话了。", "连接建好了，他清了清嗓子。");
            awaitReload(events);
            ServeSession.Build crashed = nextBuild();
            assertNotNull(crashed.crash(), "a bug is not a story error: it is reported as a crash");
            String html = ServeFixtures.get(base, "index.html").body();
            assertTrue(html.contains(LiveReload.OVERLAY_ID) && html.contains("internal error"), html);
            assertEquals(200, ServeFixtures.get(base, "handshake.html").statusCode(), "still serving");

            broken.set(false);
            ServeFixtures.edit(content.resolve("02-talking.md"), "他清了清嗓子。", "他清了清嗓子，笑了。");
            awaitReload(events);
            String recovered = ServeFixtures.get(base, "talking.html").body();
            assertTrue(recovered.contains("他清了清嗓子，笑了。"), recovered);
            assertFalse(recovered.contains(LiveReload.OVERLAY_ID));
        }
    }

    @Test
    void onlyFilesInsideTheSiteFolderAreServed() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        start(content, null);
        int port = session.port();
        String host = "127.0.0.1:" + port;
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP SECRET");
        // Links and hidden files beside the content: the site is in memory, so none of them is served.
        Files.createSymbolicLink(content.resolve("leak.txt"), secret);
        Files.createSymbolicLink(content.resolve("outside"), dir);
        Files.writeString(content.resolve(".hidden.html"), "hidden");

        for (String target : List.of("/../pom.xml", "/../../../../etc/passwd", "/%2e%2e/pom.xml", "/%2E%2E/%2E%2E/pom.xml",
                "/..%2f..%2fpom.xml", "/..%2F..%2Fetc%2Fpasswd", "/assets/../../pom.xml", "/%2e%2e%5c%2e%2e%5cpom.xml",
                "/..\\..\\pom.xml", "/./index.html", "/assets/%2e/style.css", "/%c0%ae%c0%ae/pom.xml", "/%", "/%zz",
                "/index.html%00.css", "/C:/Windows/win.ini", "http://" + host + "/../pom.xml")) {
            String response = ServeFixtures.raw(port, "GET " + target + " HTTP/1.1", host);
            int status = ServeFixtures.status(response);
            assertTrue(status == 400 || status == 404, target + " gave " + response);
            assertFalse(response.contains("<project") || response.contains("root:"), target);
        }
        for (String target : List.of("/leak.txt", "/outside/secret.txt", "/.hidden.html", "/diagrams/", "/states",
                "/content/leak.txt", "/01-handshake.md", "/.tcpstory-site",
                "/etc/passwd", "/%2Fetc%2Fpasswd")) {
            String response = ServeFixtures.raw(port, "GET " + target + " HTTP/1.1", host);
            int status = ServeFixtures.status(response);
            assertTrue(status == 404 || status == 400, target + " gave " + response);
            assertFalse(response.contains("TOP SECRET") || response.contains("hidden\n") || response.contains("Index of"), target);
        }
        assertEquals(200, ServeFixtures.status(ServeFixtures.raw(port, "GET /%68andshake.html HTTP/1.1", host)),
                "plain percent-encoding is fine");
        assertEquals(200, ServeFixtures.status(ServeFixtures.raw(port, "GET /index.html?x=1 HTTP/1.1", host)));
        assertEquals(403, ServeFixtures.status(ServeFixtures.raw(port, "GET / HTTP/1.1", "evil.example:" + port)),
                "another host name (DNS rebinding) is refused");
        assertEquals(200, ServeFixtures.status(ServeFixtures.raw(port, "GET / HTTP/1.1", "localhost:" + port)));
        String post = ServeFixtures.raw(port, "POST / HTTP/1.1\r\nContent-Length: 0", host);
        assertEquals(405, ServeFixtures.status(post));
    }

    @Test
    void contentTypesAndTheNotFoundPage() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        Path templates = Files.createDirectories(dir.resolve("templates/assets"));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
        Files.write(templates.resolve("logo.png"), png);
        URI base = start(content, templates.getParent()).address();

        for (String[] expected : new String[][] {
            {"", "text/html; charset=utf-8"},
            {"handshake.html", "text/html; charset=utf-8"},
            {"states/syn-sent.html", "text/html; charset=utf-8"},
            {"assets/style.css", "text/css; charset=utf-8"},
            {"diagrams/handshake-sequence.svg", "image/svg+xml; charset=utf-8"},
            {"diagrams/handshake-states.puml", "text/plain; charset=utf-8"},
            {"assets/logo.png", "image/png"},
        }) {
            HttpResponse<byte[]> response = ServeFixtures.HTTP.send(HttpRequest.newBuilder(base.resolve(expected[0])).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode(), expected[0]);
            assertEquals(expected[1], response.headers().firstValue("Content-Type").orElse(""), expected[0]);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
            if (expected[0].endsWith(".png")) {
                assertTrue(java.util.Arrays.equals(png, response.body()), "binary files as they are");
            }
            if (expected[0].endsWith(".svg") || expected[0].endsWith(".puml")) {
                String text = new String(response.body(), StandardCharsets.UTF_8);
                assertFalse(text.contains("live-reload"), "the script goes into HTML pages only");
            }
        }
        HttpResponse<String> missing = ServeFixtures.get(base, "states/no-such-state.html");
        assertEquals(404, missing.statusCode());
        assertEquals("text/html; charset=utf-8", missing.headers().firstValue("Content-Type").orElse(""));
        assertTrue(missing.body().contains("<base href=\"/\">"), "the site's 404 page, its links from the root");
        assertTrue(missing.body().contains("class=\"not-found\""), "the theme's 404 page");
        assertTrue(missing.body().contains("live-reload"));

        HttpResponse<Void> head = ServeFixtures.HTTP.send(HttpRequest.newBuilder(base).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
    }

    @Test
    void theBuildCommandsOutputHasNoScript() throws Exception {
        Path content = ServeFixtures.content(dir.resolve("content"));
        SiteFixtures.build(DiagramCache.at(dir.resolve("cache")), content,
                dir.resolve("site"), null);
        for (String page : List.of("index.html", "handshake.html", "404.html")) {
            String html = Files.readString(dir.resolve("site").resolve(page), StandardCharsets.UTF_8);
            assertFalse(html.contains("__tcpstory") || html.contains("live-reload") || html.contains(LiveReload.OVERLAY_ID), page);
        }
    }

    @Test
    void aMissingContentFolderOrATakenPortIsAnErrorNotAServer() throws Exception {
        assertThrows(org.tcpstory.site.SiteException.class, () -> ServeSession.start(
                new ServeSession.Options(dir.resolve("nothing-here"), null, 0), null));
        Path content = ServeFixtures.content(dir.resolve("content"));
        start(content, null);
        assertThrows(java.net.BindException.class, () -> ServeSession.start(new ServeSession.Options(content, null,
                session.port(), DiagramCache.none(), null), null));
    }
}
