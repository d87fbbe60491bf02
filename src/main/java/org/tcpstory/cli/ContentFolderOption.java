package org.tcpstory.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --content DIR}: the book's folder, for every command that reads one. */
final class ContentFolderOption {

    @Option(names = "--content", paramLabel = "DIR", defaultValue = "content",
            description = "The folder of chapters (*.md) and of _index.md, the home page text and site settings. "
                    + "Default: ${DEFAULT-VALUE}.")
    Path content;
}
