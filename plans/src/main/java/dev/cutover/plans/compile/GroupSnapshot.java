package dev.cutover.plans.compile;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * @param committed topic -> partition -> committed offset
 * @param lag       total lag over the committed partitions; -1 when unknown
 */
public record GroupSnapshot(
        String groupId, String state, int members, Map<String, Map<Integer, Long>> committed, long lag) {

    public static final long UNKNOWN_LAG = -1;

    public GroupSnapshot {
        TreeMap<String, Map<Integer, Long>> copy = new TreeMap<>();
        committed.forEach((topic, offsets) -> copy.put(topic, Collections.unmodifiableMap(new TreeMap<>(offsets))));
        committed = Collections.unmodifiableMap(copy);
    }
}
