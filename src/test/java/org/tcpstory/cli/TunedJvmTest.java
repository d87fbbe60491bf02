package org.tcpstory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TunedJvmTest {

    private static final Path JAVA = Path.of("/usr/lib/jvm/java/bin/java");

    private static TunedJvm.Here plain(String... launcher) {
        return new TunedJvm.Here(false, false, JAVA, List.of(launcher), 4242);
    }

    @Test
    void aPlainJarRunOfAOneShotCommandMovesToATunedJvm() {
        String[] args = {"build", "--content", "内容", "--out", "site"};
        Optional<List<String>> command = TunedJvm.command(args,
                plain("-jar", "target/tcpstory.jar", "build", "--content", "内容", "--out", "site"));
        List<String> expected = new ArrayList<>(List.of(JAVA.toString()));
        expected.addAll(TunedJvm.FLAGS);
        expected.addAll(List.of("-D" + TunedJvm.MARKER + "=4242", "-cp", "target/tcpstory.jar", Main.class.getName()));
        expected.addAll(List.of(args));
        assertEquals(Optional.of(expected), command);
        assertTrue(TunedJvm.command(new String[] {"check", "content"}, plain("-jar", "t.jar", "check", "content"))
                .isPresent());
        assertTrue(TunedJvm.command(new String[] {"diagrams"}, plain("-jar", "t.jar", "diagrams")).isPresent());
    }

    @Test
    void everythingElseRunsInTheJvmItWasStartedIn() {
        // serve runs for hours; --version and --help are over in a moment.
        assertEquals(Optional.empty(), TunedJvm.command(new String[] {"serve"}, plain("-jar", "t.jar", "serve")));
        assertEquals(Optional.empty(), TunedJvm.command(new String[] {"--version"}, plain("-jar", "t.jar", "--version")));
        assertEquals(Optional.empty(), TunedJvm.command(new String[0], plain("-jar", "t.jar")));
        String[] check = {"check", "content"};
        // JVM options on the command line: someone chose this JVM (a debugger, a heap size, coverage).
        assertEquals(Optional.empty(), TunedJvm.command(check, plain("-Xmx2g", "-jar", "t.jar", "check", "content")));
        assertEquals(Optional.empty(), TunedJvm.command(check,
                plain("-cp", "t.jar", "org.tcpstory.cli.Main", "check", "content")));
        // Options from the environment, TCPSTORY_JVM=as-is, or already the tuned JVM.
        List<String> launcher = List.of("-jar", "t.jar", "check", "content");
        assertEquals(Optional.empty(), TunedJvm.command(check, new TunedJvm.Here(false, true, JAVA, launcher, 4242)));
        assertEquals(Optional.empty(), TunedJvm.command(check, new TunedJvm.Here(true, false, JAVA, launcher, 4242)));
        // The launcher's arguments unknown, or not these.
        assertEquals(Optional.empty(), TunedJvm.command(check, plain()));
        assertEquals(Optional.empty(), TunedJvm.command(check, plain("-jar", "t.jar", "check", "other")));
    }
}
