package dev.cutover.engine.producers;

import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.Lanes;
import dev.cutover.engine.run.PausePoint;
import dev.cutover.plans.ProducerSpec;
import dev.cutover.state.MirrorDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Puts every producer the switch touched back on the source, exactly where it left off (after a
 * failed switch step, and as the rollback's producer half): each one started on the target is
 * stopped there, side by side; the target is proven quiet and the reverse mirror copies what they
 * wrote to the source ({@link MirrorReturn}); then each starts on the source after the last event it
 * wrote, side by side. One {@link ProducerReturn} per producer takes its steps.
 *
 * <p>If a producer cannot be stopped on the target, nobody is started on the source (that one still
 * writes to the target, and the mirror cannot turn back while it does): the put-back fails, and run
 * again it continues where it stopped. The forward mirror is left to the caller to start: groups
 * may still be on the target.
 */
public final class PutBack {

    private PutBack() {
    }

    /**
     * @throws GateFailedException naming every producer not back on the source, and why
     */
    public static void run(GateContext context, SwitchWorld world, SwitchRecord record) throws GateFailedException {
        record.putBackClean();
        List<ProducerReturn> returns = new ArrayList<>();
        record.producers().stream().filter(p -> p.phase().touched())
                .forEach(p -> returns.add(new ProducerReturn(context, p.producer(), world, record)));
        Map<String, GateFailedException> failures = new ConcurrentHashMap<>();
        List<TopicPartition> writtenOnTarget = new ArrayList<>();
        for (ProducerReturn r : returns) {
            if (r.wasOnTarget()) {
                writtenOnTarget.addAll(world.topics().partitions(spec(context, r.producer()).topics()));
            }
        }
        Lanes.run("switch-producers stop on the target", returns.size(), returns, r -> attempt(r.producer(), failures, r::stopOnTarget));
        if (!writtenOnTarget.isEmpty()) {
            PausePoint.reach("rollback.after-target-stop");
        }
        if (failures.isEmpty() && (record.mirrorTurned() || context.ledger().mirrorDirection() == MirrorDirection.REVERSE)) {
            try {
                record.returnQuietFor(new MirrorReturn(context, world).returnToForward(writtenOnTarget, allPartitions(context, world)));
                record.turnedBack();
                record.save(context.ledger());
            } catch (GateFailedException e) {
                record.putBackFailed(e.getMessage());
                record.save(context.ledger());
                throw e; // producers stay stopped: starting them on the source now would lose their target records
            }
        }
        if (failures.isEmpty()) {
            Lanes.run("switch-producers start on the source", returns.size(), returns,
                    r -> attempt(r.producer(), failures, r::startOnSource));
        }
        List<String> problems = new ArrayList<>();
        for (ProducerSwitch p : record.producers()) {
            if (failures.containsKey(p.producer())) {
                problems.add(failures.get(p.producer()).getMessage());
            } else if (p.phase().touched()) {
                problems.add(p.producer() + " is " + p.phase().name().toLowerCase() + " (not started on the source: another producer failed)");
            }
        }
        if (!problems.isEmpty()) {
            throw new GateFailedException("producers not back on the source: " + String.join("; ", problems),
                    "fix the control or the cause and run `cutover rollback` again; it continues where it stopped");
        }
    }

    /** One producer's step in a lane: its failure is collected, so the other lanes go on. */
    private static void attempt(String producer, Map<String, GateFailedException> failures, Step step) {
        try {
            step.run();
        } catch (GateFailedException e) {
            failures.put(producer, e);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws GateFailedException;
    }

    private static List<TopicPartition> allPartitions(GateContext context, SwitchWorld world) {
        TreeSet<String> topics = new TreeSet<>();
        context.plan().producers().forEach(p -> topics.addAll(p.topics()));
        return world.topics().partitions(topics);
    }

    private static ProducerSpec spec(GateContext context, String producer) {
        return context.plan().producers().stream().filter(p -> p.name().equals(producer)).findFirst().orElseThrow();
    }
}
