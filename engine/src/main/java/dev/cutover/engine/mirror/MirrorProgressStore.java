package dev.cutover.engine.mirror;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Durable home of the copy positions and offset anchors. {@link EmbeddedMirror} loads the
 * positions once at start and saves them periodically and on stop, with the anchors of the
 * records copied since the previous save; a save replaces what was stored for the partitions it
 * names. Implementations must make a save atomic (positions and anchors, all or none) and durable
 * before returning: exact resume relies on every saved position having been acknowledged by the
 * target, and exact offset translation on every copied record up to a saved position being
 * covered by a saved anchor.
 */
public interface MirrorProgressStore {

    /** The last saved positions; empty when nothing was saved yet. */
    Map<TopicPartition, CopyPosition> load();

    /** Stores these positions and anchors, replacing earlier positions of the same partitions. */
    void save(Map<TopicPartition, CopyPosition> positions, Collection<CopyAnchor> anchors);

    /** Stores positions that cover no new copied record (no anchors). */
    default void save(Map<TopicPartition, CopyPosition> positions) {
        save(positions, List.of());
    }
}
