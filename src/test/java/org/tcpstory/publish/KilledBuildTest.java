package org.tcpstory.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.site.SiteFixtures;

/**
 * A build killed outright (kill -9) runs no clean-up: its temporary folder ({@code .site.tmp-HEX}) and, if
 * it died in its swap, the old site ({@code .site.old-HEX}) stayed for ever (ten after 24 kills), and
 * between the swap's two renames it left no output folder at all. The next build cleans up what it can
 * prove is a dead build's, and puts a lost site back. (The kill itself, of a real launcher and its tuned
 * child JVM, is in {@code cli.KilledLauncherTest}.)
 */
class KilledBuildTest {

    private static final String HEX_A = "0123456789ab";
    private static final String HEX_B = "ba9876543210";

    @TempDir
    Path dir;

    /** What a killed build leaves: a temporary folder with its lock file, half a site in it. */
    private Path deadTemp(String hex) throws Exception {
        Path temp = Files.createDirectories(dir.resolve(".site.tmp-" + hex));
        Files.writeString(temp.resolve(OutputFolder.LOCK), "");
        SiteFixtures.write(temp.resolve("index.html"), "half a site");
        return temp;
    }

    private Path oldSite(String hex, String text) throws Exception {
        Path old = Files.createDirectories(dir.resolve(".site.old-" + hex));
        Files.writeString(old.resolve(OutputFolder.MARKER), OutputFolder.MARKER_TEXT);
        SiteFixtures.write(old.resolve("index.html"), text);
        return old;
    }

    @Test
    void theNextBuildRemovesWhatKilledBuildsLeft() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path out = dir.resolve("site");
        SiteFixtures.build(content, out, null);
        deadTemp(HEX_A);
        oldSite(HEX_B, "an old site, killed after its swap");
        deadTemp(HEX_B); // never mind: a temporary folder and an old site of different builds

        SiteFixtures.build(content, out, null);
        SiteFixtures.assertFolderHolds(dir, "content", "site");
    }

    @Test
    void aKillBetweenTheTwoRenamesLosesNoSite() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path out = dir.resolve("site");
        SiteFixtures.build(content, out, null);
        Map<String, byte[]> before = SiteFixtures.tree(out);
        // As the swap leaves it when killed after its first rename: the site aside, the new one not yet in.
        Files.move(out, dir.resolve(".site.old-" + HEX_A));
        deadTemp(HEX_A);

        OutputFolder folder = OutputFolder.check(out, List.of(content));
        folder.recover();
        SiteFixtures.assertSameFiles(before, SiteFixtures.tree(out));
        SiteFixtures.assertFolderHolds(dir, "content", "site");
    }

    @Test
    void aRunningBuildsFoldersAndWhatIsNotOursAreLeftAlone() throws Exception {
        Path content = SiteFixtures.story(dir.resolve("content"));
        Path out = dir.resolve("site");
        SiteFixtures.build(content, out, null);
        Path running = deadTemp(HEX_A);
        Path runningOld = oldSite(HEX_A, "the old site of a build in its swap");
        Path fresh = Files.createDirectories(dir.resolve(".site.tmp-" + HEX_B)); // a build that has just begun
        Path notASite = Files.createDirectories(dir.resolve(".site.old-ffffffffffff")); // no marker: not ours
        Path otherName = Files.createDirectories(dir.resolve(".other.tmp-" + HEX_B));
        Path unlocked = Files.createDirectories(dir.resolve(".site.tmp-aaaaaaaaaaaa"));
        Files.setLastModifiedTime(unlocked, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        try (FileChannel lock = FileChannel.open(running.resolve(OutputFolder.LOCK), StandardOpenOption.WRITE)) {
            lock.lock(); // as the running build holds it (in this JVM; another's is tested end to end)
            OutputFolder.check(out, List.of(content)).recover();
        }
        for (Path kept : List.of(running, runningOld, fresh, notASite, otherName)) {
            assertTrue(Files.isDirectory(kept), kept + " is kept");
        }
        assertFalse(Files.exists(unlocked), "a temporary folder without a lock, two hours old, is a dead build's");
        assertEquals("the old site of a build in its swap", Files.readString(runningOld.resolve("index.html")));
    }
}
