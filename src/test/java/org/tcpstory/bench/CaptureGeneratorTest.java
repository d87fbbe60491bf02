package org.tcpstory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpstory.book.Book;
import org.tcpstory.book.Source;
import org.tcpstory.book.Sources;
import org.tcpstory.transcribe.CaptureImport;
import org.tcpstory.transcribe.PeerNames;

/** The retelling benchmark's captures have the loss they claim, so its figures are the cost of real work. */
class CaptureGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void everyTenthSegmentIsLostAndResentAfterThreeDuplicateAcks() throws Exception {
        String chapter = imported("40", "10");
        assertEquals(3, chapter.lines().filter(l -> l.startsWith("server -x client:")).count(), chapter);
        assertEquals(3, chapter.lines().filter(l -> l.contains("# lost: sent again at packet")).count(), chapter);
        assertFalse(chapter.contains("\nwait "), "three duplicate ACKs call for each resend\n" + chapter);
    }

    /** With Linux's options the chapter is one the engine takes: SACK blocks, timestamps, scaled windows. */
    @Test
    void withSackTheLossesAreReportedInBlocksAndTheChapterChecksClean() throws Exception {
        String chapter = imported("40", "10", "sack");
        assertTrue(chapter.contains("\nclient -> server: SYN, seq=x, win=512, mss=1448, wscale=7, sackOK, ts=tx/0\n"), chapter);
        assertTrue(chapter.contains("\nclient -> server: ACK, seq=x+1, ack=y+13033, win=512, sack=y+14481:y+20273, ts=tx/ty\n"
                + "server -> client: ACK, seq=y+13033, ack=x+1, len=1448, win=512, ts=ty/tx\n"), chapter);
        assertEquals(3, chapter.lines().filter(l -> l.startsWith("server -x client:")).count(), chapter);
        assertFalse(chapter.contains("\nwait "), chapter);
        StringBuilder problems = new StringBuilder();
        Book.of(new Sources(List.of(new Source("generated.md", chapter.getBytes(StandardCharsets.UTF_8), null)), List.of(),
                null)).report().files().forEach(f -> f.diagnostics().forEach(d -> problems.append(d).append('\n')));
        assertEquals("", problems.toString(), chapter);
    }

    private String imported(String... arguments) throws Exception {
        Path capture = dir.resolve("generated.pcap");
        String[] args = new String[arguments.length + 1];
        args[0] = capture.toString();
        System.arraycopy(arguments, 0, args, 1, arguments.length);
        CaptureGenerator.main(args);
        try (InputStream in = Files.newInputStream(capture)) {
            return CaptureImport.run(in, "generated.pcap", "generated.md", null,
                    new CaptureImport.Options(-1, CaptureImport.DEFAULT_LIMIT, PeerNames.DEFAULT)).chapter();
        }
    }
}
