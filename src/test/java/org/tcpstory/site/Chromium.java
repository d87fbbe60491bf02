package org.tcpstory.site;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.tcpstory.OptionalPackages;

/**
 * Headless Debian Chromium for browser tests, driven through its own chromedriver (no driver is
 * downloaded), both found on the PATH. Outside CI a machine without them skips the test; in CI
 * ({@code CI=true}) that is a failure, because .ci/run installs them ({@link OptionalPackages}).
 */
public final class Chromium {

    private static final Optional<Path> BROWSER = onPath("chromium");
    private static final Optional<Path> DRIVER = onPath("chromedriver");

    /** Where screenshots are kept as test artifacts. */
    public static final Path ARTIFACTS = Path.of("target", "browser");

    private Chromium() {
    }

    /** Whether both the browser and its driver are on the PATH. */
    public static boolean installed() {
        return BROWSER.isPresent() && DRIVER.isPresent();
    }

    /** Stops the test unless Chromium is installed (and fails it in CI). */
    public static void require() {
        OptionalPackages.require(installed(), "Chromium is not installed", "chromium chromium-driver");
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts a browser with a fresh profile, its console logged, and alerts left open so a test can see them.
     */
    public static ChromeDriver start(Path profile) throws Exception {
        // Selenium warns that it has no DevTools bindings for this Chromium version; the tests need none.
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.get().toFile());
        // Root in a sandbox, no GPU, and no calls home: this machine has no network but the registries.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--user-data-dir=" + profile);
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.get().toFile()).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1200, 900));
        Files.createDirectories(ARTIFACTS);
        return browser;
    }

    /**
     * Makes the page a reader's at this width (390 is a phone: touch, mobile viewport) in the light or dark
     * colour scheme, through the DevTools protocol; it holds for the pages opened after it.
     */
    public static void emulate(ChromeDriver browser, int width, boolean dark) {
        boolean phone = width < 600;
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", phone ? 844 : 900, "deviceScaleFactor", 1, "mobile", phone));
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    /**
     * Collects the page's Content-Security-Policy violations from the start of every page opened after it
     * into {@code window.__cspViolations}: a violation that logs nothing to the console is seen too.
     */
    public static void recordPolicyViolations(ChromeDriver browser) {
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__cspViolations = [];"
                        + "document.addEventListener('securitypolicyviolation', function (e) {"
                        + "  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI); });"));
    }
}
