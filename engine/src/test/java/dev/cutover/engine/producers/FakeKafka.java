package dev.cutover.engine.producers;

import dev.cutover.engine.controls.ClusterSide;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Two clusters' worth of one-partition topics in memory: records appended with a replay-id
 * header, read back by offset. The switch reads it through {@link SwitchTopics}.
 */
final class FakeKafka implements SwitchTopics {

    static final String HEADER = "sfdc.replayId";

    private final Map<ClusterSide, Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>>> logs = new EnumMap<>(ClusterSide.class);
    private int endReads;

    FakeKafka() {
        logs.put(ClusterSide.SOURCE, new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString)));
        logs.put(ClusterSide.TARGET, new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString)));
    }

    synchronized void createTopic(String topic) {
        logs.values().forEach(l -> l.putIfAbsent(new TopicPartition(topic, 0), new ArrayList<>()));
    }

    /** Appends an event carrying {@code replayId}, as a producer writes one. */
    synchronized void write(ClusterSide side, String topic, String replayId, long timestamp) {
        append(side, new TopicPartition(topic, 0), replayId.getBytes(StandardCharsets.UTF_8), timestamp);
    }

    /** Appends a copy of {@code record}, as the mirror writes one. */
    synchronized void copy(ClusterSide to, ConsumerRecord<byte[], byte[]> record) {
        append(to, new TopicPartition(record.topic(), record.partition()), record.headers().lastHeader(HEADER).value(),
                record.timestamp());
    }

    private void append(ClusterSide side, TopicPartition tp, byte[] id, long timestamp) {
        List<ConsumerRecord<byte[], byte[]>> log = logs.get(side).get(tp);
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER, id);
        log.add(new ConsumerRecord<>(tp.topic(), tp.partition(), log.size(), timestamp, TimestampType.CREATE_TIME,
                0, 0, null, id, headers, java.util.Optional.empty()));
    }

    /** The replay ids on {@code side} of {@code topic}, in offset order. */
    synchronized List<String> ids(ClusterSide side, String topic) {
        return logs.get(side).get(new TopicPartition(topic, 0)).stream()
                .map(r -> new String(r.headers().lastHeader(HEADER).value(), StandardCharsets.UTF_8)).toList();
    }

    synchronized List<ConsumerRecord<byte[], byte[]>> log(ClusterSide side, TopicPartition tp) {
        return List.copyOf(logs.get(side).get(tp));
    }

    synchronized int endReads() {
        return endReads;
    }

    @Override
    public synchronized List<TopicPartition> partitions(Collection<String> topics) {
        return new java.util.TreeSet<>(topics).stream().map(t -> new TopicPartition(t, 0))
                .filter(logs.get(ClusterSide.SOURCE)::containsKey).toList();
    }

    @Override
    public synchronized Map<TopicPartition, Long> ends(ClusterSide side, Collection<TopicPartition> partitions) {
        endReads++;
        Map<TopicPartition, Long> ends = new HashMap<>();
        partitions.forEach(tp -> ends.put(tp, (long) logs.get(side).get(tp).size()));
        return ends;
    }

    @Override
    public synchronized List<ConsumerRecord<byte[], byte[]>> last(ClusterSide side, Map<TopicPartition, Long> ends, int perPartition) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        ends.forEach((tp, end) -> {
            List<ConsumerRecord<byte[], byte[]>> log = logs.get(side).get(tp);
            int to = (int) Math.min(end, log.size());
            records.addAll(log.subList(Math.max(0, to - perPartition), to));
        });
        return records;
    }

    @Override
    public synchronized List<ConsumerRecord<byte[], byte[]>> from(ClusterSide side, Map<TopicPartition, Long> from) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        from.forEach((tp, offset) -> {
            List<ConsumerRecord<byte[], byte[]>> log = logs.get(side).get(tp);
            records.addAll(log.subList((int) Math.min(offset, log.size()), log.size()));
        });
        return records;
    }

    @Override
    public void ensureCompacted(ClusterSide side, String topic) {
    }
}
