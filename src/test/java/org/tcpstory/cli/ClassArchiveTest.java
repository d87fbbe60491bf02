package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
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

    /**
     * The archive's folder is the user's, yet what is in it is only a cache: a damaged archive, or one written
     * for another class path, is ignored by the JVM, which runs the program as it would without one and says
     * nothing about it. (It may turn class sharing off for that run: slower, never different.)
     */
    @Test
    void aDamagedOrForeignArchiveChangesNothingInTheRun() throws Exception {
        Path cache = dir.resolve("cache");
        Path jar = programJar(dir.resolve("program.jar"));
        String expected = jvm(jar, List.of());
        assertEquals("hello from a small program" + System.lineSeparator(), expected);
        Path foreign = dir.resolve("foreign.jsa");
        jvm(programJar(Files.createDirectories(dir.resolve("other")).resolve("program.jar")),
                List.of("-Xlog:cds=off,cds+dynamic=off", "-XX:ArchiveClassesAtExit=" + foreign));
        assertTrue(Files.size(foreign) > 0, "the JVM wrote an archive to stand for a foreign one");

        ClassArchive first = archive(jar, cache);
        for (byte[] content : List.of(new byte[0], "not an archive".repeat(1000).getBytes(),
                Files.readAllBytes(foreign))) {
            Files.write(first.path(), content);
            List<String> flags = archive(jar, cache).flags();
            assertEquals("-XX:SharedArchiveFile=" + first.path(), flags.get(1));
            assertEquals(expected, jvm(jar, flags), "the same run as without an archive");
        }
    }

    /** What a JVM with the tuned flags and these options prints running {@link SmallProgram}; it must exit 0. */
    private static String jvm(Path jar, List<String> options) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(TunedJvm.FLAGS);
        command.addAll(options);
        command.addAll(List.of("-cp", jar.toString(), SmallProgram.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    /** A jar of {@link SmallProgram} (class sharing archives only classes from jars). */
    private static Path programJar(Path jar) throws IOException {
        String name = SmallProgram.class.getName().replace('.', '/') + ".class";
        try (var in = SmallProgram.class.getClassLoader().getResourceAsStream(name);
             var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry(name));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    /** A program for a child JVM to run. */
    static final class SmallProgram {
        public static void main(String[] args) {
            System.out.println("hello from a small program");
        }
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

    /** Each new jar starts new archives; the old ones would pile up in the user's cache, megabytes each. */
    @Test
    void writingAnArchiveKeepsOnlyTheNewestOfItsCommand() throws IOException {
        Path cache = dir.resolve("cache");
        Path folder = cache.resolve("tcpstory").resolve("jvm");
        Path jar = jar();
        archive(jar, cache); // makes the folder
        List<Path> older = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path old = Files.writeString(folder.resolve("check-" + i + "-0-0.jsa"), "old archive");
            Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000L * (i + 1)));
            older.add(old);
        }
        Path otherCommand = Files.writeString(folder.resolve("build-1-0-0.jsa"), "another command's");
        Path unrelated = Files.writeString(folder.resolve("notes.txt"), "not ours");

        ClassArchive fresh = archive(jar, cache);
        String writing = fresh.flags().get(1);
        Files.writeString(Path.of(writing.substring(writing.indexOf('=') + 1)), "archive");
        fresh.completed(0);

        assertTrue(Files.isRegularFile(fresh.path()), "the archive just written stays");
        assertEquals(List.of(false, false, false, true, true),
                older.stream().map(Files::exists).toList(), "the two newest old ones stay beside it");
        assertTrue(Files.exists(otherCommand));
        assertTrue(Files.exists(unrelated));
    }

    @Test
    void partialArchivesOfEndedRunsAreDropped() throws Exception {
        Path cache = dir.resolve("cache");
        Path folder = cache.resolve("tcpstory").resolve("jvm");
        Path jar = jar();
        archive(jar, cache);
        Process ended = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ended.waitFor();
        Path killed = Files.writeString(folder.resolve("build-1-0-0." + ended.pid() + ".tmp"), "half written");
        Path running = Files.writeString(folder.resolve("build-1-0-0." + ProcessHandle.current().pid() + ".tmp"),
                "being written");

        ClassArchive fresh = archive(jar, cache);
        String writing = fresh.flags().get(1);
        Files.writeString(Path.of(writing.substring(writing.indexOf('=') + 1)), "archive");
        fresh.completed(0);

        assertFalse(Files.exists(killed));
        assertTrue(Files.exists(running), "a run still writing keeps its file");
    }
}
