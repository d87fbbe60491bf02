package org.tcpstory.story;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a chapter's file name says when the front matter does not: its order and its page name. */
final class FileNames {

    private static final Pattern NUMBER_PREFIX = Pattern.compile("^(\\d+)(?:[-_.]|$)");

    private FileNames() {
    }

    /** The file name without folders and without {@code .md}: {@code content/02-goodbye.md} gives {@code 02-goodbye}. */
    static String stem(String path) {
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        return name.toLowerCase(Locale.ROOT).endsWith(".md") ? name.substring(0, name.length() - 3) : name;
    }

    /** The number prefix of {@code 02-goodbye}, or null when there is none or it is too large. */
    static Integer order(String stem) {
        Matcher m = NUMBER_PREFIX.matcher(stem);
        if (!m.find()) {
            return null;
        }
        String digits = m.group(1).replaceFirst("^0+(?=\\d)", "");
        return digits.length() > 9 ? null : Integer.valueOf(digits);
    }

    /** {@code 02-Goodbye} gives {@code goodbye}; a name that is only a number keeps it. */
    static String slug(String stem) {
        String rest = stem.replaceFirst("^\\d+[-_.]", "");
        return (rest.isEmpty() ? stem : rest).toLowerCase(Locale.ROOT);
    }
}
