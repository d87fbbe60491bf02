package org.tcpstory.site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.tcpstory.publish.SiteBuild;

/**
 * Screenshots of every kind of page for a reviewer: the bundled tutorial in its two languages (the page that
 * lists them, each language's pages), the English sample story and the v2 example book (windows, loss and
 * recovery, also with the site in Chinese), each page kind at 1280 and 390 px wide, light and dark, and a
 * chapter with its step-through on the third event. Run by bench/screenshots.sh; not a test.
 */
public final class SiteScreenshots {

    private SiteScreenshots() {
    }

    /** Arguments: the output folder (default target/screenshots). */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots");
        Path work = Files.createTempDirectory("tcpstory-screenshots");
        Map<String, Path> sites = new LinkedHashMap<>();
        sites.put("book", build(Path.of("content"), work.resolve("book")));
        sites.put("sample", build(Path.of("src/test/resources/english"), work.resolve("sample")));
        sites.put("windows", build(WindowPagesTest.BOOK, work.resolve("windows")));
        sites.put("windows-zh", build(SiteFixtures.inChinese(WindowPagesTest.BOOK, work.resolve("windows-zh-content")),
                work.resolve("windows-zh")));
        Map<String, List<String>> pages = Map.of(
                "book", List.of("index.html", "zh/handshake.html", "zh/index.html", "zh/lost-words.html",
                        "zh/states/time-wait.html", "404.html", "en/index.html", "en/congestion.html", "en/sack.html"),
                "sample", List.of("index.html", "hello.html", "farewell.html", "states/listen.html", "404.html"),
                "windows", List.of("index.html", "congestion.html", "fast-retransmit.html", "zero-window.html"),
                "windows-zh", List.of("congestion.html", "fast-retransmit.html"));
        Files.createDirectories(out);
        ChromeDriver browser = Chromium.start(work.resolve("profile"));
        try {
            for (Map.Entry<String, Path> site : sites.entrySet()) {
                for (int width : new int[] {1280, 390}) {
                    for (boolean dark : new boolean[] {false, true}) {
                        Chromium.emulate(browser, width, dark);
                        for (String page : pages.get(site.getKey())) {
                            browser.get(site.getValue().resolve(page).toUri().toString());
                            String name = site.getKey() + "-" + page.replace("states/", "state-").replace("/", "-")
                                    .replace(".html", "")
                                    + "-" + width + (dark ? "-dark" : "-light");
                            shoot(browser, out.resolve(name + ".png"));
                            if (page.equals(pages.get(site.getKey()).get(1))) {
                                for (int i = 0; i < 3; i++) {
                                    browser.findElement(org.openqa.selenium.By.cssSelector("[data-go=next]")).click();
                                }
                                Thread.sleep(700); // the smooth scroll to the card
                                shoot(browser, out.resolve(name.replace("-" + width, "-step3-" + width) + ".png"));
                            }
                        }
                    }
                }
            }
        } finally {
            browser.quit();
        }
        System.out.println("screenshots in " + out.toAbsolutePath());
    }

    private static Path build(Path content, Path site) throws Exception {
        SiteBuild.Result result = SiteFixtures.build(content, site, Path.of("templates"));
        if (!result.published()) {
            throw new IllegalStateException(content + " does not build: " + result.diagnostics());
        }
        return site;
    }

    private static void shoot(ChromeDriver browser, Path file) throws Exception {
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    }
}
