package org.tcpstory.files;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.tcpstory.diagnostic.Text;

/**
 * The folders no command writes into: the root of the file system, a home folder, the root of a
 * repository, the folders a command reads (content, templates), and any folder holding one of these. The
 * one check shared by {@code build}'s output folder and the {@code diagrams} command's.
 */
public final class ProtectedFolders {

    private ProtectedFolders() {
    }

    /**
     * Why nothing may be written into {@code out}, as a clause ("it is your home folder") of the catalog's
     * {@code folder.} section, or empty when it may be. Links are resolved first: a link to the content folder is the content folder.
     *
     * @param read the folders the command reads (content, templates); null entries are skipped
     */
    public static Optional<Text> refusal(Path out, Collection<Path> read) {
        Path target = PathNames.resolved(out);
        if (target.getParent() == null || target.equals(target.getRoot())) {
            return Optional.of(Text.of("folder.root"));
        }
        for (Path folder : read) {
            if (folder == null) {
                continue;
            }
            Path p = PathNames.resolved(folder);
            String shown = PathNames.shown(folder);
            if (target.equals(p)) {
                return Optional.of(Text.of("folder.isRead", shown));
            }
            if (p.startsWith(target)) {
                return Optional.of(Text.of("folder.containsRead", shown));
            }
            if (target.startsWith(p)) {
                return Optional.of(Text.of("folder.insideRead", shown));
            }
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isBlank()) {
            Path homePath = PathNames.resolved(Path.of(home));
            if (homePath.startsWith(target)) {
                return Optional.of(Text.of(target.equals(homePath) ? "folder.home" : "folder.containsHome"));
            }
        }
        for (Path repo : repositoryRoots(read)) {
            if (repo.startsWith(target)) {
                return Optional.of(target.equals(repo) ? Text.of("folder.repository") : Text.of("folder.containsRepository", repo.toString()));
            }
        }
        if (Files.isDirectory(target) && isRepositoryRoot(target)) {
            return Optional.of(Text.of("folder.repositoryHere"));
        }
        return Optional.empty();
    }

    /** Whether a folder is the root of a repository or project: it has {@code pom.xml} or {@code .git}. */
    public static boolean isRepositoryRoot(Path dir) {
        return Files.exists(dir.resolve("pom.xml"), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS);
    }

    /** The folders with pom.xml or .git above (or at) the working folder and the folders read. */
    private static List<Path> repositoryRoots(Collection<Path> read) {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of(""));
        for (Path folder : read) {
            if (folder != null) {
                starts.add(folder);
            }
        }
        List<Path> roots = new ArrayList<>();
        for (Path start : starts) {
            for (Path p = PathNames.resolved(start); p != null; p = p.getParent()) {
                if (isRepositoryRoot(p) && !roots.contains(p)) {
                    roots.add(p);
                }
            }
        }
        return roots;
    }
}
