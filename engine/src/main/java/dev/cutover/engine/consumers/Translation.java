package dev.cutover.engine.consumers;

import org.apache.kafka.common.TopicPartition;

/**
 * One committed offset translated: the group's next record on the source ({@code nextSourceRecord},
 * the first record at or after the committed offset, or -1 when the group was at the end) is the
 * record at {@code targetOffset} on the target, proven by equal fingerprints.
 *
 * @param note why the next record is not at the committed offset itself, or null
 */
public record Translation(TopicPartition partition, long committed, long nextSourceRecord, long targetOffset,
                          String fingerprint, String note) {

    public boolean atEnd() {
        return nextSourceRecord < 0;
    }
}
