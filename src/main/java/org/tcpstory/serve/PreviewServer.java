package org.tcpstory.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.tcpstory.site.RenderedSite;

/**
 * The HTTP side of {@code serve}: the JDK's HttpServer on the loopback address only, serving the files of
 * the rendered site from memory ({@link SitePaths} decides which), with the live-reload script and, after
 * a failed rebuild, the error overlay added to HTML pages; the event stream at {@link LiveReload#EVENTS} and
 * the live-reload script at {@link LiveReload#SCRIPT}.
 * Only GET and HEAD; only requests addressed to a loopback name (a page of another site that rebinds its
 * DNS name to 127.0.0.1 cannot read the preview); every response {@code no-store}.
 */
final class PreviewServer {

    /**
     * What the server shows: the site, its version and, after a failed rebuild, why.
     *
     * @param site the last site rendered without error; null until there is one
     */
    record Published(String version, Failure failure, RenderedSite site) {
        Map<String, byte[]> files() {
            return site == null ? Map.of() : site.files();
        }
    }

    private static final String FALLBACK_404 = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Not found · tcpstory serve</title></head>
            <body><h1>Not found</h1><p>There is no such page in the site (yet). <a href="/">Home</a></p></body></html>
            """;

    /**
     * How long a request may take to arrive, headers and body, in seconds: a browser on the same machine
     * sends one in milliseconds. The JDK's server hands a connection to a handler thread as soon as a byte
     * arrives, and the thread then waits for the rest; without a limit, four clients that sent one byte
     * each held every thread, and every other request waited as long as they did.
     */
    static final long MAX_REQUEST_SECONDS = 10;

    /**
     * Handler threads, made as needed and ended after 30 s idle: more than a few slow clients can hold
     * before {@link #MAX_REQUEST_SECONDS} frees them. Live-reload streams hold none.
     */
    static final int THREADS = 64;

    static {
        // Read once, when the JDK's server classes load: set before the first server, unless set by the user.
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(MAX_REQUEST_SECONDS));
        }
    }

    private final Supplier<Published> published;
    private final EventStream events;
    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * Binds 127.0.0.1:port (0: any free port) and starts serving.
     *
     * @throws IOException when the port cannot be bound ({@link java.net.BindException} when it is taken)
     */
    PreviewServer(int port, Supplier<Published> published, EventStream events) throws IOException {
        this.published = published;
        this.events = events;
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "tcpstory-serve-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            pool.shutdownNow();
            throw e;
        }
        http.createContext("/", this::handle);
        http.setExecutor(executor);
        http.start();
        this.server = http;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The loopback address as a URL writes it. */
    String host() {
        InetAddress address = server.getAddress().getAddress();
        return address instanceof java.net.Inet6Address ? "[::1]" : address.getHostAddress();
    }

    /** Closes the event streams and the listening socket, and ends every thread the server started. */
    void stop() {
        events.close();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean keepOpen = false;
        try {
            drain(exchange);
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            if (!loopbackHost(exchange.getRequestHeaders())) {
                text(exchange, 403, "403 forbidden: this preview answers only to 127.0.0.1 and localhost\n", head);
                return;
            }
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                text(exchange, 405, "405 method not allowed\n", false);
                return;
            }
            String raw = exchange.getRequestURI().getRawPath();
            if (LiveReload.SCRIPT.equals(raw)) {
                send(exchange, 200, "text/javascript; charset=utf-8",
                        LiveReload.SCRIPT_TEXT.getBytes(StandardCharsets.UTF_8), head);
                return;
            }
            if (LiveReload.EVENTS.equals(raw)) {
                if (head) {
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
                    exchange.sendResponseHeaders(200, -1);
                    return;
                }
                events.open(exchange, published.get().version());
                keepOpen = true;
                return;
            }
            Published now = published.get();
            SitePaths.Result result = SitePaths.resolve(now.files().keySet(), raw);
            if (result instanceof SitePaths.Refused refused) {
                text(exchange, 400, "400 bad request: " + refused.reason() + "\n", head);
            } else if (result instanceof SitePaths.Found found) {
                file(exchange, 200, now, found.path(), false, head);
            } else {
                notFound(exchange, now, head);
            }
        } catch (IOException | RuntimeException e) {
            try {
                text(exchange, 500, "500 internal error\n", false);
            } catch (IOException | RuntimeException ignored) {
                // The client is gone, or the response was already started.
            }
        } finally {
            if (!keepOpen) {
                exchange.close();
            }
        }
    }

    private static void notFound(HttpExchange exchange, Published now, boolean head) throws IOException {
        if (now.files().containsKey("404.html")) {
            file(exchange, 404, now, "404.html", true, head);
        } else {
            byte[] body = LiveReload.inject(FALLBACK_404, now.version(), now.failure(), false)
                    .getBytes(StandardCharsets.UTF_8);
            send(exchange, 404, "text/html; charset=utf-8", body, head);
        }
    }

    /**
     * @param path the file's path in the site
     * @param base whether the page is served at another path than its own, so its relative links need a base
     */
    private static void file(HttpExchange exchange, int status, Published now, String path, boolean base, boolean head)
            throws IOException {
        String type = SitePaths.contentType(path);
        byte[] body = now.files().get(path);
        if (SitePaths.isHtml(type)) {
            body = LiveReload.inject(new String(body, StandardCharsets.UTF_8), now.version(), now.failure(), base)
                    .getBytes(StandardCharsets.UTF_8);
        }
        send(exchange, status, type, body, head);
    }

    private static void text(HttpExchange exchange, int status, String text, boolean head) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), head);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean head) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        if (head) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Reads and discards a request body, so that the connection can be kept alive. */
    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0 && (total += n) < 1 << 20) {
                // Nothing a GET needs.
            }
        }
    }

    /** Whether the Host header names the loopback interface (or is missing, as in HTTP/1.0). */
    static boolean loopbackHost(Headers headers) {
        String host = headers.getFirst("Host");
        if (host == null) {
            return true;
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            name = end < 0 ? name : name.substring(0, end + 1);
        } else {
            int colon = name.indexOf(':');
            name = colon < 0 ? name : name.substring(0, colon);
        }
        return name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]");
    }
}
