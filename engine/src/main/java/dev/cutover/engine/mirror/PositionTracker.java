package dev.cutover.engine.mirror;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.common.TopicPartition;

/**
 * The last position acknowledged by the target, per source partition, and the offset anchors not
 * saved yet. Producer callbacks (on the producer's I/O thread) advance it; the saver and
 * {@link EmbeddedMirror#positions()} read it.
 *
 * <p>The idempotent producer acknowledges the records of one partition in send order, so the
 * latest acknowledgement covers every earlier record of that partition. After a send failure on a
 * partition its position freezes: later acknowledgements could hide the hole.
 *
 * <p>An anchor is queued before the position that covers its record is published, and a snapshot
 * reads the positions before it takes the anchors: a saved position never gets ahead of the
 * anchors of the records it covers.
 */
final class PositionTracker {

    private final Map<TopicPartition, CopyPosition> positions = new ConcurrentHashMap<>();
    private final Set<TopicPartition> frozen = ConcurrentHashMap.newKeySet();
    private final Set<TopicPartition> anchored = ConcurrentHashMap.newKeySet();
    private final Queue<CopyAnchor> unsaved = new ConcurrentLinkedQueue<>();

    /** What one save stores. */
    record Snapshot(Map<TopicPartition, CopyPosition> positions, List<CopyAnchor> anchors) {
    }

    PositionTracker(Map<TopicPartition, CopyPosition> start) {
        positions.putAll(start);
    }

    void acked(TopicPartition tp, long sourceOffset, long targetOffset) {
        if (frozen.contains(tp)) {
            return;
        }
        CopyPosition previous = positions.get(tp);
        // The first record of this run is anchored (its predecessor may have been copied by an earlier
        // run whose last anchors were re-derived on resume); after that only breaks in the one-for-one run.
        if (anchored.add(tp) || previous == null || previous.nextSourceOffset() != sourceOffset
                || previous.nextTargetOffset() != targetOffset) {
            unsaved.add(new CopyAnchor(tp, sourceOffset, targetOffset));
        }
        positions.put(tp, new CopyPosition(sourceOffset + 1, targetOffset + 1));
    }

    void failed(TopicPartition tp) {
        frozen.add(tp);
    }

    Map<TopicPartition, CopyPosition> positions() {
        return Map.copyOf(positions);
    }

    /** The positions, then every anchor queued so far (which covers every record those positions include). */
    Snapshot snapshot() {
        Map<TopicPartition, CopyPosition> copy = Map.copyOf(positions);
        List<CopyAnchor> anchors = new ArrayList<>();
        for (CopyAnchor a = unsaved.poll(); a != null; a = unsaved.poll()) {
            anchors.add(a);
        }
        return new Snapshot(copy, anchors);
    }

    /** A save failed: its anchors go back, to be saved with the next one. */
    void unsaved(Collection<CopyAnchor> anchors) {
        unsaved.addAll(anchors);
    }
}
