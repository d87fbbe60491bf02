package org.tcpstory.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tcpstory.site.SiteFixtures;

/** A small copy of the bundled story ({@link SiteFixtures}), HTTP helpers and an event-stream client for the serve tests. */
final class ServeFixtures {

    private ServeFixtures() {
    }

    static Path content(Path dir) throws IOException {
        return SiteFixtures.bundledCopy(dir);
    }

    static void edit(Path file, String from, String to) throws IOException {
        SiteFixtures.edit(file, from, to);
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A request sent byte for byte as written (HttpClient would normalise some paths): the status and the response. */
    static String raw(int port, String requestLine, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    static int status(String rawResponse) {
        String[] parts = rawResponse.split(" ", 3);
        return parts.length < 2 ? -1 : Integer.parseInt(parts[1]);
    }

    /** An open event stream: its events as they come, {@code name data}. */
    static final class Events implements AutoCloseable {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final Thread reader;
        private volatile Stream<String> lines;

        Events(URI base) throws IOException, InterruptedException {
            HttpResponse<Stream<String>> response = HTTP.send(HttpRequest.newBuilder(base.resolve(LiveReload.EVENTS))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new AssertionError("event stream: " + response.statusCode());
            }
            if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                throw new AssertionError("event stream content type: " + response.headers());
            }
            lines = response.body();
            reader = new Thread(() -> {
                String event = null;
                try {
                    for (String line : (Iterable<String>) lines::iterator) {
                        if (line.startsWith("event: ")) {
                            event = line.substring(7);
                        } else if (line.startsWith("data: ") && event != null) {
                            events.add(event + " " + line.substring(6));
                            event = null;
                        }
                    }
                } catch (UncheckedIOException | IllegalStateException e) {
                    // The stream was closed.
                }
            }, "test-sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next event, or fails after the timeout. */
        String next(Duration timeout) throws InterruptedException {
            String event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + timeout);
            }
            return event;
        }

        @Override
        public void close() {
            lines.close();
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
