package org.tcpstory.site;

import org.tcpstory.diagnostic.Text;

/** Hears what a build is doing, to show progress. Every method may be called from the building thread only. */
public interface BuildListener {

    /** Chapters were read and checked by the engine. */
    default void validated(int chapters) {
    }

    /** A diagram was rendered: {@code done} of {@code total}. */
    default void diagram(int done, int total) {
    }

    /** A page was written: {@code done} of {@code total}. */
    default void page(int done, int total) {
    }

    /** Something the user should know that does not stop the build (no CJK font, say); said once. */
    default void warning(Text message) {
    }

    BuildListener SILENT = new BuildListener() {
    };
}
