package org.tcpstory.story;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;

/**
 * Finds and parses the chapters under the paths a command was given. This is the only class of the
 * package that reads files.
 *
 * <p>A folder is searched recursively for {@code *.md} files, skipping files whose name starts with
 * {@code _} or {@code .} and hidden folders, and following symbolic links only while they stay inside it.
 * A file is loaded as named, and the other chapters of its folder are loaded too (into
 * {@link ContentSet#library()} only) so that its {@code continues:} can be resolved. Slugs and
 * {@code continues:} are not checked here.
 */
public final class ContentLoader {

    /** Chapters are small; a larger file is surely not one, and is not read into memory. */
    public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    /** A path that was named but cannot be read: the command cannot run (exit code 2). */
    public static final class UnreadablePathException extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Path path;

        public UnreadablePathException(Path path, String message, Throwable cause) {
            super(message, cause);
            this.path = path;
        }

        public Path path() {
            return path;
        }
    }

    /** A file to read and the name to show for it. */
    private record Found(Path path, String display) {
    }

    private final ChapterParser parser;

    public ContentLoader() {
        this(new ChapterParser());
    }

    public ContentLoader(ChapterParser parser) {
        this.parser = parser;
    }

    /**
     * Loads the chapters under {@code paths} (files and/or folders), each shown as the user named it, with
     * {@code /} between names.
     *
     * @throws UnreadablePathException if a path does not exist or cannot be read
     */
    public ContentSet load(List<Path> paths) throws UnreadablePathException {
        Map<Path, Found> requested = new LinkedHashMap<>();
        Map<Path, Found> siblings = new LinkedHashMap<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                for (Found f : scan(path)) {
                    requested.putIfAbsent(realPath(f.path()), f);
                }
            } else if (Files.isRegularFile(path) && Files.isReadable(path)) {
                Found f = new Found(path, display(path));
                requested.putIfAbsent(realPath(path), f);
                for (Found sibling : siblingsOf(path)) {
                    siblings.putIfAbsent(realPath(sibling.path()), sibling);
                }
            } else {
                throw new UnreadablePathException(path, Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                        ? "cannot read " + display(path) : "no such file or folder: " + display(path), null);
            }
        }
        List<ParseResult> asked = readAll(new ArrayList<>(requested.values()));
        List<ParseResult> library = new ArrayList<>(asked);
        for (Map.Entry<Path, Found> e : siblings.entrySet()) {
            if (!requested.containsKey(e.getKey())) {
                library.add(readSibling(e.getValue()));
            }
        }
        asked.sort(READING_ORDER);
        library.sort(READING_ORDER);
        return new ContentSet(asked, library);
    }

    /**
     * Reading order: by order (chapters without one last), then by title as the contract says, then by
     * path; files that are not chapters come after all chapters.
     */
    static final Comparator<ParseResult> READING_ORDER = Comparator
            .comparing((ParseResult r) -> r.chapter().isEmpty())
            .thenComparing(r -> r.chapter().map(Chapter::order).orElse(null),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(r -> r.chapter().map(Chapter::title).orElse(""))
            .thenComparing(ParseResult::file);

    /**
     * Parses the files on every processor (a chapter is parsed on its own, and the parser shares nothing but
     * CommonMark's thread-safe parser), keeping their order; the first unreadable file in that order fails.
     */
    private List<ParseResult> readAll(List<Found> files) throws UnreadablePathException {
        List<Object> parsed = files.parallelStream().<Object>map(f -> {
            try {
                return read(f);
            } catch (UnreadablePathException e) {
                return e;
            }
        }).toList();
        List<ParseResult> results = new ArrayList<>(parsed.size());
        for (Object p : parsed) {
            if (p instanceof UnreadablePathException e) {
                throw e;
            }
            results.add((ParseResult) p);
        }
        return results;
    }

    private ParseResult read(Found f) throws UnreadablePathException {
        try {
            return parse(f);
        } catch (IOException e) {
            throw new UnreadablePathException(f.path(), "cannot read " + f.display() + ": " + e.getMessage(), e);
        }
    }

    /** A sibling that cannot be read does not stop the command: it was not asked for. */
    private ParseResult readSibling(Found f) {
        try {
            return parse(f);
        } catch (IOException e) {
            return new ParseResult(f.display(), Optional.empty(), List.of(Diagnostic.error(
                    new SourcePosition(f.display(), 1, 1), "unreadable", "cannot read this file: " + e.getMessage())));
        }
    }

    private ParseResult parse(Found f) throws IOException {
        long size = Files.size(f.path());
        if (size > MAX_FILE_BYTES) {
            return new ParseResult(f.display(), Optional.empty(), List.of(Diagnostic.error(
                    new SourcePosition(f.display(), 1, 1), "file-size",
                    "this file is too large for a chapter (" + size + " bytes; the limit is " + MAX_FILE_BYTES + ")")));
        }
        return parser.parse(f.display(), Files.readAllBytes(f.path()));
    }

    /** The chapters under a folder, sorted by display path. */
    private static List<Found> scan(Path root) throws UnreadablePathException {
        Path realRoot = realPath(root);
        String base = display(root);
        List<Found> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                            if (dir.equals(root)) {
                                return FileVisitResult.CONTINUE;
                            }
                            boolean hidden = dir.getFileName().toString().startsWith(".");
                            return hidden || !inside(dir, realRoot) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                            if (attrs.isRegularFile() && isChapterName(file) && inside(file, realRoot)) {
                                found.add(new Found(file, join(base, root.relativize(file))));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                            if (e instanceof FileSystemLoopException) {
                                return FileVisitResult.CONTINUE; // a link back up the tree: already scanned
                            }
                            String name = file.getFileName() == null ? "" : file.getFileName().toString();
                            boolean ignored = name.startsWith(".") || !Files.isDirectory(file) && !isChapterName(file);
                            if (!file.equals(root) && ignored) {
                                return FileVisitResult.CONTINUE;
                            }
                            throw e;
                        }
                    });
        } catch (IOException e) {
            throw new UnreadablePathException(root, "cannot read folder " + base + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(Found::display));
        return found;
    }

    /** The other chapters in the folder of a file the user named; problems here are not the user's. */
    private static List<Found> siblingsOf(Path file) {
        Path parent = file.getParent() == null ? Path.of("") : file.getParent();
        Path dir = parent.toString().isEmpty() ? Path.of(".") : parent;
        List<Found> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Path named = parent.resolve(entry.getFileName());
                if (isChapterName(named) && Files.isRegularFile(named) && inside(named, realPath(dir))) {
                    out.add(new Found(named, display(named)));
                }
            }
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        out.sort(Comparator.comparing(Found::display));
        return out;
    }

    private static boolean isChapterName(Path file) {
        String name = file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".md") && !name.startsWith("_") && !name.startsWith(".");
    }

    private static boolean inside(Path path, Path realRoot) {
        try {
            return path.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** A path as the user wrote it, with {@code /} between names and no trailing {@code /}. */
    static String display(Path path) {
        String text = path.toString().replace(path.getFileSystem().getSeparator(), "/");
        while (text.length() > 1 && text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static String join(String base, Path relative) {
        String rest = display(relative);
        return base.isEmpty() || base.equals(".") ? rest : base.equals("/") ? "/" + rest : base + "/" + rest;
    }
}
