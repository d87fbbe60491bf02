package org.tcpstory.diagram;

import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;

/**
 * A diagram that could not be drawn: PlantUML rejected its source, crashed on it, or produced an SVG
 * that failed the safety check. Never shipped as an error image. Its words are a {@link Text} (PlantUML's
 * own error inside it as PlantUML wrote it), shown in the reader's language; the message is the English.
 */
public final class DiagramException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final transient Text text;

    /**
     * @param line the 1-based line of the PlantUML source the problem is on, or 0 when it has no line
     */
    public DiagramException(Text text, int line) {
        super(Messages.english().render(text));
        this.line = line;
        this.text = text;
    }

    public DiagramException(Text text, Throwable cause) {
        super(Messages.english().render(text), cause);
        this.line = 0;
        this.text = text;
    }

    /** Why the diagram could not be drawn, to be shown in the reader's language. */
    public Text text() {
        return text;
    }

    /** The 1-based line of the PlantUML source the problem is on, or 0 when it has none. */
    public int line() {
        return line;
    }
}
