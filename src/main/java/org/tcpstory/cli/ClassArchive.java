package org.tcpstory.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The class-data-sharing archive of the tuned JVM ({@link TunedJvm}) for one command: the classes it loads
 * from the jar and the JDK, parsed and verified once and then mapped from a file (JDK 17's dynamic AppCDS).
 * The first run of a command writes it at exit ({@code -XX:ArchiveClassesAtExit}, into a temporary file that
 * the launcher moves into place once the command has succeeded); later runs map it
 * ({@code -XX:SharedArchiveFile}). Measured on the bundled book, {@code check} in the tuned JVM took 0.38 s of
 * CPU with the archive against 0.48 s without, most of it picocli's and tcpstory's classes no longer verified.
 *
 * <p>An archive holds code the JVM will run, so it lives only in the user's own cache folder
 * ({@code $XDG_CACHE_HOME/tcpstory/jvm}, else {@code ~/.cache/tcpstory/jvm}), never in the working folder
 * a pull request could write: the folder must be the user's, a real folder, and writable by nobody else, or
 * no archive is used. Its name carries the jar's path, size and time and the JVM's home and version, so a
 * new jar or JDK starts a new one; the JVM checks again itself and ignores an archive that does not match
 * (quietly: its CDS messages are turned off). Nothing here ever fails a command: without an archive the
 * JVM loads classes as usual.
 *
 * <p>Each archive takes 4 to 8 MB, and every new jar (each release, each {@code mvn package} of a developer)
 * starts new ones, so writing an archive also clears out the folder: it keeps the newest
 * {@value #KEPT_PER_COMMAND} archives of the command (enough for a few installations used side by side) and
 * drops the partial archives of runs that are no longer alive.
 */
final class ClassArchive {

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    /** How many archives of one command the folder keeps. */
    static final int KEPT_PER_COMMAND = 3;

    private static final String SUFFIX = ".jsa";
    private static final String PARTIAL_SUFFIX = ".tmp";

    private final String command;
    private final Path archive;
    private final Path partial;
    private final boolean exists;

    private ClassArchive(String command, Path archive, Path partial, boolean exists) {
        this.command = command;
        this.archive = archive;
        this.partial = partial;
        this.exists = exists;
    }

    /** The archive for a command run from this jar by this JVM, or empty when no private folder can hold one. */
    static Optional<ClassArchive> of(String command, Path jar, Path javaHome, String vmVersion) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() && Path.of(xdg.strip()).isAbsolute() ? Path.of(xdg.strip())
                : Path.of(System.getProperty("user.home"), ".cache");
        return of(command, jar, javaHome, vmVersion, cache);
    }

    /** The archive kept under a user's cache folder ({@code CACHE/tcpstory/jvm}). */
    static Optional<ClassArchive> of(String command, Path jar, Path javaHome, String vmVersion, Path cache) {
        try {
            Optional<Path> folder = folder(cache);
            if (folder.isEmpty() || !Files.isRegularFile(jar)) {
                return Optional.empty();
            }
            CRC32 crc = new CRC32();
            crc.update((jar.toAbsolutePath() + "\n" + javaHome + "\n" + vmVersion + "\n" + TunedJvm.FLAGS)
                    .getBytes(StandardCharsets.UTF_8));
            String name = command + "-" + Long.toHexString(Files.size(jar)) + "-"
                    + Long.toHexString(Files.getLastModifiedTime(jar).toMillis()) + "-" + Long.toHexString(crc.getValue());
            Path archive = folder.get().resolve(name + SUFFIX);
            boolean exists = Files.isRegularFile(archive, LinkOption.NOFOLLOW_LINKS) && privateFile(archive);
            return Optional.of(new ClassArchive(command, archive, folder.get().resolve(name + "."
                    + ProcessHandle.current().pid() + PARTIAL_SUFFIX), exists));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Where the archive is, or will be once written. */
    Path path() {
        return archive;
    }

    /** The JVM options that map the archive, or write it at exit when there is none yet. */
    List<String> flags() {
        String use = exists ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + partial;
        return List.of("-Xlog:cds=off,cds+dynamic=off", use);
    }

    /** After the command: a written archive is moved into place when the command succeeded, else deleted. */
    void completed(int exitCode) {
        if (exists) {
            return;
        }
        try {
            if (exitCode == 0 && Files.isRegularFile(partial, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                prune();
            }
        } catch (IOException | RuntimeException e) {
            // The next run writes it again.
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // Left for the next run to overwrite; it is never read under this name.
            }
        }
    }

    /**
     * Deletes this command's archives but the newest {@link #KEPT_PER_COMMAND}, and partial archives whose
     * writer has ended (a run that was killed). Only plain files named as this class names them are touched.
     */
    private void prune() throws IOException {
        List<Path> archives = new ArrayList<>();
        List<Path> abandoned = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(archive.getParent())) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (name.startsWith(command + "-") && name.endsWith(SUFFIX)) {
                    archives.add(file);
                } else if (name.endsWith(PARTIAL_SUFFIX) && writerEnded(name)) {
                    abandoned.add(file);
                }
            }
        }
        Map<Path, FileTime> times = new HashMap<>();
        for (Path file : archives) {
            times.put(file, Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS));
        }
        archives.sort(Comparator.comparing((Path file) -> file.equals(archive))
                .thenComparing(times::get).thenComparing(Path::toString).reversed());
        abandoned.addAll(archives.subList(Math.min(KEPT_PER_COMMAND, archives.size()), archives.size()));
        for (Path file : abandoned) {
            Files.deleteIfExists(file);
        }
    }

    /** Whether the process that was writing a partial archive ({@code NAME.PID.tmp}) is gone. */
    private static boolean writerEnded(String name) {
        String stem = name.substring(0, name.length() - PARTIAL_SUFFIX.length());
        try {
            long pid = Long.parseLong(stem.substring(stem.lastIndexOf('.') + 1));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The user's private folder of archives, made when missing; empty when it is not private or not POSIX. */
    private static Optional<Path> folder(Path base) throws IOException {
        if (!Files.getFileStore(Files.isDirectory(base) ? base : base.getRoot()).supportsFileAttributeView("posix")) {
            return Optional.empty();
        }
        Path folder = base.resolve("tcpstory").resolve("jvm");
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(folder.getParent(), PosixFilePermissions.asFileAttribute(PRIVATE));
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PRIVATE));
        }
        boolean usable = Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && privateFile(folder);
        return usable ? Optional.of(folder) : Optional.empty();
    }

    /** Owned by this user, and writable by no one else. */
    private static boolean privateFile(Path path) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
                && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }
}
