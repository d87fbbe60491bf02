package org.tcpstory.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tcpstory.diagram.DiagramCache;
import org.tcpstory.site.Chromium;

/**
 * The preview in Chromium: its pages keep the site's Content-Security-Policy, and under it the theme's
 * scripts and the live-reload script (a file of the preview) run: an edit reloads the open page, with no
 * console error and no policy violation.
 */
class PreviewBrowserTest {

    @Test
    void aSavedEditReloadsTheOpenPageUnderTheSitesPolicy(@TempDir Path dir) throws Exception {
        Chromium.require();
        Path content = ServeFixtures.content(dir.resolve("content"));
        ServeSession session = ServeSession.start(new ServeSession.Options(content, null, 0,
                DiagramCache.at(dir.resolve("cache")), null), new ServeSession.Listener() { }, null);
        ChromeDriver browser = Chromium.start(dir.resolve("profile"));
        try {
            Chromium.recordPolicyViolations(browser);
            URI page = session.address().resolve("handshake.html");
            browser.get(page.toString());
            assertTrue(browser.getPageSource().contains("script-src 'self'"), "the site's policy is kept");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(d -> d.findElement(By.id("ts-stepper")).isDisplayed()); // the theme's script ran
            browser.executeScript("window.__before = true");
            Thread.sleep(500); // the event stream connects
            ServeFixtures.edit(content.resolve("01-handshake.md"), "端口路 80 号还很安静。", "端口路 80 号安静得能听见钟声。");
            wait.until(d -> d.getPageSource().contains("安静得能听见钟声"));
            assertEquals(null, browser.executeScript("return window.__before"), "the page was reloaded");
            assertEquals(List.of(), browser.executeScript("return window.__cspViolations"));
            List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                    .filter(m -> !m.contains("/favicon.ico")) // the browser's own guess; the site has none
                    .toList();
            assertEquals(List.of(), errors);
        } finally {
            browser.quit();
            session.close();
        }
    }
}
