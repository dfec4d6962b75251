package dev.cutover.state;

import java.time.Instant;

/**
 * How far the mirror agent got on one source partition: the next source offset it will copy and the
 * target offset the next copied record will get (both only advanced after the target producer acked).
 * {@code updatedAt} may be null when saving; the ledger then stamps it with its clock.
 */
public record MirrorProgress(String topic, int partition, long nextSourceOffset, long nextTargetOffset,
                             Instant updatedAt) {
    public PartitionKey key() {
        return new PartitionKey(topic, partition);
    }
}
