package org.tcpstory.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The open server-sent-event streams of {@link LiveReload#EVENTS}. Each gets {@code hello} with the site's
 * version when it connects, {@code reload} with the new version when the site changed, and a comment now
 * and then so that closed connections are noticed. Thread-safe.
 */
final class EventStream {

    /** More open pages than a person previewing a site has; the oldest stream is closed beyond it. */
    static final int MAX_CLIENTS = 64;

    private static final class Client {
        final HttpExchange exchange;
        final OutputStream out;

        Client(HttpExchange exchange) {
            this.exchange = exchange;
            this.out = exchange.getResponseBody();
        }

        synchronized void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void close() {
            try {
                exchange.close();
            } catch (RuntimeException e) {
                // Already closed.
            }
        }
    }

    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Answers the request with an open stream and says hello; the exchange stays open after this returns. */
    void open(HttpExchange exchange, String version) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(200, 0);
        Client client = new Client(exchange);
        if (closed) {
            client.close();
            return;
        }
        clients.add(client);
        while (clients.size() > MAX_CLIENTS) {
            Client oldest = clients.remove(0);
            oldest.close();
        }
        try {
            client.write("retry: 1000\nevent: hello\ndata: " + version + "\n\n");
        } catch (IOException e) {
            drop(client);
        }
    }

    /** Sends an event to every stream; streams that fail are closed. */
    void send(String event, String data) {
        broadcast("event: " + event + "\ndata: " + data + "\n\n");
    }

    /** A comment line, which browsers ignore: it finds the streams whose page was closed. */
    void heartbeat() {
        broadcast(": ping\n\n");
    }

    int size() {
        return clients.size();
    }

    /** Closes every stream; new ones are refused. */
    void close() {
        closed = true;
        for (Client client : clients) {
            drop(client);
        }
    }

    private void broadcast(String text) {
        for (Client client : clients) {
            try {
                client.write(text);
            } catch (IOException | RuntimeException e) {
                drop(client);
            }
        }
    }

    private void drop(Client client) {
        clients.remove(client);
        client.close();
    }
}
