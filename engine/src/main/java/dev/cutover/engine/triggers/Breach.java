package dev.cutover.engine.triggers;

import java.time.Duration;
import java.time.Instant;

/**
 * A trigger breached at the latest evaluation, with how long it has been.
 *
 * @param reading      the latest (breached) reading
 * @param since        when the breach began: the first breached reading of the current unbroken run
 * @param confirmAfter the trigger's {@code for}; {@link Duration#ZERO} when it has none (confirmed at once)
 * @param confirmedAt  the evaluation at which the breach had held for {@code confirmAfter}; null
 *                     while it is still pending. It stays the same while the breach lasts.
 */
public record Breach(Reading reading, Instant since, Duration confirmAfter, Instant confirmedAt) {

    public String trigger() {
        return reading.trigger();
    }

    public boolean confirmed() {
        return confirmedAt != null;
    }

    /** E.g. {@code notify-lag: lag 6,000 records (above 5,000 records) since 2026-11-25T10:00:00Z, confirmed at …}. */
    public String describe() {
        return reading.trigger() + ": " + reading.valueText() + " (" + reading.threshold() + ") since " + since
                + (confirmed()
                ? ", confirmed at " + confirmedAt
                : ", confirmed once it holds for " + ReadingText.duration(confirmAfter));
    }
}
