package dev.cutover.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** When a producer wrote again on a cluster: the first record of its topic stamped at or after a moment. */
final class SourceWrites {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private SourceWrites() {
    }

    /**
     * @return the earliest timestamp (ms) at or after {@code fromMs} over the topic's partitions; waits
     *         for one to arrive (the producer writes on)
     */
    static long firstAtOrAfter(String bootstrap, String topic, long fromMs) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map((PartitionInfo p) -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long first = Long.MAX_VALUE;
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.timestamp() >= fromMs) {
                        first = Math.min(first, r.timestamp());
                    }
                }
                boolean atEnd = partitions.stream().allMatch(tp -> consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp));
                if (first != Long.MAX_VALUE && atEnd) {
                    return first;
                }
            }
            throw new IllegalStateException(topic + ": no record written at or after " + Instant.ofEpochMilli(fromMs)
                    + " within " + TIMEOUT.toSeconds() + " s");
        }
    }
}
