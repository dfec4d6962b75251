package dev.cutover.engine.rehearsal;

import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.consumers.RecordFingerprint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The committed records of one partition from an offset to its end now, as a rehearsal compares
 * them: offset, fingerprint (key, value, headers, timestamp) and the replay id if the plan names
 * its header. Read with {@code read_committed}, as the users' consumers read: transaction markers
 * and aborted records are not there.
 *
 * @param from the first offset asked for (the log start if retention removed it)
 */
record LogWindow(TopicPartition partition, long from, List<Entry> records) {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** One record: where it is and what it is. */
    record Entry(long offset, String fingerprint, String replayId) {
    }

    LogWindow {
        records = List.copyOf(records);
    }

    static LogWindow read(ClusterClients cluster, TopicPartition tp, long from, String replayHeader) throws RehearsalException {
        Map<String, Object> p = new HashMap<>(cluster.properties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "cutover-rehearsal-check-" + cluster.role());
        List<Entry> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, Math.max(0, from));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (consumer.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    throw new RehearsalException("could not read " + tp + " on the " + cluster.role() + " to offset " + end
                            + " within " + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200)).records(tp)) {
                    if (r.offset() < end) {
                        records.add(new Entry(r.offset(), RecordFingerprint.of(r), replayId(r, replayHeader)));
                    }
                }
            }
        }
        return new LogWindow(tp, from, records);
    }

    private static String replayId(ConsumerRecord<byte[], byte[]> r, String header) {
        if (header == null) {
            return null;
        }
        Header h = r.headers().lastHeader(header);
        return h == null || h.value() == null ? null : java.util.HexFormat.of().formatHex(h.value());
    }

    /** The records from {@code offset} on. */
    List<Entry> from(long offset) {
        return records.stream().filter(e -> e.offset() >= offset).toList();
    }

    /** The records before {@code offset}. */
    List<Entry> before(long offset) {
        return records.stream().filter(e -> e.offset() < offset).toList();
    }

    static List<String> fingerprints(List<Entry> entries) {
        return entries.stream().map(Entry::fingerprint).toList();
    }
}
