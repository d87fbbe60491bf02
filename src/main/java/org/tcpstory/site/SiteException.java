package org.tcpstory.site;

import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;

/**
 * A build that could not produce a site, for a reason other than errors in the chapters. It holds its words
 * as a {@link Text}, so that the command line and serve's overlay say them in the reader's language; the
 * message is the English rendering, for logs.
 */
public final class SiteException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the build stopped; the kind decides the exit code. */
    public enum Kind {
        /** The output folder may not be written (not ours, or a folder that must not be replaced): exit 2. */
        REFUSED(2),
        /** A folder cannot be read or written, or an option is wrong: exit 2. */
        CANNOT_RUN(2),
        /** PlantUML rejected a diagram: exit 1, nothing published. */
        DIAGRAM(1),
        /**
         * A template failed (syntax, a missing value, a loop or recursion stopped): exit 2, nothing published.
         * The theme is not the chapters, whose errors exit 1.
         */
        TEMPLATE(2);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;
    private final transient Text text;

    public SiteException(Kind kind, Text text) {
        this(kind, text, null);
    }

    public SiteException(Kind kind, Text text, Throwable cause) {
        super(Messages.english().render(text), cause);
        this.kind = kind;
        this.text = text;
    }

    public Kind kind() {
        return kind;
    }

    /** Why the build stopped, to be shown in the reader's language. */
    public Text text() {
        return text;
    }

    public int exitCode() {
        return kind.exitCode();
    }
}
