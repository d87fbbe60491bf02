package org.tcpstory.cli;

import java.util.Locale;
import java.util.ResourceBundle;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --lang en|zh}: the language of the diagnostics, the report, the command's own lines and its
 * {@code --help}, over the locale's. The help's Chinese is picocli's resource bundle {@value #HELP}; its
 * English is the commands' annotations, so that it stays as it is.
 */
final class LanguageOption {

    /** The help's words in other languages than English: {@code Help_zh.properties} beside this class. */
    static final String HELP = "org.tcpstory.cli.Help";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The language named, else the locale's (see {@link LocaleDefault}); null when run with no parent. */
    Language language;

    @Option(names = "--lang", paramLabel = "LANG", converter = Converter.class,
            description = "The language of the diagnostics and of the report around them: en or zh (rule ids, RFC "
                    + "sections and the words error and warning stay as they are). Default: the locale's "
                    + "(LC_ALL, LC_MESSAGES or LANG; zh... is Chinese), else en.")
    void language(Language language) {
        this.language = language;
        // Set while the arguments are read, so that --help, shown after them, is in this language too.
        helpIn(command, language);
    }

    /** Makes the command's --help speak this language: English is the annotations, others the bundle. */
    static void helpIn(CommandSpec command, Language language) {
        command.resourceBundle(language == null || language == Language.ENGLISH ? null : ResourceBundle.getBundle(HELP,
                Locale.forLanguageTag(language.code()), ResourceBundle.Control.getNoFallbackControl(
                        ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    /** The language named, else the locale's as the command line was started in. */
    Language chosen(Main parent) {
        if (language != null) {
            return language;
        }
        return parent == null ? Language.ENGLISH : parent.localeLanguage;
    }

    Messages messages(Main parent) {
        return Messages.of(chosen(parent));
    }

    /**
     * The default of {@code --lang}: the language of the locale {@code tcpstory} was started in. A default, not
     * a fallback in {@link #chosen}, so that picocli sets it before it shows {@code --help}.
     */
    static final class LocaleDefault implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec argument) {
            CommandSpec parent = argument.command().parent();
            boolean lang = argument instanceof OptionSpec option && option.longestName().equals("--lang");
            return lang && parent != null && parent.userObject() instanceof Main main ? main.localeLanguage.code() : null;
        }
    }

    /** {@code en} or {@code zh}, in any case; a locale name such as {@code zh_CN} is taken too. */
    static final class Converter implements CommandLine.ITypeConverter<Language> {
        @Override
        public Language convert(String value) {
            return Language.named(value).orElseThrow(() -> new ConversionException(Text.of("cli.expected.lang", value)));
        }
    }
}
