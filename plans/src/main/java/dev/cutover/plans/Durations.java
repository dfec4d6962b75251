package dev.cutover.plans;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as plans write them: a whole number and a unit, {@code 500ms}, {@code 5s},
 * {@code 2m}, {@code 1h}. A bare number is refused rather than read as seconds: {@code timeout: 15}
 * could mean seconds or minutes, and guessing wrong here stalls or rushes a cutover.
 */
public final class Durations {

    /** Nine digits at most, so the number always fits. */
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Pattern BARE_NUMBER = Pattern.compile("-?\\d+");

    private Durations() {
    }

    /** Empty when the text is not a duration in plan format. */
    public static Optional<Duration> parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        });
    }

    /** True for text like {@code 15}: a duration missing only its unit. */
    static boolean isBareNumber(String text) {
        return BARE_NUMBER.matcher(text.trim()).matches();
    }

    /** The largest exact unit: 90s stays "90s", 120s becomes "2m", 1500ms stays "1500ms". */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis != 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis != 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
