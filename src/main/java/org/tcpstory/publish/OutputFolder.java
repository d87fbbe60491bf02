package org.tcpstory.publish;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.diagram.ExportFolder;
import org.tcpstory.files.PathNames;
import org.tcpstory.files.ProtectedFolders;
import org.tcpstory.files.SafeFiles;
import org.tcpstory.site.SiteFiles;
import org.tcpstory.site.SiteException;

/**
 * The folder a site is published into, and the only place a build writes to. A rendered site is written
 * into a fresh temporary folder next to it, then swapped in by renaming, so a failed build leaves the
 * previous site exactly as it was. Every site carries a {@link #MARKER} file; a non-empty folder without it
 * is not ours and is never replaced.
 *
 * <p>A build killed outright (kill -9, a lost machine) runs no clean-up, so the next build does it
 * ({@link #recover()}): it removes the temporary folders ({@code .NAME.tmp-HEX}) and old sites
 * ({@code .NAME.old-HEX}) of builds that are provably gone. A build holds a lock on a file in its
 * temporary folder ({@value #LOCK}) from its first file to the end of its swap; an unlocked lock file
 * means a dead build. Java cannot exchange two folders atomically, so the swap is two renames (old site
 * aside, new site in): a build killed between them leaves no output folder, only the old site aside, and
 * the next build puts it back before anything else.
 */
public final class OutputFolder {

    /** The file that marks a folder as a site built by tcpstory, which a build may therefore replace. */
    public static final String MARKER = ".tcpstory-site";

    static final String MARKER_TEXT = "This folder was built by tcpstory. `tcpstory build` replaces it as a whole:\n"
            + "do not keep anything else in it.\n";

    /** The lock a running build holds in its temporary folder (and in the site, during the swap). */
    static final String LOCK = ".tcpstory-build.lock";

    /** Leftovers of a build, by their names: {@code .NAME.tmp-HEX} and {@code .NAME.old-HEX}. */
    private static final Pattern LEFTOVER = Pattern.compile("\\.(.+)\\.(tmp|old)-([0-9a-f]{12})");

    /** A temporary folder without a lock file (a build killed as it began, or mid-swap) is left this long. */
    private static final Duration UNLOCKED_AGE = Duration.ofHours(1);

    /** Made on first use: seeding it loads the security providers, which a build that keeps its folder never needs. */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    private final Path target;
    private final String shown;
    /** The site's files as {@link #check} found them, or null when the folder held no site. */
    private final Map<String, String> files;
    private final List<Path> createdParents = new ArrayList<>();
    private Path temp;
    private String hex;
    private FileChannel lockChannel;
    /** Deletes the temporary folder if the process is stopped (Ctrl+C, a CI time-out) before commit or abandon. */
    private Thread onExit;
    private volatile boolean abandoned;
    /**
     * Writes hold it shared, {@link #abandon} exclusively: once abandon has it, no write is half done and none
     * starts, so the temporary folder is deleted whole even while render threads are still producing files.
     */
    private final ReadWriteLock writing = new ReentrantReadWriteLock();

    private OutputFolder(Path target, String shown, Map<String, String> files) {
        this.target = target;
        this.shown = shown;
        this.files = files;
    }

    /**
     * Checks that {@code out} may be (re)built and returns it ready for {@link #begin()}.
     *
     * @param protectedFolders folders the site must neither be, nor contain, nor be inside (content, templates)
     * @throws SiteException of kind {@link SiteException.Kind#REFUSED} with the reason
     */
    public static OutputFolder check(Path out, List<Path> protectedFolders) throws SiteException {
        String shown = PathNames.shown(out);
        Path target = PathNames.resolved(out);
        Optional<Text> refusal = ProtectedFolders.refusal(out, protectedFolders);
        if (refusal.isPresent()) {
            throw refused(shown, refusal.get());
        }
        Map<String, String> files = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(target)) {
                throw refused(shown, Text.of("folder.notAFolder"));
            }
            if (!isOurs(target)) {
                throw refused(shown, Text.of("build.out.notOurs", MARKER));
            }
            if (Files.isRegularFile(target.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
                Survey survey;
                try {
                    survey = survey(target, true);
                } catch (IOException e) {
                    throw cannotRead(target, e);
                }
                if (survey.repository() != null) {
                    throw refused(shown, Text.of("build.out.holdsRepository", survey.repository().toString()));
                }
                files = survey.files();
            }
        }
        return new OutputFolder(target, shown, files);
    }

    /**
     * The site's files as {@link #check} found them, each by its name relative to the folder and its size and
     * time ({@link #listing}); empty when the folder held no site. Read in the same walk that looked for a
     * repository inside, so that a build which keeps the folder walks it once.
     */
    Optional<Map<String, String>> files() {
        return Optional.ofNullable(files);
    }

    /**
     * Every file under a folder by its name relative to it ({@code /} between names), with its size and
     * modification time; anything but a regular file is marked as other, so it matches no listing of a site a
     * build wrote. A missing folder lists as one entry no build writes.
     */
    static Map<String, String> listing(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return Map.of("", "missing");
        }
        return survey(root, false).files();
    }

    private static SiteException refused(String shown, Text why) {
        return new SiteException(SiteException.Kind.REFUSED, Text.of("build.out.refused", shown, why));
    }

    private static SiteException cannotRead(Path dir, IOException e) {
        return new SiteException(SiteException.Kind.CANNOT_RUN,
                Text.of("build.cannotRead", dir.toString(), Text.message(e)));
    }

    /** The absolute, symlink-free path of the output folder. */
    public Path target() {
        return target;
    }

    /** The output folder as the user wrote it. */
    public String shown() {
        return shown;
    }

    /** Whether {@link #abandon} was called (by the build, or because the process is stopping): write no more. */
    public boolean abandoned() {
        return abandoned;
    }

    /** Makes the files of a site, into whatever it is given. */
    @FunctionalInterface
    public interface Content<T> {
        T writeTo(SiteFiles files) throws IOException, SiteException;
    }

    /**
     * Writes the files {@code content} makes into a temporary folder beside the output folder, as they are
     * made, then swaps it in. When anything fails, the temporary folder is deleted and the output folder is
     * left as it was.
     *
     * @return what {@code content} returns
     */
    public <T> T publish(Content<T> content) throws IOException, SiteException {
        try {
            Path folder = begin();
            Set<Path> folders = new HashSet<>();
            folders.add(folder);
            T made = content.writeTo((name, bytes) -> {
                writing.readLock().lock();
                try {
                    if (abandoned) {
                        throw new IOException("the build was stopped");
                    }
                    Path file = folder.resolve(name).normalize();
                    if (!file.startsWith(folder) || file.equals(folder)) {
                        throw new IOException("refusing to write outside the site folder: " + name);
                    }
                    if (folders.add(file.getParent())) {
                        Files.createDirectories(file.getParent());
                    }
                    Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } finally {
                    writing.readLock().unlock();
                }
            });
            commit();
            return made;
        } catch (IOException | SiteException | RuntimeException | Error e) {
            abandon();
            throw e;
        }
    }

    /** Creates the temporary folder next to the output folder and returns it; the site is written there. */
    synchronized Path begin() throws IOException {
        // The hook first: stopped once the folder exists, the process must find it to delete (abandon waits
        // for this method to return, as both are synchronized).
        onExit = new Thread(this::abandon, "tcpstory-abandon-" + target.getFileName());
        Runtime.getRuntime().addShutdownHook(onExit);
        Path parent = target.getParent();
        List<Path> missing = new ArrayList<>();
        for (Path p = parent; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            createdParents.add(0, p);
        }
        hex = random();
        temp = Files.createDirectory(parent.resolve("." + target.getFileName() + ".tmp-" + hex));
        lockChannel = FileChannel.open(temp.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            lockChannel.lock();
        } catch (IOException e) {
            // A file system without locks: no lock file, so a leftover of this build is deleted only once old.
            unlock(temp.resolve(LOCK));
        }
        return temp;
    }

    /**
     * Cleans up after builds into this folder that were killed outright: puts the old site back when one
     * was killed in the middle of its swap (no output folder, an old site aside), and deletes the temporary
     * folders and old sites of builds that are gone. Those of running builds, and anything not named and
     * made as a build makes them, are left alone. Best effort.
     */
    public void recover() {
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        List<Path> tmp = new ArrayList<>();
        List<Path> old = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, "." + name + ".*-*")) {
            for (Path sibling : siblings) {
                Matcher m = LEFTOVER.matcher(sibling.getFileName().toString());
                if (m.matches() && m.group(1).equals(name) && Files.isDirectory(sibling, LinkOption.NOFOLLOW_LINKS)) {
                    (m.group(2).equals("tmp") ? tmp : old).add(sibling);
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (Path aside : old) {
            String itsHex = aside.getFileName().toString().substring(name.length() + 6);
            Path itsTemp = parent.resolve("." + name + ".tmp-" + itsHex);
            if (!Files.isRegularFile(aside.resolve(MARKER), LinkOption.NOFOLLOW_LINKS) || held(itsTemp.resolve(LOCK))
                    || held(target.resolve(LOCK))) {
                continue; // not a site, or its build is still swapping
            }
            try {
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    move(aside, target); // killed between the two renames: the old site goes back
                } else {
                    SafeFiles.deleteTree(aside);
                }
            } catch (IOException | RuntimeException e) {
                // Left for the next build.
            }
        }
        for (Path leftover : tmp) {
            Path lock = leftover.resolve(LOCK);
            boolean dead = Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS) ? !held(lock) : olderThan(leftover, UNLOCKED_AGE);
            if (dead) {
                try {
                    SafeFiles.deleteTree(leftover);
                } catch (IOException | RuntimeException e) {
                    // Left for the next build.
                }
            }
        }
    }

    /** Whether a running build holds this lock file (one in this JVM included); false when there is none. */
    private static boolean held(Path lock) {
        if (!Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock free = channel.tryLock();
            if (free == null) {
                return true;
            }
            free.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            return true; // cannot tell: leave it
        }
    }

    private static boolean olderThan(Path path, Duration age) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the lock file (while still holding it, so no other build ever sees it unlocked), then lets go. */
    private void unlock(Path lockFile) {
        try {
            if (lockFile != null) {
                Files.deleteIfExists(lockFile);
            }
        } catch (IOException e) {
            // An unlocked lock file in a published site: the next build's recover() ignores it, and replaces the site.
        }
        try {
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // Closing releases the lock; nothing else to do.
        }
        lockChannel = null;
    }

    /**
     * Replaces the output folder by the temporary one: the old site is renamed aside, the new one renamed
     * in, and the old one deleted. If the second rename fails, the old site is put back.
     */
    synchronized void commit() throws IOException, SiteException {
        if (temp == null) {
            throw new IllegalStateException("begin() first");
        }
        Files.writeString(temp.resolve(MARKER), MARKER_TEXT);
        Path aside = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            // Checked again just before touching it: someone may have put files there during the build.
            if (!isOurs(target)) {
                throw refused(shown, Text.of("build.out.notOursNow", MARKER));
            }
            // The same HEX as the temporary folder: recover() finds the lock of the build that made it.
            aside = target.resolveSibling("." + target.getFileName() + ".old-" + hex);
            move(target, aside);
        }
        try {
            move(temp, target);
        } catch (IOException e) {
            if (aside != null) {
                move(aside, target);
            }
            throw e;
        }
        temp = null;
        unlock(target.resolve(LOCK)); // it moved in with the site
        createdParents.clear();
        forgetExitHook();
        if (aside != null) {
            try {
                SafeFiles.deleteTree(aside);
            } catch (IOException e) {
                // The new site is in place; a hidden leftover of the old one is harmless and clearly named.
            }
        }
    }

    /** Deletes the temporary folder (and any parent folder the build created); the output folder is untouched. */
    public synchronized void abandon() {
        writing.writeLock().lock();
        try {
            abandoned = true;
        } finally {
            writing.writeLock().unlock();
        }
        forgetExitHook();
        unlock(null); // the lock file goes with the temporary folder
        if (temp != null) {
            try {
                SafeFiles.deleteTree(temp);
            } catch (IOException e) {
                // Best effort: a leftover hidden temporary folder is harmless and named clearly.
            }
        }
        temp = null;
        for (Path p : createdParents) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                break;
            }
        }
        createdParents.clear();
    }

    private void forgetExitHook() {
        if (onExit != null && onExit != Thread.currentThread()) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // The process is stopping: the hook runs, and finds nothing left to do.
            }
        }
        onExit = null;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Whether the build may replace this folder: it is empty, it is a site tcpstory built, or it holds
     * nothing but a {@code diagrams/} folder that {@code tcpstory diagrams} wrote (its default output
     * is {@code site/diagrams/}, so it may run before the first build).
     */
    private static boolean isOurs(Path dir) throws SiteException {
        if (isEmpty(dir) || Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            List<Path> all = new ArrayList<>();
            entries.forEach(all::add);
            Path diagrams = dir.resolve("diagrams");
            return all.equals(List.of(diagrams)) && Files.isDirectory(diagrams, LinkOption.NOFOLLOW_LINKS)
                    && Files.isRegularFile(diagrams.resolve(ExportFolder.MANIFEST), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw cannotRead(dir, e);
        }
    }

    private static boolean isEmpty(Path dir) throws SiteException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            throw cannotRead(dir, e);
        }
    }

    /** What one walk of a folder found: its listing, and the first .git or pom.xml inside (when looked for). */
    private record Survey(Map<String, String> files, Path repository) {
    }

    /**
     * Walks a folder once, links not followed. A pom.xml or .git anywhere inside a site we built means it is not
     * only a site any more: with {@code lookForRepository} the walk stops at the first.
     */
    private static Survey survey(Path root, boolean lookForRepository) throws IOException {
        Map<String, String> files = new TreeMap<>();
        Path[] repository = new Path[1];
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return repository(dir);
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    String kind = attrs.isRegularFile() ? "" : "other ";
                    files.put(root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"),
                            kind + attrs.size() + " " + attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS));
                    return repository(f);
                }

                private FileVisitResult repository(Path p) {
                    String name = p.getFileName() == null ? "" : p.getFileName().toString();
                    if (lookForRepository && (name.equals(".git") || name.equals("pom.xml"))) {
                        repository[0] = p;
                        return FileVisitResult.TERMINATE;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            return new Survey(Map.of("", "missing"), null);
        }
        return new Survey(files, repository[0]);
    }

    private static String random() {
        byte[] bytes = new byte[6];
        Random.SOURCE.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
