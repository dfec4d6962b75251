package dev.cutover.engine.mirror;

import org.apache.kafka.common.TopicPartition;

/**
 * How many records of one source partition are still to copy.
 *
 * @param tp               the source topic-partition
 * @param records          records a read_committed consumer would still read in
 *                         {@code [nextSourceOffset, sourceEnd)}; an upper bound when {@code exact} is false
 * @param exact            true when counted by reading; false when the offset difference was too large
 *                         to read and is reported instead
 * @param sourceEnd        the last stable offset of the source partition when probed
 * @param nextSourceOffset the next source offset the mirror will copy
 */
public record PartitionLag(TopicPartition tp, long records, boolean exact, long sourceEnd, long nextSourceOffset) {

    /** True when nothing is left to copy, for certain. */
    public boolean caughtUp() {
        return exact && records == 0;
    }
}
