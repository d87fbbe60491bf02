package org.tcpstory.cli;

import java.io.Console;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tcpstory.diagnostic.Language;
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
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.PROBLEMS_HELP, ExitCodes.CANNOT_RUN_HELP},
        subcommands = {InitCommand.class, CheckCommand.class, BuildCommand.class, DiagramsCommand.class, ServeCommand.class,
                ImportCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    /** Whether the text report may use ANSI colours: only on a terminal, and never in tests. */
    final boolean colourAllowed;

    /** The language of the user's locale: that of the diagnostics when no {@code --lang} is given. */
    final Language localeLanguage;

    @Spec
    CommandSpec spec;

    Main(boolean colourAllowed, Language localeLanguage) {
        this.colourAllowed = colourAllowed;
        this.localeLanguage = localeLanguage;
    }

    public Main() {
        this(false, Language.ENGLISH);
    }

    /** Without a subcommand there is nothing to do: a usage error like any other. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("tcpstory: missing command (" + String.join(", ", spec.subcommands().keySet()) + ")");
        err.println("Try 'tcpstory --help' for more information.");
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
        System.exit(commandLine(System.out, System.err, colourWanted(), locale).execute(args));
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
        return commandLine(out, err, false, locale).execute(args);
    }

    /** The configured command line: UTF-8 writers, short usage errors (exit 2), crashes reported (exit 2). */
    static CommandLine commandLine(PrintStream out, PrintStream err, boolean colour, Language locale) {
        CommandLine commandLine = new CommandLine(new Main(colour, locale));
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        commandLine.setParameterExceptionHandler(Main::usageError);
        commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // A crash is a bug in tcpstory, not a verdict on the story: exit 2, never 1.
            PrintWriter w = cmd.getErr();
            w.println("tcpstory: internal error: " + ex);
            ex.printStackTrace(w);
            w.flush();
            return ExitCodes.CANNOT_RUN;
        });
        return commandLine;
    }

    /** A one-line complaint and a pointer to --help, instead of picocli's full usage text. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("tcpstory: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
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
