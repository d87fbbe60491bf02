package org.tcpstory.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;

/**
 * A file the user named for a command's output ({@code check -o FILE}): written without ever replacing
 * something that is not a plain file. A regular file, or a new path, is replaced atomically
 * ({@link SafeFiles#replace}); a device ({@code /dev/null}, {@code /dev/full}), a pipe or a symbolic link
 * to one of these or to a regular file is opened and written through, as a shell's {@code >} would, so
 * the device stays a device and the link a link; a folder or a link that leads nowhere is refused, and so
 * is anything inside the folders a command reads.
 */
public final class OutputFile {

    /** The output may not be written there; {@link #text()} says why. */
    public static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        private final transient Text text;

        RefusedException(Text text) {
            super(Messages.english().render(text));
            this.text = text;
        }

        /** Why, in words of the catalog. */
        public Text text() {
            return text;
        }
    }

    private OutputFile() {
    }

    /**
     * @param protectedPaths files and folders the output must neither be nor be inside (the content a
     *                       command reads)
     * @throws RefusedException when {@code file} is a folder, a dangling link, or one of {@code protectedPaths}
     *                          or inside one
     */
    public static void write(Path file, Collection<Path> protectedPaths, SafeFiles.Content content) throws IOException {
        Path target = PathNames.resolved(file);
        for (Path p : protectedPaths) {
            if (target.startsWith(PathNames.resolved(p))) {
                throw new RefusedException(Text.of(target.equals(PathNames.resolved(p)) ? "output.isRead"
                        : "output.insideRead", PathNames.shown(p)));
            }
        }
        boolean link = Files.isSymbolicLink(file);
        if (link && !Files.exists(file)) {
            throw new RefusedException(Text.of("output.danglingLink"));
        }
        if (Files.isDirectory(file)) {
            throw new RefusedException(Text.of("output.folder"));
        }
        if (!link && (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))) {
            SafeFiles.replace(file, content);
            return;
        }
        // A device, a pipe, or a link: write to what it is, never put a file in its place.
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            content.writeTo(out);
        }
    }
}
