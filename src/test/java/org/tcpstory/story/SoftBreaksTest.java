package org.tcpstory.story;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SoftBreaksTest {

    /** Two lines of one paragraph, and what the line break between them reads as. */
    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("Chinese on both sides", "她推开门\n走进咖啡馆", "她推开门走进咖啡馆"),
                Arguments.of("Latin on both sides", "she opened\nthe door", "she opened the door"),
                Arguments.of("Chinese, then Latin", "他说\nhello", "他说hello"),
                Arguments.of("Latin, then Chinese", "SYN\n到了", "SYN到了"),
                Arguments.of("after a Chinese full stop", "门开了。\nThe end", "门开了。The end"),
                Arguments.of("after a full-width comma", "ok，\nnext", "ok，next"),
                Arguments.of("Japanese kana", "ありがとう\nございます", "ありがとうございます"),
                Arguments.of("Korean keeps its space", "안녕하세요\n반갑습니다", "안녕하세요 반갑습니다"),
                Arguments.of("emphasis before", "*很好*\n谢谢", "很好谢谢"),
                Arguments.of("code after", "发送\n`SYN`", "发送SYN"),
                Arguments.of("a link around Latin, then Latin", "[the RFC](x)\nsays", "the RFC says"),
                Arguments.of("digits on both sides", "seq=100\nack=1", "seq=100 ack=1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void aSoftBreakIsASpaceOrNothing(String name, String markdown, String text) {
        assertEquals(text, plainText(Parser.builder().build().parse(markdown)));
    }

    /** The paragraph's text with each soft break as the rule says. */
    private static String plainText(Node document) {
        StringBuilder out = new StringBuilder();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.Code code) {
                out.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak lineBreak) {
                out.append(SoftBreaks.vanishes(lineBreak) ? "" : " ");
            }
        });
        return out.toString();
    }
}
