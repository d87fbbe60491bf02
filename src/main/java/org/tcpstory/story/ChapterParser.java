package org.tcpstory.story;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.commonmark.node.Document;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Text;

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

    /**
     * @param file  the path as the user named it, used in diagnostics
     * @param bytes the file's content
     */
    public ParseResult parse(String file, byte[] bytes) {
        SourceText.Decoded decoded = SourceText.decode(file, bytes == null ? new byte[0] : bytes,
                Text.of("file.kind.chapter"));
        try {
            return parse(file, decoded);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug or pathological input must cost one file, not the whole run.
            return failed(file, decoded.lines(), Diagnostic.error(new SourcePosition(file, 1, 1), "internal-error",
                    Text.of("file.internalError", e.getClass().getSimpleName())));
        }
    }

    private ParseResult parse(String file, SourceText.Decoded decoded) {
        List<String> lines = decoded.lines();
        if (decoded.problem() != null) {
            return failed(file, lines, decoded.problem());
        }
        SourcePosition top = new SourcePosition(file, 1, 1);
        if (decoded.blank()) {
            return failed(file, lines, Diagnostic.error(top, "empty-file",
                    Text.of("file.empty")));
        }
        FrontMatterBlock block = FrontMatterBlock.of(lines);
        if (!block.found()) {
            return failed(file, lines, Diagnostic.error(top, "front-matter", Text.of("frontMatter.none")));
        }
        if (!block.closed()) {
            return failed(file, lines, Diagnostic.error(top, "front-matter", Text.of("frontMatter.notClosed")));
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        FrontMatterParser.Result fm = FrontMatterParser.parse(file, block.yaml(), FrontMatterBlock.YAML_FIRST_LINE);
        diagnostics.addAll(fm.diagnostics());

        Markdown.Parsed markdown = Markdown.parse(file, block, Text.of("markdown.thisChapter"));
        if (markdown.tooHard().isPresent()) {
            diagnostics.add(markdown.tooHard().get());
            diagnostics.sort(BY_PLACE);
            return new ParseResult(file, Optional.empty(), diagnostics, lines);
        }
        Document prose = markdown.document();
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
                        front.continues(), front.position(), front.continuesPosition(), front.profile(), front.congestion(),
                        front.translationKey());
            }
            chapter = Optional.of(new Chapter(file, slug, order, front, prose, blocks, lines));
        }
        diagnostics.sort(BY_PLACE);
        return new ParseResult(file, chapter, diagnostics, lines);
    }

    private static String slug(String file, FrontMatter fm, SourcePosition top, List<Diagnostic> diagnostics) {
        if (fm.slug() != null) {
            return fm.slug();
        }
        String stem = FileNames.stem(file);
        String slug = FileNames.slug(stem);
        if (!FrontMatterParser.SLUG.matcher(slug).matches()) {
            diagnostics.add(Diagnostic.error(top, "slug", Text.of("frontMatter.slugFromFileName", stem)));
        }
        return slug;
    }

    private static ParseResult failed(String file, List<String> lines, Diagnostic diagnostic) {
        return new ParseResult(file, Optional.empty(), List.of(diagnostic), lines);
    }
}
