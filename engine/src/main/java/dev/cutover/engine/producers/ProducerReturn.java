package dev.cutover.engine.producers;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;

/**
 * Puts one producer back on the source, exactly where it left off, in two steps each saved before
 * the next: stop it on the target if it was started there (its control then reports the position
 * after the last event it wrote on the target), and, once the reverse mirror has copied those
 * events to the source ({@link MirrorReturn}), start it on the source after that position. A
 * producer that never left the source, or is back already, is left alone.
 */
public final class ProducerReturn {

    private final GateContext context;
    private final ProducerControl control;
    private final SwitchRecord record;
    private final ProducerSwitch state;

    public ProducerReturn(GateContext context, String producer, SwitchWorld world, SwitchRecord record) {
        this.context = context;
        this.control = world.control(producer);
        this.record = record;
        this.state = record.producer(producer);
    }

    public String producer() {
        return state.producer();
    }

    /** Whether it may have written on the target, so its partitions must be proven quiet there. */
    public boolean wasOnTarget() {
        return state.phase().onTarget();
    }

    /** Its stop control on the target, once; a producer never started there is skipped. */
    public void stopOnTarget() throws GateFailedException {
        if (!state.phase().onTarget() || state.returnStoppedAt() != null) {
            return;
        }
        long called = context.time().nanos();
        try {
            state.stoppedOnTarget(control.stop(ClusterSide.TARGET), context.time().now(), context.time().msSince(called));
        } catch (ControlException e) {
            state.putBackFailed(e.getMessage());
            record.save(context.ledger());
            throw new GateFailedException("could not stop producer " + producer() + " on the target: " + e.getMessage(),
                    "check its stop control; it was not started on the source");
        }
        record.save(context.ledger());
    }

    /** Its start control on the source, after its position; RETURNED once that returned. */
    public void startOnSource() throws GateFailedException {
        if (!state.phase().touched()) {
            return;
        }
        long called = context.time().nanos();
        try {
            control.start(ClusterSide.SOURCE, state.position());
        } catch (ControlException e) {
            state.putBackFailed(e.getMessage());
            record.save(context.ledger());
            throw new GateFailedException("could not start producer " + producer() + " on the source: " + e.getMessage(),
                    "check its start control; it resumes after " + state.position().describe());
        }
        state.returned(context.time().now(), context.time().msSince(called));
        record.save(context.ledger());
        context.progress().note("rollback: producer " + producer() + " writes on the source again, after "
                + state.position().describe());
    }
}
