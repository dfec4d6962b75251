package dev.cutover.plans;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for unknown keys: the allowed key closest to what was typed, if it is close
 * enough to be a typo rather than a different idea.
 */
final class KeySuggester {

    private KeySuggester() {
    }

    static Optional<String> suggest(String typed, Collection<String> allowed) {
        String plain = normalize(typed);
        // maxLag, max_lag and MAX-LAG are the same key written in another convention.
        for (String candidate : allowed) {
            if (normalize(candidate).equals(plain)) {
                return Optional.of(candidate);
            }
        }
        int limit = typed.length() <= 3 ? 1 : Math.max(2, typed.length() / 4);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(typed.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
    }

    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /**
     * Levenshtein distance where swapping two neighbouring letters counts as one edit
     * (optimal string alignment), since "tpoics" is one slip, not two.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
