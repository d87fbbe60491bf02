package org.tcpstory;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tcpstory.diagram.CjkFonts;

/**
 * The Debian packages some tests need beyond a JDK and Maven: a CJK font and Chromium. Without one, a
 * developer's {@code mvn test} skips those tests and names the package to install (Surefire counts them as
 * skipped); in CI ({@code CI=true}), where {@code .ci/run} installs them, a missing package fails the test,
 * so that CI never goes green by skipping.
 */
public final class OptionalPackages {

    /** The reasons already printed by this JVM: Surefire's summary counts skipped tests but does not say why. */
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private OptionalPackages() {
    }

    /** Stops the test unless {@link CjkFonts} finds a font that draws Chinese (and fails it in CI). */
    public static void requireCjkFont() {
        require(CjkFonts.family().isPresent(), "no CJK font is installed", "fonts-noto-cjk");
    }

    /**
     * Stops the test unless the package is installed, failing it in CI.
     *
     * @param missing  what is missing, in words, for the skip reason
     * @param packages the Debian packages that provide it
     */
    public static void require(boolean installed, String missing, String packages) {
        String reason = missing + ": apt-get install " + packages;
        if (!installed && inCi()) {
            fail(reason + " (CI=true: .ci/run installs it, so a missing package is a failure, not a skip)");
        }
        if (!installed && ANNOUNCED.add(reason)) {
            System.out.println("[tcpstory] skipping the tests that need it: " + reason);
        }
        assumeTrue(installed, reason);
    }

    /** Whether this is a CI run, as CI services and .ci/run say: {@code CI=true}. */
    static boolean inCi() {
        return "true".equalsIgnoreCase(String.valueOf(System.getenv("CI")).strip());
    }
}
