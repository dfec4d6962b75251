package dev.cutover.plans.compile;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * @param overrides dynamic topic-level configs only (Kafka's DYNAMIC_TOPIC_CONFIG source), not
 *                  broker defaults, which differ between clusters for good reasons
 */
public record TopicSnapshot(String name, int partitions, short replicationFactor, Map<String, String> overrides) {

    public TopicSnapshot {
        overrides = Collections.unmodifiableMap(new TreeMap<>(overrides));
    }
}
