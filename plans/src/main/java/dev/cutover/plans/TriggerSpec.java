package dev.cutover.plans;

import java.time.Duration;

/**
 * One rollback trigger. Which fields are set depends on {@link #when()}; the parser enforces it:
 * <pre>
 *   consumer-lag   group, aboveCount,    [topic], [forDuration]
 *   event-age      group, aboveDuration, [topic], [forDuration]
 *   topic-growth   topic, aboveCount,    within
 *   command        run,                  [forDuration]
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
        Duration within) {
}
