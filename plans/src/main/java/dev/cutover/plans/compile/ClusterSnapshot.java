package dev.cutover.plans.compile;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the engine saw on one cluster, read-only, when it compiled or re-checked the plan. Gathered
 * by the engine; compiled here without any Kafka I/O.
 *
 * @param topics by name
 * @param groups by group id
 */
public record ClusterSnapshot(
        String clusterId, int brokerCount, Map<String, TopicSnapshot> topics, Map<String, GroupSnapshot> groups) {

    public ClusterSnapshot {
        // Sorted so everything derived from a snapshot comes out in a stable order.
        topics = Collections.unmodifiableMap(new TreeMap<>(topics));
        groups = Collections.unmodifiableMap(new TreeMap<>(groups));
    }
}
