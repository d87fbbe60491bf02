package org.tcpstory.book;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Sources as values that compare by content, for the tests that hold a reread to a whole read. */
public final class SourcesFixtures {

    private SourcesFixtures() {
    }

    /** Every file's name, bytes (as text) and why it was not read, in order; the folders, the folder around, the links. */
    public static List<Object> flat(Sources sources) {
        List<Object> out = new ArrayList<>();
        for (List<Source> files : List.of(sources.requested(), sources.siblings())) {
            out.add(files.stream().map(SourcesFixtures::flat).toList());
        }
        out.add(flat(sources.home()));
        out.add(sources.folders().stream().map(f -> List.of(f.name(), f.display(), flat(f.home()))).toList());
        out.add(sources.outer() == null ? "no outer" : List.of(sources.outer().name(), flat(sources.outer().home())));
        out.add(sources.linked());
        return out;
    }

    private static String flat(Source source) {
        return source == null ? "none" : source.file() + " " + source.unread() + " "
                + (source.bytes() == null ? "unread" : new String(source.bytes(), StandardCharsets.UTF_8));
    }
}
