package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

    private static final Pattern ADDRESS = Pattern.compile("serving at (http://127\\.0\\.0\\.1:(\\d+)/)");
    private static final Pattern CHINESE_ADDRESS = Pattern.compile("正在 (http://127\\.0\\.0\\.1:(\\d+)/)");

    @TempDir
    Path dir;

    /** The command running in a thread, with its output as it comes. */
    private static final class Running {
        final ServeCommand command = new ServeCommand();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;

        Running(Object... args) {
            CommandLine cmd = new CommandLine(command);
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            String[] strings = new String[args.length];
            for (int i = 0; i < args.length; i++) {
                strings[i] = String.valueOf(args[i]);
            }
            thread = new Thread(() -> exit.set(cmd.execute(strings)), "test-serve-command");
            thread.start();
        }

        String awaitOut(Predicate<String> condition) throws InterruptedException {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                String text = out.toString();
                if (condition.test(text)) {
                    return text;
                }
                if (!thread.isAlive()) {
                    throw new AssertionError("the command ended: " + exit.get() + "\n" + out + err);
                }
                Thread.sleep(20);
            }
            throw new AssertionError("not seen in time; output:\n" + out + err);
        }

        int stop() throws InterruptedException {
            command.stop();
            thread.join(30_000);
            assertFalse(thread.isAlive(), "the command returned");
            return exit.get();
        }
    }

    @Test
    void servesRebuildsAndStops() throws Exception {
        Path content = dir.resolve("content");
        Stories.write(content, "_index.md", "---\ntitle: 测试\n---\n\n首页。\n");
        Path chapter = Stories.write(content, "01-valid.md", Stories.VALID);
        Running serve = new Running("--content", content, "--port", 0);
        try {
            String started = serve.awaitOut(text -> text.contains("built 1 chapter"));
            Matcher address = ADDRESS.matcher(started);
            assertTrue(address.find(), started);
            assertTrue(started.indexOf("serving at") < started.indexOf("built 1 chapter"), "the address first");
            HttpResponse<String> home = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(address.group(1))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, home.statusCode());
            assertTrue(home.body().contains("首页。") && home.body().contains("live-reload"));

            java.nio.file.Files.writeString(chapter, Stories.WRONG_ACK);
            String broken = serve.awaitOut(text -> text.contains("the site was not rebuilt"));
            assertTrue(broken.contains("01-valid.md:" + Stories.WRONG_ACK_LINE + ":" + Stories.WRONG_ACK_COLUMN
                    + ": error: wrong acknowledgment number"), broken);
            assertTrue(broken.contains("open pages show it"));

            java.nio.file.Files.writeString(chapter, Stories.VALID);
            serve.awaitOut(text -> text.contains("fixed: the site is up to date again"));
        } finally {
            assertEquals(0, serve.stop(), serve.err.toString());
        }
        assertTrue(serve.out.toString().endsWith("tcpstory: stopped\n"), serve.out.toString());
    }

    @Test
    void langZhShowsTheErrorsInChineseInTheTerminalAndOverThePages() throws Exception {
        Path content = dir.resolve("content");
        Path chapter = Stories.write(content, "01-valid.md", Stories.VALID);
        Running serve = new Running("--content", content, "--port", 0, "--lang", "zh");
        try {
            String started = serve.awaitOut(text -> text.contains("构建了 1 章"));
            assertTrue(started.contains("tcpstory: 构建了 1 章、") && started.contains("（按 Ctrl+C 停止）"), started);
            Matcher address = CHINESE_ADDRESS.matcher(started);
            assertTrue(address.find(), started);
            java.nio.file.Files.writeString(chapter, Stories.VALID.replace("seq=x+1", "sqe=x+1"));
            String broken = serve.awaitOut(text -> text.contains("网站没有重建"));
            assertTrue(broken.contains("error: 不认识的字段 `sqe`（是不是想写 `seq`？）")
                    && broken.contains("1 个错误：网站没有重建；打开的页面会显示出来"), broken);
            String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(address.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(page.contains("lang=\"zh\" role=\"alert\"") && page.contains("改好并保存")
                    && page.contains("不认识的字段 `sqe`"), page);
        } finally {
            assertEquals(0, serve.stop(), serve.err.toString());
        }
    }

    @Test
    void aTakenPortOrAMissingFolderExitsTwo() throws Exception {
        Path content = dir.resolve("content");
        Stories.write(content, "01-valid.md", Stories.VALID);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Running serve = new Running("--content", content, "--port", taken.getLocalPort());
            serve.thread.join(30_000);
            assertEquals(2, serve.exit.get());
            assertTrue(serve.err.toString().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    && serve.err.toString().contains("--port 0"), serve.err.toString());
        }
        Running missing = new Running("--content", dir.resolve("nothing"), "--port", 0);
        missing.thread.join(30_000);
        assertEquals(2, missing.exit.get());
        assertTrue(missing.err.toString().contains("no such content folder"), missing.err.toString());
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        Stories.Run run = Stories.run("serve", "--port", "70000");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--port must be 0 to 65535"), run.err());
        Stories.Run chinese = Stories.run("serve", "--port", "70000", "--lang", "zh");
        assertTrue(chinese.err().startsWith("tcpstory: --port 必须在 0 到 65535 之间，不能是 70000\n"), chinese.err());
    }

    @Test
    void helpDocumentsTheOptions() {
        Stories.Run run = Stories.run("serve", "--help");
        assertEquals(0, run.exitCode());
        for (String option : new String[] {"--content", "--templates", "--port", "127.0.0.1", "Exit codes:"}) {
            assertTrue(run.out().contains(option), option + " in\n" + run.out());
        }
        assertTrue(Stories.run("--help").out().contains("serve"));
    }
}
