package org.tcpstory.site;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The static files of a theme ({@code assets/} beside the templates: CSS, images, fonts), which go into the
 * site's {@code assets/} folder. Like templates, the user's files override the default theme's file by file.
 */
final class Assets {

    static final String FOLDER = "assets";

    /** Where an asset comes from: a file of the user's templates folder, or a class-path resource. */
    private record Source(Path file, String resource) {
        InputStream open() throws IOException {
            if (file != null) {
                return Files.newInputStream(file);
            }
            InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            return in;
        }
    }

    private Assets() {
    }

    /**
     * Every asset by its path in the site ({@code assets/style.css}), in a stable order.
     *
     * @param userDir the user's templates folder, or null
     */
    static Map<String, byte[]> read(Path userDir) throws IOException {
        Map<String, Source> all = new TreeMap<>(builtIn());
        if (userDir != null) {
            all.putAll(user(userDir));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Map.Entry<String, Source> e : all.entrySet()) {
            try (InputStream in = e.getValue().open()) {
                files.put(FOLDER + "/" + e.getKey(), in.readAllBytes());
            }
        }
        return files;
    }

    /** The user's assets by relative name ({@code css/extra.css}); hidden files and links are left out. */
    private static Map<String, Source> user(Path userDir) throws IOException {
        Map<String, Source> out = new TreeMap<>();
        Path root = userDir.resolve(FOLDER);
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Path relative = root.relativize(file);
                boolean hidden = false;
                for (Path part : relative) {
                    hidden |= part.toString().startsWith(".");
                }
                if (!hidden) {
                    out.put(relative.toString().replace(relative.getFileSystem().getSeparator(), "/"), new Source(file, null));
                }
            }
        }
        return out;
    }

    /** The default theme's assets, from the jar or from the classes folder. */
    private static Map<String, Source> builtIn() throws IOException {
        Map<String, Source> out = new TreeMap<>();
        String prefix = Templates.CLASSPATH_ROOT + "/" + FOLDER + "/";
        URL anchor = Assets.class.getClassLoader().getResource(Templates.CLASSPATH_ROOT + "/layout.ftlh");
        if (anchor == null) {
            return out;
        }
        if (anchor.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) anchor.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (!entry.isDirectory() && name.startsWith(prefix) && !name.substring(prefix.length()).contains("/.")
                            && !name.substring(prefix.length()).startsWith(".")) {
                        out.put(name.substring(prefix.length()), new Source(null, name));
                    }
                }
            }
            return out;
        }
        if (anchor.getProtocol().equals("file")) {
            Path root;
            try {
                root = Path.of(anchor.toURI()).getParent().resolve(FOLDER);
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
            for (Map.Entry<String, Source> e : user(root.getParent()).entrySet()) {
                out.put(e.getKey(), new Source(null, prefix + e.getKey()));
            }
        }
        return out;
    }
}
