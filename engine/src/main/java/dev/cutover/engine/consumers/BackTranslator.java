package dev.cutover.engine.consumers;

import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.state.Ledger;
import dev.cutover.state.MirrorDirection;
import dev.cutover.state.MirrorProgress;
import dev.cutover.state.OffsetAnchor;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Translates a group's committed target offsets back to the source for a rollback, exactly, and
 * verifies each one record against record. The target partition has two parts: below the switch
 * point (where the forward mirror stopped) its records are copies of source records, mapped back
 * through the forward anchors; from the switch point on they were written on the target and the
 * reverse mirror copied them to the source, mapped through the reverse anchors.
 */
public final class BackTranslator implements AutoCloseable {

    private final CopyAnchors anchors;
    private final ClusterClients targetClients;
    private final Map<TopicPartition, CopyPosition> switchPoints;
    private final RecordLookup target;
    private final RecordLookup source;

    /**
     * @param switchPoints per partition where the forward mirror stopped at the switch (its next
     *                     source and target offsets: switch-producers' drained ends)
     */
    public BackTranslator(Ledger ledger, ClusterClients source, ClusterClients target, Map<TopicPartition, CopyPosition> switchPoints) {
        this(source, target, switchPoints, CopyAnchors.of(ledger));
    }

    /** @param anchors where each direction put its copies: the agent's, saved in the ledger, or a {@link CopyWalk} */
    public BackTranslator(ClusterClients source, ClusterClients target, Map<TopicPartition, CopyPosition> switchPoints,
                          CopyAnchors anchors) {
        this.anchors = anchors;
        this.targetClients = target;
        this.switchPoints = switchPoints;
        this.target = new RecordLookup(target, "read_committed");
        this.source = new RecordLookup(source, anchors.transactional() ? "read_committed" : "read_uncommitted");
    }

    /**
     * @param end the partition's last stable offset on the target, from {@link #stableEnds}
     * @return a translation whose {@code targetOffset} is the offset to commit on the source
     * @throws NotCopiedYet         the reverse mirror has not copied the records it needs yet
     * @throws TranslationException impossible or not verified
     */
    public Translation translate(TopicPartition tp, long committed, long end) throws NotCopiedYet, TranslationException {
        CopyPosition point = switchPoints.get(tp);
        if (point == null) {
            throw new TranslationException(tp + ": no switch point recorded; switch-producers did not drain it");
        }
        long sourceAtSwitch = point.nextSourceOffset();
        long targetAtSwitch = point.nextTargetOffset();
        Optional<MirrorProgress> reverse = anchors.position(MirrorDirection.REVERSE, tp);
        Optional<ConsumerRecord<byte[], byte[]>> next = target.firstAtOrAfter(tp, committed, end);
        if (next.isEmpty()) {
            if (reverse.isEmpty()) {
                return new Translation(tp, committed, -1, sourceAtSwitch, null, "at the end; nothing written on the target since the switch");
            }
            long copiedTo = reverse.get().nextSourceOffset();
            if (copiedTo < Math.min(committed, end) && target.firstAtOrAfter(tp, copiedTo, Math.min(committed, end)).isPresent()) {
                throw new NotCopiedYet(tp + ": target records before the committed offset " + committed
                        + " are not copied back to the source yet (reverse mirror at target offset " + copiedTo + ")");
            }
            return new Translation(tp, committed, -1, reverse.get().nextTargetOffset(), null, "at the end");
        }
        ConsumerRecord<byte[], byte[]> record = next.get();
        long sourceOffset;
        if (record.offset() < targetAtSwitch) {
            OffsetAnchor a = anchors.atOrBeforeTarget(MirrorDirection.FORWARD, tp, record.offset())
                    .orElseThrow(() -> new TranslationException(tp + ": no forward anchor at or before target offset " + record.offset()));
            sourceOffset = a.sourceOffset() + (record.offset() - a.targetOffset());
        } else {
            if (reverse.isEmpty() || record.offset() >= reverse.get().nextSourceOffset()) {
                throw new NotCopiedYet(tp + ": the group's next record, target offset " + record.offset()
                        + ", is not copied back to the source yet");
            }
            OffsetAnchor a = anchors.atOrBefore(MirrorDirection.REVERSE, tp, record.offset())
                    .orElseThrow(() -> new TranslationException(tp + ": no reverse anchor at or before target offset " + record.offset()));
            sourceOffset = a.targetOffset() + (record.offset() - a.sourceOffset());
        }
        ConsumerRecord<byte[], byte[]> onSource = source.at(tp, sourceOffset).orElseThrow(() -> new TranslationException(
                tp + ": no record at source offset " + sourceOffset + " (translated back from target offset " + record.offset() + ")"));
        String expected = RecordFingerprint.of(record);
        if (!expected.equals(RecordFingerprint.of(onSource))) {
            throw new TranslationException(tp + ": the record at source offset " + sourceOffset
                    + " is not the target record at offset " + record.offset());
        }
        return new Translation(tp, committed, record.offset(), sourceOffset, expected,
                record.offset() < targetAtSwitch ? null : "written on the target after the switch");
    }

    /** The last stable offsets of these target partitions, in one request (one per partition added up over a group's partitions). */
    public Map<TopicPartition, Long> stableEnds(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        ClusterInspector.await(targetClients.admin().listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(),
                targetClients, "read last stable offsets").forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    @Override
    public void close() {
        target.close();
        source.close();
        anchors.close();
    }
}
