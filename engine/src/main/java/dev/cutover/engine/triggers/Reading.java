package dev.cutover.engine.triggers;

import java.time.Instant;
import java.util.Objects;

/**
 * One measurement of one trigger.
 *
 * @param trigger   the trigger's name in the plan
 * @param kind      the trigger's {@code when}, e.g. {@code consumer-lag}
 * @param value     the measurement as a number, in the kind's unit: records for
 *                  {@code consumer-lag} and {@code topic-growth}, milliseconds for
 *                  {@code event-age}, the exit code for {@code command} ({@code -1} when it did not
 *                  exit in time)
 * @param valueText the measurement for people, e.g. {@code lag 1,234 records}
 * @param threshold the limit for people, e.g. {@code above 5,000 records}
 * @param breached  whether the value is past the limit at this reading (not yet confirmed: see
 *                  {@link TriggerWatch})
 * @param at        when the reading was taken, on the injected clock
 * @param detail    facts behind the value (the partition most behind, the command's output);
 *                  empty when there is nothing to add
 */
public record Reading(
        String trigger,
        String kind,
        long value,
        String valueText,
        String threshold,
        boolean breached,
        Instant at,
        String detail) {

    public Reading {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(valueText, "valueText");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail;
    }
}
