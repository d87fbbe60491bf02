package org.tcpstory.cli;

import java.io.Console;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagram.CjkFonts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code tcpstory} command. Subcommands do the work; {@code build}, {@code diagrams} and {@code serve}
 * will join {@code check} here.
 */
@Command(name = "tcpstory",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        headerHeading = "",
        header = "Checks TCP stories written in Markdown against RFC 9293.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "A story is a folder of Markdown chapters whose ```tcp blocks say what each peer sends.",
            "Run 'tcpstory COMMAND --help' for the options of a command."
        },
        commandListHeading = "%nCommands:%n",
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.PROBLEMS_HELP, ExitCodes.CANNOT_RUN_HELP})
public final class Main implements Callable<Integer> {

    /**
     * The subcommands by name, in the order help lists them. Added to the command line by {@link #commandLine}:
     * only the one that runs when the first argument names it, since picocli builds the model of every command
     * it is given by reflection before parsing anything. (A holder: a launcher that hands the command to a
     * tuned JVM never reads their annotations.)
     */
    static final class Commands {
        static final Map<String, Class<?>> ALL = of(InitCommand.class, CheckCommand.class, BuildCommand.class,
                DiagramsCommand.class, ServeCommand.class, ImportCommand.class, CommandLine.HelpCommand.class);

        private Commands() {
        }

        private static Map<String, Class<?>> of(Class<?>... classes) {
            Map<String, Class<?>> commands = new LinkedHashMap<>();
            for (Class<?> command : classes) {
                commands.put(command.getAnnotation(Command.class).name(), command);
            }
            return Collections.unmodifiableMap(commands);
        }
    }

    /** Whether the text report may use ANSI colours: only on a terminal, and never in tests. */
    final boolean colourAllowed;

    /** The language of the user's locale: that of the diagnostics when no {@code --lang} is given. */
    final Language localeLanguage;

    /**
     * The language of the lines this class writes itself (a missing command, a usage error, a crash): the
     * {@code --lang} among the arguments, else the locale's. Read from the arguments, since a usage error may
     * come before picocli has read {@code --lang}.
     */
    final Language ownLanguage;

    @Spec
    CommandSpec spec;

    Main(boolean colourAllowed, Language localeLanguage, Language ownLanguage) {
        this.colourAllowed = colourAllowed;
        this.localeLanguage = localeLanguage;
        this.ownLanguage = ownLanguage;
    }

    public Main() {
        this(false, Language.ENGLISH, Language.ENGLISH);
    }

    /** Without a subcommand there is nothing to do: a usage error like any other. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Words words = new Words(Messages.of(ownLanguage));
        err.println("tcpstory: " + words.of("cli.missingCommand", String.join(", ", spec.subcommands().keySet())));
        err.println(words.of("cli.tryHelp", "tcpstory"));
        err.flush();
        return ExitCodes.CANNOT_RUN;
    }

    public static void main(String[] args) {
        TunedJvm.watchLauncher();
        Optional<Integer> tuned = TunedJvm.run(args);
        if (tuned.isPresent()) {
            System.exit(tuned.get());
        }
        if (args.length > 0 && (args[0].equals("build") || args[0].equals("diagrams"))) {
            // They need the CJK font, which takes a tenth of a second to find: look while picocli starts up.
            Thread fonts = new Thread(CjkFonts::lookup, "tcpstory-font-lookup");
            fonts.setDaemon(true);
            fonts.start();
        }
        Language locale = Language.ofLocale(System.getenv(), Locale.getDefault());
        System.exit(commandLine(System.out, System.err, colourWanted(), locale, args).execute(args));
    }

    /**
     * Runs a command in-process, as tests and other tools do: no colour, UTF-8 output, and English unless
     * {@code --lang} says otherwise, whatever the machine's locale.
     */
    static int run(PrintStream out, PrintStream err, String... args) {
        return run(Language.ENGLISH, out, err, args);
    }

    /** Runs a command in-process as if started in a locale of this language. */
    static int run(Language locale, PrintStream out, PrintStream err, String... args) {
        return commandLine(out, err, false, locale, args).execute(args);
    }

    /**
     * The configured command line for these arguments: UTF-8 writers, short usage errors (exit 2), crashes
     * reported (exit 2). It has every subcommand, or only the one the first argument names (but {@code help},
     * which looks the others up). With one, {@code check --help} in the tuned JVM took 0.24 s of CPU, against
     * 0.27 s with all seven.
     */
    static CommandLine commandLine(PrintStream out, PrintStream err, boolean colour, Language locale, String... args) {
        Language own = languageIn(args).orElse(locale);
        Main main = new Main(colour, locale, own);
        CommandLine commandLine = new CommandLine(main);
        Class<?> named = args.length > 0 && !args[0].equals("help") ? Commands.ALL.get(args[0]) : null;
        if (named != null) {
            commandLine.addSubcommand(args[0], named);
        } else {
            Commands.ALL.forEach(commandLine::addSubcommand);
        }
        // tcpstory --help and tcpstory help COMMAND read no --lang of a subcommand: they speak the arguments'.
        LanguageOption.helpIn(commandLine.getCommandSpec(), own);
        commandLine.getSubcommands().values().forEach(sub -> LanguageOption.helpIn(sub.getCommandSpec(), own));
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        Words words = new Words(Messages.of(own));
        commandLine.setParameterExceptionHandler((ex, arguments) -> usageError(ex, words));
        commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // A crash is a bug in tcpstory, not a verdict on the story: exit 2, never 1. The trace is for the
            // report of the bug, on request: a user is shown what happened and what to do, not Java's frames.
            PrintWriter w = cmd.getErr();
            w.println("tcpstory: " + words.of("cli.internalError", String.valueOf(ex)));
            if (wantsTrace(System.getenv())) {
                ex.printStackTrace(w);
            } else {
                w.println(words.of("cli.internalErrorTrace", TRACE));
            }
            w.flush();
            return ExitCodes.CANNOT_RUN;
        });
        return commandLine;
    }

    /** The environment variable that asks for the Java stack trace of an internal error. */
    static final String TRACE = "TCPSTORY_TRACE";

    static boolean wantsTrace(Map<String, String> environment) {
        String value = environment.get(TRACE);
        return value != null && !value.isEmpty() && !value.equals("0");
    }

    /** The language {@code --lang} names among the arguments (before a {@code --}), if any and if known. */
    static Optional<Language> languageIn(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals("--lang") && i + 1 < args.length) {
                return Language.named(args[i + 1]);
            }
            if (args[i].startsWith("--lang=")) {
                return Language.named(args[i].substring("--lang=".length()));
            }
        }
        return Optional.empty();
    }

    /** A one-line complaint and a pointer to --help, instead of picocli's full usage text. */
    private static int usageError(CommandLine.ParameterException ex, Words words) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("tcpstory: " + words.messages().render(UsageWords.of(ex)));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println(words.of("cli.tryHelp", cmd.getCommandSpec().qualifiedName()));
        err.flush();
        return ExitCodes.CANNOT_RUN;
    }

    /** Colour only on an interactive terminal, and not when NO_COLOR is set (https://no-color.org). */
    private static boolean colourWanted() {
        String noColor = System.getenv("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ returns a console even when output is redirected; ask it, where it can say.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** The version in the jar's manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = implementation();
            return new String[] {"tcpstory " + (version == null ? "dev" : version)};
        }

        /** The jar's version, or null when run from classes. */
        static String implementation() {
            return Main.class.getPackage() == null ? null : Main.class.getPackage().getImplementationVersion();
        }
    }
}
