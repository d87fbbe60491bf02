package org.tcpstory.cli;

import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;
import picocli.CommandLine;

/**
 * A value one of tcpstory's converters cannot take, in words of the catalog: picocli prints its English, and
 * {@link UsageWords} says it again in the reader's language.
 */
final class ConversionException extends CommandLine.TypeConversionException {

    private static final long serialVersionUID = 1L;

    private final transient Text text;

    ConversionException(Text text) {
        super(Messages.english().render(text));
        this.text = text;
    }

    Text text() {
        return text;
    }
}
