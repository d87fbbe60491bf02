package org.tcpstory.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.files.PathNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tcpstory init}: a new book that builds at once. Its files are resources of the jar
 * ({@code tcpstory/init/}), in English or Chinese, or in both ({@code --lang en,zh}: a folder per language);
 * the folder must be new or empty.
 */
@Command(name = "init",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "Creates a new book: a home page, an example chapter, .gitignore and a CI workflow.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Writes content/_index.md (the home page and the site settings), content/01-knock-knock.md (a short "
                + "example chapter that passes 'check --strict'), a .gitignore for the site and the diagram cache, "
                + "and .github/workflows/tcpstory.yml, a GitHub Actions workflow that checks the chapters, "
                + "builds the site and keeps it as an artifact.",
            "DIR must be missing or empty (a .git folder is allowed): init never overwrites anything."
        },
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the book was created",
            "2:the command could not run: a bad option, or DIR is not empty or cannot be written"})
final class InitCommand implements Callable<Integer> {

    /** The language of the home page and the example chapter. */
    enum Language {
        EN, ZH;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A file of the new book: where its text is in the jar, and where it goes in the book.
     *
     * @param folder in a book in several languages, the language folder the text's paths are moved into; else null
     */
    record BookFile(String resource, String path, String folder) {
        BookFile(String resource, String path) {
            this(resource, path, null);
        }
    }

    static final String RESOURCES = "/tcpstory/init/";

    @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = ".", descriptionKey = "dir",
            description = "The folder of the new book, created if missing. Default: the current folder.")
    Path dir;

    // No defaultValue: without --lang the book is English but init speaks the locale's language.
    @Option(names = "--lang", paramLabel = "LANG", split = ",", converter = LanguageConverter.class,
            description = "The language of the home page and the example chapter: ${COMPLETION-CANDIDATES}; "
                    + "several, like en,zh, make a book in several languages, a folder each. Default: en.")
    void languages(List<Language> languages) {
        this.languages = languages;
        LanguageOption.helpIn(spec, spoken());
    }

    List<Language> languages;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    /** The book's languages: those named, else English. */
    private List<Language> bookLanguages() {
        return languages == null || languages.isEmpty() ? List.of(Language.EN) : languages;
    }

    /** The language init speaks: the book's first when --lang names one, else the locale's. */
    private org.tcpstory.diagnostic.Language spoken() {
        return languages == null || languages.isEmpty()
                ? (parent == null ? org.tcpstory.diagnostic.Language.ENGLISH : parent.localeLanguage)
                : org.tcpstory.diagnostic.Language.forTag(languages.get(0).toString());
    }

    /** Every file of a new book, in the order they are written; the book's own _index.md of several is made. */
    static List<BookFile> files(List<Language> languages) {
        List<BookFile> files = new ArrayList<>();
        if (languages.size() == 1) {
            String own = RESOURCES + languages.get(0) + "/";
            files.add(new BookFile(own + "_index.md", "content/_index.md"));
            files.add(new BookFile(own + "01-knock-knock.md", "content/01-knock-knock.md"));
        } else {
            for (Language language : languages) {
                String own = RESOURCES + language + "/";
                String folder = "content/" + language + "/";
                files.add(new BookFile(own + "_index.md", folder + "_index.md", folder));
                // The same file name, so the same slug: the two chapters are each other's twins.
                files.add(new BookFile(own + "01-knock-knock.md", folder + "01-knock-knock.md", folder));
            }
        }
        // Stored without the leading dot or folder, which Maven's resource copying would skip.
        files.add(new BookFile(RESOURCES + "gitignore", ".gitignore"));
        files.add(new BookFile(RESOURCES + "tcpstory.yml", ".github/workflows/tcpstory.yml"));
        return files;
    }

    /**
     * The {@code _index.md} of a book in several languages: its title made of theirs, and the list of their
     * folders, the first the default.
     */
    static String bookHome(List<Language> languages) throws IOException {
        List<String> titles = new ArrayList<>();
        for (Language language : languages) {
            String home = new String(resource(RESOURCES + language + "/_index.md"), StandardCharsets.UTF_8);
            home.lines().filter(l -> l.startsWith("title: ")).findFirst().ifPresent(l -> titles.add(l.substring(7)));
        }
        return "---\n# A book in several languages: each has a folder of its own (its _index.md and chapters),\n"
                + "# the first listed is the default. The book's settings (baseURL, profile...) go here.\n"
                + "title: " + String.join(" · ", titles) + "\n"
                + "languages: [" + String.join(", ", languages.stream().map(Language::toString).toList()) + "]\n---\n";
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Words words = new Words(Messages.of(spoken()));
        List<Language> languages = bookLanguages();
        String shown = PathNames.shown(dir);
        String shownFiles;
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
                words.say(err, "init.notAFolder", shown);
                return ExitCodes.CANNOT_RUN;
            }
            List<String> present = contents(dir);
            if (!present.isEmpty()) {
                words.say(err, "init.notEmpty", shown, String.join(", ", present));
                return ExitCodes.CANNOT_RUN;
            }
            if (languages.stream().distinct().count() < languages.size()) {
                words.say(err, "init.languageTwice", languages.toString());
                return ExitCodes.CANNOT_RUN;
            }
            List<String> written = new ArrayList<>();
            if (languages.size() > 1) {
                write(dir.resolve("content/_index.md"), bookHome(languages).getBytes(StandardCharsets.UTF_8));
                written.add("content/_index.md");
            }
            for (BookFile file : files(languages)) {
                byte[] text = resource(file.resource());
                if (file.folder() != null) {
                    // The example's own words about where it is: in its language's folder now.
                    text = new String(text, StandardCharsets.UTF_8).replace("`content/", "`" + file.folder())
                            .getBytes(StandardCharsets.UTF_8);
                }
                write(dir.resolve(file.path()), text);
                written.add(file.path());
            }
            shownFiles = String.join(", ", written);
        } catch (IOException e) {
            words.say(err, "init.cannotCreate", shown, e.getMessage());
            return ExitCodes.CANNOT_RUN;
        } finally {
            err.flush();
        }
        out.println(words.of("init.created", shown, shownFiles));
        String cd = dir.normalize().toString().isEmpty() ? "" : "cd " + shown + " && ";
        out.println(words.of("init.next", cd));
        out.flush();
        return ExitCodes.OK;
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Files.write(target, bytes, StandardOpenOption.CREATE_NEW);
    }

    /** What the folder holds besides a .git folder, first few names only; empty when it is missing. */
    private static List<String> contents(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.map(p -> p.getFileName().toString() + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : ""))
                    .filter(name -> !name.equals(".git/"))
                    .sorted()
                    .forEach(names::add);
        }
        return names.size() <= 3 ? names : List.of(names.get(0), names.get(1), names.get(2), "...");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = InitCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the jar has no " + name);
            }
            return in.readAllBytes();
        }
    }

    /** Case-insensitive, naming the choices as the help does. */
    static final class LanguageConverter implements picocli.CommandLine.ITypeConverter<Language> {
        @Override
        public Language convert(String value) {
            for (Language language : Language.values()) {
                if (language.name().equalsIgnoreCase(value)) {
                    return language;
                }
            }
            throw new ConversionException(org.tcpstory.diagnostic.Text.of("cli.expected.lang", value));
        }
    }
}
