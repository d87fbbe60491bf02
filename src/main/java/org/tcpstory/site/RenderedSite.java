package org.tcpstory.site;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A site rendered into memory, as {@code serve} holds it: every file by its path in the site
 * ({@code index.html}, {@code diagrams/hello-sequence.svg}, {@code assets/style.css}), in the order they
 * were made, and what the render did. The arrays are never changed once the site is made.
 */
public record RenderedSite(Map<String, byte[]> files, SiteRenderer.Summary summary) {

    public RenderedSite {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** A file of the site by its path, if there is one. */
    public Optional<byte[]> file(String path) {
        return Optional.ofNullable(files.get(path));
    }
}
