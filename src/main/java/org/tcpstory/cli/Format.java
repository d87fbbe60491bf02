package org.tcpstory.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** The report formats of {@code check --format}. */
enum Format {
    TEXT, JSON, JUNIT, GITHUB, SARIF;

    /** Lower case, as written on the command line and listed in the help. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    Reporter reporter(boolean strict, boolean colour) {
        return switch (this) {
            case TEXT -> new TextReporter(colour);
            case JSON -> new JsonReporter();
            case JUNIT -> new JunitReporter(strict);
            case GITHUB -> new GithubReporter();
            case SARIF -> new SarifReporter(Main.Version.implementation());
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
            throw new CommandLine.TypeConversionException("expected one of "
                    + Arrays.stream(values()).map(Format::toString).collect(Collectors.joining(", "))
                    + " but was '" + value + "'");
        }
    }
}
