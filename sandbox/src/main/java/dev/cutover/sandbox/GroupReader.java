package dev.cutover.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a consumer group reads, for proving a group move: the records it has not read yet on one
 * cluster (from its commits, or from the start where it never committed), and what a real member
 * of the group reads on another cluster. Records are compared by content (key, value, headers,
 * timestamp), partition by partition, so one re-read or skipped record shows.
 */
public final class GroupReader {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private GroupReader() {
    }

    /** The records of {@code topic} the group has not read on {@code cluster}, by partition (read_committed). */
    public static Map<Integer, List<String>> unread(SandboxCluster cluster, String group, String topic) {
        try (Admin admin = cluster.admin()) {
            Map<TopicPartition, OffsetAndMetadata> commits = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, Long> from = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                OffsetAndMetadata c = commits.get(new TopicPartition(topic, p));
                from.put(new TopicPartition(topic, p), c == null ? 0L : c.offset()); // as auto.offset.reset=earliest
            }
            return byPartition(readFrom(cluster.bootstrapServers(), from));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted", e);
        } catch (ExecutionException e) {
            throw new SandboxException("could not read group " + group + ": " + e.getCause().getMessage(), e);
        }
    }

    /** Joins the group on {@code bootstrap} (earliest where uncommitted, read_committed) and reads to the end, committing nothing. */
    public static Map<Integer, List<String>> readAsMember(String bootstrap, String group, String topic) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (true) {
                c.poll(Duration.ofMillis(200)).forEach(records::add);
                if (!c.assignment().isEmpty()) {
                    Map<TopicPartition, Long> ends = c.endOffsets(c.assignment());
                    if (c.assignment().stream().allMatch(tp -> c.position(tp) >= ends.get(tp))) {
                        return byPartition(records);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new SandboxException("group " + group + " did not reach the end of " + topic + " on " + bootstrap
                            + " within " + READ_TIMEOUT.toSeconds() + " s");
                }
            }
        }
    }

    /**
     * Every committed record of these partitions from the given offsets to their ends now, read outside
     * any group. An offset below the log start (retention removed the head) reads from the log start,
     * as a consumer with {@code auto.offset.reset=earliest} would.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readFrom(String bootstrap, Map<TopicPartition, Long> from) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(from.keySet());
            from.forEach(c::seek);
            Map<TopicPartition, Long> ends = c.endOffsets(from.keySet());
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (from.keySet().stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new SandboxException("could not read " + from.keySet() + " to the end on " + bootstrap);
                }
                c.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Each record as "key|value|headers|timestamp" (base64), by partition, in offset order. */
    private static Map<Integer, List<String>> byPartition(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, List<String>> result = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            result.computeIfAbsent(r.partition(), k -> new ArrayList<>()).add(content(r));
        }
        return result;
    }

    private static String content(ConsumerRecord<byte[], byte[]> r) {
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder s = new StringBuilder();
        s.append(r.key() == null ? "-" : b64.encodeToString(r.key())).append('|');
        s.append(r.value() == null ? "-" : b64.encodeToString(r.value())).append('|');
        for (Header h : r.headers()) {
            s.append(h.key()).append('=').append(h.value() == null ? "-" : b64.encodeToString(h.value())).append(',');
        }
        return s.append('|').append(r.timestamp()).toString();
    }
}
