package dev.cutover.engine.producers;

import dev.cutover.engine.controls.ClusterSide;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What the switch reads of the producers' topics on the two clusters: their partitions, their end
 * offsets and some of their records (read_committed). {@link ClusterSwitchTopics} asks the clusters;
 * a unit test gives a fake.
 */
public interface SwitchTopics {

    /** The partitions of {@code topics} (on the source; the topics gate made the target's the same). */
    List<TopicPartition> partitions(Collection<String> topics);

    /** The end offsets of {@code partitions} on {@code side}, in one request. */
    Map<TopicPartition, Long> ends(ClusterSide side, Collection<TopicPartition> partitions);

    /** The last {@code perPartition} records before {@code ends} (exclusive), never past them. */
    List<ConsumerRecord<byte[], byte[]>> last(ClusterSide side, Map<TopicPartition, Long> ends, int perPartition);

    /** Every record from {@code from} (per partition) to the end as it is now. */
    List<ConsumerRecord<byte[], byte[]>> from(ClusterSide side, Map<TopicPartition, Long> from);

    /**
     * Creates a compacted single-partition topic on {@code side} unless it exists: where a connector
     * that writes to that cluster keeps its offsets.
     */
    void ensureCompacted(ClusterSide side, String topic);
}
