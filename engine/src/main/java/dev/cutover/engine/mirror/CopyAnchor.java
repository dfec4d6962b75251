package dev.cutover.engine.mirror;

import org.apache.kafka.common.TopicPartition;

/**
 * The mirror copied the record at {@code sourceOffset} of {@code partition} to {@code targetOffset}
 * of the same partition on the target; the records it copied next follow one for one until the
 * next anchor. Kept at the first record of every copy run and after every gap in source offsets,
 * it makes consumer offset translation exact without reading either log.
 */
public record CopyAnchor(TopicPartition partition, long sourceOffset, long targetOffset) {
}
