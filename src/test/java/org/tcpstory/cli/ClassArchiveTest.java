package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {

    @TempDir
    Path dir;

    private Path jar() throws IOException {
        return Files.writeString(dir.resolve("tcpstory.jar"), "a jar");
    }

    private ClassArchive archive(Path jar, Path cache) {
        return ClassArchive.of("check", jar, Path.of("/jdk"), "17", cache).orElseThrow();
    }

    @Test
    void theFirstRunWritesTheArchiveAndLaterRunsMapIt() throws IOException {
        Path jar = jar();
        Path cache = dir.resolve("cache");
        ClassArchive first = archive(jar, cache);
        Path folder = cache.resolve("tcpstory").resolve("jvm");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        String writing = first.flags().get(1);
        assertTrue(writing.startsWith("-XX:ArchiveClassesAtExit=" + folder), writing);
        assertTrue(first.flags().contains("-Xlog:cds=off,cds+dynamic=off"), "the JVM's CDS messages never reach the output");

        Path partial = Path.of(writing.substring(writing.indexOf('=') + 1));
        Files.writeString(partial, "archive");
        first.completed(0);
        assertFalse(Files.exists(partial));
        assertTrue(Files.isRegularFile(first.path()));

        assertEquals(List.of("-Xlog:cds=off,cds+dynamic=off", "-XX:SharedArchiveFile=" + first.path()),
                archive(jar, cache).flags());
    }

    @Test
    void aFailedCommandLeavesNoArchive() throws IOException {
        ClassArchive first = archive(jar(), dir.resolve("cache"));
        String writing = first.flags().get(1);
        Path partial = Path.of(writing.substring(writing.indexOf('=') + 1));
        Files.writeString(partial, "archive");
        first.completed(1);
        assertFalse(Files.exists(partial));
        assertFalse(Files.exists(first.path()));
    }

    @Test
    void anotherJarOrJvmHasAnotherArchive() throws IOException {
        Path jar = jar();
        Path cache = dir.resolve("cache");
        Path path = archive(jar, cache).path();
        assertNotEquals(path, ClassArchive.of("check", jar, Path.of("/other-jdk"), "17", cache).orElseThrow().path());
        assertNotEquals(path, ClassArchive.of("build", jar, Path.of("/jdk"), "17", cache).orElseThrow().path());
        Files.writeString(jar, "a new jar, longer");
        assertNotEquals(path, archive(jar, cache).path());
    }

    @Test
    void aFolderOthersCanWriteIsNotUsed() throws IOException {
        Path cache = dir.resolve("shared");
        Path folder = Files.createDirectories(cache.resolve("tcpstory").resolve("jvm"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertTrue(ClassArchive.of("check", jar(), Path.of("/jdk"), "17", cache).isEmpty());
    }

    @Test
    void aLinkedFolderIsNotUsed() throws IOException {
        Path cache = dir.resolve("linked");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(cache.resolve("tcpstory"));
        Files.createSymbolicLink(cache.resolve("tcpstory").resolve("jvm"), elsewhere);
        assertTrue(ClassArchive.of("check", jar(), Path.of("/jdk"), "17", cache).isEmpty());
    }
}
