package dev.cutover.engine.mirror;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The last position acknowledged by the target, per source partition. Producer callbacks (on the
 * producer's I/O thread) advance it; the saver and {@link EmbeddedMirror#positions()} read it.
 *
 * <p>The idempotent producer acknowledges the records of one partition in send order, so the
 * latest acknowledgement covers every earlier record of that partition. After a send failure on a
 * partition its position freezes: later acknowledgements could hide the hole.
 */
final class PositionTracker {

    private final Map<TopicPartition, CopyPosition> positions = new ConcurrentHashMap<>();
    private final Set<TopicPartition> frozen = ConcurrentHashMap.newKeySet();

    PositionTracker(Map<TopicPartition, CopyPosition> start) {
        positions.putAll(start);
    }

    void acked(TopicPartition tp, long sourceOffset, long targetOffset) {
        if (!frozen.contains(tp)) {
            positions.put(tp, new CopyPosition(sourceOffset + 1, targetOffset + 1));
        }
    }

    void failed(TopicPartition tp) {
        frozen.add(tp);
    }

    Map<TopicPartition, CopyPosition> snapshot() {
        return Map.copyOf(positions);
    }
}
