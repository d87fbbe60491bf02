package org.tcpstory.book;

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
import java.util.Set;
import java.util.TreeMap;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.files.PathNames;
import org.tcpstory.story.HomePage;

/**
 * Finds and reads the files of a book: the only class that reads content from disk. It reads bytes and
 * nothing more; {@link Book} parses them.
 *
 * <p>A folder is searched recursively for {@code *.md} files, skipping files whose name starts with
 * {@code _} or {@code .} and hidden folders, and following symbolic links only while they stay inside it.
 * A file is read as named, and the other chapters of its folder are read too (as siblings) so that its
 * {@code continues:} can be resolved. A file over {@link #MAX_FILE_BYTES} is not read into memory.
 */
public final class ContentReader {

    /** Chapters are small; a larger file is surely not one, and is not read into memory. */
    public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    /** A path that was named but cannot be read: the command cannot run (exit code 2). */
    public static final class UnreadablePathException extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Path path;
        private final transient Text text;

        public UnreadablePathException(Path path, Text text, Throwable cause) {
            super(Messages.english().render(text), cause);
            this.path = path;
            this.text = text;
        }

        public Path path() {
            return path;
        }

        /** What cannot be read, to be shown in the reader's language. */
        public Text text() {
            return text;
        }
    }

    /** A file to read and the name to show for it. */
    private record Found(Path path, String display) {
    }

    private ContentReader() {
    }

    /**
     * Reads the chapters under {@code paths} (files and/or folders), each shown as the user named it, with
     * {@code /} between names, and the {@code _index.md} of the book they belong to: that of the first path
     * (the folder itself, or the folder of a file), whose settings (the profile) apply to them all.
     *
     * @throws UnreadablePathException if a path does not exist or cannot be read
     */
    public static Sources read(List<Path> paths) throws UnreadablePathException {
        Sources chapters = readChapters(paths);
        if (paths.isEmpty()) {
            return chapters;
        }
        Path first = paths.get(0);
        Path folder = Files.isDirectory(first) ? first : first.getParent() == null ? Path.of("") : first.getParent();
        Path here = here(folder);
        Source home = readHome(folder, here, true);
        boolean linked = chapters.linked() || Files.isSymbolicLink(here.resolve(HomePage.FILE_NAME));
        List<Sources.Folder> folders = new ArrayList<>();
        for (Path sub : subFolders(here)) {
            Path named = folder.resolve(sub.getFileName());
            folders.add(new Sources.Folder(sub.getFileName().toString(), display(named), readHome(named, named, false)));
            linked |= Files.isSymbolicLink(sub) || Files.isSymbolicLink(sub.resolve(HomePage.FILE_NAME));
        }
        return new Sources(chapters.requested(), chapters.siblings(), home, folders, outer(folder, here), linked);
    }

    /** The folder to list for a book's folder as named ({@code .} for the current one). */
    private static Path here(Path folder) {
        return folder.toString().isEmpty() ? Path.of(".") : folder;
    }

    /**
     * The sources of a book's folder after some of its files changed: {@code last} is what {@link #readSite}
     * read, {@code changed} the files that changed since (added, edited, deleted, renamed: by their path under
     * the folder's real path), and the answer is what {@link #readSite} would read now, reading only those
     * files, by the same rules. What a list of files cannot vouch for reads the folder whole: an
     * {@code _index.md} (the book's settings or a language's), a folder named as a file, a path outside the
     * folder, a book that holds symbolic links (a change to a link's target does not name the link).
     *
     * @throws UnreadablePathException as {@link #readSite}: the folder is gone, or a changed chapter cannot be read
     */
    public static Sources reread(Sources last, Path content, Set<Path> changed) throws UnreadablePathException {
        requireFolder(content);
        Path realRoot = realPath(content);
        if (last.linked() || !last.siblings().isEmpty()) {
            return readSite(content);
        }
        String base = display(content);
        Map<String, Source> chapters = new TreeMap<>();
        for (Source chapter : last.requested()) {
            chapters.put(chapter.file(), chapter);
        }
        for (Path path : changed) {
            if (!path.startsWith(realRoot) || path.equals(realRoot) || path.endsWith(HomePage.FILE_NAME)
                    || Files.isDirectory(path)) {
                return readSite(content);
            }
            Path relative = realRoot.relativize(path);
            if (relative.getNameCount() > 1 && folderCameOrWent(last, content, relative.getName(0), realRoot)) {
                return readSite(content); // the book's sub-folders are its languages
            }
            Path file = content.resolve(relative);
            String shown = join(base, relative);
            chapters.remove(shown);
            Path real = reached(content, relative, realRoot) ? chapterAt(file, Files.isRegularFile(file), realRoot) : null;
            if (real == null) {
                continue;
            }
            if (!real.equals(realRoot.resolve(relative))) {
                return readSite(content); // a link now: it may be a second name of another chapter
            }
            chapters.put(shown, readRequested(new Found(file, shown), Text.of("book.kind.chapter")));
        }
        return new Sources(List.copyOf(chapters.values()), List.of(), last.home(), last.folders(),
                outer(content, here(content)), false);
    }

    /** Whether a folder right under the book's is listed in {@code last} but is gone, or the other way round. */
    private static boolean folderCameOrWent(Sources last, Path content, Path name, Path realRoot) {
        boolean listed = last.folders().stream().anyMatch(f -> f.name().equals(name.toString()));
        Path folder = content.resolve(name);
        return listed != (Files.isDirectory(folder) && entered(folder, realRoot));
    }

    /** Whether the walk of {@link #scan} enters every folder between the root and a file under it. */
    private static boolean reached(Path root, Path relative, Path realRoot) {
        Path dir = root;
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            dir = dir.resolve(relative.getName(i));
            if (!entered(dir, realRoot)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the walk of a folder goes into a folder under it: not hidden, and inside once links are resolved. */
    private static boolean entered(Path dir, Path realRoot) {
        return !dir.getFileName().toString().startsWith(".") && inside(dir, realRoot);
    }

    /**
     * Whether a file the walk of a folder comes to is one of its chapters: the one rule of {@link #scan} and
     * {@link #reread}.
     *
     * @param regular whether it is a regular file, once links are followed
     * @return its real path when it is a chapter, else null
     */
    private static Path chapterAt(Path file, boolean regular, Path realRoot) {
        if (!regular || !isChapterName(file)) {
            return null;
        }
        try {
            Path real = file.toRealPath();
            return real.startsWith(realRoot) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The {@code _index.md} of a folder, when it has one inside it; null otherwise.
     *
     * @param asked whether the user named this folder: then a file that cannot be read stops the command; in a
     *              sub-folder, which may not be a language at all, it is reported as the file's problem
     */
    private static Source readHome(Path folder, Path here, boolean asked) throws UnreadablePathException {
        Path index = folder.resolve(HomePage.FILE_NAME);
        String shown = folder.toString().isEmpty() ? HomePage.FILE_NAME : join(display(folder), Path.of(HomePage.FILE_NAME));
        if (!isInside(index, here)) {
            return null;
        }
        Found found = new Found(index, shown);
        return asked ? readRequested(found, Text.of("book.kind.homePage")) : readSibling(found);
    }

    /** The folders right under a book's folder (not hidden, and not links out of it), by name. */
    private static List<Path> subFolders(Path here) {
        Path realRoot = realPath(here);
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(here)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry) && entered(entry, realRoot)) {
                    out.add(entry);
                }
            }
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    /**
     * The {@code _index.md} of the folder around a book's folder: when it lists the book's folder among its
     * {@code languages:}, the book is one language of it and takes its settings. Not read when it cannot be.
     */
    private static Sources.Outer outer(Path folder, Path here) {
        Path real = realPath(here);
        Path around = real.getParent();
        if (around == null || real.getFileName() == null) {
            return null;
        }
        Path index = around.resolve(HomePage.FILE_NAME);
        // The folder around, as the user would name it: content for content/zh, the current folder for zh.
        String base;
        if (folder.getParent() != null) {
            base = display(folder.getParent());
        } else {
            base = folder.toString().isEmpty() || display(folder).equals(".") ? ".." : "";
        }
        Found found = new Found(index, base.isEmpty() ? HomePage.FILE_NAME : join(base, Path.of(HomePage.FILE_NAME)));
        if (!Files.isRegularFile(index)) {
            return null;
        }
        try {
            return new Sources.Outer(real.getFileName().toString(), readFile(found, Text.of("book.kind.homePage")));
        } catch (IOException e) {
            return null;
        }
    }

    private static Sources readChapters(List<Path> paths) throws UnreadablePathException {
        Map<Path, Found> requested = new LinkedHashMap<>();
        Map<Path, Found> siblings = new LinkedHashMap<>();
        Map<Path, Found> outside = new LinkedHashMap<>();
        boolean linked = false;
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                Path realRoot = realPath(path);
                for (Found f : scan(path, realRoot)) {
                    Path real = realPath(f.path());
                    linked |= !real.equals(realRoot.resolve(path.relativize(f.path())));
                    requested.putIfAbsent(real, f);
                }
            } else if (Files.isRegularFile(path) && Files.isReadable(path)) {
                Found named = new Found(path, display(path));
                if (!inside(path, realPath(folderOf(path)))) {
                    // As the folder walk would skip it: a link out of the folder, to /etc/passwd say, is not read.
                    outside.putIfAbsent(path.toAbsolutePath().normalize(), named);
                    continue;
                }
                requested.putIfAbsent(realPath(path), named);
                for (Found sibling : siblingsOf(path)) {
                    siblings.putIfAbsent(realPath(sibling.path()), sibling);
                }
            } else {
                throw new UnreadablePathException(path, Text.of(Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                        ? "content.cannotReadPath" : "content.noSuchPath", display(path)), null);
            }
        }
        List<Source> asked = new ArrayList<>();
        for (Found f : requested.values()) {
            asked.add(readRequested(f, Text.of("book.kind.chapter")));
        }
        for (Found f : outside.values()) {
            asked.add(Source.unread(f.display(), Diagnostic.error(new SourcePosition(f.display(), 1, 1), "link-outside",
                    Text.of("book.linkOutside"))));
        }
        List<Source> others = new ArrayList<>();
        for (Map.Entry<Path, Found> e : siblings.entrySet()) {
            if (!requested.containsKey(e.getKey())) {
                others.add(readSibling(e.getValue()));
            }
        }
        return new Sources(asked, others, null, List.of(), null, linked);
    }

    /**
     * Reads a book's folder: every chapter under it and its {@code _index.md}, which, like a chapter, is read
     * only while it stays inside the folder once symbolic links are resolved (one that leads out, to
     * {@code /etc/passwd} say, is as good as no file).
     */
    public static Sources readSite(Path content) throws UnreadablePathException {
        requireFolder(content);
        return read(List.of(content));
    }

    /** @throws UnreadablePathException when {@code content} is not a folder, saying so */
    public static void requireFolder(Path content) throws UnreadablePathException {
        if (!Files.isDirectory(content)) {
            throw new UnreadablePathException(content, Text.of(Files.exists(content)
                    ? "content.contentNotAFolder" : "content.noContentFolder", PathNames.shown(content)), null);
        }
    }

    private static boolean isInside(Path file, Path folder) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return file.toRealPath().startsWith(folder.toRealPath());
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Why an operation failed, in the system's own words, which no catalog holds. */
    private static Text systemWords(IOException e) {
        return Text.message(e);
    }

    private static Source readRequested(Found f, Text what) throws UnreadablePathException {
        try {
            return readFile(f, what);
        } catch (IOException e) {
            throw new UnreadablePathException(f.path(), Text.of("content.cannotReadFile", f.display(), Text.message(e)), e);
        }
    }

    /** A sibling that cannot be read does not stop the command: it was not asked for. */
    private static Source readSibling(Found f) {
        try {
            return readFile(f, f.display().endsWith(HomePage.FILE_NAME) ? Text.of("book.kind.homePage")
                    : Text.of("book.kind.chapter"));
        } catch (IOException e) {
            // The operating system's reason, in its words.
            return Source.unread(f.display(), Diagnostic.error(new SourcePosition(f.display(), 1, 1), "unreadable",
                    Text.of("book.unreadable", String.valueOf(e.getMessage()))));
        }
    }

    /** @param what what the file should be, for the message: a chapter, a home page */
    private static Source readFile(Found f, Text what) throws IOException {
        long size = Files.size(f.path());
        if (size > MAX_FILE_BYTES) {
            return Source.unread(f.display(), Diagnostic.error(new SourcePosition(f.display(), 1, 1), "file-size",
                    Text.of("book.fileSize", what, size, MAX_FILE_BYTES)));
        }
        return new Source(f.display(), Files.readAllBytes(f.path()), null);
    }

    /** The chapters under a folder, sorted by display path. */
    private static List<Found> scan(Path root, Path realRoot) throws UnreadablePathException {
        String base = display(root);
        List<Found> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (dir.equals(root)) {
                                return FileVisitResult.CONTINUE;
                            }
                            return entered(dir, realRoot) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (chapterAt(file, attrs.isRegularFile(), realRoot) != null) {
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
            throw new UnreadablePathException(root, Text.of("content.cannotReadFolder", base, Text.message(e)), e);
        }
        found.sort(Comparator.comparing(Found::display));
        return found;
    }

    /** The folder a file was named in ({@code .} for a bare name). */
    private static Path folderOf(Path file) {
        Path parent = file.getParent();
        return parent == null || parent.toString().isEmpty() ? Path.of(".") : parent;
    }

    /** The other chapters in the folder of a file the user named; problems here are not the user's. */
    private static List<Found> siblingsOf(Path file) {
        Path parent = file.getParent() == null ? Path.of("") : file.getParent();
        Path dir = folderOf(file);
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
