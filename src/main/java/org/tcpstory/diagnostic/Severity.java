package org.tcpstory.diagnostic;

public enum Severity {
    ERROR, WARNING;

    /** The word used in {@code path:line:col: error: ...} lines. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
