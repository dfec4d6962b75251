package dev.cutover.engine.mirror;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Durable home of the copy positions. {@link EmbeddedMirror} loads them once at start and saves
 * the full map periodically and on stop; a save replaces what was stored for the partitions it
 * names. Implementations must make a save atomic (all partitions or none) and durable before
 * returning: exact resume relies on every saved position having been acknowledged by the target.
 */
public interface MirrorProgressStore {

    /** The last saved positions; empty when nothing was saved yet. */
    Map<TopicPartition, CopyPosition> load();

    /** Stores these positions, replacing earlier ones of the same partitions. */
    void save(Map<TopicPartition, CopyPosition> positions);
}
