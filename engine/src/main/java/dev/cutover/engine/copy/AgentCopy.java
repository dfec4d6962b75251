package dev.cutover.engine.copy;

import dev.cutover.engine.agent.AgentFailedException;
import dev.cutover.engine.agent.AgentHealth;
import dev.cutover.engine.agent.LedgerProgressStore;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.PausePoint;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code mirror.engine: embedded}: cutover's mirror agent, a process of its own that saves its
 * positions in the ledger. A dead or hung agent is restarted (it resumes from its saved positions);
 * one that reported a failure fails the gate with its reason.
 */
final class AgentCopy implements ForwardCopy {

    private final GateContext context;

    AgentCopy(GateContext context) {
        this.context = context;
    }

    @Override
    public Map<String, Object> start() {
        boolean started = context.agents().ensureRunning(context.ledger());
        AgentHealth health = context.agents().health(context.ledger());
        PausePoint.reach("mirror.after-agent-start");
        context.progress().note("mirror: agent " + (started ? "started" : "already running") + ", pid " + health.pid()
                + ", log " + context.agents().logFile());
        return Map.of("agentStarted", started, "agentPid", health.pid(), "agentLog", context.agents().logFile().toString());
    }

    @Override
    public boolean ensureRunning() {
        return context.agents().ensureRunning(context.ledger());
    }

    @Override
    public CopyHealth keepCopying() throws GateFailedException {
        try {
            AgentHealth found = context.agents().keepRunning(context.ledger());
            return new CopyHealth("agent " + found.summary(), !found.alive());
        } catch (AgentFailedException e) {
            throw new GateFailedException(e.getMessage(), "read " + whereToLook() + ", fix the cause and run `cutover step` again",
                    Map.of("agent", e.health().summary()));
        }
    }

    @Override
    public Map<TopicPartition, Long> copied() {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (Map.Entry<TopicPartition, CopyPosition> saved : new LedgerProgressStore(context.ledger()).load().entrySet()) {
            // (0, 0) is a partition the agent has registered but not copied from yet.
            if (saved.getValue().nextSourceOffset() > 0 || saved.getValue().nextTargetOffset() > 0) {
                next.put(saved.getKey(), saved.getValue().nextSourceOffset());
            }
        }
        return next;
    }

    @Override
    public String whereToLook() {
        return context.agents().logFile().toString();
    }
}
