package dev.cutover.state;

/**
 * The mirror copied the source record at {@code sourceOffset} to {@code targetOffset}; the records
 * it copied next from that partition follow one for one until the next anchor.
 */
public record OffsetAnchor(String topic, int partition, long sourceOffset, long targetOffset) {
}
