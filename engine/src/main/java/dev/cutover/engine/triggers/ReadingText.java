package dev.cutover.engine.triggers;

import java.time.Duration;
import java.util.Locale;

/**
 * How readings write amounts for people: {@code 1,234 records}, {@code 2m 5s}. Locale-free
 * grouping, so a ledger written on one machine reads the same on another.
 */
final class ReadingText {

    private ReadingText() {
    }

    /** {@code 1 record}, {@code 1,234 records}. */
    static String records(long count) {
        return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? "record" : "records");
    }

    /**
     * {@code 850ms} under a second; otherwise hours, minutes and seconds with the zero parts left
     * out ({@code 2m 5s}, {@code 1h}, {@code 26h 3m}); milliseconds past a second are dropped.
     */
    static String duration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        StringBuilder out = new StringBuilder();
        if (h > 0) {
            out.append(h).append('h');
        }
        if (m > 0) {
            out.append(out.isEmpty() ? "" : " ").append(m).append('m');
        }
        if (s > 0) {
            out.append(out.isEmpty() ? "" : " ").append(s).append('s');
        }
        return out.toString();
    }
}
