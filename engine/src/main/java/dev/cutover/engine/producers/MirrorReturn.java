package dev.cutover.engine.producers;

import dev.cutover.engine.agent.LedgerProgressStore;
import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.plans.ProducerSpec;
import dev.cutover.state.MirrorDirection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns the mirror from reverse back to forward once producers stopped writing on the target:
 * proves the target quiet, lets the reverse mirror copy every record written there to the source,
 * stops it, then moves the forward mirror's positions of those partitions past what the reverse
 * mirror wrote (so it never copies those records back), and sets the direction to forward.
 * Idempotent: after a kill it finishes the job; once forward, it does nothing.
 */
public final class MirrorReturn {

    private final GateContext context;

    public MirrorReturn(GateContext context) {
        this.context = context;
    }

    /**
     * @param writtenOnTarget partitions producers wrote on the target until just now: proven quiet first
     * @return how long proving the target quiet took (the quiesce window, at least), in ms
     */
    public long returnToForward(List<TopicPartition> writtenOnTarget) throws GateFailedException {
        if (context.ledger().mirrorDirection() == MirrorDirection.FORWARD) {
            return 0;
        }
        long quietMs = 0;
        if (!writtenOnTarget.isEmpty()) {
            try {
                quietMs = QuiesceWatch.await(context.target(), Map.of("producers on the target", writtenOnTarget),
                        context.plan().gates().quiesce().window(), context.plan().gates().quiesce().timeout(),
                        context.clock(), context.progress()).waited().toMillis();
            } catch (QuiesceWatch.StillWriting e) {
                throw new GateFailedException("the target is still written to after the producers were stopped there: "
                        + e.getMessage(), "check the producers' stop controls; nothing was started on the source");
            }
        }
        List<TopicPartition> reversed = producerPartitions();
        long began = System.nanoTime();
        context.agents().ensureRunning(context.ledger());
        try {
            MirrorDrain.await(context, MirrorDirection.REVERSE, reversed, context.plan().gates().inSync().timeout());
        } catch (MirrorDrain.NotDrained e) {
            throw new GateFailedException("the reverse mirror did not copy the target's records to the source: "
                    + e.getMessage(), "see `cutover status` and the agent log; run the same command again");
        }
        long drainMs = (System.nanoTime() - began) / 1_000_000;
        dev.cutover.engine.run.PausePoint.reach("rollback.after-reverse-drain");
        began = System.nanoTime();
        context.agents().stop(context.ledger());
        long stopMs = (System.nanoTime() - began) / 1_000_000;
        LedgerProgressStore forward = new LedgerProgressStore(context.ledger(), MirrorDirection.FORWARD);
        Map<TopicPartition, CopyPosition> saved = forward.load();
        Map<TopicPartition, Long> sourceEnds = QuiesceWatch.ends(context.source(), reversed);
        Map<TopicPartition, Long> targetEnds = QuiesceWatch.ends(context.target(), reversed);
        Map<TopicPartition, CopyPosition> rebased = new HashMap<>();
        for (TopicPartition tp : reversed) {
            if (saved.containsKey(tp)) {
                rebased.put(tp, new CopyPosition(sourceEnds.get(tp), targetEnds.get(tp)));
            }
        }
        forward.save(rebased);
        context.ledger().mirrorDirection(MirrorDirection.FORWARD);
        Map<String, Object> audit = new LinkedHashMap<>();
        rebased.forEach((tp, p) -> audit.put(tp.toString(), p.nextSourceOffset() + "/" + p.nextTargetOffset()));
        context.ledger().audit("mirror-direction", "forward", "reverse mirror drained and stopped; forward positions moved past its copies: "
                + audit);
        context.progress().note("mirror: reverse copy drained (" + reversed.size() + " partitions, " + drainMs + " ms after the target was quiet), "
                + "its agent stopped (" + stopMs + " ms); direction forward again");
        return quietMs;
    }

    private List<TopicPartition> producerPartitions() {
        TreeSet<String> topics = new TreeSet<>();
        for (ProducerSpec p : context.plan().producers()) {
            topics.addAll(p.topics());
        }
        return ClusterInspector.partitions(ClusterInspector.describeTopics(context.target(), topics));
    }
}
