package dev.cutover.engine.mirror;

/**
 * How far one topic-partition has been copied: the next source offset to read and the target
 * offset the next copied record will get. Both are "next" offsets, like a consumer's committed
 * offset: {@code CopyPosition(0, 0)} means nothing copied yet.
 */
public record CopyPosition(long nextSourceOffset, long nextTargetOffset) {

    public CopyPosition {
        if (nextSourceOffset < 0 || nextTargetOffset < 0) {
            throw new IllegalArgumentException("offsets must not be negative: " + nextSourceOffset + ", " + nextTargetOffset);
        }
    }
}
