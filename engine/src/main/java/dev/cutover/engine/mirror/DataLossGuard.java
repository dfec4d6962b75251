package dev.cutover.engine.mirror;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.MirrorUtils;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Notices source records deleted before they were copied. MirrorSourceTask's consumer resets to
 * the earliest offset when its position fell off the log, so such records vanish silently.
 *
 * <p>For each partition the guard knows the next source offset it expects. A polled record
 * beyond it is a gap; gaps are normal (compaction, transaction markers, aborted records), so a
 * gap alone proves nothing. The guard then asks the source for its log start: if the log now
 * starts after the expected offset, the offsets in between were deleted, not compacted or
 * aborted, and the copy can never be complete: {@link MirrorDataLossException}. One request per
 * polled batch that has gaps, covering all its gapped partitions.
 *
 * <p>Used by one task thread only.
 */
final class DataLossGuard {

    /** The source log start offsets of these partitions; for testing, a map. */
    @FunctionalInterface
    interface LogStartLookup {
        Map<TopicPartition, Long> logStart(Collection<TopicPartition> partitions);
    }

    private final LogStartLookup lookup;
    private final Map<TopicPartition, Long> expected;

    /** {@code expected}: the next source offset of each partition the task copies. */
    DataLossGuard(LogStartLookup lookup, Map<TopicPartition, Long> expected) {
        this.lookup = lookup;
        this.expected = new HashMap<>(expected);
    }

    /**
     * Checks a polled batch before any of it is sent, then expects the offsets after it.
     *
     * @throws MirrorDataLossException naming the first partition found with deleted offsets
     */
    void check(List<SourceRecord> records) {
        Map<TopicPartition, Long> next = new HashMap<>();
        Map<TopicPartition, Long> gapAt = new LinkedHashMap<>();
        for (SourceRecord record : records) {
            TopicPartition tp = MirrorUtils.unwrapPartition(record.sourcePartition());
            long offset = sourceOffset(record);
            Long want = next.containsKey(tp) ? next.get(tp) : expected.get(tp);
            if (want != null && offset < want) {
                throw new MirrorException("source offsets of " + tp + " went backwards: expected " + want + ", read "
                        + offset + ". The source topic was recreated or truncated; copying on would duplicate records.");
            }
            if (want != null && offset > want && !gapAt.containsKey(tp)) {
                gapAt.put(tp, want);
            }
            next.put(tp, offset + 1);
        }
        if (!gapAt.isEmpty()) {
            Map<TopicPartition, Long> logStart = lookup.logStart(gapAt.keySet());
            gapAt.forEach((tp, want) -> {
                Long start = logStart.get(tp);
                if (start != null && start > want) {
                    throw new MirrorDataLossException(tp, want, start);
                }
            });
        }
        expected.putAll(next);
    }

    /** The {@code {"offset": N}} a MirrorSourceTask record carries. */
    static long sourceOffset(SourceRecord record) {
        Object offset = record.sourceOffset().get(MirrorUtils.OFFSET_KEY);
        return ((Number) offset).longValue();
    }
}
