package dev.cutover.engine.producers;

import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.mirror.LagProbe;
import dev.cutover.engine.run.GateContext;
import dev.cutover.state.AgentRecord;
import dev.cutover.state.MirrorDirection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** The embedded mirror agent, through its supervisor and the progress it saves in the ledger. */
public final class AgentSwitchMirror implements SwitchMirror {

    private final GateContext context;
    /** The forward drain's probe on the source, opened by {@link #prepare} so the write pause does not pay for it. */
    private LagProbe forwardProbe;

    public AgentSwitchMirror(GateContext context) {
        this.context = context;
    }

    /**
     * An agent asked to stop (by a turnaround) may still be running, and heartbeating, in the old
     * direction: it is waited for (killed after a while) before one starts in the ledger's direction.
     */
    @Override
    public void ensureRunning() {
        if (context.ledger().agent().map(AgentRecord::stopRequested).orElse(false)) {
            context.agents().stop(context.ledger());
        }
        context.agents().ensureRunning(context.ledger());
    }

    @Override
    public void prepare(List<TopicPartition> partitions) {
        probe().connect(partitions);
    }

    @Override
    public Map<TopicPartition, CopyPosition> drain(MirrorDirection direction, List<TopicPartition> partitions, Duration timeout)
            throws MirrorDrain.NotDrained {
        if (direction == MirrorDirection.FORWARD) {
            return MirrorDrain.await(context, direction, partitions, timeout, probe());
        }
        return MirrorDrain.await(context, direction, partitions, timeout);
    }

    private LagProbe probe() {
        if (forwardProbe == null) {
            forwardProbe = new LagProbe(context.source().properties());
        }
        return forwardProbe;
    }

    @Override
    public void close() {
        if (forwardProbe != null) {
            forwardProbe.close();
            forwardProbe = null;
        }
    }
}
