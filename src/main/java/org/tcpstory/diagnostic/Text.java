package org.tcpstory.diagnostic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Words to show in the reader's language: a key of the {@link Messages} catalog and the arguments of its
 * slots {@code {0}}, {@code {1}}... An argument is shown as it is (a number, a peer id, a state, {@code x+1},
 * a rule id, an RFC section, the author's own text) unless it is a {@code Text} itself, which is shown in
 * the same language. A diagnostic holds texts, not sentences, so that each reporter can show it in its own
 * language.
 *
 * @param key  a key of the catalog; the empty key is a {@link #plain} text
 * @param args the slots' values: strings, {@code Integer}s, {@code Long}s or texts
 */
public record Text(String key, List<Object> args) {

    /** Words that are the same in every language: nothing to look up. */
    public static final Text EMPTY = plain("");

    public Text {
        Objects.requireNonNull(key, "key");
        List<Object> checked = new ArrayList<>(args.size());
        for (Object arg : args) {
            if (arg != null && !(arg instanceof String || arg instanceof Integer || arg instanceof Long
                    || arg instanceof Text)) {
                throw new IllegalArgumentException("an argument of " + key + " must be a String, an Integer, a Long "
                        + "or a Text, not " + arg.getClass().getSimpleName());
            }
            // As string concatenation showed it: a missing value must not cost the whole report.
            checked.add(arg == null ? "null" : arg);
        }
        args = List.copyOf(checked);
    }

    /** The words of {@code key} with these arguments in its slots. */
    public static Text of(String key, Object... args) {
        return new Text(key, Arrays.asList(args));
    }

    /**
     * Words shown as they are in every language: text that is not the tool's own, or a message that has no
     * key in the catalog yet (it stays English).
     */
    public static Text plain(String words) {
        return new Text("", List.of(words));
    }

    /**
     * The message of an exception as its thrower wrote it (the system's, a library's, PlantUML's), shown as it
     * is: no catalog holds it.
     */
    public static Text message(Throwable e) {
        return plain(String.valueOf(e.getMessage()));
    }

    /** {@code key.one} when {@code n} is 1, else {@code key.other}, with {@code n} in slot 0. */
    public static Text count(String key, long n) {
        return of(key + (n == 1 ? ".one" : ".other"), n);
    }

    /** Whether this text is shown as it is, with nothing to translate. */
    public boolean isPlain() {
        return key.isEmpty();
    }

    /** Every key this text and the texts in its arguments look up, outermost first. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        List<Text> todo = new ArrayList<>(List.of(this));
        while (!todo.isEmpty()) {
            Text text = todo.remove(0);
            if (!text.isPlain()) {
                keys.add(text.key);
            }
            for (Object arg : text.args) {
                if (arg instanceof Text inner) {
                    todo.add(inner);
                }
            }
        }
        return Collections.unmodifiableSet(keys);
    }
}
