package org.tcpstory.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.story.ChapterParser;
import org.tcpstory.story.ParseResult;
import org.tcpstory.transcribe.CaptureImport;
import org.tcpstory.transcribe.PeerNames;

/**
 * Fuzz tests (Jazzer). A plain {@code mvn test} runs each method once per regression input in
 * {@code src/test/resources/org/tcpstory/capture/CaptureReaderFuzzTestInputs/<method>/}; to fuzz, run one
 * method with {@code JAZZER_FUZZ=1}, e.g. {@code JAZZER_FUZZ=1 mvn test -Dtest=CaptureReaderFuzzTest#readArbitraryBytes}.
 *
 * <p>What must hold for any input: reading a capture ends, with its connections or with a
 * {@link CaptureException} (never another exception); and whatever conversation a capture holds, the chapter
 * written from it parses without a syntax error, so every problem left is the engine's verdict on TCP.
 */
class CaptureReaderFuzzTest {

    /** Any bytes, as a capture file. */
    @FuzzTest(maxDuration = "5m")
    void readArbitraryBytes(byte[] bytes) throws Exception {
        try {
            CaptureScan scan = CaptureScan.read(new ByteArrayInputStream(bytes), -1, 50);
            assertFalse(scan.connections().isEmpty(), "a scan without an error found a connection");
            assertTrue(scan.packets() <= bytes.length / 16, "every packet took at least a record header");
        } catch (CaptureException e) {
            assertFalse(e.getMessage().isBlank());
            assertTrue(e.packet() >= 0);
        }
    }

    /**
     * A capture of one connection whose segments are fuzzed: flags, numbers near each side's, lengths, windows
     * and options. Reaches the retelling and the writer far more often than arbitrary bytes.
     */
    @FuzzTest(maxDuration = "5m")
    void importFuzzedConversation(FuzzedDataProvider data) throws Exception {
        long[] start = {data.consumeInt() & 0xffffffffL, data.consumeInt() & 0xffffffffL};
        int count = data.consumeInt(1, 40);
        List<CaptureFiles.Segment> segments = new ArrayList<>();
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            boolean client = data.consumeBoolean();
            int flags = data.consumeInt(0, 0xff);
            long seq = (start[client ? 0 : 1] + data.consumeInt(-3, 3000)) & 0xffffffffL;
            long ack = (start[client ? 1 : 0] + data.consumeInt(-3, 3000)) & 0xffffffffL;
            byte[] options = data.consumeBytes(data.consumeInt(0, 12));
            segments.add(new CaptureFiles.Segment(client, flags, seq, ack, data.consumeInt(0, 0xffff),
                    data.consumeInt(0, 1500), options));
        }
        byte[] capture = CaptureFiles.pcap(1, CaptureFiles.frames(segments));
        String chapter;
        try {
            chapter = CaptureImport.run(new ByteArrayInputStream(capture), "fuzz.pcap", "fuzz.md", null,
                    new CaptureImport.Options(-1, 100, PeerNames.DEFAULT)).chapter();
        } catch (CaptureException e) {
            assertFalse(e.getMessage().isBlank());
            return;
        }
        ParseResult parsed = new ChapterParser().parse("fuzz.md", chapter.getBytes(StandardCharsets.UTF_8));
        List<Diagnostic> errors = parsed.diagnostics().stream().filter(d -> d.severity().label().equals("error")).toList();
        assertEquals(List.of(), errors, chapter);
        assertTrue(parsed.chapter().isPresent(), chapter);
    }
}
