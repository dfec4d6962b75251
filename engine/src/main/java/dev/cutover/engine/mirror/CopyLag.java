package dev.cutover.engine.mirror;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What a wait for the mirror asks about the side copied from: cheaply how many offsets are left,
 * and, when offsets stay behind, how many of them are records. {@link LagProbe} answers from the
 * cluster; a test answers from a script (for testing).
 */
public interface CopyLag {

    /** Offsets between each copy position and its partition's last stable offset, 0 when none. */
    Map<TopicPartition, Long> offsetsBehind(Map<TopicPartition, CopyPosition> positions);

    /** Records left to copy on each partition, counted exactly where that is cheap enough. */
    List<PartitionLag> probe(Map<TopicPartition, CopyPosition> positions);
}
