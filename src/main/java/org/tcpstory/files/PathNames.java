package org.tcpstory.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Paths as users wrote them, and as the file system resolves them. */
public final class PathNames {

    private PathNames() {
    }

    /** A path as the user wrote it, with {@code /} between names (as diagnostics show paths). */
    public static String shown(Path path) {
        String text = path.toString().replace(path.getFileSystem().getSeparator(), "/");
        return text.isEmpty() ? "." : text;
    }

    /**
     * The absolute path with symbolic links resolved as far as the path exists, the rest normalised: two
     * names for the same folder give the same path, even before it is created.
     */
    public static Path resolved(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        Path rest = null;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            Path real = existing.toRealPath();
            return rest == null ? real : real.resolve(rest).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
