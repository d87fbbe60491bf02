package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tcpstory build} refuses every output folder it must not replace, end to end through the command:
 * exit 2, one line saying why, and not a file changed anywhere under the work folder; {@code diagrams}
 * refuses the same folders.
 */
class BuildRefusalsTest {

    @TempDir
    Path dir;

    private Path content;
    private Path templates;

    private void project() throws IOException {
        content = dir.resolve("project/content");
        templates = dir.resolve("project/templates");
        Stories.write(content, "_index.md", "---\ntitle: x\n---\n");
        Stories.write(content, "01-valid.md", Stories.VALID);
        Stories.write(templates, "404.ftlh", "<p>mine</p>\n");
        Stories.write(dir.resolve("other"), "keep.txt", "not a site");
        Stories.write(dir.resolve("repo"), "pom.xml", "<project/>");
        Stories.write(dir, "a-file", "a file");
    }

    private Path out(String which) throws IOException {
        return switch (which) {
            case "content" -> content;
            case "templates" -> templates;
            case "inside-content" -> content.resolve("site");
            case "inside-templates" -> templates.resolve("site");
            case "parent-of-content" -> content.getParent();
            case "work-folder" -> dir;
            case "home" -> Path.of(System.getProperty("user.home"));
            case "root" -> dir.getRoot();
            case "repository" -> dir.resolve("repo");
            case "not-a-site" -> dir.resolve("other");
            case "a-file" -> dir.resolve("a-file");
            case "link-to-content" -> link(dir.resolve("link-to-content"), content);
            case "link-into-content" -> link(dir.resolve("link-into-content"), content).resolve("site");
            case "dot-dot-to-content" -> dir.resolve("other/../project/content");
            default -> throw new IllegalArgumentException(which);
        };
    }

    private static Path link(Path link, Path target) throws IOException {
        try {
            return Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links are not available here");
            return link;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"content", "templates", "inside-content", "inside-templates", "parent-of-content",
        "work-folder", "home", "root", "repository", "not-a-site", "a-file", "link-to-content", "link-into-content",
        "dot-dot-to-content"})
    void refusesAndChangesNothing(String which) throws Exception {
        project();
        Path out = out(which);
        Map<String, String> before = tree(dir);
        Stories.Run run = Stories.run("build", "--content", content, "--templates", templates, "--out", out);
        assertEquals(2, run.exitCode(), () -> which + ": " + run.out() + run.err());
        assertTrue(run.err().startsWith("tcpstory: refusing to build into " + Stories.shown(out) + ": "), run::err);
        assertEquals("", run.out());
        assertEquals(before, tree(dir), "nothing changed");
    }

    /**
     * {@code diagrams --out /} wrote into the root of the file system: it refuses the same folders, but for
     * a folder that is not a site (it writes only its own files into a shared folder) and the templates
     * folder it is not given (it has no --templates; the default one is refused, see DiagramsCommandTest).
     */
    @ParameterizedTest
    @ValueSource(strings = {"content", "inside-content", "parent-of-content", "work-folder", "home", "root",
        "repository", "a-file", "link-to-content", "link-into-content", "dot-dot-to-content"})
    void diagramsRefusesTheSameFoldersAndChangesNothing(String which) throws Exception {
        project();
        Path out = out(which);
        Map<String, String> before = tree(dir);
        Stories.Run run = Stories.run("diagrams", "--content", content, "--out", out);
        assertEquals(2, run.exitCode(), () -> which + ": " + run.out() + run.err());
        assertTrue(run.err().startsWith("tcpstory: refusing to write diagrams into " + Stories.shown(out) + ": "), run::err);
        assertEquals(before, tree(dir), "nothing changed");
    }

    /** Every file and link under a folder, with its content (a link's target), by relative path. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String name = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    files.put(name, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    files.put(name, Files.readString(p));
                } else {
                    files.put(name + "/", "");
                }
            }
        }
        return files;
    }
}
