package dev.cutover.engine.producers;

import dev.cutover.engine.agent.LedgerProgressStore;
import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.state.Ledger;
import dev.cutover.state.MirrorDirection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The mirror agent, instantly: a drain copies every record past the direction's positions in the
 * ledger (where the turnarounds put them) to the other side and saves the new positions there.
 */
final class FakeMirror implements SwitchMirror {

    private final FakeKafka kafka;
    private final Ledger ledger;
    final List<String> calls = new ArrayList<>();
    /** Fails every drain in this direction. */
    MirrorDirection failDrain;

    FakeMirror(FakeKafka kafka, Ledger ledger) {
        this.kafka = kafka;
        this.ledger = ledger;
    }

    @Override
    public synchronized void ensureRunning() {
        calls.add("run " + ledger.mirrorDirection().label());
    }

    @Override
    public synchronized Map<TopicPartition, CopyPosition> drain(MirrorDirection direction, List<TopicPartition> partitions,
                                                                 Duration timeout) throws MirrorDrain.NotDrained {
        calls.add("drain " + direction.label());
        if (direction == failDrain) {
            throw new MirrorDrain.NotDrained("the mirror still had 3 records to copy (fake)", 3, 1);
        }
        ClusterSide from = direction == MirrorDirection.FORWARD ? ClusterSide.SOURCE : ClusterSide.TARGET;
        ClusterSide to = direction == MirrorDirection.FORWARD ? ClusterSide.TARGET : ClusterSide.SOURCE;
        LedgerProgressStore store = new LedgerProgressStore(ledger, direction);
        Map<TopicPartition, CopyPosition> saved = store.load();
        Map<TopicPartition, CopyPosition> positions = new HashMap<>();
        for (TopicPartition tp : partitions) {
            CopyPosition at = saved.getOrDefault(tp, new CopyPosition(0, 0));
            List<ConsumerRecord<byte[], byte[]>> log = kafka.log(from, tp);
            long next = at.nextTargetOffset();
            for (ConsumerRecord<byte[], byte[]> r : log.subList((int) at.nextSourceOffset(), log.size())) {
                kafka.copy(to, r);
                next++;
            }
            positions.put(tp, new CopyPosition(log.size(), next));
        }
        store.save(positions, List.of());
        return positions;
    }
}
