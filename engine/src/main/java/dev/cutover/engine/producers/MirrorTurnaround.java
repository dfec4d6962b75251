package dev.cutover.engine.producers;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.PausePoint;
import dev.cutover.state.MirrorDirection;
import dev.cutover.state.MirrorProgress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns the mirror from forward to reverse at the switch, once every producer is stopped and the
 * source quiet: the forward mirror copies every remaining record ({@link #drain}), then, after the
 * producers' positions were cross-checked against the last records, one ledger transaction
 * ({@link #turn}) asks the agent to stop, starts the reverse mirror's positions at the drained ends
 * and records the switch points. From then on records written to the target reach the source too,
 * so a rollback loses none; one direction at a time, so nothing is ever copied back and forth.
 */
public final class MirrorTurnaround {

    /** Where every partition was drained to, and the last source record of each. */
    public record Drained(Map<TopicPartition, CopyPosition> points, Map<TopicPartition, ConsumerRecord<byte[], byte[]>> lastRecords) {
    }

    private final GateContext context;
    private final SwitchWorld world;

    public MirrorTurnaround(GateContext context, SwitchWorld world) {
        this.context = context;
        this.world = world;
    }

    public Drained drain(List<TopicPartition> partitions) throws GateFailedException {
        Map<TopicPartition, CopyPosition> points;
        try {
            points = world.mirror().drain(MirrorDirection.FORWARD, partitions, context.plan().gates().inSync().timeout());
        } catch (MirrorDrain.NotDrained e) {
            throw new GateFailedException("the mirror did not drain: " + e.getMessage(), "see `cutover status` for the agent");
        }
        PausePoint.reach("switch.after-drain");
        // One read of every partition's last record serves every producer's cross-check.
        Map<TopicPartition, Long> ends = new HashMap<>();
        points.forEach((tp, p) -> ends.put(tp, p.nextSourceOffset()));
        Map<TopicPartition, ConsumerRecord<byte[], byte[]>> last = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : world.topics().last(ClusterSide.SOURCE, ends, 1)) {
            last.put(new TopicPartition(r.topic(), r.partition()), r);
        }
        return new Drained(points, last);
    }

    /**
     * Invariant: the direction is REVERSE exactly when the gate's evidence says the mirror was turned
     * (with the switch points), the agent was asked to stop and the reverse positions start at the
     * drained ends; one transaction, so a kill leaves all of it or none (and a resumed gate drains again).
     */
    public void turn(SwitchRecord record, Drained drained) {
        long lastWrite = drained.lastRecords().values().stream().mapToLong(ConsumerRecord::timestamp).max().orElse(0);
        record.turned(drained.points(), lastWrite);
        // The reverse mirror's source is the target: its positions are the drained ends, swapped.
        List<MirrorProgress> reverseStart = drained.points().entrySet().stream().map(e -> new MirrorProgress(e.getKey().topic(),
                e.getKey().partition(), e.getValue().nextTargetOffset(), e.getValue().nextSourceOffset(), null)).toList();
        context.ledger().turnMirrorToReverse(SwitchRecord.GATE, reverseStart, SwitchCodec.write(record));
        PausePoint.reach("switch.after-turnaround");
        context.progress().note("switch-producers: mirror drained (" + drained.points().size() + " partitions) and turned to reverse");
    }
}
