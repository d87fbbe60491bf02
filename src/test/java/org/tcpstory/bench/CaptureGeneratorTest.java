package org.tcpstory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.transcribe.CaptureImport;
import org.tcpstory.transcribe.PeerNames;

/** The retelling benchmark's lossy capture has the loss it claims, so its figure is the cost of real work. */
class CaptureGeneratorTest {

    @Test
    void everyTenthSegmentIsLostAndResentAfterThreeDuplicateAcks(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("lossy.pcap");
        CaptureGenerator.main(new String[] {capture.toString(), "40", "10"});
        String chapter;
        try (InputStream in = Files.newInputStream(capture)) {
            chapter = CaptureImport.run(in, "lossy.pcap", "lossy.md", null,
                    new CaptureImport.Options(-1, CaptureImport.DEFAULT_LIMIT, PeerNames.DEFAULT)).chapter();
        }
        assertEquals(3, chapter.lines().filter(l -> l.startsWith("server -x client:")).count(), chapter);
        assertEquals(3, chapter.lines().filter(l -> l.contains("# lost: sent again at packet")).count(), chapter);
        assertFalse(chapter.contains("wait "), "three duplicate ACKs call for each resend\n" + chapter);
    }
}
