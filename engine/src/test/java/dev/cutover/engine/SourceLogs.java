package dev.cutover.engine;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes source topics shaped to have offset gaps: plain, transactional with an abort, compacted. */
final class SourceLogs {

    private SourceLogs() {
    }

    private static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return p;
    }

    /** {@code count} records over {@code keys} record ids, values numbered so order is visible. */
    static void produce(String bootstrap, String topic, int count, int keys) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(bootstrap), new StringSerializer(), new StringSerializer())) {
            String run = Long.toString(System.nanoTime(), 36);
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "001R" + (i % keys), "{\"seq\":" + i + ",\"run\":\"" + run + "\"}"));
            }
            producer.flush();
        }
    }

    /** 50 committed, 30 aborted, 20 committed: offsets with aborted records and markers. */
    static void produceTransactions(String bootstrap, String topic) {
        Properties p = producerProps(bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "txn-" + System.nanoTime());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            int[][] batches = {{50, 1}, {30, 0}, {20, 1}};
            int seq = 0;
            for (int[] batch : batches) {
                producer.beginTransaction();
                for (int i = 0; i < batch[0]; i++, seq++) {
                    producer.send(new ProducerRecord<>(topic, "k" + (seq % 7), (batch[1] == 1 ? "committed-" : "aborted-") + seq));
                }
                if (batch[1] == 1) {
                    producer.commitTransaction();
                } else {
                    producer.flush();
                    producer.abortTransaction();
                }
            }
        }
    }

    /** Overwrites keys until the log cleaner has removed superseded records, leaving offset gaps. */
    static void produceCompactedWithGaps(String bootstrap, String topic) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(bootstrap), new StringSerializer(), new StringSerializer())) {
            int[] round = {0};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
                for (int k = 0; k < 20; k++) {
                    producer.send(new ProducerRecord<>(topic, "key-" + k, "v" + round[0] + "-" + k));
                }
                producer.send(new ProducerRecord<>(topic, "key-deleted-" + round[0], null));
                producer.flush();
                round[0]++;
                long records = TopicRecords.readCommitted(bootstrap, topic).get(0).size();
                long offsets = endOffset(bootstrap, topic);
                return offsets - records > 40; // the cleaner has removed records: offsets have gaps
            });
        }
    }

    static long endOffset(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get().get(tp).offset();
        }
    }
}
