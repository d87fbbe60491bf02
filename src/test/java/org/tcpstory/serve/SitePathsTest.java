package org.tcpstory.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SitePathsTest {

    @TempDir
    Path dir;

    private Path site() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "home");
        Files.createDirectories(site.resolve("states"));
        Files.writeString(site.resolve("states/closed.html"), "closed");
        Files.writeString(site.resolve("你好.html"), "hi");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        return site.toRealPath();
    }

    @Test
    void filesInsideTheFolderAreFound() throws Exception {
        Path site = site();
        assertEquals(new SitePaths.Found(site.resolve("index.html")), SitePaths.resolve(site, "/"));
        assertEquals(new SitePaths.Found(site.resolve("index.html")), SitePaths.resolve(site, "/index.html"));
        assertEquals(new SitePaths.Found(site.resolve("states/closed.html")), SitePaths.resolve(site, "/states/closed.html"));
        assertEquals(new SitePaths.Found(site.resolve("你好.html")), SitePaths.resolve(site, "/%E4%BD%A0%E5%A5%BD.html"));
    }

    @Test
    void traversalIsRefused() throws Exception {
        Path site = site();
        for (String raw : new String[] {"/..", "/../secret.txt", "/states/../../secret.txt", "/%2e%2e/secret.txt",
                "/%2E%2e/secret.txt", "/.%2e/secret.txt", "/..%2fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt",
                "/%00", "/a%0a", "/./index.html", "/states//closed.html", "/C:/x", "relative", "", "/%", "/%e4%bd",
                "/%c0%ae%c0%ae/secret.txt", "/é"}) {
            assertInstanceOf(SitePaths.Refused.class, SitePaths.resolve(site, raw), raw);
        }
        assertInstanceOf(SitePaths.Refused.class, SitePaths.resolve(site, null));
    }

    @Test
    void hiddenFilesFoldersAndLinksOutAreNotFound() throws Exception {
        Path site = site();
        Files.writeString(site.resolve(".secret"), "x");
        Files.createSymbolicLink(site.resolve("link.txt"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(site.resolve("up"), dir);
        Files.createSymbolicLink(site.resolve("inside.html"), site.resolve("index.html"));
        for (String raw : new String[] {"/.secret", "/link.txt", "/up/secret.txt", "/states", "/states/", "/missing.html"}) {
            assertInstanceOf(SitePaths.NotFound.class, SitePaths.resolve(site, raw), raw);
        }
        assertEquals(new SitePaths.Found(site.resolve("index.html")), SitePaths.resolve(site, "/inside.html"),
                "a link that stays inside is followed");
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
