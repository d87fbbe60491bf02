package org.tcpstory.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tcpstory.diagnostic.Language;

/** Small chapters for the tests, and a way to run the command in-process. */
final class Stories {

    static final String VALID = """
            ---
            title: 握手
            peers:
              boy:  { label: "男生", state: CLOSED, isn: x }
              girl: { label: "女孩", state: LISTEN, isn: y }
            ---
            ```tcp
            boy -> girl: SYN=1, seq=x
            girl -> boy: SYN=1, ACK=1, seq=y, ack=x+1
            boy -> girl: ACK=1, seq=x+1, ack=y+1
            expect boy ESTABLISHED, girl ESTABLISHED
            ```
            """;

    /** Line 10 acknowledges y instead of y+1: rule ack-number at the column of {@code ack=}. */
    static final String WRONG_ACK = VALID.replace("title: 握手", "title: 错了").replace("ack=y+1", "ack=y");
    static final int WRONG_ACK_LINE = 10;
    static final int WRONG_ACK_COLUMN = "boy -> girl: ACK=1, seq=x+1, ".length() + 1;

    /** The flow mapping on line 4 is never closed. */
    static final String BROKEN_YAML = """
            ---
            title: 坏了
            peers:
              boy: { label: "男生", state: CLOSED
            ---
            text
            """;

    /** Valid, but {@code wait 2MSL} with nobody in TIME-WAIT is a warning. */
    static final String WARNING = VALID.replace("title: 握手", "title: 等待")
            .replace("expect boy ESTABLISHED, girl ESTABLISHED", "wait 2MSL");

    private Stories() {
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** The display form of a path, as diagnostics print it. */
    static String shown(Path path) {
        return path.toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run run(Object... args) {
        return runIn(Language.ENGLISH, args);
    }

    /** Runs a command as if started in a locale of this language. */
    static Run runIn(Language locale, Object... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = args[i] instanceof Path p ? p.toString() : String.valueOf(args[i]);
        }
        int code = Main.run(locale, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), strings);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
