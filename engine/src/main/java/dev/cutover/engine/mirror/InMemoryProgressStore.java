package dev.cutover.engine.mirror;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link MirrorProgressStore} in memory. For testing: it survives a mirror restart inside one
 * JVM but not a process crash; production code stores positions in the ledger.
 */
public final class InMemoryProgressStore implements MirrorProgressStore {

    private final Map<TopicPartition, CopyPosition> positions = new HashMap<>();
    private final List<CopyAnchor> anchors = new ArrayList<>();
    private int saves;

    @Override
    public synchronized Map<TopicPartition, CopyPosition> load() {
        return Map.copyOf(positions);
    }

    @Override
    public synchronized void save(Map<TopicPartition, CopyPosition> update, Collection<CopyAnchor> newAnchors) {
        anchors.addAll(newAnchors);
        positions.putAll(update);
        saves++;
    }

    /** How many times {@link #save} ran; for testing. */
    public synchronized int saves() {
        return saves;
    }

    /** Every anchor saved, in save order; for testing. */
    public synchronized List<CopyAnchor> anchors() {
        return List.copyOf(anchors);
    }
}
