package dev.cutover.engine.gates;

import dev.cutover.engine.producers.MirrorTurnaround;
import dev.cutover.engine.producers.ProducerMover;
import dev.cutover.engine.producers.PutBack;
import dev.cutover.engine.producers.SwitchPhase;
import dev.cutover.engine.producers.SwitchRecord;
import dev.cutover.engine.producers.SwitchWorld;
import dev.cutover.engine.producers.Switchover;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.plans.GateName;
import dev.cutover.plans.ProducerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Moves every Salesforce producer from the source cluster to the target, carrying each one's
 * replay position so no event is lost or written twice:
 *
 * <ol>
 *   <li>stop each producer on the source through its control; its stop reports the position;</li>
 *   <li>prove it stopped: its topics' end offsets hold still for {@code gates.quiesce.window};</li>
 *   <li>drain: the mirror copies every remaining source record to the target;</li>
 *   <li>cross-check the reported position with the replay-id header of the last record, if any;</li>
 *   <li>turn the mirror around (one ledger transaction; {@link MirrorTurnaround});</li>
 *   <li>start each producer against the target, resuming after its position;</li>
 *   <li>prove it: new records from it arrive on the target, none repeating a source replay id.</li>
 * </ol>
 *
 * One {@link ProducerMover} per producer takes its steps ({@link Switchover}), each saved in the {@link SwitchRecord}
 * before the next, so a killed gate resumes without stopping or starting anything twice. If any
 * step fails, every producer the gate touched is put back on the source ({@link PutBack}, the same
 * path as a rollback's) and the gate fails.
 */
public final class SwitchProducersGate implements Gate {

    private final Function<GateContext, SwitchWorld> worlds;

    public SwitchProducersGate() {
        this(SwitchWorld::of);
    }

    /** @param worlds the controls, topics and mirror the gate acts on (for testing: fakes) */
    public SwitchProducersGate(Function<GateContext, SwitchWorld> worlds) {
        this.worlds = worlds;
    }

    @Override
    public GateName name() {
        return GateName.SWITCH_PRODUCERS;
    }

    @Override
    public Map<String, Object> check(GateContext context) throws GateFailedException {
        List<ProducerSpec> producers = context.plan().producers();
        if (producers.isEmpty()) {
            return Map.of("producers", "none in the plan: nothing to switch");
        }
        SwitchRecord record = SwitchRecord.read(context.ledger(), names(context));
        if (!record.mirrorTurned() && record.any(SwitchPhase.PENDING, SwitchPhase.STOPPED, SwitchPhase.QUIET, SwitchPhase.RETURNED)) {
            try (SwitchWorld world = worlds.apply(context)) {
                world.mirror().ensureRunning(); // the drain needs the mirror: make sure it runs before anything is stopped
            }
        }
        return Map.of("producers", names(context));
    }

    @Override
    public Map<String, Object> act(GateContext context) throws GateFailedException {
        if (context.plan().producers().isEmpty()) {
            return Map.of();
        }
        SwitchRecord record = Switchover.resume(context, names(context));
        try (SwitchWorld world = worlds.apply(context)) {
            try {
                Switchover.run(context, world, record);
            } catch (GateFailedException e) {
                throw putBackAfter(context, world, record, e);
            }
        }
        return Map.of("switched", context.plan().producers().size());
    }

    @Override
    public Map<String, Object> verify(GateContext context) throws GateFailedException {
        if (context.plan().producers().isEmpty()) {
            return Map.of();
        }
        SwitchRecord record = SwitchRecord.read(context.ledger(), names(context));
        try (SwitchWorld world = worlds.apply(context)) {
            try {
                Switchover.prove(context, world, record);
            } catch (GateFailedException e) {
                throw putBackAfter(context, world, record, e);
            }
        }
        Map<String, Object> pauses = new LinkedHashMap<>();
        record.producers().forEach(p -> pauses.put(p.producer(), p.writePauseMs()));
        return Map.of("writePauseMs", pauses);
    }

    /** Every producer this gate touched back on the source, where it left off: see {@link PutBack}. */
    @Override
    public void undo(GateContext context) throws GateFailedException {
        if (context.plan().producers().isEmpty()) {
            return;
        }
        SwitchRecord record = SwitchRecord.read(context.ledger(), names(context));
        try (SwitchWorld world = worlds.apply(context)) {
            PutBack.run(context, world, record);
        }
    }

    /** The failure of a switch step, after every producer was put back (or why that failed too). */
    private static GateFailedException putBackAfter(GateContext context, SwitchWorld world, SwitchRecord record,
                                                    GateFailedException cause) {
        try {
            PutBack.run(context, world, record);
            world.mirror().ensureRunning(); // forward again: no group has moved yet at this gate
            return new GateFailedException(cause.getMessage(), cause.remedy()
                    + "; every producer this gate had stopped was put back on the source", cause.evidence());
        } catch (GateFailedException notBack) {
            return new GateFailedException(cause.getMessage() + "; putting the producers back failed too: " + notBack.getMessage(),
                    notBack.remedy(), cause.evidence());
        }
    }

    private static List<String> names(GateContext context) {
        return context.plan().producers().stream().map(ProducerSpec::name).toList();
    }
}
