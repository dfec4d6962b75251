package dev.cutover.engine.producers;

import dev.cutover.engine.clusters.ClusterClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads records of some partitions from given offsets, to their current end or to given ends (read_committed). */
final class TopicTail {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicTail() {
    }

    /** Every record from {@code from} (per partition) to the end as it is now. */
    static List<ConsumerRecord<byte[], byte[]>> read(ClusterClients clients, Map<TopicPartition, Long> from) {
        return between(clients, from, Map.of());
    }

    /**
     * The last {@code perPartition} records before {@code ends} (exclusive; fewer where the log is
     * shorter), never past them: once the reverse mirror runs, the source holds copies of the
     * target's new records above the switch point, and a check of what the source held at the switch
     * must not see them.
     */
    static List<ConsumerRecord<byte[], byte[]>> last(ClusterClients clients, Map<TopicPartition, Long> ends, int perPartition) {
        Map<TopicPartition, Long> from = new HashMap<>();
        ends.forEach((tp, end) -> from.put(tp, Math.max(0, end - perPartition)));
        return between(clients, from, ends);
    }

    /** From {@code from} to {@code until} (exclusive) where given, else to the end as it is now. */
    private static List<ConsumerRecord<byte[], byte[]>> between(ClusterClients clients, Map<TopicPartition, Long> from,
                                                                Map<TopicPartition, Long> until) {
        Map<String, Object> props = clients.properties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "cutover-tail-reader");
        // It reads records that are there already: a fetch for a partition already read to its end must
        // come back at once, not be held for new data (the default 500 ms, paid inside the write pause).
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>(from.keySet());
            consumer.assign(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            until.forEach((tp, end) -> ends.merge(tp, end, Math::min));
            from.forEach((tp, offset) -> consumer.seek(tp, Math.max(offset, starts.get(tp))));
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + partitions + " to their end within " + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                }
            }
        }
        return records;
    }

}
