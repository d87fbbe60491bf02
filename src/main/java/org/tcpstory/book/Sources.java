package org.tcpstory.book;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every file a book is made from, as read, before any parsing: the same bytes give the same book, so a
 * build can tell from these alone that nothing changed.
 *
 * @param requested the chapters the user named, or found in the folders they named, in path order
 * @param siblings  chapters read only so that {@code continues:} resolves
 * @param home      {@code _index.md}, when the book is read for its site and has one; else null
 * @param folders   the sub-folders of the book's folder, each with its {@code _index.md}: the languages, when
 *                  the book's {@code _index.md} says it has several
 * @param outer     the {@code _index.md} of the folder around the book's, which makes the book one language of
 *                  a book in several when it lists it; null when there is none
 * @param linked    whether a file was reached through a symbolic link (a chapter, an {@code _index.md} or a
 *                  folder of them): then a change to a file may show under another name, and only a whole scan
 *                  says what the book holds ({@link ContentReader#reread})
 */
public record Sources(List<Source> requested, List<Source> siblings, Source home, List<Folder> folders,
                      Outer outer, boolean linked) {

    /**
     * A sub-folder of the book's folder.
     *
     * @param name    its name, as {@code languages:} would list it
     * @param display its path as the user would name it ({@code content/zh})
     * @param home    its {@code _index.md}, or null when it has none
     */
    public record Folder(String name, String display, Source home) {
    }

    /**
     * The folder around the book's.
     *
     * @param name the name of the book's own folder, as that folder's {@code languages:} would list it
     * @param home the {@code _index.md} of the folder around it
     */
    public record Outer(String name, Source home) {
    }

    public Sources {
        requested = List.copyOf(requested);
        siblings = List.copyOf(siblings);
        folders = List.copyOf(folders);
    }

    /** The sources of a book in one folder that is in no other book. */
    public Sources(List<Source> requested, List<Source> siblings, Source home) {
        this(requested, siblings, home, List.of(), null, false);
    }

    public Optional<Source> homePage() {
        return Optional.ofNullable(home);
    }

    /** Every file, chapters first. */
    public List<Source> all() {
        List<Source> all = new ArrayList<>(requested);
        all.addAll(siblings);
        homePage().ifPresent(all::add);
        for (Folder folder : folders) {
            if (folder.home() != null) {
                all.add(folder.home());
            }
        }
        if (outer != null) {
            all.add(outer.home());
        }
        return all;
    }
}
