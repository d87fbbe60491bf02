package org.tcpstory.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SitePathsTest {

    /** The paths of a small site, as {@code serve} holds it in memory. */
    private static final Set<String> SITE = Set.of("index.html", "states/closed.html", "你好.html", ".secret",
            "states/.hidden.html");

    @Test
    void filesOfTheSiteAreFound() {
        assertEquals(new SitePaths.Found("index.html"), SitePaths.resolve(SITE, "/"));
        assertEquals(new SitePaths.Found("index.html"), SitePaths.resolve(SITE, "/index.html"));
        assertEquals(new SitePaths.Found("states/closed.html"), SitePaths.resolve(SITE, "/states/closed.html"));
        assertEquals(new SitePaths.Found("你好.html"), SitePaths.resolve(SITE, "/%E4%BD%A0%E5%A5%BD.html"));
    }

    @Test
    void traversalIsRefused() {
        for (String raw : new String[] {"/..", "/../secret.txt", "/states/../../secret.txt", "/%2e%2e/secret.txt",
                "/%2E%2e/secret.txt", "/.%2e/secret.txt", "/..%2fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt",
                "/%00", "/a%0a", "/./index.html", "/states//closed.html", "/C:/x", "relative", "", "/%", "/%e4%bd",
                "/%c0%ae%c0%ae/secret.txt", "/é", "/states/../index.html"}) {
            assertInstanceOf(SitePaths.Refused.class, SitePaths.resolve(SITE, raw), raw);
        }
        assertInstanceOf(SitePaths.Refused.class, SitePaths.resolve(SITE, null));
    }

    @Test
    void hiddenFilesFoldersAndMissingFilesAreNotFound() {
        for (String raw : new String[] {"/.secret", "/states/.hidden.html", "/states", "/states/", "/missing.html",
                "/secret.txt"}) {
            assertInstanceOf(SitePaths.NotFound.class, SitePaths.resolve(SITE, raw), raw);
        }
    }

    @Test
    void contentTypes() {
        assertEquals("text/html; charset=utf-8", SitePaths.contentType("a.html"));
        assertEquals("text/css; charset=utf-8", SitePaths.contentType("style.CSS"));
        assertEquals("image/svg+xml; charset=utf-8", SitePaths.contentType("d.svg"));
        assertEquals("image/png", SitePaths.contentType("d.png"));
        assertEquals("application/xml; charset=utf-8", SitePaths.contentType("sitemap.xml"));
        assertEquals("text/plain; charset=utf-8", SitePaths.contentType("d.puml"));
        assertEquals("application/octet-stream", SitePaths.contentType("README"));
    }

    @Test
    void decodingIsStrict() {
        assertEquals("/a b+c", SitePaths.decode("/a%20b+c"));
        assertNull(SitePaths.decode("/%g0"));
        assertNull(SitePaths.decode("/%ff"));
    }
}
