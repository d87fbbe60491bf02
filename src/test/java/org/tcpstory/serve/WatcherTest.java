package org.tcpstory.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the watcher says a change was: the files an editor's save named, whichever way it writes them, or that
 * only a whole scan can tell. The changes are made before the watcher is asked, so what is asserted is what it
 * makes of them, not how it cut them into bursts.
 */
class WatcherTest {

    @TempDir
    Path dir;

    private Path content;
    private Path templates;
    private Watcher watcher;

    @BeforeEach
    void watch() throws IOException {
        content = Files.createDirectories(dir.resolve("content")).toRealPath();
        Files.writeString(content.resolve("01-a.md"), "first", StandardCharsets.UTF_8);
        Files.createDirectories(content.resolve("part"));
        templates = Files.createDirectories(dir.resolve("templates")).toRealPath();
        watcher = new Watcher(Map.of(content, Watcher.Kind.CONTENT, templates, Watcher.Kind.TEMPLATES), ServeSession.DEBOUNCE);
    }

    @AfterEach
    void close() throws IOException {
        watcher.close();
    }

    /** Every change the watcher reports until it has been quiet for a while, as one. */
    private Watcher.Changes changes() throws InterruptedException {
        Watcher.Changes all = watcher.await(Duration.ofSeconds(20));
        while (true) {
            Watcher.Changes more = watcher.await(Duration.ofMillis(500));
            if (!more.any()) {
                return all;
            }
            all = all.and(more);
        }
    }

    private Watcher.Changes named(String... files) {
        return new Watcher.Changes(Stream.of(files).map(content::resolve).collect(Collectors.toSet()),
                false, false, false);
    }

    @Test
    void aSaveThatTruncatesThenWritesNamesTheFile() throws Exception {
        Files.writeString(content.resolve("01-a.md"), "second", StandardCharsets.UTF_8);
        assertEquals(named("01-a.md"), changes());
    }

    @Test
    void aSaveThatWritesATemporaryFileThenRenamesItNamesTheFile() throws Exception {
        Files.writeString(content.resolve("01-a.md.tmp"), "second", StandardCharsets.UTF_8);
        Files.move(content.resolve("01-a.md.tmp"), content.resolve("01-a.md"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(content.resolve(".01-a.md.swp"), "vim's swap file", StandardCharsets.UTF_8);
        assertEquals(named("01-a.md"), changes());
    }

    /** Vim's way: the file renamed to a backup, a new one written, the backup deleted; in a sub-folder. */
    @Test
    void aSaveThatKeepsABackupNamesTheFile() throws Exception {
        Path file = content.resolve("part/02-b.md");
        Files.writeString(file, "first", StandardCharsets.UTF_8);
        Files.move(file, content.resolve("part/02-b.md~"));
        Files.writeString(file, "second", StandardCharsets.UTF_8);
        Files.delete(content.resolve("part/02-b.md~"));
        assertEquals(named("part/02-b.md"), changes());
    }

    @Test
    void aChapterAddedDeletedOrRenamedNamesEachFile() throws Exception {
        Files.writeString(content.resolve("02-b.md"), "new", StandardCharsets.UTF_8);
        Files.move(content.resolve("01-a.md"), content.resolve("part/01-a.md"));
        Files.writeString(content.resolve("notes.txt"), "not a chapter", StandardCharsets.UTF_8);
        assertEquals(named("02-b.md", "01-a.md", "part/01-a.md"), changes());
        Files.delete(content.resolve("02-b.md"));
        assertEquals(named("02-b.md"), changes());
    }

    @Test
    void aFolderThatComesGoesOrIsRenamedAsksForAWholeScan() throws Exception {
        Files.writeString(Files.createDirectories(content.resolve("new")).resolve("03-c.md"), "new", StandardCharsets.UTF_8);
        assertTrue(changes().structural(), "a new folder");
        Files.move(content.resolve("new"), content.resolve("renamed"));
        assertTrue(changes().structural(), "a folder renamed");
        // Its chapters are watched under the new name.
        Files.writeString(content.resolve("renamed/03-c.md"), "edited", StandardCharsets.UTF_8);
        assertEquals(named("renamed/03-c.md"), changes());
        Files.delete(content.resolve("renamed/03-c.md"));
        Files.delete(content.resolve("renamed"));
        assertTrue(changes().structural(), "a folder deleted");
        assertEquals(List.of(content, content.resolve("part"), templates), watcher.watched());
    }

    @Test
    void aSymbolicLinkAsksForAWholeScan() throws Exception {
        try {
            Files.createSymbolicLink(content.resolve("00-link.md"), Path.of("01-a.md"));
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "symbolic links are not available here");
        }
        Watcher.Changes changes = changes();
        assertTrue(changes.structural(), "a link may lead anywhere in the folder");
        assertFalse(changes.templates());
    }

    /** A link to a folder has no Markdown name, and once deleted nothing says it was a link. */
    @Test
    void aLinkToAFolderDeletedAsksForAWholeScan() throws Exception {
        watcher.close();
        Files.writeString(content.resolve("part/02-b.md"), "in the part", StandardCharsets.UTF_8);
        try {
            Files.createSymbolicLink(content.resolve("more"), Path.of("part"));
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "symbolic links are not available here");
        }
        watcher = new Watcher(Map.of(content, Watcher.Kind.CONTENT, templates, Watcher.Kind.TEMPLATES), ServeSession.DEBOUNCE);
        Files.delete(content.resolve("more"));
        assertTrue(changes().structural(), "the chapters read through the link are gone");

        Files.createSymbolicLink(content.resolve("again"), Path.of("part"));
        assertTrue(changes().structural(), "a link made while watching");
        Files.delete(content.resolve("again"));
        assertTrue(changes().structural(), "and deleted");
    }

    @Test
    void aTemplateChangedIsNoContentChange() throws Exception {
        Files.writeString(templates.resolve("chapter.ftlh"), "<p>", StandardCharsets.UTF_8);
        assertEquals(new Watcher.Changes(Set.of(), false, true, false), changes());
    }

    /**
     * A theme kept in the content folder: a change in it is one to both; deleted whole, whichever of its own
     * events and its parent's the watcher reads first.
     */
    @Test
    void aTemplatesFolderInsideTheContentIsBoth() throws Exception {
        Path inside = Files.createDirectories(content.resolve("theme"));
        Files.writeString(inside.resolve("chapter.ftlh"), "<p>", StandardCharsets.UTF_8);
        watcher.close();
        watcher = new Watcher(Map.of(content, Watcher.Kind.CONTENT, inside, Watcher.Kind.TEMPLATES), ServeSession.DEBOUNCE);
        // Its Markdown files are chapters to the content folder's scan.
        Files.writeString(inside.resolve("notes.md"), "a chapter", StandardCharsets.UTF_8);
        Watcher.Changes edited = changes();
        assertTrue(edited.templates() && edited.rescan(), String.valueOf(edited));
        Files.delete(inside.resolve("notes.md"));
        Files.delete(inside.resolve("chapter.ftlh"));
        Files.delete(inside);
        Watcher.Changes changes = changes();
        assertTrue(changes.templates() && changes.structural(), String.valueOf(changes));
    }

    /** The watch service keeps a bounded list of events per folder (512), then only an overflow. */
    @Test
    void eventsLostAreSaid() throws Exception {
        for (int i = 0; i < 1000; i++) {
            Files.writeString(content.resolve("note-" + i + ".txt"), "not a chapter", StandardCharsets.UTF_8);
        }
        Watcher.Changes changes = changes();
        assertTrue(changes.lost() && changes.rescan(), String.valueOf(changes));
    }
}
