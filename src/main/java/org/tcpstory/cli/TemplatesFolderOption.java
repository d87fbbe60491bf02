package org.tcpstory.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --templates DIR}: a theme that overrides the default one file by file. */
final class TemplatesFolderOption {

    /** The theme folder used when none is named, if it exists. */
    static final Path DEFAULT = Path.of("templates");

    @Option(names = "--templates", paramLabel = "DIR",
            description = "A theme folder: FreeMarker templates (*.ftlh) and assets/ that override tcpstory's "
                    + "default theme file by file. Default: templates, if that folder exists.")
    Path templates;

    /** The folder named, else {@code templates} when it exists, else null: the default theme only. */
    Path folder() {
        return templates != null ? templates : existingDefault();
    }

    /** {@code templates} when it exists: protected from being written over even when not used. */
    static Path existingDefault() {
        return Files.isDirectory(DEFAULT) ? DEFAULT : null;
    }
}
