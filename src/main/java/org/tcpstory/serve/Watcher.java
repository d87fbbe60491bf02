package org.tcpstory.serve;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Watches the content and templates folders, recursively (java.nio WatchService; folders created later
 * are watched too), and reports changes that can change the site once they have settled: a burst of
 * events (an editor's save is often several) ends when no new one came for the debounce time. In the
 * content folder only Markdown files and folders count; hidden files and folders (an editor's swap and
 * backup files, {@code .git}, the cache) never do.
 */
final class Watcher implements Closeable {

    enum Kind { CONTENT, TEMPLATES }

    /**
     * What changed in one settled burst.
     *
     * @param paths      the files of the content folder the events named (Markdown files only, {@code _index.md}
     *                   among them), under the watched root: what a save changed, when the batch is not structural
     * @param structural the content folder must be read whole: a folder came, went or was renamed, a symbolic
     *                   link was made or changed, the folder itself came back; anything a list of files cannot
     *                   vouch for
     * @param templates  the templates folder changed
     * @param lost       the watch service lost events (an overflow): assume anything changed, templates too
     */
    record Changes(Set<Path> paths, boolean structural, boolean templates, boolean lost) {
        static final Changes NONE = new Changes(Set.of(), false, false, false);
        static final Changes LOST = new Changes(Set.of(), false, false, true);
        static final Changes STRUCTURAL = new Changes(Set.of(), true, false, false);
        static final Changes TEMPLATES = new Changes(Set.of(), false, true, false);

        Changes {
            paths = Set.copyOf(paths);
        }

        static Changes file(Path path) {
            return new Changes(Set.of(path), false, false, false);
        }

        boolean any() {
            return !paths.isEmpty() || structural || templates || lost;
        }

        /** Whether the content folder must be scanned whole, not only the files named. */
        boolean rescan() {
            return structural || lost;
        }

        Changes and(Changes other) {
            if (other == NONE || other.equals(this)) {
                return this;
            }
            Set<Path> both = new HashSet<>(paths);
            both.addAll(other.paths);
            return new Changes(both, structural || other.structural, templates || other.templates, lost || other.lost);
        }
    }

    private record Dir(Path path, Kind kind) {
    }

    /** The longest a burst may hold a rebuild back, however busy the folder. */
    private static final Duration MAX_SETTLE = Duration.ofSeconds(1);

    private final WatchService service;
    private final Map<WatchKey, Dir> keys = new ConcurrentHashMap<>();
    /**
     * The symbolic links in the watched folders: once one is deleted nothing on disk says it was a link (one to
     * a folder has no Markdown name), yet the scan read chapters through it.
     */
    private final Set<Path> links = ConcurrentHashMap.newKeySet();
    private final Map<Path, Kind> roots;
    private final Duration debounce;

    /** @param roots the folders to watch and what they hold */
    Watcher(Map<Path, Kind> roots, Duration debounce) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.roots = Map.copyOf(roots);
        this.debounce = debounce;
        try {
            // Templates first: a templates folder inside the content folder stays a templates folder.
            for (Kind kind : new Kind[] {Kind.TEMPLATES, Kind.CONTENT}) {
                for (Map.Entry<Path, Kind> root : this.roots.entrySet()) {
                    if (root.getValue() == kind) {
                        registerTree(root.getKey(), kind);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /**
     * Waits up to {@code timeout} for a change, then until the burst settles.
     *
     * @return what changed, {@link Changes#NONE} when nothing did within the timeout, or null once closed
     */
    Changes await(Duration timeout) throws InterruptedException {
        try {
            Changes revived = reviveRoots();
            if (revived.any()) {
                return revived;
            }
            WatchKey key = service.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (key == null) {
                return Changes.NONE;
            }
            Changes changes = process(key);
            long deadline = System.nanoTime() + MAX_SETTLE.toNanos();
            // Settle: keep taking events until none came for the debounce time.
            while (System.nanoTime() < deadline) {
                WatchKey next = service.poll(debounce.toMillis(), TimeUnit.MILLISECONDS);
                if (next == null) {
                    break;
                }
                changes = changes.and(process(next));
            }
            return changes;
        } catch (ClosedWatchServiceException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
    }

    private Changes process(WatchKey key) {
        Dir dir = keys.get(key);
        if (dir == null) {
            // A folder forgotten since it was deleted or renamed, which asked for a whole scan then.
            key.pollEvents();
            key.cancel();
            return Changes.NONE;
        }
        Changes changes = Changes.NONE;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                changes = changes.and(Changes.LOST);
                continue;
            }
            Path name = (Path) event.context();
            if (name != null && !hidden(name)) {
                changes = changes.and(change(dir, event.kind(), dir.path().resolve(name)));
            }
        }
        if (!key.reset()) {
            keys.remove(key);
            changes = changes.and(gone(dir));
        }
        return changes;
    }

    /** What one event on an entry of a watched folder changed. */
    private Changes change(Dir dir, WatchEvent.Kind<?> kind, Path child) {
        boolean folder = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
        boolean wasFolder = keys.values().stream().anyMatch(d -> d.path().equals(child));
        // Deleted or renamed: its events no longer say where they happen; a new name is registered when it comes.
        Changes forgotten = kind == StandardWatchEventKinds.ENTRY_DELETE && wasFolder ? forget(child) : Changes.NONE;
        if (kind == StandardWatchEventKinds.ENTRY_CREATE && folder) {
            try {
                registerTree(child, dir.kind());
            } catch (IOException | RuntimeException e) {
                return Changes.LOST;
            }
        }
        boolean link = Files.isSymbolicLink(child);
        if (link) {
            links.add(child);
        }
        boolean wasLink = kind == StandardWatchEventKinds.ENTRY_DELETE && links.remove(child);
        link |= wasLink;
        if (!relevant(dir.kind(), child.getFileName(), folder || wasFolder || link)) {
            return forgotten;
        }
        if (dir.kind() == Kind.TEMPLATES) {
            // A theme kept in the content folder is read by its scan too (a Markdown file in it is a chapter).
            return inContent(dir.path()) ? Changes.TEMPLATES.and(Changes.STRUCTURAL) : Changes.TEMPLATES;
        }
        // A link may lead anywhere in the folder, or to a folder: only a whole scan says what it brings.
        return folder || wasFolder || link ? Changes.STRUCTURAL.and(forgotten) : Changes.file(child);
    }

    /** Stops watching a folder and those under it; what they held changed (their own events are dropped). */
    private Changes forget(Path folder) {
        Changes changes = Changes.NONE;
        for (Map.Entry<WatchKey, Dir> entry : keys.entrySet()) {
            if (entry.getValue().path().startsWith(folder)) {
                entry.getKey().cancel();
                keys.remove(entry.getKey());
                changes = changes.and(gone(entry.getValue()));
            }
        }
        return changes;
    }

    /**
     * What a watched folder that went changed: the templates, when it held them; the content folder's list of
     * folders, when it was in it (a theme kept in the content folder is one of them).
     */
    private Changes gone(Dir folder) {
        Changes changes = folder.kind() == Kind.TEMPLATES ? Changes.TEMPLATES : Changes.NONE;
        return inContent(folder.path()) ? changes.and(Changes.STRUCTURAL) : changes;
    }

    private boolean inContent(Path path) {
        return roots.entrySet().stream().anyMatch(root -> root.getValue() == Kind.CONTENT && path.startsWith(root.getKey()));
    }

    private static boolean relevant(Kind kind, Path name, boolean folder) {
        String file = name.toString();
        if (file.endsWith("~") || file.startsWith("#") || file.endsWith(".swp") || file.endsWith(".tmp")) {
            return false;
        }
        return folder || kind == Kind.TEMPLATES || file.toLowerCase(Locale.ROOT).endsWith(".md");
    }

    private static boolean hidden(Path name) {
        return name.toString().startsWith(".");
    }

    /** Watches a folder and every folder under it but hidden ones (symbolic links are not followed). */
    private void registerTree(Path start, Kind kind) throws IOException {
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(start) && hidden(dir.getFileName())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (keys.values().stream().noneMatch(d -> d.path().equals(dir))) {
                    WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
                    keys.put(key, new Dir(dir, kind));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isSymbolicLink()) {
                    links.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A watched root that was deleted and made again (a checkout, say) is watched again, and counts as changed. */
    private Changes reviveRoots() {
        Changes changes = Changes.NONE;
        for (Map.Entry<Path, Kind> root : roots.entrySet()) {
            if (keys.values().stream().noneMatch(d -> d.path().equals(root.getKey()))
                    && Files.isDirectory(root.getKey(), LinkOption.NOFOLLOW_LINKS)) {
                try {
                    registerTree(root.getKey(), root.getValue());
                    changes = changes.and(root.getValue() == Kind.CONTENT ? Changes.STRUCTURAL : Changes.TEMPLATES);
                } catch (IOException | RuntimeException e) {
                    // Tried again on the next wait.
                }
            }
        }
        return changes;
    }

    /** The folders watched now, for tests. */
    List<Path> watched() {
        return keys.values().stream().map(Dir::path).sorted().toList();
    }
}
