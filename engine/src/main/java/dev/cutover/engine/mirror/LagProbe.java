package dev.cutover.engine.mirror;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Mirror lag in records, correct on topics whose offsets have gaps. The naive
 * {@code end - nextSourceOffset} counts offsets: on a compacted topic, or one written by
 * transactional producers (commit/abort markers, aborted records), a fully copied partition would
 * never reach 0. Instead the probe compares with the last stable offset (what read_committed can
 * see) and, when the difference is at most {@code exactCap}, reads the range with a read_committed
 * consumer and counts records. Larger differences are reported as offsets, flagged inexact: an
 * upper bound, good enough while far behind.
 *
 * <p>The probe keeps one admin client and one consumer across calls (a drain probes ten times a
 * second, and creating them each time cost more than the probe); close it when done.
 */
public final class LagProbe implements CopyLag, AutoCloseable {

    /** Default largest offset difference that is read to count exactly. */
    public static final long DEFAULT_EXACT_CAP = 50_000;

    private final Map<String, Object> sourceClientProps;
    private final long exactCap;
    private final Duration readTimeout;
    private Admin admin;
    private KafkaConsumer<byte[], byte[]> reader;

    public LagProbe(Map<String, Object> sourceClientProps) {
        this(sourceClientProps, DEFAULT_EXACT_CAP, Duration.ofSeconds(30));
    }

    public LagProbe(Map<String, Object> sourceClientProps, long exactCap, Duration readTimeout) {
        this.sourceClientProps = Map.copyOf(sourceClientProps);
        this.exactCap = exactCap;
        this.readTimeout = readTimeout;
    }

    /**
     * Offsets between each partition's copy position and its last stable offset, without reading
     * records: one admin request. 0 everywhere means fully copied; more may still be only
     * transaction markers, which {@link #probe} tells apart.
     */
    @Override
    public Map<TopicPartition, Long> offsetsBehind(Map<TopicPartition, CopyPosition> positions) {
        open();
        Map<TopicPartition, Long> stable = Offsets.lastStable(admin, positions.keySet());
        Map<TopicPartition, Long> behind = new java.util.HashMap<>();
        positions.forEach((tp, p) -> behind.put(tp, Math.max(0, stable.get(tp) - p.nextSourceOffset())));
        return behind;
    }

    /** Lag of each partition of {@code positions}, sorted by topic then partition. */
    @Override
    public List<PartitionLag> probe(Map<TopicPartition, CopyPosition> positions) {
        Map<TopicPartition, Long> next = new java.util.HashMap<>();
        positions.forEach((tp, p) -> next.put(tp, p.nextSourceOffset()));
        return probeFrom(next);
    }

    /** Lag of each partition from its next source offset to copy, sorted by topic then partition. */
    public List<PartitionLag> probeFrom(Map<TopicPartition, Long> nextSourceOffsets) {
        List<TopicPartition> tps = new ArrayList<>(nextSourceOffsets.keySet());
        tps.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        List<PartitionLag> out = new ArrayList<>();
        if (tps.isEmpty()) {
            return out;
        }
        if (admin == null) {
            admin = Admin.create(MirrorTaskConfigs.admin(sourceClientProps, "cutover-lag-probe-admin"));
            reader = new KafkaConsumer<>(MirrorTaskConfigs.readCommittedConsumer(sourceClientProps, "cutover-lag-probe"));
        }
        {
            Map<TopicPartition, Long> stable = Offsets.lastStable(admin, tps);
            LogReader logReader = new LogReader(reader, readTimeout);
            for (TopicPartition tp : tps) {
                long next = nextSourceOffsets.get(tp);
                long end = stable.get(tp);
                long diff = end - next;
                if (diff <= 0) {
                    out.add(new PartitionLag(tp, 0, true, end, next));
                } else if (diff > exactCap) {
                    out.add(new PartitionLag(tp, diff, false, end, next));
                } else {
                    OptionalLong counted = logReader.count(tp, next, end);
                    out.add(counted.isPresent()
                            ? new PartitionLag(tp, counted.getAsLong(), true, end, next)
                            : new PartitionLag(tp, diff, false, end, next));
                }
            }
        }
        return out;
    }

    /**
     * Opens the clients and asks for these partitions' offsets once, so a later wait does not pay
     * for the first connection and metadata (switch-producers connects before the first stop).
     * Returns their last stable offsets.
     */
    public Map<TopicPartition, Long> connect(Collection<TopicPartition> partitions) {
        open();
        return Offsets.lastStable(admin, partitions);
    }

    private void open() {
        if (admin == null) {
            admin = Admin.create(MirrorTaskConfigs.admin(sourceClientProps, "cutover-lag-probe-admin"));
            reader = new KafkaConsumer<>(MirrorTaskConfigs.readCommittedConsumer(sourceClientProps, "cutover-lag-probe"));
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            admin.close();
            reader = null;
            admin = null;
        }
    }
}
