package dev.cutover.state;

/**
 * One row of the position map (contract section 4): for a producer or a moved group, per topic-partition,
 * the Salesforce replay id (last on source, first on target, opaque text), the offsets on both sides and
 * the group's commit on both sides. {@code kind} is {@link #PRODUCER} or {@link #GROUP}. Every column but
 * the key may be null, meaning "not known (yet)"; the ledger stores and returns null as null, never 0.
 */
public record PositionRow(String kind, String owner, String topic, int partition, String replayIdSource,
                          String replayIdTarget, Long sourceOffset, Long targetOffset, Long sourceCommit,
                          Long targetCommit, String note) {
    public static final String PRODUCER = "producer";
    public static final String GROUP = "group";
}
