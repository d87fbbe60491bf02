package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpstory.diagram.TestChapters.CLIENT;
import static org.tcpstory.diagram.TestChapters.SERVER;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.StoryEngine;
import org.tcpstory.story.ChapterParser;

class MomentsTest {

    @Test
    void theFirstFrameOfABlockQuotesTheDialogueBeforeItAndTheOthersSayTheEvent() {
        ChapterResult result = TestChapters.bundled("05-same-moment.md");
        Moments moments = Moments.of(result, SlideWords.CHINESE);
        List<Integer> frames = SequenceDiagram.frameSteps(result);
        assertEquals("周屿：“那我先走——”\n林晚：“那我先关——”", moments.caption(frames.get(0)));
        assertEquals("林晚 · 服务器 → 周屿 · 客户端：FIN=1, ACK=1, seq=v, ack=u，还在路上（fin2）",
                moments.caption(frames.get(1)));
        // The next block follows an explanation: its last sentence, inline code as text.
        assertEquals("林晚发 FIN 时还没听到他的再见，所以她写的是 ack=u，而不是 u+1：她只能确认自己真正收到了的东西。",
                moments.caption(frames.get(2)));
        assertEquals("fin2 到达", moments.caption(frames.get(3)));
        assertEquals("等待：2MSL", moments.caption(frames.get(frames.size() - 1)));

        // The notes are the whole passage before the block; the epilogue is what follows the last one.
        assertTrue(moments.passage(frames.get(0)).startsWith("下雨的晚上，店里只剩他们两个。"), moments.passage(0));
        assertTrue(moments.passage(frames.get(1)).endsWith("林晚：“那我先关——”"), moments.passage(frames.get(1)));
        assertTrue(moments.epilogue().startsWith("各自的 FIN 都占了一个号"), moments.epilogue());
        assertTrue(moments.epilogue().contains("为什么是 CLOSING，不是 TIME-WAIT？\n"), moments.epilogue());
        assertTrue(moments.epilogue().contains("同时确认了我的 FIN（第四章） | 我的再见对方听到了"), "tables as rows: "
                + moments.epilogue());
    }

    @Test
    void withoutProseBeforeItAFrameSaysItsEventInTheStorysLanguage() {
        ChapterResult handshake = TestChapters.runValid(CLIENT, SERVER, TestChapters.HANDSHAKE);
        Moments english = Moments.of(handshake, SlideWords.ENGLISH);
        assertEquals("林晚 · 服务器 listens", english.caption(0));
        assertEquals("周屿 · 客户端 → 林晚 · 服务器: SYN=1, seq=x", english.caption(1));
        assertEquals("", english.passage(0));
        assertEquals("林晚 · 服务器 开始监听", Moments.of(handshake, SlideWords.CHINESE).caption(0));
    }

    @Test
    void englishProseGivesItsLastSentenceAndNumbersDoNotEndOne() {
        String text = """
                ---
                title: Lost
                peers:
                  a: { label: "Ann", state: ESTABLISHED, seq: u }
                  b: { label: "Bob", state: ESTABLISHED, seq: v }
                ---
                Ann speaks first, as RFC 9293 §3.10.7 says
                she may. Bob does not hear it. Ok.

                ```tcp
                a -x b: ACK, PSH, seq=u, ack=v, len=3
                wait RTO
                ```
                """;
        ChapterResult result = new StoryEngine().validate(List.of(new ChapterParser()
                .parse("lost.md", text.getBytes(StandardCharsets.UTF_8)).chapter().orElseThrow())).get(0);
        Moments moments = Moments.of(result, SlideWords.ENGLISH);
        assertEquals("Bob does not hear it. Ok.", moments.caption(0), "a short last sentence keeps the one before");
        assertEquals("Waiting: RTO", moments.caption(1));
        assertEquals("Ann speaks first, as RFC 9293 §3.10.7 says she may. Bob does not hear it. Ok.", moments.passage(0));
        assertEquals(List.of("He said: “hi.”", "Then 3.5 s passed!", "x"), Moments.sentences("He said: “hi.” Then 3.5 s passed! x"));
    }
}
