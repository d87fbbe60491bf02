package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.tcpstory.publish.SiteBuild;

/**
 * The done-when test of "stories are untrusted": the hostile story ({@link HostileStory}: script in the
 * title, labels, prose, links, payload and site settings; PlantUML directives, {@code %getenv} and
 * {@code !include /etc/passwd} in labels) builds into a site in which no script runs in Chromium. Every
 * page is opened, hovered and has its links clicked; no alert opens, {@code window.__pwned} stays
 * undefined, the title is the author's, the console has no script error, and the page shows the author's
 * text as text. No file content or environment value is anywhere in the output folder.
 *
 * <p>Set up like {@link SiteBrowserTest}: Debian's chromium and chromedriver; in CI a missing browser fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSiteBrowserTest {

    private static final Path ARTIFACTS = Chromium.ARTIFACTS;

    private Path site;
    private List<String> pages;
    private ChromeDriver browser;

    @BeforeAll
    void buildAndOpen(@TempDir Path work) throws Exception {
        site = work.resolve("site");
        SiteBuild.Result result = SiteFixtures.build(HostileStory.write(work.resolve("content")), site, null);
        assertTrue(result.published(), () -> "the hostile story builds: " + result.diagnostics());
        pages = SiteFixtures.tree(site).keySet().stream().filter(p -> p.endsWith(".html")).sorted().toList();
        assertTrue(pages.size() >= 15, pages::toString);

        // Without Chromium the browser tests are skipped (and counted) one by one; the output is still checked.
        if (Chromium.installed()) {
            browser = Chromium.start(work.resolve("profile"));
        }
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

    /** No alert is open, the page's own title is there, and no payload set its flag. */
    private void assertNoScriptRan(String where) {
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert(), where + ": an alert is open");
        assertEquals(Boolean.TRUE, browser.executeScript("return typeof window.__pwned === 'undefined'"),
                where + ": window.__pwned was set");
        assertFalse(browser.getTitle().equals("pwned"), where + ": a payload set document.title");
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                // The author's image of /etc/passwd is not an image: loading it may fail, and says so.
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
        assertEquals(List.of(), errors, where + ": console");
    }

    @Test
    void noScriptRunsOnAnyPage() throws Exception {
        Chromium.require();
        for (String page : pages) {
            open(page);
            assertNoScriptRan(page);
            @SuppressWarnings("unchecked")
            List<String> scripts = (List<String>) browser.executeScript(
                    "return Array.from(document.scripts).map(s => s.src.replace(/^.*\\/assets\\//, 'assets/') + ' ' + s.text.length)");
            assertEquals(List.of("assets/book.js 0", "assets/search.js 0"), scripts, page + ": only the theme's own files");
            assertEquals(0L, browser.executeScript("return document.querySelectorAll('iframe,object,embed,frame').length"),
                    page + " embeds a document");
            @SuppressWarnings("unchecked")
            List<String> handlers = (List<String>) browser.executeScript(
                    "const out = [];"
                            + "for (const el of document.querySelectorAll('*')) for (const a of el.attributes)"
                            + "  if (a.name.toLowerCase().startsWith('on')) out.push(el.tagName + ' ' + a.name);"
                            + "for (const el of document.querySelectorAll('[href],[src],[action],[formaction]'))"
                            + "  for (const n of ['href', 'src', 'action', 'formaction']) {"
                            + "    const v = (el.getAttribute(n) || '').replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();"
                            + "    if (/^(javascript|vbscript|file):/.test(v) || v.startsWith('data:') && !/^data:image\\/(png|gif|jpeg|webp)[;,]/.test(v))"
                            + "      out.push(el.tagName + ' ' + n + '=' + v);"
                            + "  }"
                            + "return out;");
            assertEquals(List.of(), handlers, page);
        }
    }

    @Test
    void hoveringAndClickingEverythingRunsNoScript() throws Exception {
        Chromium.require();
        for (String page : List.of("index.html", "attack.html", "more.html")) {
            open(page);
            // What the author wrote: title, summary, peers, prose, cards (a handler would fire on hover). The page
            // picks out the ones that are drawn with a width, in one call rather than two per element.
            @SuppressWarnings("unchecked")
            List<WebElement> targets = (List<WebElement>) browser.executeScript(
                    "return Array.from(document.querySelectorAll(arguments[0])).filter(e => {"
                            + "  const box = e.getBoundingClientRect(), style = getComputedStyle(e);"
                            + "  return box.width > 0 && box.height > 0 && style.visibility !== 'hidden';"
                            + "});",
                    "h1, .lede, .chapter-summary, .peer, .prose p, .prose h1, .prose td, .prose img, .payload, .note-text, .wait-label");
            Actions actions = new Actions(browser);
            int hovered = 0;
            for (WebElement target : targets) {
                if (hovered < 60) {
                    try {
                        actions.moveToElement(target).perform();
                        hovered++;
                    } catch (org.openqa.selenium.WebDriverException e) {
                        // Elements the pointer cannot reach (off screen): nothing to hover.
                    }
                }
            }
            assertNoScriptRan(page + " after hovering");
            // Every link's address and text, in one call.
            @SuppressWarnings("unchecked")
            List<List<String>> links = (List<List<String>>) browser.executeScript(
                    "return Array.from(document.querySelectorAll('.prose a, .intro a')).map(a => [a.href, a.innerText]);");
            Set<String> followed = new HashSet<>();
            for (int i = 0; i < links.size(); i++) {
                String href = links.get(i).get(0);
                String text = links.get(i).get(1);
                if (href.startsWith("file:") && !href.contains(site.toString())) {
                    continue; // ../../etc/passwd: a plain link out of the site, not ours to follow
                }
                if (!followed.add(href)) {
                    continue; // a second link to the same address leads to the same page
                }
                open(page);
                WebElement link = browser.findElements(By.cssSelector(".prose a, .intro a")).get(i);
                try {
                    link.click();
                } catch (org.openqa.selenium.WebDriverException e) {
                    continue; // covered by another element or not clickable: nothing happens for a reader either
                }
                assertNoScriptRan(page + " after clicking " + text + " (" + href + ")");
            }
        }
        screenshot("hostile-attack", "attack.html");
        screenshot("hostile-index", "index.html");
    }

    /** The harness can fail: with raw HTML allowed (the author's explicit choice), a script does run and is seen. */
    @Test
    void aScriptThatRunsIsSeen(@TempDir Path work) throws Exception {
        Chromium.require();
        Path content = SiteFixtures.story(work.resolve("content"));
        SiteFixtures.write(content.resolve("_index.md"), "---\nallowRawHtml: true\n---\n\n"
                + "<script>window.__pwned = 1; alert(1)</script>\n");
        Path raw = work.resolve("raw-site");
        assertTrue(SiteFixtures.build(content, raw, null).published());
        browser.get(raw.resolve("index.html").toUri().toString());
        AssertionError seen = assertThrows(AssertionError.class, () -> assertNoScriptRan("raw"));
        assertTrue(seen.getMessage().contains("alert"), seen.getMessage());
        browser.switchTo().alert().dismiss();
        assertEquals(Boolean.FALSE, browser.executeScript("return typeof window.__pwned === 'undefined'"));
        browser.manage().logs().get(LogType.BROWSER).getAll(); // leave the log empty for the other tests
    }

    @Test
    void searchingAndSteppingThroughTheAuthorsTextRunsNoScript() throws Exception {
        open("attack.html");
        for (String query : List.of("<script", "alert", "pwned", "onerror", "<img", HostileStory.TITLE.substring(0, 8))) {
            WebElement input = browser.findElement(By.id("ts-search-input"));
            input.clear();
            input.sendKeys(query);
            Thread.sleep(300); // the index loads, the results are drawn
            assertNoScriptRan("search for " + query);
            assertEquals(0L, browser.executeScript("return document.querySelectorAll('.search-results img, .search-results script,"
                    + " .search-results [onerror], .search-results [onclick]').length"), "results are text: " + query);
        }
        List<WebElement> results = browser.findElements(By.cssSelector(".search-result"));
        assertFalse(results.isEmpty(), "the hostile title is found");
        results.get(0).click();
        assertNoScriptRan("a search result");
        open("attack.html");
        if (!browser.findElements(By.cssSelector("#ts-stepper [data-go=next]")).isEmpty()) {
            for (int i = 0; i < 12; i++) {
                new Actions(browser).sendKeys("j").perform();
            }
            assertNoScriptRan("stepping through attack.html");
        }
    }

    @Test
    void theAuthorsTextIsShownAsText() {
        Chromium.require();
        for (Map.Entry<String, List<String>> e : HostileStory.SHOWN.entrySet()) {
            open(e.getKey());
            String text = HostileStory.collapsed(browser.findElement(By.tagName("body")).getText());
            String svgText = HostileStory.collapsed(String.valueOf(browser.executeScript(
                    "return Array.from(document.querySelectorAll('svg')).map(s => s.textContent).join(' ')")));
            for (String authored : e.getValue()) {
                String expected = HostileStory.collapsed(authored).strip();
                assertTrue(text.contains(expected) || svgText.contains(expected),
                        () -> e.getKey() + " should show " + authored);
            }
        }
        open("attack.html");
        assertEquals(HostileStory.TITLE, browser.findElement(By.cssSelector("h1")).getText());
        assertTrue(browser.getTitle().startsWith(HostileStory.TITLE), browser.getTitle());
        // The literal script of the prose, as text.
        assertTrue(browser.findElement(By.cssSelector(".prose")).getText().contains(HostileStory.PROSE_SCRIPT));
        // Labels with PlantUML directives and %getenv are drawn as typed in the diagrams.
        String sequence = String.valueOf(browser.executeScript(
                "return document.querySelector('figure.diagram-sequence svg').textContent"));
        for (String line : (HostileStory.LABEL_A + "\n" + HostileStory.LABEL_B).split("\n")) {
            assertTrue(sequence.contains(line), () -> line + " in the sequence diagram: " + sequence);
        }
        assertTrue(sequence.contains("%getenv(\"PLANTUML_LIMIT_SIZE\")"), sequence);
        assertFalse(sequence.contains("root:x:"), sequence);
    }

    @Test
    void nothingFromTheFileSystemOrEnvironmentIsInTheOutput() throws Exception {
        HostileStory.assertNoLeaks(site);
    }

    private void screenshot(String name, String page) throws Exception {
        open(page);
        Files.write(ARTIFACTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
