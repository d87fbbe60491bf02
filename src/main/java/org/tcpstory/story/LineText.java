package org.tcpstory.story;

import org.tcpstory.diagnostic.SourcePosition;

/**
 * One line of text as it stands in the file: where its first character is, so that a character index in
 * the text becomes a file position. Columns count code points, as {@link SourcePosition} requires.
 *
 * @param column the 1-based column of {@code text.charAt(0)} in the raw file line
 */
record LineText(String file, int line, int column, String text) {

    SourcePosition at(int index) {
        int clamped = Math.max(0, Math.min(index, text.length()));
        return new SourcePosition(file, line, column + text.codePointCount(0, clamped));
    }
}
