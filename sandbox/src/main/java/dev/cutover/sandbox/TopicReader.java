package dev.cutover.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a whole topic as a downstream consumer would see it: from the beginning to the end that
 * is current when reading starts, committed records only (read_committed, so the end is the last
 * stable offset). Uses its own group-less consumer, so it commits nothing and moves no group.
 */
public final class TopicReader {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private TopicReader() {
    }

    /** Every committed record of {@code topic}, in offset order within each partition, partitions in order. */
    public static List<TopicRecord> readAll(String bootstrap, String topic) {
        return readAll(bootstrap, topic, Map.of(), DEFAULT_TIMEOUT);
    }

    /** As {@link #readAll(String, String)}, with extra client properties and a deadline. */
    public static List<TopicRecord> readAll(String bootstrap, String topic, Map<String, Object> clientProperties,
                                            Duration timeout) {
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "cutover-topic-reader");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                    .collect(Collectors.toList());
            if (partitions.isEmpty()) {
                throw new SandboxException("topic " + topic + " does not exist on " + bootstrap);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, List<TopicRecord>> byPartition = new HashMap<>();
            partitions.forEach(tp -> byPartition.put(tp, new ArrayList<>()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, partitions, end)) {
                if (System.nanoTime() > deadline) {
                    throw new SandboxException("reading " + topic + " on " + bootstrap + " did not reach offsets "
                            + end + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < end.get(tp)) {
                        byPartition.get(tp).add(toRecord(r));
                    }
                }
            }
            List<TopicRecord> all = new ArrayList<>();
            partitions.forEach(tp -> all.addAll(byPartition.get(tp)));
            return all;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
                                      Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            // position() moves past transaction markers too, so it does reach the end offset.
            if (consumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    static TopicRecord toRecord(ConsumerRecord<byte[], byte[]> r) {
        Header replay = r.headers().lastHeader(BridgeProducer.REPLAY_ID_HEADER);
        return new TopicRecord(r.topic(), r.partition(), r.offset(),
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                replay == null ? null : replay.value(),
                r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
    }
}
