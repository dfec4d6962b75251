package dev.cutover.engine.triggers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a consumer group stands on the target: for each partition it has committed an offset for
 * (only those of {@code topic} when the trigger names one), the committed offset and the end.
 *
 * <p>The end is the last stable offset, what a read_committed consumer can reach, because it costs
 * the same single request as the log end and does not count records of still-open transactions as
 * lag. The difference is still counted in offsets, not records: transaction markers and aborted
 * records count too, so on a transactional topic the lag is an upper bound by a few offsets. That
 * is fine against a threshold of thousands; {@code LagProbe} counts exactly when exactness matters.
 *
 * <p>Partitions the group never committed are left out, as {@code kafka-consumer-groups} shows
 * them without a lag: where the group would start there depends on its {@code auto.offset.reset}.
 *
 * @param partitions sorted by topic, then partition
 */
record GroupBacklog(String group, List<PartitionBacklog> partitions) {

    /** One partition: committed offset and last stable offset. */
    record PartitionBacklog(TopicPartition partition, long committed, long end) {

        /** Offsets past the commit; 0 when the commit is at (or, after a truncation, past) the end. */
        long lag() {
            return Math.max(0, end - committed);
        }
    }

    GroupBacklog {
        partitions = List.copyOf(partitions);
    }

    /** Reads the group's commits and the ends of their partitions; {@code topic} may be null (all topics). */
    static GroupBacklog read(TargetOffsets offsets, String group, String topic) throws TriggerException {
        Map<TopicPartition, Long> committed = offsets.committed(group);
        if (topic != null) {
            committed.keySet().removeIf(tp -> !tp.topic().equals(topic));
        }
        Map<TopicPartition, Long> ends = offsets.lastStable(committed.keySet());
        List<PartitionBacklog> out = new ArrayList<>();
        committed.forEach((tp, offset) -> {
            // A commit for a topic deleted from the target has no end: nothing there to consume.
            if (ends.containsKey(tp)) {
                out.add(new PartitionBacklog(tp, offset, ends.get(tp)));
            }
        });
        out.sort(Comparator.comparing((PartitionBacklog p) -> p.partition().topic())
                .thenComparingInt(p -> p.partition().partition()));
        return new GroupBacklog(group, out);
    }

    long totalLag() {
        return partitions.stream().mapToLong(PartitionBacklog::lag).sum();
    }

    /** The partitions with something unconsumed. */
    List<PartitionBacklog> behind() {
        return partitions.stream().filter(p -> p.lag() > 0).toList();
    }
}
