package dev.cutover.engine.consumers;

import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.state.Ledger;
import dev.cutover.state.MirrorDirection;
import dev.cutover.state.MirrorProgress;
import dev.cutover.state.OffsetAnchor;
import dev.cutover.state.PartitionKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Translates a group's committed source offsets to the exact target offsets of the same next
 * records, and proves each one by comparing the two records.
 *
 * <p>The group's next record is the first record a read_committed consumer sees at or after the
 * committed offset: offsets of compacted-away records, transaction markers and aborted records
 * hold nothing a consumer reads. Its target offset comes from the mirror's offset anchors (see
 * {@code mirror_anchors}): the anchor at or before it plus the distance, since the mirror writes
 * one for one between anchors. No log is scanned; two single-record reads verify the result.
 * A group at the end of a partition translates to the target position right after the last
 * mirrored record, once every source record before its offset is mirrored.
 *
 * <p>Safe to share between threads: the groups the gate moves at once translate through one instance.
 */
public final class OffsetTranslator implements AutoCloseable {

    private final Ledger ledger;
    private final CopyAnchors anchors;
    private final ClusterClients sourceClients;
    private final RecordLookup source;
    private final RecordLookup target;
    /** Found translations are facts about immutable records: shared by every group with the same commit. */
    private final Map<String, Translation> found = new ConcurrentHashMap<>();

    public OffsetTranslator(Ledger ledger, ClusterClients source, ClusterClients target) {
        this(ledger, source, target, CopyAnchors.of(ledger));
    }

    /** @param anchors where the mirror put each copy: the agent's, saved in the ledger, or a {@link CopyWalk} */
    public OffsetTranslator(Ledger ledger, ClusterClients source, ClusterClients target, CopyAnchors anchors) {
        this.ledger = ledger;
        this.anchors = anchors;
        this.sourceClients = source;
        this.source = new RecordLookup(source, "read_committed");
        // The agent's copies are plain writes: read as they are. Exactly-once copies leave aborted ones beside them.
        this.target = new RecordLookup(target, anchors.transactional() ? "read_committed" : "read_uncommitted");
    }

    /**
     * What a batch of translations reads once: the source partitions' last stable offsets and log
     * starts, then the mirror's saved positions and direction (in that order: see translate()).
     */
    public record SourceBounds(Map<TopicPartition, Long> stableEnd, Map<TopicPartition, Long> logStart,
                               Map<PartitionKey, MirrorProgress> mirror, boolean reversed) {
    }

    public SourceBounds bounds(List<TopicPartition> partitions) throws TranslationException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        partitions.forEach(tp -> {
            latest.put(tp, OffsetSpec.latest());
            earliest.put(tp, OffsetSpec.earliest());
        });
        Map<TopicPartition, Long> end = new HashMap<>();
        Map<TopicPartition, Long> start = new HashMap<>();
        ClusterInspector.await(sourceClients.admin().listOffsets(latest,
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(), sourceClients, "read last stable offsets")
                .forEach((tp, info) -> end.put(tp, info.offset()));
        ClusterInspector.await(sourceClients.admin().listOffsets(earliest).all(), sourceClients, "read log start offsets")
                .forEach((tp, info) -> start.put(tp, info.offset()));
        return new SourceBounds(end, start, anchors.positions(MirrorDirection.FORWARD, partitions),
                ledger.mirrorDirection() == MirrorDirection.REVERSE);
    }

    /**
     * @throws NotCopiedYet         the mirror has not copied the records the translation needs yet
     * @throws TranslationException the translation is impossible or did not verify
     */
    public Translation translate(TopicPartition tp, long committed, SourceBounds bounds)
            throws NotCopiedYet, TranslationException {
        String key = tp + "@" + committed;
        Translation known = found.get(key);
        if (known != null) {
            return known;
        }
        MirrorProgress progress = bounds.mirror().get(new PartitionKey(tp.topic(), tp.partition()));
        if (progress == null) {
            throw new TranslationException(tp + ": the mirror holds no copy position for it; the mirror gate must copy it first");
        }
        long copiedTo = progress.nextSourceOffset();
        long logStart = bounds.logStart().get(tp);
        long end = bounds.stableEnd().get(tp);
        if (bounds.reversed() && committed > copiedTo) {
            // Still on the source after the switch, the group read records the reverse mirror copied there
            // from the target: it goes on from the original of its next one.
            Translation translation = fromReverseCopies(tp, committed, copiedTo, end);
            found.put(key, translation);
            return translation;
        }
        if (bounds.reversed()) {
            // Since the switch the source's tail holds the reverse mirror's copies of target records, not
            // records of its own: the source a group can have read ends where the forward copy stopped.
            end = Math.min(end, copiedTo);
        }
        String note = null;
        long from = committed;
        if (committed < logStart) {
            // Retention deleted the records at the head: a consumer resuming there is reset to the log start
            // (auto.offset.reset=earliest) or told the offset is out of range; the next record that exists is here.
            from = logStart;
            note = "committed offset " + committed + " is below the source log start " + logStart;
        }
        Optional<ConsumerRecord<byte[], byte[]>> next = source.firstAtOrAfter(tp, from, end);
        if (next.isEmpty() && copiedTo > from) {
            // The bounds were read before the mirror's position: records written since then and already
            // copied lie between. The group's next record is among them; the end is not where it stands.
            next = source.firstAtOrAfter(tp, from, copiedTo);
        }
        if (next.isEmpty()) {
            // At the end: every record before the committed offset must be on the target.
            if (copiedTo < from && source.firstAtOrAfter(tp, copiedTo, Math.min(from, end)).isPresent()) {
                throw new NotCopiedYet(tp + ": records before the committed offset " + committed
                        + " are not mirrored yet (mirror at source offset " + copiedTo + ")");
            }
            return new Translation(tp, committed, -1, progress.nextTargetOffset(), null,
                    note != null ? note : "at the end of the partition");
        }
        ConsumerRecord<byte[], byte[]> record = next.get();
        if (record.offset() >= copiedTo) {
            throw new NotCopiedYet(tp + ": the group's next record, source offset " + record.offset()
                    + ", is not mirrored yet (mirror at source offset " + copiedTo + ")");
        }
        if (record.offset() != committed && note == null) {
            note = "no record at offset " + committed + " (compacted, transaction marker or aborted); next is " + record.offset();
        }
        OffsetAnchor anchor = anchors.atOrBefore(MirrorDirection.FORWARD, tp, record.offset()).orElseThrow(() ->
                new TranslationException(tp + ": no offset anchor at or before source offset " + record.offset()
                        + "; the mirror that copied it kept none (a ledger from an older cutover?): restart the cutover "
                        + "from the topics gate with empty target topics"));
        long targetOffset = anchor.targetOffset() + (record.offset() - anchor.sourceOffset());
        if (targetOffset >= progress.nextTargetOffset()) {
            throw new TranslationException(tp + ": source offset " + record.offset() + " translates to target offset "
                    + targetOffset + ", past the mirror's target position " + progress.nextTargetOffset()
                    + ": the anchors and positions disagree");
        }
        Optional<ConsumerRecord<byte[], byte[]>> onTarget = target.firstAtOrAfter(tp, targetOffset, progress.nextTargetOffset());
        String expected = RecordFingerprint.of(record);
        if (onTarget.isEmpty() || onTarget.get().offset() != targetOffset) {
            // The target's own log cleaner removed the copy (a newer record of the same key follows): a
            // consumer committed at targetOffset reads the next retained record, so that one is verified.
            String verified = verifyRetained(tp, targetOffset, progress.nextTargetOffset(), onTarget);
            Translation translation = new Translation(tp, committed, record.offset(), targetOffset, verified,
                    "the copy at target offset " + targetOffset + " was compacted away on the target");
            found.put(key, translation);
            return translation;
        }
        String actual = RecordFingerprint.of(onTarget.get());
        if (!expected.equals(actual)) {
            throw new TranslationException(tp + ": the record at target offset " + targetOffset + " (fingerprint " + actual
                    + ") is not the source record at offset " + record.offset() + " (fingerprint " + expected + ")");
        }
        Translation translation = new Translation(tp, committed, record.offset(), targetOffset, expected, note);
        found.put(key, translation);
        return translation;
    }

    /**
     * A commit past the forward switch point: the records between are the reverse mirror's copies of
     * what producers wrote on the target since, and the group read them. Its next record there (or,
     * at the end, the last it read) is mapped to its original on the target through the reverse
     * anchors and checked record against record.
     */
    private Translation fromReverseCopies(TopicPartition tp, long committed, long switchPoint, long stableEnd)
            throws TranslationException {
        Optional<ConsumerRecord<byte[], byte[]>> next = source.firstAtOrAfter(tp, committed, stableEnd);
        if (next.isPresent()) {
            long original = verifiedOriginal(tp, next.get());
            return new Translation(tp, committed, next.get().offset(), original, RecordFingerprint.of(next.get()),
                    "read the reverse copies of target records on the source since the switch; next is the copy of target offset "
                            + original);
        }
        ConsumerRecord<byte[], byte[]> last = null;
        // The last copy before the commit; markers of exactly-once copies may sit just before it.
        for (long from = Math.max(switchPoint, committed - 64); from < committed; ) {
            Optional<ConsumerRecord<byte[], byte[]>> r = source.firstAtOrAfter(tp, from, committed);
            if (r.isEmpty()) {
                break;
            }
            last = r.get();
            from = r.get().offset() + 1;
        }
        if (last == null) {
            throw new TranslationException(tp + ": committed offset " + committed + " is past the switch point " + switchPoint
                    + " but no reverse copy is found before it");
        }
        long original = verifiedOriginal(tp, last);
        return new Translation(tp, committed, -1, original + 1, null,
                "read every reverse copy on the source since the switch, the last the copy of target offset " + original);
    }

    /** The target offset of the original of a reverse copy on the source, checked record against record. */
    private long verifiedOriginal(TopicPartition tp, ConsumerRecord<byte[], byte[]> copy) throws TranslationException {
        OffsetAnchor anchor = anchors.atOrBeforeTarget(MirrorDirection.REVERSE, tp, copy.offset()).orElseThrow(() ->
                new TranslationException(tp + ": no reverse anchor at or before source offset " + copy.offset()));
        long original = anchor.sourceOffset() + (copy.offset() - anchor.targetOffset());
        Optional<ConsumerRecord<byte[], byte[]>> onTarget = target.at(tp, original);
        if (onTarget.isEmpty() || !RecordFingerprint.of(onTarget.get()).equals(RecordFingerprint.of(copy))) {
            throw new TranslationException(tp + ": the reverse copy at source offset " + copy.offset() + " is not the record at "
                    + "target offset " + original + ": the reverse anchors and the records disagree");
        }
        return original;
    }

    /**
     * Verifies the first retained target record at or after {@code targetOffset}: maps it back to its
     * source offset through the anchors and compares it with the source record there. Records
     * compacted away on both sides are passed over. Returns the verified fingerprint, or null when
     * nothing retained remains in the mirrored part (the group is at the end there).
     */
    private String verifyRetained(TopicPartition tp, long targetOffset, long mirroredEnd,
                                  Optional<ConsumerRecord<byte[], byte[]>> first) throws TranslationException {
        Optional<ConsumerRecord<byte[], byte[]>> candidate = first;
        while (candidate.isPresent()) {
            ConsumerRecord<byte[], byte[]> t = candidate.get();
            OffsetAnchor anchor = anchors.atOrBeforeTarget(MirrorDirection.FORWARD, tp, t.offset()).orElseThrow(() ->
                    new TranslationException(tp + ": no offset anchor at or before target offset " + t.offset()));
            long sourceOffset = anchor.sourceOffset() + (t.offset() - anchor.targetOffset());
            Optional<ConsumerRecord<byte[], byte[]>> s = source.firstAtOrAfter(tp, sourceOffset, sourceOffset + 1);
            if (s.isPresent() && s.get().offset() == sourceOffset) {
                if (!RecordFingerprint.of(s.get()).equals(RecordFingerprint.of(t))) {
                    throw new TranslationException(tp + ": the record at target offset " + t.offset()
                            + " is not the source record at offset " + sourceOffset + " it was copied from");
                }
                return RecordFingerprint.of(t);
            }
            candidate = target.firstAtOrAfter(tp, t.offset() + 1, mirroredEnd);
        }
        return null;
    }

    @Override
    public void close() {
        source.close();
        target.close();
        anchors.close();
    }
}
