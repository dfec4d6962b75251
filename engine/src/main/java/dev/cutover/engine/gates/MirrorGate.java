package dev.cutover.engine.gates;

import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.engine.copy.ForwardCopy;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.plans.GateName;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * MirrorMaker 2 (connect-mirror's tasks, identity replication policy) is replicating every
 * selected topic, and the selected groups' offsets, into the target. With the embedded engine
 * the tasks run in the mirror agent, a background process that outlives this step.
 */
public final class MirrorGate implements Gate {

    private static final Duration REPLICATING_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(300);

    @Override
    public GateName name() {
        return GateName.MIRROR;
    }

    @Override
    public Map<String, Object> check(GateContext context) {
        return Map.of("engine", context.plan().mirror().engine().label(), "topics", context.compiled().selectedTopics().size());
    }

    @Override
    public Map<String, Object> act(GateContext context) throws GateFailedException {
        return ForwardCopy.of(context).start();
    }

    /**
     * Waits for the first copied records; a copy found dead meanwhile is restarted (as in-sync does),
     * one that failed fails the gate with its reason.
     */
    @Override
    public Map<String, Object> verify(GateContext context) throws GateFailedException {
        ForwardCopy copy = ForwardCopy.of(context);
        List<TopicPartition> withData = partitionsWithData(context);
        // The failure names the copy's health at the last look.
        AtomicReference<String> last = new AtomicReference<>("not looked at yet");
        return context.pollUntil(POLL, REPLICATING_TIMEOUT, waited -> firstRecords(context, copy, withData, waited, last),
                waited -> new GateFailedException("the mirror copied nothing within " + REPLICATING_TIMEOUT.toSeconds()
                        + " s (" + last.get() + ")",
                        "read " + copy.whereToLook() + " and check the target cluster; then run `cutover step` again"));
    }

    /** The evidence once the copy runs and has copied (when there is anything to copy); empty to look again. */
    private static Optional<Map<String, Object>> firstRecords(GateContext context, ForwardCopy copy,
                                                              List<TopicPartition> withData, Duration waited,
                                                              AtomicReference<String> last)
            throws GateFailedException {
        ForwardCopy.CopyHealth health = copy.keepCopying();
        last.set(health.summary());
        Map<TopicPartition, Long> copied = copy.copied();
        long copying = withData.stream().filter(copied::containsKey).count();
        if (!health.restarted() && (withData.isEmpty() || copying > 0)) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("copy", health.summary());
            evidence.put("partitionsWithData", withData.size());
            evidence.put("partitionsCopying", copying);
            evidence.put("firstRecordsWithinMs", waited.toMillis());
            return Optional.of(evidence);
        }
        context.progress().update("mirror: waiting for the first records on the target (" + health.summary() + ")");
        return Optional.empty();
    }

    /** Selected source partitions that hold records now, so a copy must show on the target. */
    static List<TopicPartition> partitionsWithData(GateContext context) {
        List<TopicPartition> all = ClusterInspector.partitions(
                ClusterInspector.describeTopics(context.source(), context.compiled().selectedTopics()));
        Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        all.forEach(tp -> {
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        });
        var starts = ClusterInspector.await(context.source().admin().listOffsets(earliest).all(), context.source(), "read offsets");
        var ends = ClusterInspector.await(context.source().admin().listOffsets(latest).all(), context.source(), "read offsets");
        return all.stream().filter(tp -> ends.get(tp).offset() > starts.get(tp).offset()).toList();
    }
}
