package dev.cutover.engine.producers;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.PausePoint;
import dev.cutover.state.MirrorDirection;
import dev.cutover.state.MirrorProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns the mirror from reverse back to forward once producers stopped writing on the target:
 * proves the target quiet, lets the reverse mirror copy every record written there to the source,
 * then, in one ledger transaction, asks the agent to stop, moves the forward mirror's positions of
 * those partitions past what the reverse mirror wrote (so it never copies them back) and sets the
 * direction to forward. The agent's exit is not waited for here: it has nothing left to copy, and
 * the producers may start on the source at once; the forward agent starts once it is gone.
 * Idempotent: after a kill it finishes the job; once forward, it does nothing.
 */
public final class MirrorReturn {

    private final GateContext context;
    private final SwitchWorld world;

    public MirrorReturn(GateContext context, SwitchWorld world) {
        this.context = context;
        this.world = world;
    }

    /**
     * @param writtenOnTarget partitions producers wrote on the target until just now: proven quiet first
     * @param reversed        every partition the reverse mirror copies (the producers' topics)
     * @return how long proving the target quiet took (the quiesce window, at least), in ms
     */
    public long returnToForward(List<TopicPartition> writtenOnTarget, List<TopicPartition> reversed) throws GateFailedException {
        if (context.ledger().mirrorDirection() == MirrorDirection.FORWARD) {
            return 0;
        }
        long quietMs = 0;
        if (!writtenOnTarget.isEmpty()) {
            try {
                quietMs = QuiesceWatch.await(world.topics(), ClusterSide.TARGET, Map.of("producers on the target", writtenOnTarget),
                        context.plan().gates().quiesce().window(), context.plan().gates().quiesce().timeout(),
                        context.time(), context.progress()).waited().toMillis();
            } catch (QuiesceWatch.StillWriting e) {
                throw new GateFailedException("the target is still written to after the producers were stopped there: "
                        + e.getMessage(), "check the producers' stop controls; nothing was started on the source");
            }
        }
        long began = context.time().nanos();
        world.mirror().ensureRunning();
        try {
            world.mirror().drain(MirrorDirection.REVERSE, reversed, context.plan().gates().inSync().timeout());
        } catch (MirrorDrain.NotDrained e) {
            throw new GateFailedException("the reverse mirror did not copy the target's records to the source: "
                    + e.getMessage(), "see `cutover status` and the agent log; run the same command again");
        }
        long drainMs = context.time().msSince(began);
        PausePoint.reach("rollback.after-reverse-drain");
        // Both sides are quiet now (the producers are stopped, the reverse copy is drained): their ends
        // are where the forward mirror starts again.
        Map<TopicPartition, Long> sourceEnds = world.topics().ends(ClusterSide.SOURCE, reversed);
        Map<TopicPartition, Long> targetEnds = world.topics().ends(ClusterSide.TARGET, reversed);
        List<MirrorProgress> forwardStart = new ArrayList<>();
        Map<String, String> shown = new TreeMap<>();
        for (TopicPartition tp : reversed) {
            CopyPosition at = new CopyPosition(sourceEnds.get(tp), targetEnds.get(tp));
            forwardStart.add(new MirrorProgress(tp.topic(), tp.partition(), at.nextSourceOffset(), at.nextTargetOffset(), null));
            shown.put(tp.toString(), at.nextSourceOffset() + "/" + at.nextTargetOffset());
        }
        context.ledger().turnMirrorToForward(forwardStart,
                "reverse mirror drained and asked to stop; forward positions moved past its copies: " + shown);
        context.progress().note("mirror: reverse copy drained (" + reversed.size() + " partitions, " + drainMs
                + " ms after the target was quiet); direction forward again");
        return quietMs;
    }
}
