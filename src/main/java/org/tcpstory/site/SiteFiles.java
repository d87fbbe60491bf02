package org.tcpstory.site;

import java.io.IOException;

/**
 * Takes a site's files as a render makes them, in a fixed order: a folder being written, or a map that
 * {@code serve} shows from memory.
 */
@FunctionalInterface
public interface SiteFiles {

    /**
     * @param path the file's path in the site, with {@code /} ({@code diagrams/hello-sequence.svg})
     * @param bytes the content, never changed after this call
     */
    void put(String path, byte[] bytes) throws IOException;
}
