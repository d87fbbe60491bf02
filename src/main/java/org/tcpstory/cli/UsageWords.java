package org.tcpstory.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.tcpstory.diagnostic.Text;
import picocli.CommandLine;

/**
 * A usage error in words of the catalog: an unknown option, or a value an option cannot take. Picocli
 * writes its errors in English only; those a user meets every day are said again here in the reader's
 * language, each as picocli words it in English. Any other keeps picocli's English.
 */
final class UsageWords {

    private UsageWords() {
    }

    static Text of(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && unmatched.isUnknownOption()) {
            List<String> options = unmatched.getUnmatched();
            String quoted = options.stream().map(o -> "'" + o + "'").collect(Collectors.joining(", "));
            return options.size() == 1 ? Text.of("cli.usage.unknownOption", quoted)
                    : Text.of("cli.usage.unknownOptions", quoted);
        }
        if (ex.getArgSpec() instanceof CommandLine.Model.OptionSpec option && ex.getValue() != null) {
            if (ex.getCause() instanceof ConversionException ours) {
                return Text.of("cli.usage.invalidValue", option.longestName(), ours.text());
            }
            Class<?> type = option.type();
            if ((type == int.class || type == Integer.class) && ex.getCause() instanceof CommandLine.TypeConversionException) {
                return Text.of("cli.usage.invalidValue", option.longestName(), Text.of("cli.usage.notAnInt", ex.getValue()));
            }
        }
        return Text.plain(ex.getMessage());
    }
}
