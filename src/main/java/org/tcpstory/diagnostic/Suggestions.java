package org.tcpstory.diagnostic;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for misspelt words: flags, keys, state names, peer ids. Shared by the parser and the
 * engine so every suggestion in the tool follows the same threshold.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code word}, ignoring case, if it is close enough to be a plausible typo:
     * one edit for words of up to four letters, two up to eight, three beyond. Ties go to the earlier
     * candidate, so callers control the preference by the order they pass.
     */
    public static Optional<String> nearest(String word, Collection<String> candidates) {
        if (word == null || word.isEmpty()) {
            return Optional.empty();
        }
        String folded = word.toLowerCase(Locale.ROOT);
        int limit = threshold(folded.length());
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(folded, candidate.toLowerCase(Locale.ROOT));
            if (d <= limit && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code " (did you mean `SYN`?)"}, or an empty string when nothing is close; ready to append to a message. */
    public static String didYouMean(String word, Collection<String> candidates) {
        return Messages.english().render(hint(word, candidates));
    }

    /**
     * The same hint as a text, for a slot of a message: {@code " (did you mean `SYN`?)"} in English, or
     * {@link Text#EMPTY} when nothing is close.
     */
    public static Text hint(String word, Collection<String> candidates) {
        return nearest(word, candidates).map(s -> Text.of("suggest.didYouMean", s)).orElse(Text.EMPTY);
    }

    /**
     * Edit distance with adjacent transpositions counted as one edit (optimal string alignment), over code
     * points, case-sensitive: callers fold case when they want to.
     */
    public static int distance(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[][] d = new int[x.length + 1][y.length + 1];
        for (int i = 0; i <= x.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= y.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            for (int j = 1; j <= y.length; j++) {
                int cost = x[i - 1] == y[j - 1] ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[x.length][y.length];
    }

    private static int threshold(int length) {
        if (length <= 4) {
            return 1;
        }
        return length <= 8 ? 2 : 3;
    }
}
