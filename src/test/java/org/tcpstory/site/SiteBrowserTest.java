package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.tcpstory.publish.SiteBuild;

/**
 * The bundled tutorial, built and opened in headless Chromium (Debian's chromium and chromedriver):
 * pages load without console errors, every diagram is displayed with a size, and the chapter links
 * lead from one chapter to the next. Screenshots are kept in target/browser/ as artifacts.
 *
 * <p>Runs wherever Chromium is installed; in CI a missing browser is a failure ({@link Chromium}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiteBrowserTest {

    private static final Path ARTIFACTS = Chromium.ARTIFACTS;

    private Path site;
    private ChromeDriver browser;

    @BeforeAll
    void buildAndOpen(@TempDir Path work) throws Exception {
        if (!Chromium.installed()) {
            return; // each test is skipped, and counted, in requireBrowser
        }
        site = work.resolve("site");
        SiteBuild.Result result = SiteFixtures.build(Path.of("content"), site, Path.of("templates"));
        assertTrue(result.published(), () -> "the bundled site builds: " + result.diagnostics());

        browser = Chromium.start(work.resolve("profile"));
    }

    @BeforeEach
    void requireBrowser() {
        Chromium.require();
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void open(String page) {
        browser.get(site.resolve(page).toUri().toString());
    }

    private void assertNoConsoleErrors(String page) {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList(), page + " logs errors");
    }

    private void screenshot(String name) throws Exception {
        Files.write(ARTIFACTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void homePageLoadsAndListsEveryChapter() throws Exception {
        open("index.html");
        assertNoConsoleErrors("index.html");
        assertFalse(browser.getTitle().isBlank());
        List<WebElement> chapterLinks = browser.findElements(By.cssSelector("a[href$='handshake.html']"));
        assertFalse(chapterLinks.isEmpty(), "the home page links the first chapter");
        screenshot("index");
    }

    @Test
    void everyDiagramIsDisplayedWithASize() throws Exception {
        open("goodbye.html");
        assertNoConsoleErrors("goodbye.html");
        List<WebElement> diagrams = browser.findElements(By.cssSelector("figure.diagram svg"));
        assertEquals(2, diagrams.size(), "a sequence and a state diagram");
        for (WebElement diagram : diagrams) {
            assertTrue(diagram.isDisplayed(), "diagram displayed");
            assertTrue(diagram.getRect().getWidth() > 100 && diagram.getRect().getHeight() > 100,
                    () -> "diagram has a size: " + diagram.getRect().getDimension());
        }
        // The diagram text is real text: the state names can be found on the page.
        assertTrue(browser.findElement(By.cssSelector("figure.diagram-sequence svg")).getText().contains("FIN-WAIT-1"));
        screenshot("chapter-goodbye");
    }

    @Test
    void previousAndNextLinksWalkTheBook() throws Exception {
        open("handshake.html");
        String first = browser.getTitle();
        browser.findElement(By.cssSelector("a[rel=next]")).click();
        assertTrue(browser.getCurrentUrl().endsWith("talking.html"), browser.getCurrentUrl());
        assertNoConsoleErrors("talking.html");
        browser.findElement(By.cssSelector("a[rel=prev]")).click();
        assertTrue(browser.getCurrentUrl().endsWith("handshake.html"), browser.getCurrentUrl());
        assertEquals(first, browser.getTitle());
        screenshot("chapter-handshake");
    }
}
