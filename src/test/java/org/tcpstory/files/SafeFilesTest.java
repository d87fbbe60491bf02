package org.tcpstory.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replaceWritesTheWholeContentAndLeavesNothingBeside() throws IOException {
        Path file = dir.resolve("报告.json");
        SafeFiles.replace(file, "旧".getBytes(StandardCharsets.UTF_8));
        SafeFiles.replace(file, "新的内容".getBytes(StandardCharsets.UTF_8));
        assertEquals("新的内容", Files.readString(file));
        assertEquals(List.of("报告.json"), names());
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndRemovesItsTemporaryFile() throws IOException {
        Path file = dir.resolve("report.xml");
        SafeFiles.replace(file, "old".getBytes(StandardCharsets.UTF_8));
        assertThrows(IOException.class, () -> SafeFiles.replace(file, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("report.xml"), names());
    }

    @Test
    void deleteTreeDeletesLinksButNeverWhatTheyPointTo() throws IOException {
        Path outside = Files.writeString(dir.resolve("keep.txt"), "keep");
        Path keptFolder = Files.createDirectories(dir.resolve("keep-folder"));
        Files.writeString(keptFolder.resolve("inside.txt"), "keep");
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(tree.resolve("page.html"), "x");
        Files.createSymbolicLink(dir.resolve("tree/link-to-file"), outside);
        Files.createSymbolicLink(dir.resolve("tree/a/link-to-folder"), keptFolder);

        SafeFiles.deleteTree(dir.resolve("tree"));
        assertFalse(Files.exists(dir.resolve("tree")));
        assertTrue(Files.isRegularFile(outside));
        assertTrue(Files.isRegularFile(keptFolder.resolve("inside.txt")));
        SafeFiles.deleteTree(dir.resolve("tree")); // already gone: nothing to do
    }
}
