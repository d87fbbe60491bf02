package org.tcpstory.cli;

import java.io.IOException;
import java.io.Writer;
import org.tcpstory.diagnostic.Report;

/** Writes a {@link Report} in one format. Reporters touch nothing but the writer they are given. */
interface Reporter {

    void write(Report report, Writer out) throws IOException;
}
