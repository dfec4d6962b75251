package dev.cutover.engine.triggers;

import static org.awaitility.Awaitility.await;

import dev.cutover.sandbox.SandboxCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Topics, records and consumer-group commits on a sandbox cluster playing the target. */
final class TargetTraffic {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    private final SandboxCluster cluster;
    private final Admin admin;

    TargetTraffic(SandboxCluster cluster, Admin admin) {
        this.cluster = cluster;
        this.admin = admin;
    }

    /** Creates the topic; returns once every partition answers at its leader. */
    void createTopic(String topic, int partitions) {
        cluster.createTopic(topic, partitions);
    }

    void deleteTopic(String topic) throws Exception {
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        await().atMost(DEADLINE).until(() -> !admin.listTopics().names().get(5, TimeUnit.SECONDS).contains(topic));
    }

    /** Writes {@code count} records to one partition, all with the given timestamp, and waits for the acks. */
    void produce(String topic, int partition, long timestamp, int count) throws Exception {
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, timestamp, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Writes {@code count} records with the given timestamp in one transaction, aborts it, and waits
     * until the abort marker is written: the coordinator writes it after {@code abortTransaction}
     * returns, and until then the partition's last stable offset stays at the transaction's start.
     */
    void produceAborted(String topic, int partition, long timestamp, int count) throws Exception {
        try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "aborter-" + topic))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, timestamp, "aborted" + i, "aborted" + i));
            }
            producer.flush();
            producer.abortTransaction();
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        await().atMost(DEADLINE).until(() -> end(tp, IsolationLevel.READ_COMMITTED) == end(tp, IsolationLevel.READ_UNCOMMITTED));
    }

    private long end(TopicPartition tp, IsolationLevel isolation) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest()), new ListOffsetsOptions(isolation))
                .all().get(5, TimeUnit.SECONDS).get(tp).offset();
    }

    /**
     * A consumer of the group subscribes to the topic, consumes {@code count} records and commits
     * right after the last of them (per partition), as an application would.
     */
    void consumeAndCommit(String group, String topic, int count) {
        Map<String, Object> p = cluster.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            int[] consumed = {0};
            await().atMost(DEADLINE).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    if (consumed[0] < count) {
                        consumed[0]++;
                        next.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    }
                }
                return consumed[0] == count;
            });
            consumer.commitSync(next);
        }
    }

    /** The group commits {@code offset} on one partition (a consumer with manual assignment, as a batch job would). */
    void commit(String group, TopicPartition partition, long offset) {
        Map<String, Object> p = cluster.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }

    private KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Map<String, Object> p = cluster.clientProperties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.putAll(extra);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
