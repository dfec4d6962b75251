package dev.cutover.engine.copy;

import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.plans.MirrorEngine;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The copy from source to target as the {@code mirror} and {@code in-sync} gates start it and wait
 * on it, whichever engine runs it: cutover's own mirror agent ({@link AgentCopy}) or MirrorMaker 2's
 * connectors on the user's Kafka Connect cluster ({@link ConnectCopy}).
 */
public interface ForwardCopy {

    /** The engine the plan names. */
    static ForwardCopy of(GateContext context) {
        return context.plan().mirror().engine() == MirrorEngine.CONNECT ? ConnectCopy.of(context) : new AgentCopy(context);
    }

    /** Starts the copy, or finds it running; idempotent. The evidence of what it found and did. */
    Map<String, Object> start() throws GateFailedException;

    /**
     * Before a gate waits on the copy: starts it again if it is not running, also after it failed, so
     * a `step` run again once the cause is fixed goes on. True when it had to start something.
     */
    boolean ensureRunning() throws GateFailedException;

    /**
     * Called on every look of a wait: fails the gate on a failure the copy cannot get over by itself,
     * restarts what had died.
     */
    CopyHealth keepCopying() throws GateFailedException;

    /** The next source offset of every partition copied at least once. */
    Map<TopicPartition, Long> copied() throws GateFailedException;

    /** Where a user looks when the copy misbehaves, for remedies: the agent's log, the Connect cluster. */
    String whereToLook();

    /**
     * @param summary   one line for progress and evidence
     * @param restarted it had died and was restarted at this look
     */
    record CopyHealth(String summary, boolean restarted) {
    }
}
