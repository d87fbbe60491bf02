package org.tcpstory.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the one-shot commands ({@code check}, {@code build}, {@code diagrams}) in a JVM tuned for them.
 *
 * <p>They run for seconds on a cold JVM, where HotSpot's optimising compiler (C2) costs more CPU than its
 * code gives back before the process ends, and where G1 sizes its heap for throughput: measured on two
 * cores, a cold build of 1,000 chapters took 14.7 s with the defaults and 10.4 s with
 * {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}, at 330 MB of peak memory instead of 890 MB, and
 * {@code check} 1.42 s against 0.85 s. A jar cannot choose its JVM's flags, so {@code main} starts one
 * child JVM with them (about 70 ms), passes the terminal through, and exits with its code.
 *
 * <p>Only a plain {@code java -jar tcpstory.jar COMMAND ...} is handed over: JVM options on the command
 * line or in {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS} (a debugger, a profiler, coverage, a
 * heap size) mean someone chose this JVM, and {@code TCPSTORY_JVM=as-is} says so too. {@code serve} runs
 * for hours and always keeps the default JVM.
 */
final class TunedJvm {

    /** The environment variable that keeps the JVM tcpstory was started in: {@code TCPSTORY_JVM=as-is}. */
    static final String ENV = "TCPSTORY_JVM";

    /**
     * Set in the child JVM, so that it never starts another, to the launcher's process id: the child
     * watches the launcher and ends when it does ({@link #watchLauncher()}).
     */
    static final String MARKER = "tcpstory.tunedJvm";

    /** The exit code of a child whose launcher is gone: as if stopped by a signal (128 + SIGTERM). */
    static final int LAUNCHER_GONE = 143;

    static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final Set<String> ONE_SHOT = Set.of("check", "build", "diagrams");

    /**
     * What the decision depends on, gathered from the running JVM (or made up by a test).
     *
     * @param launcherArguments what followed {@code java} on the command line, empty when unknown
     * @param chosenOptions     whether JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS or TCPSTORY_JVM=as-is is set
     */
    record Here(boolean marked, boolean chosenOptions, Path java, List<String> launcherArguments, long pid) {

        static Here current() {
            boolean chosen = isSet("JAVA_TOOL_OPTIONS") || isSet("JDK_JAVA_OPTIONS")
                    || "as-is".equalsIgnoreCase(String.valueOf(System.getenv(ENV)).strip());
            return new Here(System.getProperty(MARKER) != null, chosen,
                    Path.of(System.getProperty("java.home"), "bin", "java"),
                    ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()),
                    ProcessHandle.current().pid());
        }

        private static boolean isSet(String variable) {
            String value = System.getenv(variable);
            return value != null && !value.isBlank();
        }
    }

    private TunedJvm() {
    }

    /** The command line of the tuned JVM for these arguments, or empty to run in this one. */
    static Optional<List<String>> command(String[] args, Here here) {
        return command(args, here, List.of());
    }

    /**
     * The command line of the tuned JVM for these arguments with some JVM options of its own (a class
     * archive's), or empty to run in this one.
     */
    static Optional<List<String>> command(String[] args, Here here, List<String> options) {
        List<String> launcher = here.launcherArguments();
        // Exactly: -jar JAR, then these arguments. Anything else was set up by someone on purpose.
        boolean plainJar = launcher.size() == args.length + 2 && launcher.get(0).equals("-jar")
                && launcher.subList(2, launcher.size()).equals(List.of(args));
        if (args.length == 0 || !ONE_SHOT.contains(args[0]) || here.marked() || here.chosenOptions() || !plainJar) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(here.java().toString());
        command.addAll(FLAGS);
        command.addAll(options);
        command.add("-D" + MARKER + "=" + here.pid());
        command.add("-cp");
        command.add(launcher.get(1));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /**
     * In a child JVM, ends it when its launcher ends: a launcher killed outright (kill -9 runs no shutdown
     * hook, so it cannot stop the child) would otherwise leave the child building and publishing on its
     * own. The child exits through {@link System#exit}, so its own shutdown hooks run: a build abandons its
     * temporary folder. Does nothing in a JVM that is not such a child.
     */
    static void watchLauncher() {
        String marker = System.getProperty(MARKER);
        long launcher;
        try {
            launcher = marker == null ? -1 : Long.parseLong(marker);
        } catch (NumberFormatException e) {
            return; // set by hand: nobody to watch
        }
        if (launcher <= 0) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(launcher);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            System.exit(LAUNCHER_GONE); // gone before the child started
        }
        handle.get().onExit().thenRun(() -> System.exit(LAUNCHER_GONE));
    }

    /**
     * Runs the command in a child JVM that shares this one's terminal, and returns its exit code; empty when
     * it should run here, or when the child cannot be started (then it runs here, untuned).
     */
    static Optional<Integer> run(String[] args) {
        if (args.length == 0 || !ONE_SHOT.contains(args[0])) {
            return Optional.empty();
        }
        Here here = Here.current();
        if (command(args, here).isEmpty()) {
            return Optional.empty();
        }
        Optional<ClassArchive> archive = ClassArchive.of(args[0], Path.of(here.launcherArguments().get(1)),
                Path.of(System.getProperty("java.home")), System.getProperty("java.vm.version"));
        List<String> command = command(args, here, archive.map(ClassArchive::flags).orElse(List.of())).orElseThrow();
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
        // Stopped from outside (a CI time-out sends SIGTERM to this process only): stop the child too.
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy, "tcpstory-stop-child"));
        try {
            int exit = child.waitFor();
            archive.ifPresent(a -> a.completed(exit));
            return Optional.of(exit);
        } catch (InterruptedException e) {
            child.destroy();
            Thread.currentThread().interrupt();
            return Optional.of(130);
        }
    }
}
