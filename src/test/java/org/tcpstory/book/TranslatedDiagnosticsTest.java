package org.tcpstory.book;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;

/**
 * No diagnostic the parser, the book or the engine can give lacks a translation: the hostile corpus, the
 * engine's scenario and peer stories and {@code translations/} (a line or a file for each of the parser's
 * messages) are read as {@code check} reads them; every diagnostic, its message and each line under it, has
 * a key, every key of the parser's sections is met, and every key met is in both languages.
 */
class TranslatedDiagnosticsTest {

    private static final Path RESOURCES = Path.of("src", "test", "resources");
    private static final Messages ENGLISH = Messages.english();
    private static final Messages CHINESE = Messages.of(Language.CHINESE);

    /** The catalog's sections of the parser and the book. */
    private static final Set<String> PARSER_SECTIONS = Set.of("file", "frontMatter", "site", "markdown", "limit", "yaml",
            "given", "expr", "block", "event", "segment", "book", "suggest");

    /**
     * Keys only inputs too large or too odd for a resource file give (HostileGeneratedTest and ContentReaderTest
     * make them): an 8 MB file, a symbolic link out, a file the system refuses, a crash, 10,000 events,
     * quadratic Markdown, a stack overflow, 100,000 characters of YAML.
     */
    private static final Set<String> OUT_OF_REACH = Set.of("book.fileSize", "book.kind.chapter", "book.kind.homePage",
            "book.linkOutside", "book.unreadable", "file.internalError", "limit.events", "markdown.inlineWork",
            "markdown.theHomePage", "markdown.thisChapter", "markdown.tooDeepToRead", "yaml.tooDeep", "yaml.tooLong");

    /** Each file of the hostile corpus on its own (as its index checks them), each folder of stories as one book. */
    private static List<List<Path>> books() throws IOException {
        List<List<Path>> books = new ArrayList<>();
        try (Stream<Path> hostile = Files.list(RESOURCES.resolve("hostile"))) {
            hostile.filter(f -> f.toString().endsWith(".md")).sorted().forEach(f -> books.add(List.of(f)));
        }
        for (String folder : List.of("org/tcpstory/engine/scenarios", "org/tcpstory/engine/peers",
                "org/tcpstory/book/translations", "org/tcpstory/book/translations/site",
                "org/tcpstory/book/translations/binary-home", "org/tcpstory/book/translations/languages",
                "org/tcpstory/book/translations/languages-list")) {
            books.add(List.of(RESOURCES.resolve(folder)));
        }
        return books;
    }

    @Test
    void everyDiagnosticHasAKeyAndEveryKeyIsInBothLanguages() throws Exception {
        List<String> untranslated = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> met = new TreeSet<>();
        for (List<Path> paths : books()) {
            Book book = Book.of(ContentReader.read(paths));
            for (Diagnostic d : book.report().diagnostics()) {
                for (Text text : texts(d)) {
                    if (text.isPlain()) {
                        untranslated.add(d.position() + " " + d.rule() + ": " + d.message());
                    }
                    for (String key : text.keys()) {
                        met.add(key);
                        if (!ENGLISH.has(key) || !CHINESE.has(key)) {
                            missing.add(d.position() + " " + key);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), untranslated, "diagnostics without a key");
        assertEquals(List.of(), missing, "keys one of the languages lacks");
        Set<String> unmet = new TreeSet<>(ENGLISH.sentences().keySet());
        unmet.removeIf(key -> !PARSER_SECTIONS.contains(key.substring(0, key.indexOf('.'))) || OUT_OF_REACH.contains(key));
        unmet.removeAll(met);
        assertEquals(Set.of(), unmet, "messages of the parser no file of the corpus gives: add a line or a file that does");
    }

    private static List<Text> texts(Diagnostic d) {
        List<Text> texts = new ArrayList<>(List.of(d.text()));
        texts.addAll(d.detailTexts());
        return texts;
    }
}
