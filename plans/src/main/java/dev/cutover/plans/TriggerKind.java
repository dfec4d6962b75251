package dev.cutover.plans;

import java.util.Arrays;
import java.util.Optional;

/** {@code rollback.triggers[].when}. */
public enum TriggerKind {
    /** A group's lag on the target stays above {@code above} records {@code for} a while. */
    CONSUMER_LAG("consumer-lag"),
    /** The oldest record a group has not consumed yet is older than {@code above} (a duration). */
    EVENT_AGE("event-age"),
    /** A topic (say a dead-letter queue) grows by more than {@code above} records {@code within} a window. */
    TOPIC_GROWTH("topic-growth"),
    /** A command ({@code run}) exits non-zero, for at least {@code for}. */
    COMMAND("command"),
    /**
     * The time left before a position becomes unreplayable falls {@code below} a duration: for a
     * {@code group}, the oldest record it has not consumed on the target against the topic's
     * {@code retention.ms}; for a {@code producer}, its last event on the target against Salesforce's
     * 72 h replay window.
     */
    RETENTION_HEADROOM("retention-headroom");

    private final String label;

    TriggerKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<TriggerKind> fromLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }
}
