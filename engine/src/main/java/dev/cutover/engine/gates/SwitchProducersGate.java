package dev.cutover.engine.gates;

import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.producers.ProducerControl;
import dev.cutover.engine.producers.ProducerControls;
import dev.cutover.engine.producers.ProducerSwitch;
import dev.cutover.engine.producers.SwitchPhase;
import dev.cutover.engine.producers.SwitchSteps;
import dev.cutover.plans.GateName;
import dev.cutover.plans.ProducerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves every Salesforce producer from the source cluster to the target, carrying each one's
 * replay position so no event is lost or written twice:
 *
 * <ol>
 *   <li>stop each producer on the source through its control; its stop reports the position;</li>
 *   <li>prove it stopped: its topics' end offsets hold still for {@code gates.quiesce.window};</li>
 *   <li>drain: the mirror copies every remaining source record to the target, then stops;</li>
 *   <li>cross-check the reported position with the replay-id header of the last record, if any;</li>
 *   <li>start each producer against the target, resuming after its position;</li>
 *   <li>prove it: new records from it arrive on the target, none repeating a source replay id.</li>
 * </ol>
 *
 * Each producer's phase is committed to the ledger after every step, so a killed gate resumes
 * without stopping or starting anything twice. If a producer cannot stop or start, every producer
 * the gate touched is put back on the source and the gate fails.
 */
public final class SwitchProducersGate implements Gate {

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
        SwitchSteps steps = steps(context);
        if (!steps.mirrorStopped() && steps.any(SwitchPhase.PENDING, SwitchPhase.STOPPED, SwitchPhase.QUIET)) {
            // The drain needs the mirror: make sure it runs before anything is stopped.
            context.agents().ensureRunning(context.ledger());
        }
        return Map.of("producers", producers.stream().map(ProducerSpec::name).toList());
    }

    @Override
    public Map<String, Object> act(GateContext context) throws GateFailedException {
        if (context.plan().producers().isEmpty()) {
            return Map.of();
        }
        try (SwitchSteps steps = steps(context)) {
            steps.prepare();
            steps.stopAll();
            steps.drainAndStopMirror();
            steps.startAllOnTarget();
        }
        return Map.of("switched", context.plan().producers().size());
    }

    @Override
    public Map<String, Object> verify(GateContext context) throws GateFailedException {
        if (context.plan().producers().isEmpty()) {
            return Map.of();
        }
        SwitchSteps steps = steps(context);
        steps.proveWritingOnTarget();
        Map<String, Object> pauses = new LinkedHashMap<>();
        for (ProducerSwitch s : steps.switches()) {
            pauses.put(s.producer(), s.get("writePauseMs"));
        }
        return Map.of("writePauseMs", pauses);
    }

    /** The switch steps over the plan's producers, with their controls; also used to roll the switch back. */
    public static SwitchSteps steps(GateContext context) {
        Map<String, ProducerControl> controls = new LinkedHashMap<>();
        for (ProducerSpec p : context.plan().producers()) {
            controls.put(p.name(), ProducerControls.of(p, context.source().bootstrap(), context.target().bootstrap()));
        }
        return new SwitchSteps(context, controls);
    }
}
