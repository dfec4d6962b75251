package dev.cutover.engine.gates;

import dev.cutover.engine.run.PausePoint;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.agent.AgentFailedException;
import dev.cutover.engine.agent.AgentHealth;
import dev.cutover.engine.agent.LedgerProgressStore;
import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.plans.GateName;
import dev.cutover.plans.MirrorEngine;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    public Map<String, Object> check(GateContext context) throws GateFailedException {
        if (context.plan().mirror().engine() != MirrorEngine.EMBEDDED) {
            throw new GateFailedException("mirror.engine: connect is not available in this version of cutover",
                    "set mirror.engine: embedded (MirrorMaker 2 runs in a cutover agent process) and run `cutover plan` again");
        }
        return Map.of("engine", "embedded", "topics", context.compiled().selectedTopics().size());
    }

    @Override
    public Map<String, Object> act(GateContext context) {
        boolean started = context.agents().ensureRunning(context.ledger());
        AgentHealth health = context.agents().health(context.ledger());
        PausePoint.reach("mirror.after-agent-start");
        context.progress().note("mirror: agent " + (started ? "started" : "already running") + ", pid " + health.pid()
                + ", log " + context.agents().logFile());
        return Map.of("agentStarted", started, "agentPid", health.pid(), "agentLog", context.agents().logFile().toString());
    }

    /**
     * Waits for the first copied records; an agent found dead meanwhile is restarted (as in-sync does),
     * one that failed fails the gate with its reason.
     */
    @Override
    public Map<String, Object> verify(GateContext context) throws GateFailedException {
        List<TopicPartition> withData = partitionsWithData(context);
        // The failure reads the agent's health again: as it is at the deadline, a poll after the last look.
        return context.pollUntil(POLL, REPLICATING_TIMEOUT, waited -> firstRecords(context, withData, waited),
                waited -> new GateFailedException("the mirror copied nothing within " + REPLICATING_TIMEOUT.toSeconds()
                        + " s (agent: " + context.agents().health(context.ledger()).summary() + ")",
                        "read " + context.agents().logFile() + " and check the target cluster; then run `cutover step` again"));
    }

    /** The evidence once the agent lives and copies (when there is anything to copy); empty to look again. */
    private static Optional<Map<String, Object>> firstRecords(GateContext context, List<TopicPartition> withData, Duration waited)
            throws GateFailedException {
        AgentHealth health;
        try {
            health = context.agents().keepRunning(context.ledger());
        } catch (AgentFailedException e) {
            throw new GateFailedException(e.getMessage(),
                    "read " + context.agents().logFile() + ", fix the cause and run `cutover step` again",
                    Map.of("agent", e.health().summary()));
        }
        Map<TopicPartition, CopyPosition> positions = new LedgerProgressStore(context.ledger()).load();
        long copying = withData.stream().filter(tp -> positions.containsKey(tp) && positions.get(tp).nextTargetOffset() > 0).count();
        if (health.alive() && (withData.isEmpty() || copying > 0)) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("agent", health.summary());
            evidence.put("partitionsWithData", withData.size());
            evidence.put("partitionsCopying", copying);
            evidence.put("firstRecordsWithinMs", waited.toMillis());
            return Optional.of(evidence);
        }
        context.progress().update("mirror: waiting for the first records on the target (agent " + health.summary() + ")");
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
