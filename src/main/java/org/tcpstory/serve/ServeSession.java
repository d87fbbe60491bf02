package org.tcpstory.serve;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.tcpstory.site.BuildResult;
import org.tcpstory.site.DiagramCache;
import org.tcpstory.site.SiteException;

/**
 * {@code tcpstory serve}: builds the site into a temporary folder, serves it on 127.0.0.1, watches the
 * content and templates folders and rebuilds on every change, then tells open pages to reload (or to show
 * the errors, when the change broke a chapter). Bad content never stops it: a rebuild that fails for any
 * reason, a crash included, leaves the last good site in place and shows why over every page.
 *
 * <p>Threads: the HTTP server's (a dispatcher and up to four workers) and one that watches and rebuilds,
 * all daemons; {@link #close()} ends them and deletes the temporary folder.
 */
public final class ServeSession implements AutoCloseable {

    /**
     * How to serve.
     *
     * @param templates the user's templates folder, or null for the default theme only
     * @param port      0 for any free port
     * @param cache     where diagrams are kept; null for {@link DiagramCache#standard()}
     */
    public record Options(Path content, Path templates, int port, DiagramCache cache, Duration debounce) {
        public Options {
            Objects.requireNonNull(content, "content");
            debounce = debounce == null ? Duration.ofMillis(50) : debounce;
        }

        public Options(Path content, Path templates, int port) {
            this(content, templates, port, null, null);
        }
    }

    /**
     * What one build did: the first, or a rebuild after a change.
     *
     * @param version          the site version pages now show (it changes only when the site or the errors did)
     * @param result           the build's result, or null when it could not run (then {@code failure} says why)
     * @param failure          why the site was not rebuilt, or null when it was
     * @param crash            the exception of a crashed build, for the terminal, or null
     * @param changed          whether pages were told to reload
     */
    public record Build(String version, BuildResult result, Failure failure, Throwable crash, int pagesRendered,
                        int diagramsRendered, List<String> written, List<String> deleted, boolean changed,
                        long millis) {
        public boolean ok() {
            return failure == null;
        }
    }

    /** Hears what the session does; called from the session's threads, one call at a time. */
    public interface Listener {
        /** The server listens: said before the first build, so the address is shown at once. */
        default void listening(URI address) {
        }

        default void built(Build build) {
        }
    }

    /** How often open event streams get a comment, so that closed pages are noticed. */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Options options;
    private final Listener listener;
    private final Path folder;
    private final LiveSite site;
    private final EventStream events = new EventStream();
    private final AtomicReference<PreviewServer.Published> published;
    private final String instance;
    private final Watcher watcher;
    private final PreviewServer server;
    private final Thread worker;
    private final DiagramCache cache;
    private long generation;
    private volatile boolean closed;

    private ServeSession(Options options, Listener listener) throws IOException, SiteException {
        this.options = options;
        this.listener = listener == null ? new Listener() {
        } : listener;
        if (!Files.isDirectory(options.content())) {
            throw new SiteException(SiteException.Kind.CANNOT_RUN, Files.exists(options.content())
                    ? "the content folder " + options.content() + " is not a folder"
                    : "no such content folder: " + options.content());
        }
        if (options.templates() != null && !Files.isDirectory(options.templates())) {
            throw new SiteException(SiteException.Kind.CANNOT_RUN, "no such templates folder: " + options.templates());
        }
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        this.instance = HexFormat.of().formatHex(random);
        this.published = new AtomicReference<>(new PreviewServer.Published(instance + "-0", null));
        this.cache = options.cache() == null ? DiagramCache.standard() : options.cache();
        this.folder = Files.createTempDirectory("tcpstory-serve-").toRealPath();
        Watcher w = null;
        PreviewServer s = null;
        try {
            this.site = new LiveSite(options.content(), options.templates(), folder, cache);
            Map<Path, Watcher.Kind> roots = new LinkedHashMap<>();
            roots.put(options.content().toRealPath(), Watcher.Kind.CONTENT);
            if (options.templates() != null) {
                roots.putIfAbsent(options.templates().toRealPath(), Watcher.Kind.TEMPLATES);
            }
            w = new Watcher(roots, folder, options.debounce());
            s = new PreviewServer(folder, options.port(), published::get, events);
        } catch (IOException | RuntimeException e) {
            if (w != null) {
                w.close();
            }
            LiveSite.deleteTree(folder);
            throw e;
        }
        this.watcher = w;
        this.server = s;
        this.worker = new Thread(this::watch, "tcpstory-serve-watch");
        this.worker.setDaemon(true);
    }

    /**
     * Starts serving: binds the port, builds the site once (errors are shown, not thrown), then watches.
     *
     * @throws SiteException when the content or templates folder does not exist
     * @throws IOException   when the port cannot be bound ({@link java.net.BindException}: it is taken) or the
     *                       temporary folder cannot be made
     */
    public static ServeSession start(Options options, Listener listener) throws IOException, SiteException {
        ServeSession session = new ServeSession(options, listener);
        try {
            session.listener.listening(session.address());
            session.rebuild(false);
            session.worker.start();
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
        return session;
    }

    /** {@code http://127.0.0.1:PORT/} ({@code http://[::1]:PORT/} when Java prefers IPv6). */
    public URI address() {
        return URI.create("http://" + server.host() + ":" + server.port() + "/");
    }

    public int port() {
        return server.port();
    }

    /** The temporary folder the site is built into and served from. */
    public Path folder() {
        return folder;
    }

    public DiagramCache cache() {
        return cache;
    }

    /** The version of the site pages show now; it changes on every rebuild that changed something. */
    public String version() {
        return published.get().version();
    }

    /** Why the last rebuild failed, or null when it did not. */
    public Failure failure() {
        return published.get().failure();
    }

    /** Stops serving and watching, waits for a rebuild in progress, and deletes the temporary folder. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            watcher.close();
        } catch (IOException e) {
            // Closing is best effort.
        }
        server.stop();
        if (worker.isAlive() && worker != Thread.currentThread()) {
            worker.interrupt();
            try {
                worker.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LiveSite.deleteTree(folder);
    }

    private void watch() {
        while (!closed) {
            Watcher.Changes changes;
            try {
                changes = watcher.await(HEARTBEAT);
            } catch (InterruptedException e) {
                return;
            }
            if (changes == null || closed) {
                return;
            }
            if (!changes.any()) {
                events.heartbeat();
                continue;
            }
            rebuild(changes.templates() || changes.lost());
        }
    }

    /** Builds, publishes the new version when anything changed, and tells the listener. Never throws. */
    private void rebuild(boolean templatesChanged) {
        long start = System.nanoTime();
        LiveSite.Update update = null;
        Failure failure;
        Throwable crash = null;
        try {
            if (templatesChanged) {
                site.templatesChanged();
            }
            update = site.rebuild();
            failure = update.published() ? null : Failure.of(update.result(), options.content());
        } catch (SiteException e) {
            failure = Failure.of(e);
        } catch (Throwable t) { // NOPMD: whatever a rebuild throws, the server keeps serving
            crash = t;
            failure = Failure.crash(t);
        }
        PreviewServer.Published before = published.get();
        boolean changed = update != null && update.changed() || !Objects.equals(before.failure(), failure);
        String version = before.version();
        if (changed) {
            version = instance + "-" + (++generation);
            published.set(new PreviewServer.Published(version, failure));
            events.send("reload", version);
        }
        try {
            listener.built(new Build(version, update == null ? null : update.result(), failure, crash,
                    update == null ? 0 : update.pagesRendered(), update == null ? 0 : update.diagramsRendered(),
                    update == null ? List.of() : update.written(), update == null ? List.of() : update.deleted(),
                    changed, (System.nanoTime() - start) / 1_000_000));
        } catch (RuntimeException e) {
            // A listener's bug must not stop the rebuilds.
        }
    }
}
