package dev.cutover.plans.compile;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the topics gate will do for one selected topic, decided at plan time.
 *
 * @param partitions        the source's partition count (what the target must have)
 * @param replicationFactor for {@link Kind#CREATE}: the factor to create with; otherwise the
 *                          target's current factor, or the source's when the target lacks the topic
 * @param configsToSet      overrides to set on the target; empty with {@code topics.configs: none}
 * @param detail            why, for {@link Kind#CONFLICT} ("target has 3 partitions, source has 6")
 */
public record TopicAction(
        String topic, Kind kind, int partitions, short replicationFactor, Map<String, String> configsToSet,
        String detail) {

    public enum Kind {
        /** Missing on the target: create it. */
        CREATE,
        /** On the target with the right partitions, but overrides differ: set them. */
        UPDATE_CONFIG,
        /** Already as it should be. */
        NONE,
        /** On the target with another partition count: preflight refuses, nothing is changed. */
        CONFLICT
    }

    public TopicAction {
        configsToSet = Collections.unmodifiableMap(new TreeMap<>(configsToSet));
    }
}
