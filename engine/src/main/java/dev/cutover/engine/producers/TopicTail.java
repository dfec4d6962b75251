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

/** Reads records between given offsets and the current end of some partitions (read_committed). */
final class TopicTail {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicTail() {
    }

    /** Every record from {@code from} (per partition) to the end as it is now. */
    static List<ConsumerRecord<byte[], byte[]>> read(ClusterClients clients, Map<TopicPartition, Long> from) {
        Map<String, Object> props = clients.properties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "cutover-tail-reader");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>(from.keySet());
            consumer.assign(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
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

    /** The last {@code perPartition} records of each partition (fewer where the log is shorter). */
    static List<ConsumerRecord<byte[], byte[]>> last(ClusterClients clients, Map<TopicPartition, Long> ends, int perPartition) {
        Map<TopicPartition, Long> from = new HashMap<>();
        ends.forEach((tp, end) -> from.put(tp, Math.max(0, end - perPartition)));
        return read(clients, from);
    }
}
