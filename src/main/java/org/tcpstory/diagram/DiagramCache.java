package org.tcpstory.diagram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.files.PathNames;
import org.tcpstory.files.SafeFiles;
import org.tcpstory.files.Sha256;

/**
 * Rendered diagrams, kept so that a diagram whose PlantUML source has not changed is never drawn twice:
 * in memory for the life of this object (the most recently used, up to about 16 MB), and on disk in a
 * cache folder shared by every {@code build} and {@code serve} run. An entry is keyed by a SHA-256 of the
 * PlantUML source, the theme, the PlantUML version, the CJK font used to measure text and the renderer's
 * own code, so any of them changing draws the diagram again.
 *
 * <p>On disk, each entry is one file {@code diagrams/<key>.svg} with a short header that repeats its key
 * and gives the SVG's length and CRC-32C: an entry that does not match (truncated, edited, from another
 * version) is ignored and drawn again. (A checksum, not a second SHA-256: it guards against damage, which
 * is all a hash stored beside the data can do, and costs a fraction of it on every cached diagram.)
 * Entries are written to a temporary file and renamed into place, so readers never see half an entry,
 * and builds running at once may share the folder. The folder holds a {@code .gitignore} of its own
 * ({@code *}) and a {@code CACHEDIR.TAG}; deleting it is always safe.
 * Failing to read or write it never fails a build: the diagram is then simply drawn.
 *
 * <p>The folder is untrusted: anyone who can write to the working folder (a pull request that commits
 * it) or to a shared {@code TCPSTORY_CACHE} can write an entry with a valid header. So an entry read from
 * disk passes the same {@link SvgSafety} check as a fresh drawing before it is used, a failure counting as
 * {@linkplain #rejected() rejected}; a folder that is a symbolic link, or whose {@code diagrams/} or
 * {@code builds/} is one or leads outside it, is not used at all ({@link #problem()}); and pruning
 * deletes only regular files whose names, and headers, say the cache wrote them.
 *
 * <p>Safe to share between threads.
 */
public final class DiagramCache {

    /** The cache folder's name, in the working folder unless {@link #ENV} says otherwise. */
    public static final String FOLDER = ".tcpstory-cache";

    /** The environment variable that moves the cache folder ({@code TCPSTORY_CACHE=DIR}) or turns it off ({@code off}). */
    public static final String ENV = "TCPSTORY_CACHE";

    /** Entries not used for this long are deleted by {@link #prune()}. */
    static final Duration KEEP_UNUSED = Duration.ofDays(30);

    private static final String FORMAT = "tcpstory-diagram-cache 2";
    /** How much SVG text the memory layer holds, in chars: about 16 MB, a few hundred diagrams. */
    public static final long MEMORY_CHARS = 8_000_000;

    /** What pruning may delete: entries, build records, and the temporary files {@link SafeFiles} makes of them. */
    private static final Pattern ENTRY = Pattern.compile("[0-9a-f]{64}\\.svg");
    private static final Pattern RECORD = Pattern.compile("[0-9a-f]{64}\\.txt");
    private static final Pattern TEMPORARY = Pattern.compile("\\.([0-9a-f]{64}\\.(?:svg|txt))\\.[0-9a-f]{12}\\.tmp");

    private final Path folder;
    private final Text problem;
    private final boolean memory;
    /** The most recently used SVGs, least recent first; guarded by itself, as is {@link #recentChars}. */
    private final Map<String, String> recent = new LinkedHashMap<>(16, 0.75f, true);
    private long recentChars;
    /** A lock per diagram being read or drawn, so that one drawing serves every thread that asks at once. */
    private final ConcurrentHashMap<String, Object> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong drawn = new AtomicLong();
    private final AtomicLong fromMemory = new AtomicLong();
    private final AtomicLong fromDisk = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean prepared;

    private DiagramCache(Path folder, boolean memory) {
        this.problem = folder == null ? null : unusable(folder);
        this.folder = problem == null ? folder : null;
        this.memory = memory;
    }

    /** The cache {@code build} and {@code serve} use: {@code $TCPSTORY_CACHE}, else {@code .tcpstory-cache/} in the working folder. */
    public static DiagramCache standard() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            String value = env.strip();
            if (value.equalsIgnoreCase("off") || value.equals("0") || value.equalsIgnoreCase("false")) {
                return new DiagramCache(null, true);
            }
            return at(Path.of(value));
        }
        return at(Path.of(FOLDER));
    }

    /**
     * A cache kept in memory and in the given folder (created when first written); in memory only when the
     * folder may not be used ({@link #problem()}).
     */
    public static DiagramCache at(Path folder) {
        return new DiagramCache(folder.toAbsolutePath().normalize(), true);
    }

    /** Why the cache folder given is not used (words for a warning), or empty when it is used or none was given. */
    public Optional<Text> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * Why a cache folder must not be used: it is a symbolic link (which a pull request can commit, leading
     * writes and pruning anywhere), or its subfolders are links or lead outside it. Null when it is fine
     * (or does not exist yet: it is then created as a plain folder).
     */
    private static Text unusable(Path folder) {
        String shown = PathNames.shown(folder);
        if (Files.isSymbolicLink(folder)) {
            return Text.of("cache.link", shown);
        }
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return Text.of("cache.notAFolder", shown);
        }
        try {
            Path real = folder.toRealPath();
            for (String sub : new String[] {"diagrams", "builds"}) {
                Path p = folder.resolve(sub);
                if (Files.isSymbolicLink(p) || Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                        && (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || !p.toRealPath().startsWith(real))) {
                    return Text.of("cache.subfolder", sub + "/", shown);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Text.of("cache.unreadable", shown, Text.message(e));
        }
        return null;
    }

    /** No cache at all: every diagram is drawn. */
    public static DiagramCache none() {
        return new DiagramCache(null, false);
    }

    /** The folder on disk, if any. */
    public Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /** How many diagrams PlantUML drew through this cache (misses). */
    public long drawn() {
        return drawn.get();
    }

    /** How many diagrams came from memory. */
    public long fromMemory() {
        return fromMemory.get();
    }

    /** How many diagrams came from the folder on disk. */
    public long fromDisk() {
        return fromDisk.get();
    }

    /** How many entries on disk were found broken or unsafe (and drawn again). */
    public long rejected() {
        return rejected.get();
    }

    /**
     * The SVG of a diagram: from the cache, or drawn by {@code draw} and kept.
     *
     * @param draw the renderer, called with {@code source} on a miss; what it throws is passed on and nothing is kept
     */
    public String svg(String source, Theme theme, UnaryOperator<String> draw) {
        String key = key(source, theme);
        String svg = remembered(key);
        if (svg != null) {
            return svg;
        }
        // One thread draws a diagram that several ask for at once (chapters sharing a layout); the others wait.
        Object turn = inFlight.computeIfAbsent(key, k -> new Object());
        try {
            synchronized (turn) {
                svg = remembered(key);
                if (svg != null) {
                    return svg;
                }
                svg = read(key);
                if (svg != null) {
                    fromDisk.incrementAndGet();
                } else {
                    svg = draw.apply(source);
                    drawn.incrementAndGet();
                    write(key, svg);
                }
                if (memory) {
                    remember(key, svg);
                }
                return svg;
            }
        } finally {
            inFlight.remove(key, turn);
        }
    }

    /** The SVG kept in memory under a key, or null. */
    private String remembered(String key) {
        if (!memory) {
            return null;
        }
        synchronized (recent) {
            String svg = recent.get(key);
            if (svg != null) {
                fromMemory.incrementAndGet();
            }
            return svg;
        }
    }

    /** Keeps an SVG in memory, forgetting the least recently used ones beyond {@link #MEMORY_CHARS}. */
    private void remember(String key, String svg) {
        synchronized (recent) {
            String old = recent.put(key, svg);
            recentChars += svg.length() - (old == null ? 0 : old.length());
            for (var eldest = recent.values().iterator(); recentChars > MEMORY_CHARS && eldest.hasNext(); ) {
                recentChars -= eldest.next().length();
                eldest.remove();
            }
        }
    }

    /**
     * Deletes entries not used for {@link #KEEP_UNUSED}, records of builds that old ({@code builds/}) and
     * temporary files left by a crash. Best effort.
     */
    public void prune() {
        if (folder != null && unusable(folder) == null) {
            prune(entries(), ENTRY, FORMAT_NAME);
            prune(folder.resolve("builds"), RECORD, RECORD_FORMAT_NAME);
        }
    }

    /** The first words of an entry's header, whatever its version. */
    private static final String FORMAT_NAME = "tcpstory-diagram-cache ";
    /** The first words of a build record (publish.BuildRecord), whatever its version. */
    private static final String RECORD_FORMAT_NAME = "tcpstory-build-record ";

    /**
     * Deletes the stale files of one subfolder that the cache wrote: regular files named like its entries
     * (and starting with their header), or like the temporary files of one. Nothing else is touched.
     */
    private static void prune(Path dir, Pattern names, String header) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Instant now = Instant.now();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Matcher temporary = TEMPORARY.matcher(name);
                boolean entry = names.matcher(name).matches();
                if (!entry && !(temporary.matches() && names.matcher(temporary.group(1)).matches())
                        || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
                boolean stale = entry ? modified.isBefore(now.minus(KEEP_UNUSED)) && startsWith(file, header)
                        : modified.isBefore(now.minus(Duration.ofHours(1)));
                if (stale) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be tidied still works.
        }
    }

    private static boolean startsWith(Path file, String header) throws IOException {
        byte[] expected = header.getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return Arrays.equals(in.readNBytes(expected.length), expected);
        }
    }

    /** The key of a diagram: everything the SVG depends on, hashed. */
    static String key(String source, Theme theme) {
        MessageDigest sha = Sha256.start();
        for (String part : new String[] {FORMAT, Fingerprint.PLANTUML, Fingerprint.RENDERER, theme.name(),
                CjkFonts.family().orElse(""), source}) {
            Sha256.field(sha, part);
        }
        return Sha256.hex(sha);
    }

    private Path entries() {
        return folder == null ? null : folder.resolve("diagrams");
    }

    private String read(String key) {
        Path dir = entries();
        if (dir == null) {
            return null;
        }
        Path file = dir.resolve(key + ".svg");
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String svg = parse(key, bytes);
        if (svg != null) {
            try {
                // Anyone may have written this file, with a valid header: it is checked like a fresh drawing.
                SvgSafety.check(svg);
            } catch (DiagramException e) {
                svg = null;
            }
        }
        if (svg == null) {
            rejected.incrementAndGet();
            return null;
        }
        touch(file);
        return svg;
    }

    /** The SVG of an entry, or null when the entry is not exactly what {@link #write} writes for this key. */
    static String parse(String key, byte[] bytes) {
        int body = 0;
        for (int line = 0; line < 3; line++) {
            while (body < bytes.length && bytes[body] != '\n') {
                body++;
            }
            if (body++ >= bytes.length) {
                return null;
            }
        }
        String[] header = new String(bytes, 0, body, StandardCharsets.US_ASCII).split("\n");
        if (header.length != 3 || !header[0].equals(FORMAT) || !header[1].equals("key " + key)
                || !header[2].equals(checksum(bytes, body, bytes.length - body))) {
            return null;
        }
        return new String(bytes, body, bytes.length - body, StandardCharsets.UTF_8);
    }

    static byte[] entry(String key, String svg) {
        byte[] body = svg.getBytes(StandardCharsets.UTF_8);
        byte[] header = (FORMAT + "\nkey " + key + "\n" + checksum(body, 0, body.length) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] entry = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, entry, header.length, body.length);
        return entry;
    }

    private static String checksum(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return "length " + length + " crc32c " + Long.toHexString(crc.getValue());
    }

    private void write(String key, String svg) {
        Path dir = entries();
        if (dir == null) {
            return;
        }
        try {
            prepare();
            SafeFiles.replace(dir.resolve(key + ".svg"), entry(key, svg));
        } catch (IOException | RuntimeException e) {
            // Not cached this time: the next build draws it again (prune() removes a temporary file left behind).
        }
    }

    /** Creates the folder with its own .gitignore and CACHEDIR.TAG, once. */
    private void prepare() throws IOException {
        if (prepared) {
            return;
        }
        boolean created = !Files.isDirectory(folder);
        Files.createDirectories(folder.resolve("diagrams"));
        writeIfMissing(folder.resolve(".gitignore"), "# Made by tcpstory: rendered diagrams, safe to delete.\n*\n");
        writeIfMissing(folder.resolve("CACHEDIR.TAG"), "Signature: 8a477f597d28d172789f06886806bc55\n"
                + "# This file is a cache directory tag created by tcpstory (https://bford.info/cachedir/).\n");
        if (created) {
            writeIfMissing(folder.resolve("README.txt"), "tcpstory keeps rendered diagrams here, so that builds"
                    + " draw only diagrams that changed.\nDeleting this folder is always safe.\n");
        }
        prepared = true;
    }

    private static void writeIfMissing(Path file, String text) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.writeString(file, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Another build made it first.
            }
        }
    }

    /** Marks an entry as used (at most once a day, to spare the disk), so prune() keeps it. */
    private static void touch(Path file) {
        try {
            Instant now = Instant.now();
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            if (modified.isBefore(now.minus(Duration.ofDays(1)))) {
                Files.setLastModifiedTime(file, FileTime.from(now));
            }
        } catch (IOException | RuntimeException e) {
            // Only pruning would be affected.
        }
    }

    /** What the SVG depends on besides its source: the PlantUML build, and the code that post-processes it. */
    private static final class Fingerprint {
        static final String PLANTUML = plantUml();
        static final String RENDERER = renderer();

        /**
         * PlantUML's version class as bytes (it holds the version string and build time). Read as a
         * resource, not loaded: PlantUML must not start before DiagramRenderer selects its sandbox.
         */
        private static String plantUml() {
            try (InputStream in = DiagramCache.class.getClassLoader()
                    .getResourceAsStream("net/sourceforge/plantuml/version/Version.class")) {
                return in == null ? "unknown" : Sha256.of(in.readAllBytes());
            } catch (IOException e) {
                return "unknown";
            }
        }

        /** A hash of the diagram package's rendering classes: a tcpstory that draws differently misses. */
        private static String renderer() {
            MessageDigest sha = Sha256.start();
            for (Class<?> code : List.of(DiagramRenderer.class, LifelineTitles.class, SvgFonts.class, SvgSafety.class,
                    CjkFonts.class)) {
                String name = code.getSimpleName();
                try (InputStream in = code.getResourceAsStream(name + ".class")) {
                    sha.update(name.getBytes(StandardCharsets.UTF_8));
                    if (in != null) {
                        sha.update(in.readAllBytes());
                    }
                } catch (IOException e) {
                    sha.update("unreadable".getBytes(StandardCharsets.UTF_8));
                }
            }
            return Sha256.hex(sha);
        }
    }
}
