package dev.cutover.engine.consumers;

import dev.cutover.state.Ledger;
import dev.cutover.state.MirrorDirection;
import dev.cutover.state.MirrorProgress;
import dev.cutover.state.OffsetAnchor;
import dev.cutover.state.PartitionKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the mirror put the copy of a record, as the translation of group offsets asks it: an anchor
 * at or before a record, from which the copies follow one for one up to that record. Each anchor is
 * in its direction's orientation: {@code sourceOffset} on the side the direction copies from.
 *
 * <p>The embedded agent saves anchors in the ledger as it copies ({@link #of(Ledger)}). MirrorMaker 2
 * on Connect keeps none that are exact: {@link CopyWalk} finds them by walking both logs.
 */
public interface CopyAnchors extends AutoCloseable {

    /** The anchor at or before offset {@code offset} (of a record) on the side {@code direction} copies from. */
    Optional<OffsetAnchor> atOrBefore(MirrorDirection direction, TopicPartition tp, long offset) throws TranslationException;

    /** The anchor at or before offset {@code offset} (of a record) on the side {@code direction} copies to. */
    Optional<OffsetAnchor> atOrBeforeTarget(MirrorDirection direction, TopicPartition tp, long offset) throws TranslationException;

    /** How far {@code direction} has copied {@code tp}, now. */
    Optional<MirrorProgress> position(MirrorDirection direction, TopicPartition tp) throws TranslationException;

    /**
     * True when the copies are written in transactions (MirrorMaker 2 with exactly-once support): the
     * copied range holds aborted copies and markers too, so it is read with read_committed. The
     * agent's copies are plain idempotent writes, read as they are.
     */
    default boolean transactional() {
        return false;
    }

    /** {@link #position} of each partition that has one, by topic and partition. */
    default Map<PartitionKey, MirrorProgress> positions(MirrorDirection direction, Collection<TopicPartition> partitions)
            throws TranslationException {
        Map<PartitionKey, MirrorProgress> positions = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            Optional<MirrorProgress> p = position(direction, tp);
            if (p.isPresent()) {
                positions.put(new PartitionKey(tp.topic(), tp.partition()), p.get());
            }
        }
        return positions;
    }

    @Override
    default void close() {
    }

    /** The embedded agent's anchors and positions, saved in the ledger with every copied batch. */
    static CopyAnchors of(Ledger ledger) {
        return new CopyAnchors() {
            @Override
            public Optional<OffsetAnchor> atOrBefore(MirrorDirection direction, TopicPartition tp, long offset) {
                return ledger.mirrorAnchor(direction, tp.topic(), tp.partition(), offset);
            }

            @Override
            public Optional<OffsetAnchor> atOrBeforeTarget(MirrorDirection direction, TopicPartition tp, long offset) {
                return ledger.mirrorAnchorByTarget(direction, tp.topic(), tp.partition(), offset);
            }

            @Override
            public Optional<MirrorProgress> position(MirrorDirection direction, TopicPartition tp) {
                return Optional.ofNullable(ledger.mirrorProgress(direction).get(new PartitionKey(tp.topic(), tp.partition())));
            }

            @Override
            public Map<PartitionKey, MirrorProgress> positions(MirrorDirection direction, Collection<TopicPartition> partitions) {
                return ledger.mirrorProgress(direction); // one read: the agent saves every partition's
            }
        };
    }
}
