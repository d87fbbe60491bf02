package org.tcpstory.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;

/**
 * What a command says of its own, around the diagnostics, in the language {@code --lang} or the locale
 * chose: each sentence a key of the catalog ({@code cli.}, and a section per command), never English
 * glued together in code.
 */
record Words(Messages messages) {

    /** The sentence of {@code key} with these arguments in its slots. */
    String of(String key, Object... args) {
        return messages.render(Text.of(key, args));
    }

    /** {@code tcpstory: } and the sentence, a line of its own, flushed at once (it may be the last word). */
    void say(PrintWriter to, String key, Object... args) {
        to.println("tcpstory: " + of(key, args));
        to.flush();
    }

    /** Why a file could not be read or written, in words rather than as an exception's class. */
    static Text why(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return Text.of("cli.why.noSuchFileOrFolder");
        }
        if (e instanceof AccessDeniedException) {
            return Text.of("cli.why.permissionDenied");
        }
        if (e instanceof NotDirectoryException) {
            return Text.of("cli.why.notAFolder");
        }
        // The system's own words, which no catalog holds.
        return Text.plain(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
