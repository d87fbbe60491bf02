package org.tcpstory.cli;

import java.util.Optional;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.engine.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --profile NAME}: which TCP the chapters follow, over the book's own {@code profile:}. */
final class ProfileOption {

    @Option(names = "--profile", paramLabel = "NAME", converter = Converter.class,
            description = "The rules of which TCP the chapters follow where RFC 9293 and real stacks differ: "
                    + "rfc9293, linux or freebsd. Wins over profile: in _index.md; a chapter's own profile: "
                    + "wins over it. Default: the book's, else rfc9293.")
    Profile profile;

    Optional<Profile> chosen() {
        return Optional.ofNullable(profile);
    }

    /** A profile's name, in any case. */
    static final class Converter implements CommandLine.ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            return Profile.parse(value).orElseThrow(() -> new ConversionException(
                    Text.of("cli.expected.profile", Profile.names(), value)));
        }
    }
}
