package org.tcpstory.site;

import java.io.IOException;

/** Takes a site's files as a render makes them: a folder being written, or a map for {@code serve}. */
@FunctionalInterface
interface SiteFiles {

    /** @param path the file's path in the site, with {@code /} ({@code diagrams/hello-sequence.svg}) */
    void put(String path, String text) throws IOException;
}
