package org.tcpstory.diagram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.files.PathNames;
import org.tcpstory.files.ProtectedFolders;
import org.tcpstory.files.SafeFiles;

/**
 * The folder the {@code diagrams} command writes into. Unlike a site, it is shared: the command writes only
 * files of its own names, each atomically (a temporary file in the same folder, then a rename), and deletes
 * nothing but files it wrote itself before, which it lists in a manifest ({@value #MANIFEST}). The folder
 * is never emptied or replaced.
 */
public final class ExportFolder {

    /** The list of files this command wrote into the folder: the only files it will ever delete. */
    public static final String MANIFEST = ".tcpstory-diagrams";

    private static final String MANIFEST_HEAD = "# Files written by `tcpstory diagrams`. It deletes only files listed here,"
            + " when they are out of date;\n# every other file in this folder is left alone.\n";

    /** Temporary files of ours, left behind only if the process was killed between writing and renaming. */
    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.[0-9a-f]{12}\\.tmp");


    /** Refused: the folder must not be written into. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Text text;

        RefusedException(Text text) {
            super(Messages.english().render(text));
            this.text = text;
        }

        /** Why, to be shown in the reader's language. */
        public Text text() {
            return text;
        }
    }

    private final Path target;
    private final String shown;
    /** Names in the manifest: written by an earlier run, or planned by this one. */
    private final Set<String> listed = new TreeSet<>();
    private final Set<String> written = new TreeSet<>();
    private int unchanged;

    private ExportFolder(Path target, String shown) {
        this.target = target;
        this.shown = shown;
    }

    /**
     * Checks that diagrams may be written into {@code out} and reads its manifest. The folder itself is
     * created on the first write.
     *
     * @param protectedFolders folders (content, templates) that {@code out} may neither be, nor contain, nor be
     *                         inside; null entries are skipped
     * @throws RefusedException when {@code out} is a folder no command writes into ({@link ProtectedFolders}),
     *                          or exists and is not a folder
     * @throws IOException      when the manifest cannot be read
     */
    public static ExportFolder open(Path out, Collection<Path> protectedFolders) throws RefusedException, IOException {
        String shown = PathNames.shown(out);
        Path target = PathNames.resolved(out);
        Optional<Text> refusal = ProtectedFolders.refusal(out, protectedFolders);
        if (refusal.isPresent()) {
            throw new RefusedException(Text.of("diagrams.refused", shown, refusal.get()));
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new RefusedException(Text.of("diagrams.refused", shown, Text.of("folder.notAFolder")));
        }
        ExportFolder folder = new ExportFolder(target, shown);
        Path manifest = target.resolve(MANIFEST);
        if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                String name = line.strip();
                if (isOurs(name)) {
                    folder.listed.add(name);
                }
            }
        }
        return folder;
    }

    /** Only plain names of the exporter's own pattern: a manifest can never point outside the folder. */
    private static boolean isOurs(String name) {
        return Exporter.FileName.parse(name).isPresent();
    }

    /** The folder as the user wrote it. */
    public String shown() {
        return shown;
    }

    /** The absolute, symlink-free path of the folder. */
    public Path target() {
        return target;
    }

    /** The files an earlier run wrote (and this one planned), by name. */
    public Set<String> listed() {
        return Set.copyOf(listed);
    }

    /** The files written (or found already identical) by this run. */
    public Set<String> written() {
        return Set.copyOf(written);
    }

    /** How many files already had the right content and were left untouched. */
    public int unchanged() {
        return unchanged;
    }

    /**
     * Creates the folder if needed, deletes our temporary files left by an interrupted run, and adds the names
     * about to be written to the manifest before any of them is: an interrupted run still knows its files.
     */
    public void prepare(Collection<String> names) throws IOException {
        if (names.isEmpty() && !Files.isDirectory(target)) {
            return; // nothing to write: not even the folder
        }
        Files.createDirectories(target);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            for (Path entry : entries) {
                var m = TEMPORARY.matcher(entry.getFileName().toString());
                boolean ours = m.matches() && (isOurs(m.group(1)) || m.group(1).equals(MANIFEST));
                if (ours && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(entry);
                }
            }
        }
        for (String name : names) {
            if (!isOurs(name)) {
                throw new IllegalArgumentException("not a diagram file name: " + name);
            }
        }
        listed.addAll(names);
        saveManifest();
    }

    /**
     * Writes one file atomically. A file that already has exactly this content is left as it is (its
     * modification time too).
     *
     * @return false when the file was already up to date
     */
    public boolean write(String name, byte[] bytes) throws IOException {
        if (!listed.contains(name)) {
            throw new IllegalStateException(name + " was not prepared");
        }
        Path file = target.resolve(name);
        written.add(name);
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == bytes.length
                && Arrays.equals(Files.readAllBytes(file), bytes)) {
            unchanged++;
            return false;
        }
        SafeFiles.replace(file, bytes);
        return true;
    }

    /**
     * Deletes the files of the manifest that this run did not write and that {@code stale} says are out of
     * date. Only regular files are deleted (never a link, never a folder).
     *
     * @return the names deleted, sorted
     */
    public List<String> deleteStale(Predicate<String> stale) throws IOException {
        List<String> deleted = new ArrayList<>();
        for (String name : List.copyOf(listed)) {
            if (written.contains(name) || !stale.test(name)) {
                continue;
            }
            Path file = target.resolve(name);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(file);
                deleted.add(name);
            }
            listed.remove(name);
        }
        return deleted;
    }

    /** Writes the final manifest: every listed file that exists. */
    public void finish() throws IOException {
        if (!Files.isDirectory(target)) {
            return;
        }
        listed.removeIf(name -> !Files.isRegularFile(target.resolve(name), LinkOption.NOFOLLOW_LINKS));
        saveManifest();
    }

    private void saveManifest() throws IOException {
        StringBuilder text = new StringBuilder(MANIFEST_HEAD);
        listed.forEach(name -> text.append(name).append('\n'));
        Path manifest = target.resolve(MANIFEST);
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)
                && Arrays.equals(Files.readAllBytes(manifest), bytes)) {
            return;
        }
        SafeFiles.replace(manifest, bytes);
    }
}
