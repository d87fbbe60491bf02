package org.tcpstory.diagram;

/**
 * A diagram that could not be drawn: PlantUML rejected its source, crashed on it, or produced an SVG
 * that failed the safety check. Never shipped as an error image.
 */
public final class DiagramException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;

    /**
     * @param line the 1-based line of the PlantUML source the problem is on, or 0 when it has no line
     */
    public DiagramException(String message, int line) {
        super(message);
        this.line = line;
    }

    public DiagramException(String message, Throwable cause) {
        super(message, cause);
        this.line = 0;
    }

    /** The 1-based line of the PlantUML source the problem is on, or 0 when it has none. */
    public int line() {
        return line;
    }
}
