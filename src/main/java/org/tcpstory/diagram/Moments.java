package org.tcpstory.diagram;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.engine.Step;
import org.tcpstory.story.Event;
import org.tcpstory.story.SoftBreaks;
import org.tcpstory.story.TcpBlock;

/**
 * What a slide says about each moment of a chapter, in the story's own words, read from the chapter's
 * CommonMark tree: the caption of a step's frame is the line of dialogue or prose just before the event's
 * {@code tcp} block when the event is the first of its block to get a frame, else the event itself in words
 * ({@link SlideWords}); the speaker notes of a step are the whole passage before its block.
 */
public final class Moments {

    /** What may follow the end of a sentence and still belong to it: more ends, closing quotes and brackets. */
    private static final String CLOSERS = "。！？!?….”’」』）)\"'";

    /** Sentences shorter than this (in code points) are read together with the one before. */
    private static final int SHORT_SENTENCE = 8;

    private final ChapterResult result;
    private final SlideWords words;
    private final List<String> peerLabels;
    /** The block (index into the chapter's blocks) of each step. */
    private final int[] blockOf;
    /** The passage before each block, as plain text, and its last line of dialogue or prose. */
    private final List<String> passages = new ArrayList<>();
    private final List<String> storyLines = new ArrayList<>();
    private final String epilogue;
    /** The steps that get a frame ({@link SequenceDiagram#frameSteps}). */
    private final List<Integer> frames;

    private Moments(ChapterResult result, SlideWords words) {
        this.result = result;
        this.words = words;
        this.peerLabels = PeerLabels.of(result);
        this.frames = SequenceDiagram.frameSteps(result);
        List<TcpBlock> blocks = result.chapter().blocks();
        Map<Event, Integer> events = new IdentityHashMap<>();
        Map<Node, Boolean> tcpNodes = new IdentityHashMap<>();
        for (int b = 0; b < blocks.size(); b++) {
            for (Event event : blocks.get(b).events()) {
                events.put(event, b);
            }
            tcpNodes.put(blocks.get(b).node(), true);
        }
        List<Step> steps = result.steps();
        blockOf = new int[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            blockOf[i] = events.getOrDefault(steps.get(i).event(), -1);
        }
        for (TcpBlock block : blocks) {
            List<Node> passage = new ArrayList<>();
            for (Node node = block.node() == null ? null : block.node().getPrevious();
                 node != null && !tcpNodes.containsKey(node); node = node.getPrevious()) {
                passage.add(0, node);
            }
            passages.add(text(passage));
            storyLines.add(storyLine(passage));
        }
        List<Node> after = new ArrayList<>();
        Node last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1).node();
        for (Node node = last == null ? null : last.getNext(); node != null; node = node.getNext()) {
            after.add(node);
        }
        epilogue = text(after);
    }

    /** The moments of a chapter, with the words of the story's language. */
    public static Moments of(ChapterResult result, SlideWords words) {
        return new Moments(result, words);
    }

    /**
     * The caption of the frame of a step (an index into {@link ChapterResult#steps()}): the story's line
     * before the step's block for the block's first frame, else the event in words.
     */
    public String caption(int step) {
        int block = blockOf[step];
        boolean firstOfBlock = frames.stream().filter(f -> f < step).noneMatch(f -> blockOf[f] == block);
        if (block >= 0 && firstOfBlock && !storyLines.get(block).isEmpty()) {
            return storyLines.get(block);
        }
        return event(result.steps().get(step).event());
    }

    /** The passage before the step's block, as plain text: its speaker notes. Empty when there is none. */
    public String passage(int step) {
        int block = blockOf[step];
        return block < 0 ? "" : passages.get(block);
    }

    /** The text after the chapter's last block: the notes of the closing slides. */
    public String epilogue() {
        return epilogue;
    }

    /** An event in words: who sends what to whom, what arrives, who listens, how long is waited. */
    String event(Event event) {
        if (event instanceof Event.Send send) {
            String from = label(send.from().id());
            String to = label(send.to().id());
            String segment = send.segment().label();
            if (send.old()) {
                return words.format("old", from, to, segment);
            }
            return switch (send.delivery()) {
                case DELIVERED -> words.format("send", from, to, segment);
                case IN_FLIGHT -> words.format("in-flight", from, to, segment, send.flightName());
                case LOST -> words.format("lost", from, to, segment);
            };
        } else if (event instanceof Event.Arrival arrival) {
            return words.format("arrives", arrival.flightName());
        } else if (event instanceof Event.Call call) {
            String key = switch (call.kind()) {
                case LISTEN -> "listen";
                case CLOSE -> "close";
                case ABORT -> "abort";
            };
            return words.format(key, label(call.peer().id()));
        } else if (event instanceof Event.Wait wait) {
            return words.format("wait", wait.label());
        } else if (event instanceof Event.Note note) {
            return note.text();
        }
        return "";
    }

    private String label(String peer) {
        int index = result.peers().indexOf(peer);
        return index >= 0 ? peerLabels.get(index) : peer;
    }

    /**
     * The line a caption quotes: a quotation's lines (the dialogue), else the last sentence of the last
     * paragraph (with the one before when it is very short); empty when the passage has neither.
     */
    static String storyLine(List<Node> passage) {
        for (int i = passage.size() - 1; i >= 0; i--) {
            Node node = passage.get(i);
            if (node instanceof BlockQuote) {
                return text(List.of(node));
            }
            if (node instanceof Paragraph) {
                String paragraph = text(List.of(node));
                List<String> sentences = sentences(paragraph);
                if (sentences.isEmpty()) {
                    continue;
                }
                String last = sentences.get(sentences.size() - 1);
                int start = paragraph.lastIndexOf(last);
                if (last.codePointCount(0, last.length()) < SHORT_SENTENCE && sentences.size() > 1) {
                    // From the sentence before, with the space between them as it was written.
                    start = paragraph.lastIndexOf(sentences.get(sentences.size() - 2), start - 1);
                }
                return paragraph.substring(start).strip();
            }
        }
        return "";
    }

    /**
     * A paragraph's sentences: each ends at 。！？!?… (with the closing quotes or brackets after it), or at
     * a full stop followed by a space, so that "3.4" and "RFC 9293 §3.10.7" do not end one.
     */
    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            i++;
            int after = i;
            while (after < text.length() && CLOSERS.indexOf(text.charAt(after)) >= 0) {
                after++;
            }
            boolean end = "。！？!?…".indexOf(c) >= 0
                    || c == '.' && (after == text.length() || Character.isWhitespace(text.charAt(after)));
            if (end) {
                i = after;
                if (!text.substring(start, i).isBlank()) {
                    sentences.add(text.substring(start, i).strip());
                }
                start = i;
            }
        }
        if (!text.substring(start).isBlank()) {
            sentences.add(text.substring(start).strip());
        }
        return sentences;
    }

    /** Block nodes as plain text: one line per paragraph, heading or list item, code as it is. */
    static String text(List<Node> nodes) {
        PlainText visitor = new PlainText();
        for (Node node : nodes) {
            node.accept(visitor);
        }
        return visitor.text();
    }

    /** Collects the text of a tree: inline markup dropped, blocks on lines of their own. */
    private static final class PlainText extends AbstractVisitor {
        private final StringBuilder out = new StringBuilder();

        String text() {
            return out.toString().strip().replaceAll("\n{3,}", "\n\n");
        }

        private void endBlock() {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }

        @Override
        public void visit(Text text) {
            out.append(text.getLiteral());
        }

        @Override
        public void visit(Code code) {
            out.append(code.getLiteral());
        }

        @Override
        public void visit(HtmlInline html) {
            out.append(html.getLiteral());
        }

        @Override
        public void visit(SoftLineBreak lineBreak) {
            out.append(SoftBreaks.vanishes(lineBreak) ? "" : " ");
        }

        @Override
        public void visit(HardLineBreak lineBreak) {
            out.append('\n');
        }

        @Override
        public void visit(Paragraph paragraph) {
            visitChildren(paragraph);
            endBlock();
        }

        @Override
        public void visit(Heading heading) {
            endBlock();
            visitChildren(heading);
            endBlock();
        }

        @Override
        public void visit(ListItem item) {
            endBlock();
            out.append("• ");
            visitChildren(item);
            endBlock();
        }

        @Override
        public void visit(FencedCodeBlock code) {
            out.append(code.getLiteral());
            endBlock();
        }

        @Override
        public void visit(IndentedCodeBlock code) {
            out.append(code.getLiteral());
            endBlock();
        }

        @Override
        public void visit(HtmlBlock html) {
            out.append(html.getLiteral());
            endBlock();
        }

        @Override
        public void visit(ThematicBreak thematicBreak) {
            endBlock();
        }

        /** Table rows (GFM) are custom nodes: one line each, their cells kept apart by a bar. */
        @Override
        public void visit(CustomNode node) {
            visitChildren(node);
            if (node instanceof TableCell && node.getNext() != null) {
                out.append(" | ");
            } else if (node instanceof TableRow) {
                endBlock();
            }
        }
    }
}
