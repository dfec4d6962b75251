package dev.cutover.engine.consumers;

import dev.cutover.engine.clusters.ClusterClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads single records of one cluster by offset, for translating and verifying group offsets: a
 * consumer outside any group that fetches little, so each lookup is one small fetch. Safe to share
 * between threads (move-consumers moves several groups at once): a partition's consumer serves one
 * lookup at a time, lookups on different partitions run side by side.
 */
final class RecordLookup implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Map<String, Object> properties;
    /**
     * One consumer per partition, assigned once: moving one consumer from partition to partition
     * made every lookup pay for a new assignment (position validation, a discarded fetch).
     */
    private final Map<TopicPartition, KafkaConsumer<byte[], byte[]>> consumers = new ConcurrentHashMap<>();

    /** @param isolation read_committed to see what a group sees; read_uncommitted to read a mirror's copies as they are */
    RecordLookup(ClusterClients clients, String isolation) {
        Map<String, Object> p = new HashMap<>(clients.properties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "cutover-offset-lookup-" + clients.role());
        this.properties = p;
    }

    private KafkaConsumer<byte[], byte[]> consumer(TopicPartition tp) {
        return consumers.computeIfAbsent(tp, key -> {
            KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            c.assign(List.of(key));
            return c;
        });
    }

    /** The first record at or after {@code from} and before {@code end}, if any. */
    Optional<ConsumerRecord<byte[], byte[]>> firstAtOrAfter(TopicPartition tp, long from, long end) throws TranslationException {
        if (from >= end) {
            return Optional.empty();
        }
        KafkaConsumer<byte[], byte[]> consumer = consumer(tp);
        synchronized (consumer) {
            return read(consumer, tp, from, end);
        }
    }

    private static Optional<ConsumerRecord<byte[], byte[]>> read(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp,
                                                                 long from, long end) throws TranslationException {
        consumer.seek(tp, from);
        // The machine's clock, not a gate's Time: the waiting is consumer.poll's, which blocks in real time.
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (consumer.position(tp) < end) {
            if (System.nanoTime() > deadline) {
                throw new TranslationException("could not read " + tp + " from offset " + from + " within "
                        + READ_TIMEOUT.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL).records(tp)) {
                if (r.offset() >= from) {
                    return r.offset() < end ? Optional.of(r) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The record at exactly {@code offset}, if one is there. */
    Optional<ConsumerRecord<byte[], byte[]>> at(TopicPartition tp, long offset) throws TranslationException {
        return firstAtOrAfter(tp, offset, offset + 1).filter(r -> r.offset() == offset);
    }

    @Override
    public void close() {
        consumers.values().forEach(KafkaConsumer::close);
        consumers.clear();
    }
}
