package org.tcpstory.cli;

/** The exit codes of every command, in one place so that help texts and code agree. */
final class ExitCodes {

    /** Nothing wrong (with {@code --strict}: not even a warning). */
    static final int OK = 0;
    /** The stories have errors (with {@code --strict}: or warnings). */
    static final int PROBLEMS = 1;
    /** The command could not run: a bad option, or a path that cannot be read or written. */
    static final int CANNOT_RUN = 2;

    // For picocli's exitCodeList ("code:meaning"); constants, so that annotations can use them.
    static final String OK_HELP = "0:no errors (with --strict: no warnings either)";
    static final String PROBLEMS_HELP = "1:errors found (with --strict: errors or warnings)";
    static final String CANNOT_RUN_HELP = "2:the command could not run: a bad option, or a path that cannot be read or written";

    private ExitCodes() {
    }
}
