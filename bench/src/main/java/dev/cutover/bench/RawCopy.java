package dev.cutover.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling: one consumer and one producer copying the topic partition for partition, with the
 * mirror's producer settings (idempotent, acks=all, linger 20 ms, batch 256 KiB, 5 in flight).
 */
final class RawCopy {

    private RawCopy() {
    }

    static CopyResult run(String source, String target, String topic, String targetTopic, long records, int round) throws Exception {
        LoadGenerator.createTopic(target, targetTopic);
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, source);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(50 * 1024 * 1024));
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        AtomicLong acked = new AtomicLong();
        AtomicLong firstAck = new AtomicLong();
        double cpu = Cpu.seconds();
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int i = 0; i < LoadGenerator.PARTITIONS; i++) {
                partitions.add(new TopicPartition(topic, i));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long sent = 0;
            while (sent < records) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    producer.send(new ProducerRecord<>(targetTopic, r.partition(), r.timestamp(), r.key(), r.value(), r.headers()),
                            (m, e) -> {
                                if (e == null && acked.incrementAndGet() == 1) {
                                    firstAck.set(System.nanoTime());
                                }
                            });
                    sent++;
                }
            }
            producer.flush();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        boolean correct = acked.get() == records && Verification.endOffsetsSum(target, targetTopic) == records;
        return new CopyResult("raw copy", round, records, records * LoadGenerator.VALUE_BYTES, millis,
                (firstAck.get() - start) / 1_000_000, Cpu.seconds() - cpu, correct, "");
    }
}
