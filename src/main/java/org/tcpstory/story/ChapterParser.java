package org.tcpstory.story;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Document;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;

/**
 * Parses one chapter file: bytes to text, front matter, prose, and the events of its {@code tcp} blocks.
 * It never throws: every problem becomes a {@link Diagnostic} with its place in the file. It does no I/O.
 *
 * <p>The prose {@link Document} is parsed from the whole file with the front-matter lines blanked out, so
 * its source spans' 0-based line indices are file lines minus one (no offset to add).
 */
public final class ChapterParser {

    private static final Comparator<Diagnostic> BY_PLACE =
            Comparator.comparingInt((Diagnostic d) -> d.position().line()).thenComparingInt(d -> d.position().column());

    private final Parser markdown = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    /**
     * @param file  the path as the user named it, used in diagnostics
     * @param bytes the file's content
     */
    public ParseResult parse(String file, byte[] bytes) {
        try {
            return parseOrThrow(file, bytes == null ? new byte[0] : bytes);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug or pathological input must cost one file, not the whole run.
            return failed(file, Diagnostic.error(new SourcePosition(file, 1, 1), "internal-error",
                    "tcpstory could not read this file (" + e.getClass().getSimpleName() + "): please report it"));
        }
    }

    private ParseResult parseOrThrow(String file, byte[] bytes) {
        SourceText.Decoded decoded = SourceText.decode(file, bytes);
        if (decoded.problem() != null) {
            return failed(file, decoded.problem());
        }
        List<String> lines = decoded.lines();
        SourcePosition top = new SourcePosition(file, 1, 1);
        if (!lines.get(0).stripTrailing().equals("---")) {
            return failed(file, Diagnostic.error(top, "front-matter", "no front matter: a chapter starts with a `---` "
                    + "line, then YAML (`title:`, `peers:` ...), then another `---` line"));
        }
        int close = 1;
        while (close < lines.size() && !lines.get(close).stripTrailing().equals("---")) {
            close++;
        }
        if (close == lines.size()) {
            return failed(file, Diagnostic.error(top, "front-matter",
                    "the front matter that starts here is never closed by a `---` line"));
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        FrontMatterParser.Result fm = FrontMatterParser.parse(file, String.join("\n", lines.subList(1, close)), 2);
        diagnostics.addAll(fm.diagnostics());

        // Markdown the library would take hours to parse, or could not render, is refused here (MarkdownLimits).
        Optional<Diagnostic> tooHard = MarkdownLimits.beforeParsing(file, lines.subList(close + 1, lines.size()), close + 2);
        Document prose = null;
        if (tooHard.isEmpty()) {
            try {
                prose = (Document) markdown.parse(proseSource(lines, close));
                tooHard = MarkdownLimits.afterParsing(file, prose, 0);
            } catch (StackOverflowError e) {
                tooHard = Optional.of(Diagnostic.error(new SourcePosition(file, close + 2, 1), "markdown-limit",
                        "the Markdown of this chapter is nested too deeply to read"));
            }
        }
        if (tooHard.isPresent()) {
            diagnostics.add(tooHard.get());
            diagnostics.sort(BY_PLACE);
            return new ParseResult(file, Optional.empty(), diagnostics);
        }
        TcpBlocks finder = new TcpBlocks(file, lines);
        List<TcpBlock> blocks = finder.find(prose);
        diagnostics.addAll(finder.diagnostics());

        String slug = slug(file, fm.frontMatter(), top, diagnostics);
        Integer order = fm.frontMatter().order() != null ? fm.frontMatter().order() : FileNames.order(FileNames.stem(file));
        Optional<Chapter> chapter = Optional.empty();
        if (fm.usable()) {
            FrontMatter front = fm.frontMatter();
            if (front.title() == null) {
                // Already an error; the slug stands in so tables of contents still have a name to show.
                front = new FrontMatter(slug, front.order(), front.slug(), front.summary(), front.peers(),
                        front.continues(), front.position(), front.continuesPosition());
            }
            chapter = Optional.of(new Chapter(file, slug, order, front, prose, blocks, lines));
        }
        diagnostics.sort(BY_PLACE);
        return new ParseResult(file, chapter, diagnostics);
    }

    /** The file with its front-matter lines blanked, so Markdown line indices match file lines. */
    private static String proseSource(List<String> lines, int close) {
        List<String> source = new ArrayList<>(Collections.nCopies(close + 1, ""));
        source.addAll(lines.subList(close + 1, lines.size()));
        return String.join("\n", source);
    }

    private static String slug(String file, FrontMatter fm, SourcePosition top, List<Diagnostic> diagnostics) {
        if (fm.slug() != null) {
            return fm.slug();
        }
        String stem = FileNames.stem(file);
        String slug = FileNames.slug(stem);
        if (!FrontMatterParser.SLUG.matcher(slug).matches()) {
            diagnostics.add(Diagnostic.error(top, "slug", "cannot make a page name from the file name `" + stem
                    + "`: page names use only a-z, 0-9 and `-`; add one to the front matter, like `slug: goodbye`"));
        }
        return slug;
    }

    private static ParseResult failed(String file, Diagnostic diagnostic) {
        return new ParseResult(file, Optional.empty(), List.of(diagnostic));
    }
}
