package dev.cutover.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What makes a copy correct: every record there once (end offsets sum) and per-partition order kept. */
final class Verification {

    private Verification() {
    }

    static long endOffsetsSum(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int i = 0; i < LoadGenerator.PARTITIONS; i++) {
                request.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset()).sum();
        }
    }

    /** Partition 0's records, key and value, in the same order on both sides. */
    static boolean samePartitionOrder(String source, String target, String topic) {
        return fingerprints(source, topic).equals(fingerprints(target, topic));
    }

    private static List<Integer> fingerprints(String bootstrap, String topic) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        // The connect engine's target holds transactions (exactly-once): what a committed reader sees.
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        TopicPartition tp = new TopicPartition(topic, 0);
        List<Integer> result = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp); // read_committed: the last stable offset
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    result.add(31 * Arrays.hashCode(r.key()) + Arrays.hashCode(r.value()));
                }
            }
        }
        return result;
    }

    /** Deletes {@code topic} on the cluster if present and creates it empty again. */
    static void recreate(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            if (admin.listTopics().names().get().contains(topic)) {
                admin.deleteTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
                long deadline = System.currentTimeMillis() + 30_000;
                while (admin.listTopics().names().get().contains(topic)) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException(topic + " was not deleted within 30 s");
                    }
                    Thread.sleep(100); // topic deletion is asynchronous; poll with a deadline
                }
            }
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                LoadGenerator.createTopic(bootstrap, topic);
                return;
            } catch (Exception e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(200); // the broker may still be removing the old log
            }
        }
    }
}
