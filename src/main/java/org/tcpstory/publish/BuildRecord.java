package org.tcpstory.publish;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tcpstory.book.Source;
import org.tcpstory.book.Sources;
import org.tcpstory.diagram.CjkFonts;
import org.tcpstory.diagram.DiagramCache;
import org.tcpstory.engine.Profile;
import org.tcpstory.files.SafeFiles;
import org.tcpstory.files.Sha256;

/**
 * What the last build into an output folder was made from, kept in the cache folder
 * ({@code builds/<hash of the folder's path>.txt}): the one up-to-date short cut. A build whose inputs
 * hash to the recorded key, into a folder exactly as that build left it, keeps the folder instead of
 * rendering and writing it again: the same inputs give byte-identical files. When that build reported
 * nothing at all, the chapters need not even be parsed.
 *
 * <p>The inputs are the bytes of every file the book was read from (chapters and {@code _index.md}), every
 * file of the user's templates folder, the CJK font diagrams are measured with, and the code: tcpstory's
 * jar (or classes), the class path and the Java runtime. The folder must hold exactly the files the build
 * wrote, each with the size and modification time it had then. Anything else, or no cache folder, means a
 * full build.
 */
final class BuildRecord {

    private static final String FORMAT = "tcpstory-build-record 3";

    /** What a build published: chapters, diagrams and pages. */
    record Counts(int chapters, int diagrams, int pages) {
    }

    /**
     * The last build, when the folder is as it left it.
     *
     * @param clean whether it reported no diagnostic at all, so that a rebuild need not parse the chapters
     */
    record Recorded(Counts counts, boolean clean) {
    }

    private final Path file;
    private final Path out;

    private BuildRecord(Path file, Path out) {
        this.file = file;
        this.out = out;
    }

    /** The record of an output folder (absolute, links resolved) in the cache's folder; disabled without one. */
    static BuildRecord of(DiagramCache cache, Path out) {
        Path file = cache.folder().map(f -> f.resolve("builds").resolve(Sha256.of(out.toString()) + ".txt")).orElse(null);
        return new BuildRecord(file, out);
    }

    /**
     * The hash of everything a site is made from; null when it cannot be known (the code's identity is
     * unknown, or the templates folder cannot be read), and then every build is a full one.
     *
     * @param templates the user's templates folder, or null
     * @param profile   the profile of the command line, if it named one
     */
    static String key(Sources sources, Path templates, Optional<Profile> profile) {
        if (Code.IDENTITY == null) {
            return null;
        }
        MessageDigest sha = Sha256.start();
        Sha256.field(sha, FORMAT);
        Sha256.field(sha, Code.IDENTITY);
        for (Source source : sources.all()) {
            Sha256.field(sha, source.file());
            if (source.bytes() == null) {
                Sha256.field(sha, "unread " + source.unread().message());
            } else {
                Sha256.field(sha, "read " + source.bytes().length);
                sha.update(source.bytes());
            }
        }
        Sha256.field(sha, sources.homePage().isPresent() ? "home" : "no home");
        Sha256.field(sha, "profile " + profile.map(Profile::id).orElse(""));
        if (templates != null) {
            try {
                hashFolder(sha, templates.toRealPath());
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        // Last: looking the font up takes a while, and the command line starts it on another thread first.
        Sha256.field(sha, CjkFonts.family().orElse(""));
        return Sha256.hex(sha);
    }

    /** Every file of a folder by relative name and bytes; a link by where it points and that file's stamp. */
    private static void hashFolder(MessageDigest sha, Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path f : (Iterable<Path>) all.sorted()::iterator) {
                Sha256.field(sha, root.relativize(f).toString());
                if (Files.isSymbolicLink(f)) {
                    // Never read through a link: what it points to, and that file's size and time.
                    Sha256.field(sha, "link " + Files.readSymbolicLink(f) + " " + (Files.exists(f) ? Code.stamp(f) : "dangling"));
                } else if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
                        byte[] buffer = new byte[8192];
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            sha.update(buffer, 0, n);
                        }
                    }
                }
            }
        }
    }

    /**
     * The last build of these inputs, when the folder is exactly as it left it.
     *
     * @param files the folder's files as they are now ({@link OutputFolder#files()}); empty when it holds no site
     */
    Optional<Recorded> upToDate(String key, Optional<Map<String, String>> files) {
        if (file == null || key == null || files.isEmpty() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 4 || !lines.get(0).equals(FORMAT) || !lines.get(1).equals("key " + key)
                    || !folderAsRecorded(lines, files.get())) {
                return Optional.empty();
            }
            String[] counts = lines.get(2).split(" ");
            if (counts.length != 4 || !counts[0].equals("counts")) {
                return Optional.empty();
            }
            return Optional.of(new Recorded(new Counts(Integer.parseInt(counts[1]), Integer.parseInt(counts[2]),
                    Integer.parseInt(counts[3])), lines.get(3).equals("clean")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the output folder holds exactly the files listed from the fifth line of the record on. */
    private static boolean folderAsRecorded(List<String> lines, Map<String, String> files) {
        Map<String, String> recorded = new TreeMap<>();
        for (String line : lines.subList(4, lines.size())) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                return false;
            }
            recorded.put(line.substring(tab + 1), line.substring(0, tab));
        }
        return recorded.containsKey(OutputFolder.MARKER) && recorded.equals(files);
    }

    /**
     * Notes what the build just published into the folder. Best effort: without it, the next build is full.
     *
     * @param clean whether the build reported no diagnostic at all
     */
    void record(String key, Counts counts, boolean clean) {
        if (file == null || key == null) {
            return;
        }
        try {
            StringBuilder text = new StringBuilder(FORMAT).append('\n').append("key ").append(key).append('\n')
                    .append("counts ").append(counts.chapters()).append(' ').append(counts.diagrams()).append(' ')
                    .append(counts.pages()).append('\n').append(clean ? "clean" : "checked").append('\n');
            for (Map.Entry<String, String> e : OutputFolder.listing(out).entrySet()) {
                if (e.getKey().indexOf('\n') >= 0 || e.getKey().indexOf('\t') >= 0) {
                    Files.deleteIfExists(file);
                    return;
                }
                text.append(e.getValue()).append('\t').append(e.getKey()).append('\n');
            }
            Files.createDirectories(file.getParent());
            SafeFiles.replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // The next build is a full one.
        }
    }

    /** The identity of the code that renders: tcpstory's jar or classes (with the default theme), the class path, Java. */
    private static final class Code {
        static final String IDENTITY = identity();

        private static String identity() {
            try {
                Path location = Path.of(BuildRecord.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                StringBuilder id = new StringBuilder();
                id.append(Runtime.version()).append('\n').append(System.getProperty("java.home")).append('\n')
                        .append(System.getProperty("java.class.path")).append('\n');
                if (Files.isRegularFile(location)) {
                    id.append(stamp(location));
                } else if (Files.isDirectory(location)) {
                    // Classes in a folder (tests, an IDE): every file of tcpstory's, by size and time.
                    try (Stream<Path> all = Files.walk(location)) {
                        for (Path f : (Iterable<Path>) all.sorted()::iterator) {
                            if (Files.isRegularFile(f)) {
                                id.append(location.relativize(f)).append(' ').append(stamp(f));
                            }
                        }
                    }
                } else {
                    return null;
                }
                return Sha256.of(id.toString());
            } catch (IOException | URISyntaxException | RuntimeException e) {
                return null;
            }
        }

        private static String stamp(Path f) throws IOException {
            BasicFileAttributes attrs = Files.readAttributes(f, BasicFileAttributes.class);
            return attrs.size() + " " + attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "\n";
        }
    }
}
