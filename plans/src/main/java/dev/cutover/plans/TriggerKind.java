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
    COMMAND("command");

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
