package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tcpstory.publish.SiteBuild;

/**
 * The bundled tutorial (in Chinese and English) and the English sample story, built and opened in headless Chromium
 * (Debian's chromium and chromedriver) as a reader would: pages load without console errors or
 * Content-Security-Policy violations, the book's navigation, search, step-through and dark mode work, with
 * the keyboard too, and axe-core finds no serious or critical accessibility problem on any kind of page,
 * light and dark, wide and narrow. Screenshots are kept in target/browser/ as artifacts.
 *
 * <p>Runs wherever Chromium is installed; in CI a missing browser is a failure ({@link Chromium}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiteBrowserTest {

    private static final Path ARTIFACTS = Chromium.ARTIFACTS;

    private Path site;
    private Path zh;
    private Path english;
    private Path windows;
    private ChromeDriver browser;

    @BeforeAll
    void buildAndOpen(@TempDir Path work) throws Exception {
        if (!Chromium.installed()) {
            return; // each test is skipped, and counted, in requireBrowser
        }
        site = work.resolve("site");
        SiteBuild.Result result = SiteFixtures.build(Path.of("content"), site, Path.of("templates"));
        assertTrue(result.published(), () -> "the bundled site builds: " + result.diagnostics());
        zh = site.resolve("zh");
        english = work.resolve("english");
        SiteBuild.Result en = SiteFixtures.build(Path.of("src/test/resources/english"), english, Path.of("templates"));
        assertTrue(en.published(), () -> "the English sample builds: " + en.diagnostics());
        windows = work.resolve("windows");
        SiteBuild.Result v2 = SiteFixtures.build(WindowPagesTest.BOOK, windows, Path.of("templates"));
        assertTrue(v2.published(), () -> "the v2 example book builds: " + v2.diagnostics());

        browser = Chromium.start(work.resolve("profile"));
        Chromium.recordPolicyViolations(browser);
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

    @BeforeEach
    void wideAndLight() {
        Chromium.emulate(browser, 1280, false);
    }

    /** A page of the bundled book's Chinese edition. */
    private void open(String page) {
        open(zh, page);
    }

    private void open(Path root, String page) {
        browser.get(root.resolve(page).toUri().toString());
    }

    /** No console error and no Content-Security-Policy violation since the last call. */
    private void assertCleanConsole(String page) {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        assertEquals(List.of(), errors, page + " logs errors");
        assertEquals(List.of(), browser.executeScript("return window.__cspViolations"), page + " violates its policy");
    }

    private void screenshot(String name) throws Exception {
        Files.write(ARTIFACTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Waits until the page's scroll position is the same twice, a tenth of a second apart. */
    private void waitForScrollToSettle() {
        waiting().until(d -> {
            Object before = browser.executeScript("return [window.scrollX, window.scrollY].join(',')");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return before.equals(browser.executeScript("return [window.scrollX, window.scrollY].join(',')"));
        });
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(5));
    }

    @Test
    void everyPageLoadsWithoutAConsoleErrorOrAPolicyViolation() throws Exception {
        List<String> pages = SiteFixtures.tree(site).keySet().stream().filter(p -> p.endsWith(".html")).sorted().toList();
        assertTrue(pages.size() >= 20, pages::toString);
        for (String page : pages) {
            open(site, page);
            assertEquals(Boolean.TRUE, browser.executeScript("return document.readyState === 'complete'"));
            assertCleanConsole(page);
            @SuppressWarnings("unchecked")
            List<String> scripts = (List<String>) browser.executeScript(
                    "return Array.from(document.scripts).map(s => s.src.replace(/^.*\\/assets\\//, 'assets/') + ' ' + s.text.length)");
            assertEquals(List.of("assets/book.js 0", "assets/search.js 0"), scripts, page + ": only the theme's files");
        }
        open(site, "index.html");
        assertFalse(browser.getTitle().isBlank());
        assertEquals(2L, count(".edition"), "the page at the root lists the two languages");
        screenshot("languages");
        open("index.html");
        assertFalse(browser.findElements(By.cssSelector("a[href$='handshake.html']")).isEmpty());
        screenshot("index");
    }

    @Test
    void theLanguageSwitchGoesToTheSameChapterAndBack() throws Exception {
        open("sack.html");
        WebElement english = browser.findElement(By.cssSelector(".language-switch a[hreflang=en]"));
        assertEquals("English", english.getText());
        english.click();
        assertTrue(browser.getCurrentUrl().endsWith("/en/sack.html"), browser.getCurrentUrl());
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Read in another language", browser.findElement(By.cssSelector(".language-switch"))
                .getAttribute("aria-label"), "the site's own words in the reader's language");
        assertCleanConsole("en/sack.html");
        screenshot("chapter-english");
        browser.findElement(By.cssSelector(".language-switch a[hreflang=zh-CN]")).click();
        assertTrue(browser.getCurrentUrl().endsWith("/zh/sack.html"), browser.getCurrentUrl());
        // A state page switches to the same state.
        open("states/closing.html");
        browser.findElement(By.cssSelector(".language-switch a[hreflang=en]")).click();
        assertTrue(browser.getCurrentUrl().endsWith("/en/states/closing.html"), browser.getCurrentUrl());
    }

    @Test
    void theChapterListLinksEveryChapterAndMarksTheCurrentOne() throws Exception {
        open("goodbye.html");
        List<WebElement> links = browser.findElements(By.cssSelector(".book-nav-list > li > a"));
        assertEquals(SiteFixtures.tree(zh).keySet().stream().filter(p -> p.endsWith(".html") && !p.contains("/")
                && !p.equals("index.html")).count(), links.size(), "every chapter of the book");
        assertTrue(links.stream().allMatch(this::visible), "beside the text on a wide screen");
        WebElement current = browser.findElement(By.cssSelector(".book-nav-list a[aria-current=page]"));
        assertTrue(current.getAttribute("href").endsWith("goodbye.html"));
        // The headings of the page, under the current chapter.
        List<WebElement> toc = browser.findElements(By.cssSelector(".book-nav-list .is-current .page-toc a"));
        assertFalse(toc.isEmpty(), "the contents of the page");
        for (WebElement entry : toc) {
            String id = java.net.URLDecoder.decode(entry.getAttribute("href").replaceFirst("^.*#", ""), StandardCharsets.UTF_8);
            assertFalse(browser.findElements(By.id(id)).isEmpty(), "a heading with id " + id);
        }

        // On a phone the list is a menu that opens without script.
        Chromium.emulate(browser, 390, false);
        open("goodbye.html");
        assertFalse(visible(browser.findElement(By.cssSelector(".book-nav-list"))), "closed");
        browser.findElement(By.cssSelector(".book-menu-toggle")).click();
        assertTrue(visible(browser.findElement(By.cssSelector(".book-nav-list"))), "opened");
        screenshot("chapter-menu-phone");
    }

    /** Whether the element is rendered and visible, as the browser itself decides. */
    private boolean visible(WebElement element) {
        return Boolean.TRUE.equals(browser.executeScript(
                "return arguments[0].checkVisibility({visibilityProperty: true})", element));
    }

    @Test
    void everyDiagramIsDisplayedWithASizeAndTheFullStateDiagramIsAClickAway() throws Exception {
        open("goodbye.html");
        assertCleanConsole("goodbye.html");
        WebElement sequence = browser.findElement(By.cssSelector("aside.story-panel figure.diagram-sequence svg"));
        assertTrue(sequence.isDisplayed(), "the sequence diagram beside the text");
        assertTrue(sequence.getText().contains("FIN-WAIT-1"), "its text is text");
        WebElement states = browser.findElement(By.cssSelector("figure.diagram-states svg"));
        assertFalse(states.isDisplayed(), "the full state diagram waits behind a click");
        assertTrue(browser.findElement(By.cssSelector(".state-path")).isDisplayed(), "the states the chapter touches");
        browser.findElement(By.cssSelector("#ts-full-states > summary")).click();
        for (WebElement diagram : browser.findElements(By.cssSelector("figure.diagram svg"))) {
            assertTrue(diagram.isDisplayed(), "diagram displayed");
            assertTrue(diagram.getRect().getWidth() > 100 && diagram.getRect().getHeight() > 100,
                    () -> "diagram has a size: " + diagram.getRect().getDimension());
        }
        screenshot("chapter-goodbye");
    }

    @Test
    void previousAndNextLinksAndTheArrowKeysWalkTheBook() throws Exception {
        open("handshake.html");
        String first = browser.getTitle();
        browser.findElement(By.cssSelector(".pager-top a[rel=next]")).click();
        assertTrue(browser.getCurrentUrl().endsWith("talking.html"), browser.getCurrentUrl());
        assertCleanConsole("talking.html");
        browser.findElement(By.cssSelector(".pager-bottom a[rel=prev]")).click();
        assertTrue(browser.getCurrentUrl().endsWith("handshake.html"), browser.getCurrentUrl());
        assertEquals(first, browser.getTitle());

        new Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform();
        waiting().until(d -> d.getCurrentUrl().endsWith("talking.html"));
        new Actions(browser).sendKeys(Keys.ARROW_LEFT).perform();
        waiting().until(d -> d.getCurrentUrl().endsWith("handshake.html"));
        screenshot("chapter-handshake");
    }

    @Test
    void aChineseAndAnEnglishQueryFindTheirChapters() throws Exception {
        open("index.html");
        WebElement input = browser.findElement(By.id("ts-search-input"));
        assertTrue(input.isDisplayed(), "the search box appears once its script runs");
        new Actions(browser).sendKeys("/").perform();
        assertEquals(input, browser.switchTo().activeElement(), "/ goes to the search box");
        input.sendKeys("挥手");
        List<String> found = results();
        assertTrue(found.stream().anyMatch(href -> href.contains("goodbye.html")), found::toString);
        assertTrue(browser.findElement(By.cssSelector(".search-result mark")).getText().contains("挥手"),
                "the matching passage, marked");
        screenshot("search-zh");
        // The keyboard alone: down to the first result, Enter opens it.
        input.sendKeys(Keys.ARROW_DOWN);
        WebElement firstResult = browser.switchTo().activeElement();
        assertEquals("search-result", firstResult.getAttribute("class"));
        String target = firstResult.getAttribute("href");
        firstResult.sendKeys(Keys.ENTER);
        waiting().until(d -> d.getCurrentUrl().equals(target));
        assertCleanConsole("search result");

        // A state page is found by its meaning, in the site's language.
        open("index.html");
        browser.findElement(By.id("ts-search-input")).sendKeys("2MSL");
        assertTrue(results().stream().anyMatch(href -> href.contains("states/time-wait.html")), results()::toString);

        // The English edition searches its own chapters, in English.
        open(site, "en/index.html");
        browser.findElement(By.id("ts-search-input")).sendKeys("hole punching");
        List<String> holes = results();
        assertTrue(holes.stream().allMatch(href -> href.contains("/en/")), holes::toString);
        assertTrue(holes.stream().anyMatch(href -> href.contains("/en/simultaneous-open.html")), holes::toString);
        open(site, "en/index.html");
        browser.findElement(By.id("ts-search-input")).sendKeys("挥手");
        waiting().until(d -> d.findElement(By.cssSelector(".search-status")).getText().contains("Nothing found"));

        open(english, "states/listen.html");
        WebElement englishInput = browser.findElement(By.id("ts-search-input"));
        englishInput.sendKeys("four segments");
        List<String> englishFound = results();
        assertEquals(1, englishFound.size(), englishFound::toString);
        assertTrue(englishFound.get(0).endsWith("farewell.html#the-other-half"), englishFound::toString);
        englishInput.clear();
        englishInput.sendKeys("nothing like this");
        waiting().until(d -> d.findElement(By.cssSelector(".search-status")).getText().contains("Nothing found"));
    }

    @SuppressWarnings("unchecked")
    private List<String> results() {
        waiting().until(d -> !d.findElements(By.cssSelector(".search-result")).isEmpty());
        return (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll('.search-result')).map(a => a.href)");
    }

    @Test
    void theStepThroughMovesTheHighlightWithButtonsAndKeys() throws Exception {
        open("goodbye.html");
        WebElement stepper = browser.findElement(By.id("ts-stepper"));
        assertTrue(stepper.isDisplayed(), "the step-through appears once its script runs");
        assertEquals(0L, count(".event.is-current"), "nothing is highlighted before the reader starts");
        assertEquals(0L, count("svg .ts-future"), "the diagram is as drawn");

        WebElement next = stepper.findElement(By.cssSelector("[data-go=next]"));
        next.click();
        WebElement current = browser.findElement(By.cssSelector(".event.is-current"));
        assertEquals("0", current.getAttribute("data-step"));
        String arrow = current.getAttribute("data-arrow");
        assertNotNull(arrow, "the first event is a segment");
        assertEquals(1L, count("#ts-diagram-sequence g.message.ts-current[data-source-line='" + arrow + "']"),
                "its arrow is lit");
        assertEquals(3L, count("#ts-diagram-sequence g.message.ts-future"), "the three arrows to come are dimmed");
        assertEquals(List.of("FIN-WAIT-1", "CLOSE-WAIT"), peerStates());
        assertEquals(2L, count("#ts-diagram-states rect.ts-now-0, #ts-diagram-states rect.ts-now-1"),
                "each peer's state lit in the state diagram");

        // The keyboard: J anywhere, the arrow keys inside the toolbar.
        new Actions(browser).sendKeys("j").perform();
        assertEquals("1", browser.findElement(By.cssSelector(".event.is-current")).getAttribute("data-step"));
        assertEquals(List.of("FIN-WAIT-2", "CLOSE-WAIT"), peerStates());
        next.sendKeys(Keys.ARROW_RIGHT);
        next.sendKeys(Keys.ARROW_RIGHT);
        next.sendKeys(Keys.END);
        WebElement last = browser.findElement(By.cssSelector(".event.is-current"));
        assertEquals("5", stepper.getAttribute("data-steps"), "four segments and the wait (not the expect lines)");
        assertEquals("4", last.getAttribute("data-step"));
        assertEquals(List.of("CLOSED", "CLOSED"), peerStates());
        assertEquals(0L, count("#ts-diagram-sequence g.message.ts-future"), "at the end nothing is to come");
        assertTrue(next.getAttribute("disabled") != null, "no next event at the end");
        new Actions(browser).sendKeys("k").perform();
        assertEquals("3", browser.findElement(By.cssSelector(".event.is-current")).getAttribute("data-step"));
        assertTrue(browser.getCurrentUrl().endsWith("goodbye.html"), "J and K never turn the page");
        screenshot("chapter-step-through");
        assertCleanConsole("goodbye.html");
    }

    @Test
    void theWindowsAreDrawnInBothThemesAndTheChartFollowsTheStepThrough() throws Exception {
        for (String page : SiteFixtures.tree(windows).keySet().stream().filter(p -> p.endsWith(".html")).sorted().toList()) {
            open(windows, page);
            assertCleanConsole("windows/" + page);
        }
        open(windows, "congestion.html");
        WebElement strip = browser.findElement(By.cssSelector(".window-strip-bar"));
        assertTrue(strip.getSize().getWidth() > 300 && strip.getSize().getHeight() == 20, "a strip across the card");
        WebElement chart = browser.findElement(By.cssSelector("svg.window-chart"));
        assertTrue(chart.isDisplayed() && chart.getSize().getWidth() > 400, "the chart fills the column");
        String light = fill(".window-strip-bar .ws-in-flight");
        String lightLine = stroke("svg.window-chart .wc-window");

        WebElement next = browser.findElement(By.cssSelector("#ts-stepper [data-go=next]"));
        for (int i = 0; i < 4; i++) {
            next.click();
        }
        assertEquals(List.of("3", "3"), browser.findElements(By.cssSelector(".wc-step.is-current, .wc-numbers tr.is-current"))
                .stream().map(e -> e.getAttribute("data-step")).toList(), "the fourth event's column and row are lit");
        // The step-through scrolls the lit card into view smoothly: click once the page has stopped moving,
        // or the pointer lands where the column was a moment before.
        waitForScrollToSettle();
        new Actions(browser).moveToElement(browser.findElement(By.cssSelector(".wc-step[data-step='9']"))).click().perform();
        waiting().until(d -> "9".equals(d.findElement(By.cssSelector(".event.is-current")).getAttribute("data-step")));
        assertEquals("9", browser.findElement(By.cssSelector(".event.is-current")).getAttribute("data-step"),
                "a click on a column steps to its event");
        screenshot("windows-chart");

        Chromium.emulate(browser, 1280, true);
        open(windows, "congestion.html");
        assertFalse(light.equals(fill(".window-strip-bar .ws-in-flight")), "the strip turns dark");
        assertFalse(lightLine.equals(stroke("svg.window-chart .wc-window")), "the chart turns dark");
        screenshot("windows-dark");
        assertCleanConsole("windows/congestion.html");
    }

    private String fill(String css) {
        return String.valueOf(browser.executeScript("return getComputedStyle(document.querySelector(arguments[0])).fill", css));
    }

    private String stroke(String css) {
        return String.valueOf(browser.executeScript("return getComputedStyle(document.querySelector(arguments[0])).stroke", css));
    }

    private long count(String css) {
        return browser.findElements(By.cssSelector(css)).size();
    }

    private List<String> peerStates() {
        List<String> states = new ArrayList<>();
        for (WebElement state : browser.findElements(By.cssSelector("#ts-stepper .step-state .state"))) {
            states.add(state.getText());
        }
        return states;
    }

    @Test
    void darkModeSwapsTheDiagramsAndThePage() throws Exception {
        open("goodbye.html");
        String lightBackground = background("body");
        assertEquals("none", browser.executeScript(
                "return getComputedStyle(document.querySelector('.diagram-panel')).filter"));
        Chromium.emulate(browser, 1280, true);
        open("goodbye.html");
        assertFalse(lightBackground.equals(background("body")), "the page turns dark");
        String filter = String.valueOf(browser.executeScript(
                "return getComputedStyle(document.querySelector('.diagram-panel')).filter"));
        assertTrue(filter.contains("invert") && filter.contains("hue-rotate"), "the diagrams turn dark: " + filter);
        screenshot("chapter-dark");
    }

    private String background(String css) {
        return String.valueOf(browser.executeScript(
                "return getComputedStyle(document.querySelector(arguments[0])).backgroundColor", css));
    }

    @Test
    void axeFindsNoSeriousProblemOnAnyKindOfPage() throws Exception {
        String axe;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("axe.min.js")) {
            assertNotNull(in, "axe-core is on the test class path");
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> problems = new ArrayList<>();
        for (int width : new int[] {1280, 390}) {
            for (boolean dark : new boolean[] {false, true}) {
                Chromium.emulate(browser, width, dark);
                for (String page : List.of("../index.html", "index.html", "goodbye.html", "states/time-wait.html",
                        "../404.html", "../en/congestion.html", "windows/congestion.html", "windows/options.html")) {
                    if (page.startsWith("windows/")) {
                        open(windows, page.substring("windows/".length()));
                    } else {
                        open(page);
                    }
                    if (page.equals("goodbye.html") || page.startsWith("windows/")) {
                        browser.findElement(By.cssSelector("[data-go=next]")).click(); // with a step lit
                    }
                    browser.executeScript(axe);
                    Object found = browser.executeAsyncScript(
                            "const done = arguments[arguments.length - 1];"
                                    + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                                    + "  .filter(v => v.impact === 'serious' || v.impact === 'critical')"
                                    + "  .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3)"
                                    + "    .map(n => n.target.join(' ')).join(' | '))), e => done(['axe failed: ' + e]));");
                    for (Object problem : (List<?>) found) {
                        problems.add(page + " at " + width + (dark ? " dark" : " light") + ": " + problem);
                    }
                }
            }
        }
        browser.manage().logs().get(LogType.BROWSER).getAll(); // axe reads the stylesheets, which the policy refuses
        assertEquals(List.of(), problems);
    }
}
