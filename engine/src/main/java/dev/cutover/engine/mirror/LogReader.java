package dev.cutover.engine.mirror;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Walks one partition with a byte-array consumer to count records, not offsets: compaction,
 * transaction markers and aborted records leave offsets that hold no record a consumer sees.
 * The caller owns the consumer and chooses its isolation level.
 */
final class LogReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final Duration timeout;

    LogReader(Consumer<byte[], byte[]> consumer, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
    }

    /**
     * Counts the records in {@code [from, to)}, or empty when the reader could not get to
     * {@code to} within the timeout.
     */
    OptionalLong count(TopicPartition tp, long from, long to) {
        if (from >= to) {
            return OptionalLong.of(0);
        }
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        long count = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(tp) < to) {
            if (System.nanoTime() > deadline) {
                return OptionalLong.empty();
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                if (r.offset() >= from && r.offset() < to) {
                    count++;
                }
            }
        }
        return OptionalLong.of(count);
    }

    /**
     * The offset of the {@code n}-th record (1-based) at or after {@code from}, or empty when
     * fewer than {@code n} records arrive before {@code end} within the timeout.
     */
    OptionalLong offsetOfNth(TopicPartition tp, long from, long n, long end) {
        return offsetOfNth(tp, from, n, end, offset -> { });
    }

    /** As {@link #offsetOfNth(TopicPartition, long, long, long)}, telling {@code each} every record's offset on the way. */
    OptionalLong offsetOfNth(TopicPartition tp, long from, long n, long end, LongConsumer each) {
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        long seen = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(tp) < end && System.nanoTime() <= deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL).records(tp)) {
                if (r.offset() >= from) {
                    each.accept(r.offset());
                    if (++seen == n) {
                        return OptionalLong.of(r.offset());
                    }
                }
            }
        }
        return OptionalLong.empty();
    }
}
