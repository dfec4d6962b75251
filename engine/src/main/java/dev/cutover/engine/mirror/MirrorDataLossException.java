package dev.cutover.engine.mirror;

import org.apache.kafka.common.TopicPartition;

/**
 * Source records were deleted (retention, {@code deleteRecords}) before the mirror copied them:
 * the target can never hold them. Raised at start when a stored position lies before the source
 * log start, and while running when the source jumps past the next expected offset and the log
 * start shows the skipped offsets are gone.
 */
public class MirrorDataLossException extends MirrorException {

    private final TopicPartition partition;
    private final long expectedOffset;
    private final long logStartOffset;

    public MirrorDataLossException(TopicPartition partition, long expectedOffset, long logStartOffset) {
        super("data loss on " + partition + ": " + (logStartOffset - expectedOffset)
                + " offsets were deleted from the source before they were copied (next offset to copy "
                + expectedOffset + ", source log now starts at " + logStartOffset
                + "); the target cannot hold them. Raise retention on the source topic or copy faster, "
                + "then decide whether to accept the loss and restart the mirror from the log start.");
        this.partition = partition;
        this.expectedOffset = expectedOffset;
        this.logStartOffset = logStartOffset;
    }

    public TopicPartition partition() {
        return partition;
    }

    /** The source offset the mirror was about to copy. */
    public long expectedOffset() {
        return expectedOffset;
    }

    /** The source log start offset seen when the loss was detected. */
    public long logStartOffset() {
        return logStartOffset;
    }

    /** How many offsets were lost: an upper bound on lost records (some may have been markers). */
    public long lostOffsets() {
        return logStartOffset - expectedOffset;
    }
}
