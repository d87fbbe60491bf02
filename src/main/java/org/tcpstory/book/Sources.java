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
 */
public record Sources(List<Source> requested, List<Source> siblings, Source home) {

    public Sources {
        requested = List.copyOf(requested);
        siblings = List.copyOf(siblings);
    }

    public Optional<Source> homePage() {
        return Optional.ofNullable(home);
    }

    /** Every file, chapters first. */
    public List<Source> all() {
        List<Source> all = new ArrayList<>(requested);
        all.addAll(siblings);
        homePage().ifPresent(all::add);
        return all;
    }
}
