package org.tcpstory.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.tcpstory.files.SafeFiles;
import org.tcpstory.site.BuildResult;
import org.tcpstory.site.DiagramCache;
import org.tcpstory.site.SiteBuilder;
import org.tcpstory.site.SiteException;

/**
 * The site {@code serve} shows, kept up to date in one folder: each rebuild renders only the pages whose
 * inputs changed ({@link SiteBuilder.Memo}), takes unchanged diagrams from the cache, and writes only the
 * files whose content changed, each replaced atomically (a page being served is never half written).
 * A rebuild that fails writes nothing, so the folder always holds the last good site. One thread at a time.
 */
final class LiveSite {

    /** What one rebuild did. {@code result} is null when the build could not run at all (see the exception). */
    record Update(BuildResult result, int pagesRendered, int diagramsRendered, List<String> written,
                  List<String> deleted, long millis) {
        boolean published() {
            return result != null && result.published();
        }

        boolean changed() {
            return !written.isEmpty() || !deleted.isEmpty();
        }
    }

    private final Path content;
    private final Path templates;
    private final Path folder;
    private final SiteBuilder builder;
    private final SiteBuilder.Memo memo = new SiteBuilder.Memo();
    private final Map<String, String> pages = new HashMap<>();
    private final Map<String, byte[]> assets = new HashMap<>();
    private boolean assetsStale = true;

    LiveSite(Path content, Path templates, Path folder, DiagramCache cache) {
        this.content = content;
        this.templates = templates;
        this.folder = folder;
        this.builder = new SiteBuilder(null, cache);
    }

    Path folder() {
        return folder;
    }

    /** The templates folder changed: templates and assets are read again and every page is rendered. */
    void templatesChanged() {
        memo.templatesChanged();
        assetsStale = true;
    }

    Update rebuild() throws SiteException, IOException {
        long start = System.nanoTime();
        SiteBuilder.Rendering rendering = builder.render(content, templates, memo, folder.toString());
        if (!rendering.result().published()) {
            return new Update(rendering.result(), 0, 0, List.of(), List.of(), millis(start));
        }
        Map<String, byte[]> newAssets = assetsStale ? readAssets() : null;
        List<String> written = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        Set<String> wanted = new HashSet<>(rendering.files().keySet());
        for (Map.Entry<String, String> e : rendering.files().entrySet()) {
            if (!e.getValue().equals(pages.get(e.getKey()))) {
                write(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
                pages.put(e.getKey(), e.getValue());
                assets.remove(e.getKey());
                written.add(e.getKey());
            }
        }
        if (newAssets != null) {
            for (Map.Entry<String, byte[]> e : newAssets.entrySet()) {
                if (wanted.contains(e.getKey())) {
                    continue; // a page of the site wins over an asset of the same name
                }
                if (!Arrays.equals(e.getValue(), assets.get(e.getKey()))) {
                    write(e.getKey(), e.getValue());
                    assets.put(e.getKey(), e.getValue());
                    written.add(e.getKey());
                }
            }
            for (String old : new ArrayList<>(assets.keySet())) {
                if (!newAssets.containsKey(old)) {
                    delete(old);
                    assets.remove(old);
                    deleted.add(old);
                }
            }
            assetsStale = false;
        }
        wanted.addAll(assets.keySet());
        for (String old : new ArrayList<>(pages.keySet())) {
            if (!wanted.contains(old)) {
                delete(old);
                pages.remove(old);
                deleted.add(old);
            }
        }
        return new Update(rendering.result(), rendering.pagesRendered(), rendering.diagramsRendered(), written,
                deleted, millis(start));
    }

    /** The theme's assets by site path ({@code assets/style.css}), copied as a build copies them. */
    private Map<String, byte[]> readAssets() throws IOException {
        Path staging = Files.createTempDirectory("tcpstory-assets-");
        try {
            SiteBuilder.copyAssets(templates, staging);
            Map<String, byte[]> found = new TreeMap<>();
            Path base = staging.resolve("assets");
            if (Files.isDirectory(base)) {
                try (Stream<Path> files = Files.walk(base)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                            String relative = staging.relativize(file).toString()
                                    .replace(file.getFileSystem().getSeparator(), "/");
                            found.put(relative, Files.readAllBytes(file));
                        }
                    }
                }
            }
            return found;
        } finally {
            deleteTree(staging);
        }
    }

    /** Replaces one file of the folder atomically: written beside it under a hidden name, then renamed. */
    private void write(String sitePath, byte[] bytes) throws IOException {
        Path target = folder.resolve(sitePath).normalize();
        if (!target.startsWith(folder)) {
            throw new IOException("refusing to write outside the site folder: " + sitePath);
        }
        Files.createDirectories(target.getParent());
        SafeFiles.replace(target, bytes);
    }

    private void delete(String sitePath) throws IOException {
        Path target = folder.resolve(sitePath).normalize();
        if (target.startsWith(folder)) {
            Files.deleteIfExists(target);
        }
    }

    /** Deletes a folder and everything in it, never following links out of it; best effort. */
    static void deleteTree(Path root) {
        try {
            SafeFiles.deleteTree(root);
        } catch (IOException e) {
            // A leftover temporary folder is harmless.
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
