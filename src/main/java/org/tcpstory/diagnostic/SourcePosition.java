package org.tcpstory.diagnostic;

/**
 * A place in an authored file: the path as the user named it, and a 1-based line and column.
 * Columns count Unicode code points, so a caret under a CJK line points at the right character.
 */
public record SourcePosition(String file, int line, int column) implements Comparable<SourcePosition> {

    public SourcePosition {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    public SourcePosition atColumn(int newColumn) {
        return new SourcePosition(file, line, newColumn);
    }

    @Override
    public int compareTo(SourcePosition other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : Integer.compare(column, other.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
