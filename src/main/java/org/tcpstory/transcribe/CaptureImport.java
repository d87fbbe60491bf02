package org.tcpstory.transcribe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tcpstory.capture.CaptureException;
import org.tcpstory.capture.CaptureScan;
import org.tcpstory.capture.CapturedConnection;
import org.tcpstory.capture.Conversation;
import org.tcpstory.capture.Retelling;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.StoryEngine;
import org.tcpstory.engine.TcpState;
import org.tcpstory.story.Chapter;
import org.tcpstory.story.ChapterParser;

/**
 * A capture made into a chapter: read it, pick the connection, retell it, write it, and let the engine say
 * where each phase leaves the peers, for the expect lines. Checking the chapter is the caller's, as
 * {@code check} does it.
 */
public final class CaptureImport {

    /** The most segments of one connection a chapter tells by default: a story, not a trace. */
    public static final int DEFAULT_LIMIT = 2000;

    /**
     * @param stream the connection to import, or -1 for the only one, or the first whose handshake is there
     * @param limit  the most segments the chapter tells
     * @param words  the catalog of the language the chapter is told in
     */
    public record Options(int stream, int limit, PeerNames names, Messages words) {

        /** A chapter told in English. */
        public Options(int stream, int limit, PeerNames names) {
            this(stream, limit, names, Messages.english());
        }
    }

    /** The chapter, and what it came from. */
    public record Result(String chapter, CaptureScan scan, Conversation conversation) {
    }

    private CaptureImport() {
    }

    /** Reads the capture for its list of connections only. */
    public static CaptureScan list(InputStream capture) throws IOException, CaptureException {
        return CaptureScan.read(capture, -1, 0);
    }

    /**
     * @param captureName the capture as the user named it, for the chapter's comments
     * @param chapterFile the name the chapter will be checked under (its page name comes from it)
     * @param slug        a page name for the front matter, or null when the file name gives one
     */
    public static Result run(InputStream capture, String captureName, String chapterFile, String slug, Options options)
            throws IOException, CaptureException {
        CaptureScan scan = CaptureScan.read(capture, options.stream(), options.limit());
        int streams = scan.connections().size();
        Optional<CapturedConnection> chosen = scan.chosen();
        if (options.stream() >= 0 && chosen.isEmpty()) {
            Text has = streams == 1 ? Text.of("capture.oneStream") : Text.of("capture.streams", streams, streams - 1);
            throw new CaptureException(Text.of("capture.noStream", options.stream(), has));
        }
        if (options.stream() < 0 && scan.ambiguous()) {
            throw new CaptureException(Text.of("capture.ambiguous", streams));
        }
        Conversation conversation = Retelling.of(chosen.orElseThrow());
        ChapterWriter writer = new ChapterWriter(conversation, options.names(), captureName, slug, options.words());
        ChapterWriter.Written draft = writer.write(List.of());
        List<String> expects = expects(draft, chapterFile);
        return new Result(writer.write(expects).text(), scan, conversation);
    }

    /** Each block's expect line: the states the engine reaches after the block's last event. */
    private static List<String> expects(ChapterWriter.Written draft, String chapterFile) {
        Optional<Chapter> chapter = new ChapterParser().parse(chapterFile, draft.text().getBytes(StandardCharsets.UTF_8)).chapter();
        if (chapter.isEmpty()) {
            return List.of();
        }
        ChapterResult result = new StoryEngine().validate(List.of(chapter.get())).get(0);
        List<String> expects = new ArrayList<>();
        int step = 0;
        for (int events : draft.eventsPerBlock()) {
            step += events;
            if (step == 0 || step > result.steps().size()) {
                expects.add("");
                continue;
            }
            List<TcpState> states = result.steps().get(step - 1).statesAfter();
            List<String> claims = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                claims.add(result.peers().get(i) + " " + states.get(i).displayName());
            }
            expects.add(String.join(", ", claims));
        }
        return expects;
    }
}
