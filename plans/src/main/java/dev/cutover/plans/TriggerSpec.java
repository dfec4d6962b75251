package dev.cutover.plans;

import java.time.Duration;

/**
 * One rollback trigger. Which fields are set depends on {@link #when()}; the parser enforces it:
 * <pre>
 *   consumer-lag   group, aboveCount,    [topic], [forDuration]
 *   event-age      group, aboveDuration, [topic], [forDuration]
 *   topic-growth   topic, aboveCount,    within
 *   command        run,                  [forDuration]
 *   retention-headroom  group or producer, below, [forDuration]
 * </pre>
 * Fields that do not apply are null.
 */
public record TriggerSpec(
        String name,
        TriggerKind when,
        String group,
        String topic,
        String run,
        Long aboveCount,
        Duration aboveDuration,
        Duration forDuration,
        Duration within,
        String producer,
        Duration below) {

    /** A trigger of the kinds that name no producer and no {@code below}. */
    public TriggerSpec(String name, TriggerKind when, String group, String topic, String run, Long aboveCount,
                       Duration aboveDuration, Duration forDuration, Duration within) {
        this(name, when, group, topic, run, aboveCount, aboveDuration, forDuration, within, null, null);
    }
}
