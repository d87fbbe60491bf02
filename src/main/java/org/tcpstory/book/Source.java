package org.tcpstory.book;

import org.tcpstory.diagnostic.Diagnostic;

/**
 * One file of a book as read from disk: its bytes, or why they were not read.
 *
 * @param file   the path as the user named it, with {@code /} between names
 * @param bytes  the content; null when the file was not read
 * @param unread why it was not read (too large, unreadable); null when it was
 */
public record Source(String file, byte[] bytes, Diagnostic unread) {

    static Source unread(String file, Diagnostic why) {
        return new Source(file, null, why);
    }
}
