package org.tcpstory.story;

import org.commonmark.node.Code;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/**
 * What a soft line break of Markdown source stands for. Between words of a language written with spaces it
 * is a space; next to a Chinese or Japanese character it is nothing, since those languages put no space
 * between words, and an author who wraps a long Chinese paragraph in the source does not mean one. (CSS Text
 * 3 asks browsers to drop such breaks; most still show them as a space, so the site drops them itself.)
 * Korean is written with spaces, so Hangul keeps the space. One rule for every place prose becomes text:
 * pages, the search index, headings, slides.
 */
public final class SoftBreaks {

    private SoftBreaks() {
    }

    /** Whether the break stands for nothing: a character on either side of it is Chinese or Japanese. */
    public static boolean vanishes(SoftLineBreak lineBreak) {
        int before = lastCharacter(lineBreak.getPrevious());
        int after = firstCharacter(lineBreak.getNext());
        return (before >= 0 && isCjk(before)) || (after >= 0 && isCjk(after));
    }

    /** A character of a script written without spaces between words: Han, kana, or CJK punctuation. */
    public static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
        boolean halfwidthHangul = codePoint >= 0xFFA0 && codePoint <= 0xFFDC;
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || (block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS && !halfwidthHangul);
    }

    /** The last character of the text a node shows (its last descendant's, for emphasis or a link), or -1. */
    private static int lastCharacter(Node node) {
        while (node != null && !(node instanceof Text) && !(node instanceof Code)) {
            node = node.getLastChild();
        }
        String literal = literal(node);
        return literal.isEmpty() ? -1 : literal.codePointBefore(literal.length());
    }

    /** The first character of the text a node shows, or -1. */
    private static int firstCharacter(Node node) {
        while (node != null && !(node instanceof Text) && !(node instanceof Code)) {
            node = node.getFirstChild();
        }
        String literal = literal(node);
        return literal.isEmpty() ? -1 : literal.codePointAt(0);
    }

    private static String literal(Node node) {
        if (node instanceof Text text) {
            return text.getLiteral();
        }
        return node instanceof Code code ? code.getLiteral() : "";
    }
}
