package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Killing the launcher JVM of {@code java -jar tcpstory.jar build} (kill -9: no shutdown hook runs) left the
 * tuned child JVM running, and it published. The child now watches its launcher and ends with it, through
 * its shutdown hooks: the half-written site is deleted and nothing is published. A real launcher, started
 * as users start it ({@code -jar}), so that it hands over to a real child.
 */
class KilledLauncherTest {

    @TempDir
    Path dir;

    /** A jar that runs tcpstory from this test's class path, as the real jar would (Main-Class and all). */
    private Path launcherJar() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        main.put(Attributes.Name.CLASS_PATH, Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString()).collect(Collectors.joining(" ")));
        Path jar = dir.resolve("launcher.jar");
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }

    @Test
    void killingTheLauncherEndsTheChildAndPublishesNothing() throws Exception {
        Path out = dir.resolve("site");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", launcherJar().toString(), "build",
                "--content", Path.of("content").toAbsolutePath().toString(), "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile());
        Map<String, String> env = builder.environment();
        env.put("TCPSTORY_CACHE", "off"); // every diagram drawn: the build takes a while
        env.remove("JAVA_TOOL_OPTIONS"); // either would keep the build in the launcher's JVM
        env.remove("JDK_JAVA_OPTIONS");
        env.remove(TunedJvm.ENV);
        Process launcher = builder.start();
        ProcessHandle child = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (temporaryFolders().isEmpty() && launcher.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertFalse(temporaryFolders().isEmpty(), () -> "the build started writing: " + log());
            List<ProcessHandle> children = launcher.children().toList();
            assumeTrue(children.size() == 1, "the launcher handed the build to a tuned JVM: " + log());
            child = children.get(0);
            launcher.destroyForcibly(); // SIGKILL: the launcher runs no shutdown hook
            launcher.waitFor();
            assertTrue(child.onExit().get(30, TimeUnit.SECONDS) != null && !child.isAlive(), "the child ended");
        } finally {
            launcher.destroyForcibly();
            if (child != null) {
                child.destroyForcibly();
            }
        }
        assertEquals(List.of(), temporaryFolders(), "the half-written site was deleted");
        assertFalse(Files.exists(out), () -> "nothing was published: " + log());
    }

    private List<String> temporaryFolders() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".site.tmp-")).toList();
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
