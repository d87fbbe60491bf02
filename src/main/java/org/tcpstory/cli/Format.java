package org.tcpstory.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;
import picocli.CommandLine;

/** The report formats of {@code check --format}. */
enum Format {
    TEXT, JSON, JUNIT, GITHUB, SARIF;

    /** Lower case, as written on the command line and listed in the help. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param messages the language of the messages; rule ids, RFC sections and each format's own fields stay */
    Reporter reporter(boolean strict, boolean colour, Messages messages) {
        return switch (this) {
            case TEXT -> new TextReporter(colour, messages);
            case JSON -> new JsonReporter(messages);
            case JUNIT -> new JunitReporter(strict, messages);
            case GITHUB -> new GithubReporter(messages);
            case SARIF -> new SarifReporter(Main.Version.implementation(), messages);
        };
    }

    /** Case-insensitive, and names the choices in lower case as the help does. */
    static final class Converter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            for (Format format : values()) {
                if (format.name().equalsIgnoreCase(value)) {
                    return format;
                }
            }
            throw new ConversionException(Text.of("cli.expected.oneOf",
                    Arrays.stream(values()).map(Format::toString).collect(Collectors.joining(", ")), value));
        }
    }
}
