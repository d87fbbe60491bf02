package org.tcpstory.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --lang en|zh}: the language of the diagnostics and the report, over the locale's. */
final class LanguageOption {

    @Option(names = "--lang", paramLabel = "LANG", converter = Converter.class,
            description = "The language of the diagnostics and of the report around them: en or zh (rule ids, RFC "
                    + "sections and the words error and warning stay as they are). Default: the locale's "
                    + "(LC_ALL, LC_MESSAGES or LANG; zh... is Chinese), else en.")
    Language language;

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

    /** The command's own sentences in the language chosen. */
    Words words(Main parent) {
        return new Words(messages(parent));
    }

    /** {@code en} or {@code zh}, in any case; a locale name such as {@code zh_CN} is taken too. */
    static final class Converter implements CommandLine.ITypeConverter<Language> {
        @Override
        public Language convert(String value) {
            return Language.named(value).orElseThrow(() -> new CommandLine.TypeConversionException("expected "
                    + Arrays.stream(Language.values()).map(Language::code).collect(Collectors.joining(" or "))
                    + " but was '" + value + "'"));
        }
    }
}
