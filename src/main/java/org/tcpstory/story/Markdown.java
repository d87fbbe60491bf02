package org.tcpstory.story;

import java.util.List;
import java.util.Optional;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Document;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Text;

/**
 * The one CommonMark set-up of the tool: GFM tables and autolinks, with the source spans of blocks and
 * inlines, so that every tree carries file positions and is complete once parsed (renderers only read
 * it). Prose the library would take minutes to parse, or could not render, is refused with a
 * diagnostic instead ({@link MarkdownLimits}).
 */
final class Markdown {

    /** Thread-safe: CommonMark's parser keeps no state between documents. */
    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TablesExtension.create(), AutolinkExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    private Markdown() {
    }

    /** The parsed body of a file, or why it cannot be parsed. */
    record Parsed(Document document, Optional<Diagnostic> tooHard) {
    }

    /**
     * @param what the file in words, for the message: this chapter, the home page
     */
    static Parsed parse(String file, FrontMatterBlock block, Text what) {
        Optional<Diagnostic> tooHard = MarkdownLimits.beforeParsing(file, block.body(), block.bodyStart() + 1);
        if (tooHard.isPresent()) {
            return new Parsed(null, tooHard);
        }
        try {
            Document document = (Document) PARSER.parse(block.bodyWithBlankFrontMatter());
            tooHard = MarkdownLimits.afterParsing(file, document, 0);
            return new Parsed(tooHard.isPresent() ? null : document, tooHard);
        } catch (StackOverflowError e) {
            return new Parsed(null, Optional.of(Diagnostic.error(new SourcePosition(file, block.bodyStart() + 1, 1),
                    "markdown-limit", Text.of("markdown.tooDeepToRead", what))));
        }
    }

    /** A document with nothing in it, for a home page without text. */
    static Document empty() {
        return new Document();
    }
}
