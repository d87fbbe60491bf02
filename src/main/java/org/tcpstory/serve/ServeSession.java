package org.tcpstory.serve;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.tcpstory.book.Book;
import org.tcpstory.book.ContentReader;
import org.tcpstory.book.ParsedFiles;
import org.tcpstory.book.Sources;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Report;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.diagram.DiagramCache;
import org.tcpstory.diagram.RenderPool;
import org.tcpstory.engine.Profile;
import org.tcpstory.files.PathNames;
import org.tcpstory.site.RenderedSite;
import org.tcpstory.site.SiteException;
import org.tcpstory.site.SiteRenderer;

/**
 * {@code tcpstory serve}: renders the site in memory, serves it on 127.0.0.1, watches the content and
 * templates folders and renders again on every change (only the pages whose inputs changed), then tells
 * open pages to reload (or to show the errors, when the change broke a chapter). Bad content never stops
 * it: a rebuild that fails for any reason, a crash included, leaves the last good site in place and shows
 * why over every page. Nothing is written to disk but the diagram cache.
 *
 * <p>Threads: the HTTP server's (a dispatcher and up to four workers) and one that watches and rebuilds,
 * all daemons; {@link #close()} ends them.
 */
public final class ServeSession implements AutoCloseable {

    /**
     * How to serve.
     *
     * @param templates the user's templates folder, or null for the default theme only
     * @param port      0 for any free port
     * @param cache     where diagrams are kept; null for {@link DiagramCache#standard()}
     * @param profile   the profile of the command line, which wins over the book's
     * @param language  the language of the errors shown over the pages (the pages' own words follow the site)
     */
    public record Options(Path content, Path templates, int port, DiagramCache cache, Duration debounce,
                          Optional<Profile> profile, Language language) {
        public Options {
            Objects.requireNonNull(content, "content");
            debounce = debounce == null ? DEBOUNCE : debounce;
            profile = profile == null ? Optional.empty() : profile;
            language = language == null ? Language.ENGLISH : language;
        }

        public Options(Path content, Path templates, int port, DiagramCache cache, Duration debounce) {
            this(content, templates, port, cache, debounce, Optional.empty(), null);
        }

        public Options(Path content, Path templates, int port) {
            this(content, templates, port, null, null, Optional.empty(), null);
        }
    }

    /**
     * What one build did: the first, or a rebuild after a change.
     *
     * @param version  the site version pages now show (it changes only when the site or the errors did)
     * @param report   the book's diagnostics; empty when the book could not be read
     * @param site     the site rendered now, or null when it was not (then {@code failure} says why)
     * @param failure  why the site was not rebuilt, or null when it was
     * @param crash    the exception of a crashed build, for the terminal, or null
     * @param written  the files whose content changed, by path in the site
     * @param deleted  the files the site no longer has
     * @param changed  whether pages were told to reload
     */
    public record Build(String version, Report report, RenderedSite site, Failure failure, Throwable crash,
                        List<String> written, List<String> deleted, boolean changed, long millis) {
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

    /** Renders a checked book; the real one is a {@link SiteRenderer}, tests may wrap it. */
    @FunctionalInterface
    interface Renderer {
        RenderedSite render(Book book) throws SiteException;

        /** The templates or assets changed on disk. */
        default void templatesChanged() {
        }
    }

    /**
     * How long the watcher waits for an editor's save to end before it rebuilds: no event for this long. Editors
     * save in several steps (truncate then write; a temporary file renamed over the chapter; vim's backup, new
     * file and fsync; JetBrains' safe write), microseconds apart unless the editor is preempted; a gap longer
     * than this cuts a save into two rebuilds, the first of which may read the chapter half-saved (an error shown
     * for one rebuild, which the next one takes away). {@code WatcherBenchmark} on 2 shared cores, all five ways:
     * idle, no save of 200 was cut at 5, 10, 20 or 50 ms; with four threads spinning on the cores, one save in
     * 150 at 5 ms, none of 150 at 10 ms, one of 300 at 15 ms (a truncate preempted before its write), none of 150
     * at 20 or 50 ms. A longer wait only makes that rare cut rarer, and every save pays it: 15 ms takes 35 ms
     * off every reload, for a flicker in a few hundred saves on a machine that busy.
     */
    static final Duration DEBOUNCE = Duration.ofMillis(15);

    /** How often open event streams get a comment, so that closed pages are noticed. */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Options options;
    private final Listener listener;
    private final Renderer renderer;
    private final EventStream events = new EventStream();
    /** The chapters as the last rebuild parsed them: a save parses only the files it changed. */
    private final ParsedFiles parsed = new ParsedFiles();
    /** The files as the last rebuild read them, or null when it could not: a save reads only what it changed. */
    private volatile Sources sources;
    private final AtomicReference<PreviewServer.Published> published;
    private final String instance;
    private final Watcher watcher;
    private final PreviewServer server;
    private final Thread worker;
    private final DiagramCache cache;
    private long generation;
    private volatile boolean closed;

    private ServeSession(Options options, Listener listener, Renderer renderer) throws IOException, SiteException {
        this.options = options;
        this.listener = listener == null ? new Listener() {
        } : listener;
        try {
            ContentReader.requireFolder(options.content());
        } catch (ContentReader.UnreadablePathException e) {
            throw new SiteException(SiteException.Kind.CANNOT_RUN, e.text());
        }
        if (options.templates() != null && !Files.isDirectory(options.templates())) {
            throw new SiteException(SiteException.Kind.CANNOT_RUN,
                    Text.of("build.noTemplatesFolder", PathNames.shown(options.templates())));
        }
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        this.instance = HexFormat.of().formatHex(random);
        this.published = new AtomicReference<>(new PreviewServer.Published(instance + "-0", null, null));
        this.cache = options.cache() == null ? DiagramCache.standard() : options.cache();
        this.renderer = renderer != null ? renderer : siteRenderer(options.templates(), cache);
        Map<Path, Watcher.Kind> roots = new LinkedHashMap<>();
        roots.put(options.content().toRealPath(), Watcher.Kind.CONTENT);
        if (options.templates() != null) {
            roots.putIfAbsent(options.templates().toRealPath(), Watcher.Kind.TEMPLATES);
        }
        this.watcher = new Watcher(roots, options.debounce());
        try {
            this.server = new PreviewServer(options.port(), published::get, events);
        } catch (IOException | RuntimeException e) {
            watcher.close();
            throw e;
        }
        this.worker = new Thread(this::watch, "tcpstory-serve-watch");
        this.worker.setDaemon(true);
    }

    private static Renderer siteRenderer(Path templates, DiagramCache cache) {
        SiteRenderer site = new SiteRenderer(templates, cache, RenderPool.defaultThreads(), SiteRenderer.Mode.PREVIEW, null);
        return new Renderer() {
            @Override
            public RenderedSite render(Book book) throws SiteException {
                return site.render(book);
            }

            @Override
            public void templatesChanged() {
                site.templatesChanged();
            }
        };
    }

    /**
     * Starts serving: binds the port, builds the site once (errors are shown, not thrown), then watches.
     *
     * @throws SiteException when the content or templates folder does not exist
     * @throws IOException   when the port cannot be bound ({@link java.net.BindException}: it is taken)
     */
    public static ServeSession start(Options options, Listener listener) throws IOException, SiteException {
        return start(options, listener, null);
    }

    /** As {@link #start(Options, Listener)}, rendering with {@code renderer} (null: the site's own). */
    static ServeSession start(Options options, Listener listener, Renderer renderer) throws IOException, SiteException {
        ServeSession session = new ServeSession(options, listener, renderer);
        try {
            session.listener.listening(session.address());
            session.rebuild(Watcher.Changes.NONE);
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

    /** The site pages show now: the last one rendered without error, if any. */
    public Optional<RenderedSite> site() {
        return Optional.ofNullable(published.get().site());
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

    /** The files as the last rebuild read them, or null when it could not read them; for tests. */
    Sources sources() {
        return sources;
    }

    /** Stops serving and watching, and waits for a rebuild in progress. Idempotent. */
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
            rebuild(changes);
        }
    }

    /** Reads, checks and renders the book, publishes the new version when anything changed, and tells the listener. Never throws. */
    private void rebuild(Watcher.Changes changes) {
        long start = System.nanoTime();
        Messages messages = Messages.of(options.language());
        PreviewServer.Published before = published.get();
        Report report = new Report(List.of());
        RenderedSite site = null;
        Failure failure;
        Throwable crash = null;
        try {
            if (changes.templates() || changes.lost()) {
                renderer.templatesChanged();
            }
            Book book = Book.of(read(changes), options.profile(), parsed);
            report = book.report();
            if (book.hasErrors()) {
                failure = Failure.of(report, messages);
            } else {
                site = renderer.render(book);
                failure = null;
            }
        } catch (ContentReader.UnreadablePathException e) {
            failure = Failure.of(e.text(), messages);
        } catch (SiteException e) {
            failure = Failure.of(e, messages);
        } catch (Throwable t) { // NOPMD: whatever a rebuild throws, the server keeps serving
            crash = t;
            failure = Failure.crash(t, messages);
        }
        Map<String, byte[]> old = before.files();
        List<String> written = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        if (site != null) {
            Map<String, byte[]> now = site.files();
            now.forEach((path, bytes) -> {
                if (!Arrays.equals(bytes, old.get(path))) {
                    written.add(path);
                }
            });
            old.keySet().stream().filter(path -> !now.containsKey(path)).forEach(deleted::add);
        }
        boolean changed = !written.isEmpty() || !deleted.isEmpty() || !Objects.equals(before.failure(), failure);
        String version = before.version();
        if (changed) {
            version = instance + "-" + (++generation);
            published.set(new PreviewServer.Published(version, failure, site != null ? site : before.site()));
            events.send("reload", version);
        }
        try {
            listener.built(new Build(version, report, site, failure, crash, written, deleted, changed,
                    (System.nanoTime() - start) / 1_000_000));
        } catch (RuntimeException e) {
            // A listener's bug must not stop the rebuilds.
        }
    }

    /**
     * The book's files now: the last ones with only the files the watcher named read again, or the whole
     * folder when the watcher cannot vouch for its list, or the last read failed.
     */
    private Sources read(Watcher.Changes changes) throws ContentReader.UnreadablePathException {
        Sources last = sources;
        sources = null;
        sources = last == null || changes.rescan() ? ContentReader.readSite(options.content())
                : ContentReader.reread(last, options.content(), changes.paths());
        return sources;
    }
}
