package dev.cutover.engine.agent;

import dev.cutover.engine.mirror.CopyAnchor;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.mirror.MirrorProgressStore;
import dev.cutover.state.Ledger;
import dev.cutover.state.MirrorDirection;
import dev.cutover.state.MirrorProgress;
import dev.cutover.state.OffsetAnchor;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** The mirror's copy positions, kept in the ledger so {@code status} shows them and a restart resumes exactly. */
public final class LedgerProgressStore implements MirrorProgressStore {

    private final Ledger ledger;
    private final MirrorDirection direction;

    /** The forward mirror's store. */
    public LedgerProgressStore(Ledger ledger) {
        this(ledger, MirrorDirection.FORWARD);
    }

    public LedgerProgressStore(Ledger ledger, MirrorDirection direction) {
        this.ledger = ledger;
        this.direction = direction;
    }

    @Override
    public Map<TopicPartition, CopyPosition> load() {
        Map<TopicPartition, CopyPosition> result = new HashMap<>();
        ledger.mirrorProgress(direction).values().forEach(p -> result.put(new TopicPartition(p.topic(), p.partition()),
                new CopyPosition(p.nextSourceOffset(), p.nextTargetOffset())));
        return result;
    }

    @Override
    public void save(Map<TopicPartition, CopyPosition> positions, Collection<CopyAnchor> anchors) {
        Instant now = Instant.now();
        List<MirrorProgress> rows = positions.entrySet().stream()
                .map(e -> new MirrorProgress(e.getKey().topic(), e.getKey().partition(),
                        e.getValue().nextSourceOffset(), e.getValue().nextTargetOffset(), now))
                .toList();
        List<OffsetAnchor> anchorRows = anchors.stream()
                .map(a -> new OffsetAnchor(a.partition().topic(), a.partition().partition(), a.sourceOffset(), a.targetOffset()))
                .toList();
        ledger.saveMirrorProgress(direction, rows, anchorRows);
    }
}
