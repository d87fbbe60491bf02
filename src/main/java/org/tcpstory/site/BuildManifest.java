package org.tcpstory.site;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tcpstory.diagram.CjkFonts;
import org.tcpstory.files.Sha256;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.ContentLoader;
import org.tcpstory.story.ContentSet;
import org.tcpstory.story.ParseResult;

/**
 * What the last successful build into an output folder was made from, kept in the cache folder
 * ({@code builds/<hash of the folder's path>.txt}), so that a build whose inputs are all unchanged, into a
 * folder exactly as that build left it, can keep the folder instead of rendering and writing it again:
 * the same inputs give byte-identical files.
 *
 * <p>The inputs are every chapter's text, the home page's settings and text, every file of the user's
 * templates folder, the CJK font diagrams are measured with, and the code: tcpstory's jar (or classes),
 * the class path and the Java runtime. The folder must hold exactly the files the build wrote, each with
 * the size and modification time it had then. Anything else, or no cache folder, means a full build.
 */
final class BuildManifest {

    private static final String FORMAT = "tcpstory-build-manifest 2";

    /** What the folder holds, by path: size and modification time. */
    private record Listing(Map<String, String> files) {
    }

    private final Path file;
    private final Path out;
    private String inputs;

    private BuildManifest(Path file, Path out) {
        this.file = file;
        this.out = out;
    }

    /** The manifest of an output folder (absolute, links resolved) in the cache's folder; disabled without one. */
    static BuildManifest of(DiagramCache cache, Path out) {
        Path file = cache.folder().map(f -> f.resolve("builds").resolve(Sha256.of(out.toString()) + ".txt")).orElse(null);
        return new BuildManifest(file, out);
    }

    /**
     * Whether the folder is exactly what a build of these inputs wrote. Remembers the inputs for {@link #record}.
     *
     * @return the pages count of that build, when it is
     */
    Optional<Integer> upToDate(ContentSet loaded, SiteConfig.Home home, Path templates) {
        if (file == null) {
            return Optional.empty();
        }
        try {
            inputs = inputs(loaded, home, templates);
            if (inputs == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 4 || !lines.get(0).equals(FORMAT) || !lines.get(1).equals("inputs " + inputs)
                    || !lines.get(2).startsWith("pages ") || !folderAsRecorded(lines)) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(lines.get(2).substring("pages ".length())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The counts of the last build when the raw input files are byte for byte those it was made from, it
     * reported no diagnostic at all, and the folder is exactly as it left it: such a build need not even read
     * the chapters again. Empty otherwise (or without a cache folder).
     *
     * @param raw {@link #raw}'s hash of the input files
     */
    Optional<Counts> unchanged(String raw) {
        if (file == null || raw == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 4 || !lines.get(0).equals(FORMAT) || !lines.get(2).startsWith("pages ")) {
                return Optional.empty();
            }
            String[] clean = lines.get(3).split(" ");
            if (clean.length != 4 || !clean[0].equals("clean") || !clean[1].equals(raw) || !folderAsRecorded(lines)) {
                return Optional.empty();
            }
            return Optional.of(new Counts(Integer.parseInt(clean[2]), Integer.parseInt(clean[3]),
                    Integer.parseInt(lines.get(2).substring("pages ".length()))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What a build published: chapters, diagrams and pages. */
    record Counts(int chapters, int diagrams, int pages) {
    }

    /** Whether the output folder holds exactly the files listed from the fifth line of the manifest on. */
    private boolean folderAsRecorded(List<String> lines) throws IOException {
        Map<String, String> recorded = new TreeMap<>();
        for (String line : lines.subList(4, lines.size())) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                return false;
            }
            recorded.put(line.substring(tab + 1), line.substring(0, tab));
        }
        return recorded.containsKey(OutputFolder.MARKER) && new Listing(recorded).equals(listing(out));
    }

    /**
     * A hash of the input files as bytes (every file under the content and templates folders) and of the
     * code; null when a symbolic link is among them or the code is unknown, so that only the full check,
     * which follows links with care, can say the site is up to date.
     */
    static String raw(Path content, Path templates) {
        MessageDigest sha = started();
        if (sha == null) {
            return null;
        }
        try {
            for (Path folder : templates == null ? List.of(content) : List.of(content, templates)) {
                Path root = folder.toRealPath();
                Sha256.field(sha, "folder");
                try (Stream<Path> all = Files.walk(root)) {
                    for (Path f : (Iterable<Path>) all.sorted()::iterator) {
                        if (Files.isSymbolicLink(f)) {
                            return null;
                        }
                        Sha256.field(sha, root.relativize(f).toString());
                        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                            if (Files.size(f) > ContentLoader.MAX_FILE_BYTES) {
                                return null; // a file no chapter may be: let the full check say so
                            }
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
        } catch (IOException | RuntimeException e) {
            return null;
        }
        // Last: looking the font up takes a while, and the command line starts it on another thread first.
        Sha256.field(sha, CjkFonts.family().orElse(""));
        return Sha256.hex(sha);
    }

    /**
     * Notes what the build just published into the folder. Best effort: without it, the next build is full.
     *
     * @param raw    {@link #raw}'s hash of the input files, or null
     * @param clean  whether the build reported no diagnostic at all, so that an unchanged rebuild may skip checking
     */
    void record(Counts counts, String raw, boolean clean) {
        if (file == null || inputs == null) {
            return;
        }
        Path temp = null;
        try {
            Listing listing = listing(out);
            StringBuilder text = new StringBuilder(FORMAT).append('\n').append("inputs ").append(inputs).append('\n')
                    .append("pages ").append(counts.pages()).append('\n')
                    .append(clean && raw != null
                            ? "clean " + raw + " " + counts.chapters() + " " + counts.diagrams() : "checked").append('\n');
            for (Map.Entry<String, String> e : listing.files().entrySet()) {
                if (e.getKey().indexOf('\n') >= 0 || e.getKey().indexOf('\t') >= 0) {
                    Files.deleteIfExists(file);
                    return;
                }
                text.append(e.getValue()).append('\t').append(e.getKey()).append('\n');
            }
            Files.createDirectories(file.getParent());
            temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException | RuntimeException e) {
            // The next build is a full one.
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // prune() removes it later.
                }
            }
        }
    }

    /** Every file under the folder with its size and modification time; links and anything odd make it unmatchable. */
    private static Listing listing(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return new Listing(Map.of("", "missing"));
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                String kind = attrs.isRegularFile() ? "" : "other ";
                files.put(root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"),
                        kind + attrs.size() + " " + attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS));
                return FileVisitResult.CONTINUE;
            }
        });
        return new Listing(files);
    }

    /** A hash of everything the site is made from; null when the code's identity is unknown. */
    private static String inputs(ContentSet loaded, SiteConfig.Home home, Path templates) throws IOException {
        MessageDigest sha = started();
        if (sha == null) {
            return null;
        }
        Sha256.field(sha, CjkFonts.family().orElse(""));
        for (ParseResult parsed : loaded.library()) {
            Sha256.field(sha, parsed.file());
            Optional<Chapter> chapter = parsed.chapter();
            Sha256.field(sha, chapter.isPresent() ? "chapter" : "none");
            if (chapter.isPresent()) {
                List<String> lines = chapter.get().lines();
                Sha256.field(sha, Integer.toString(lines.size()));
                for (String line : lines) {
                    Sha256.field(sha, line);
                }
            }
        }
        Sha256.field(sha, String.valueOf(home.file()));
        Sha256.field(sha, home.config().toString());
        Sha256.field(sha, home.markdown());
        if (templates != null) {
            Path root = templates.toRealPath();
            try (Stream<Path> all = Files.walk(root)) {
                for (Path f : (Iterable<Path>) all.sorted()::iterator) {
                    Sha256.field(sha, root.relativize(f).toString());
                    if (Files.isSymbolicLink(f)) {
                        // What it points to, and that file's size and time: never read through a link.
                        Sha256.field(sha, "link " + Files.readSymbolicLink(f) + " "
                                + (Files.exists(f) ? Code.stamp(f) : "dangling"));
                    } else if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                        sha.update(Files.readAllBytes(f));
                    }
                }
            }
        }
        return Sha256.hex(sha);
    }

    /** A hash begun with this format and the code's identity; null when that identity is unknown. */
    private static MessageDigest started() {
        if (Code.IDENTITY == null) {
            return null;
        }
        MessageDigest sha = Sha256.start();
        Sha256.field(sha, FORMAT);
        Sha256.field(sha, Code.IDENTITY);
        return sha;
    }

    /** The identity of the code that renders: tcpstory's jar or classes (with the default theme), the class path, Java. */
    private static final class Code {
        static final String IDENTITY = identity();

        private static String identity() {
            try {
                Path location = Path.of(SiteBuilder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
