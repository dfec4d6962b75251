package dev.cutover.engine.rollback;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.copy.ForwardCopy;
import dev.cutover.engine.gates.Gate;
import dev.cutover.engine.gates.GateCatalog;
import dev.cutover.engine.gates.RollbackPath;
import dev.cutover.engine.producers.AgentSwitchMirror;
import dev.cutover.engine.producers.ClusterSwitchTopics;
import dev.cutover.engine.producers.ConnectSwitchMirror;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.Lanes;
import dev.cutover.plans.GateName;
import dev.cutover.plans.MirrorEngine;
import dev.cutover.state.GateRecord;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import dev.cutover.state.MirrorDirection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Rolls a cutover back: it walks the gate catalog in reverse and undoes every gate from the switch
 * on that ran ({@link Gate#undo}), each ending ROLLED_BACK with its rollback evidence; the gates
 * before them (preflight to in-sync) stay passed and the forward mirror runs again, so a corrected
 * plan can try again from there.
 *
 * <p>The undos run side by side: producers and groups are independent (switch-producers' undo puts
 * the producers back while move-consumers' puts the groups back), so producers stop writing to the
 * failing target at once instead of after every group. What they share is the mirror: only
 * switch-producers' undo turns it (reverse to forward, after the target went quiet and the reverse
 * copy drained, which also covers every group's commits there); the forward mirror starts again
 * here, only once every undo finished, so no group still on the target reads its new copies.
 *
 * <p>Every step is recorded before the next one, so a rollback killed at any point finishes when run
 * again. Nothing is lost: records written on the target after the switch reach the source first.
 */
public final class Rollback implements RollbackPath {

    private static final Set<GateState> TO_UNDO = Set.of(GateState.PASSED, GateState.FAILED, GateState.RUNNING);

    private final GateCatalog catalog;
    private final Function<GateContext, Runnable> forwardMirror;

    public Rollback() {
        this(GateCatalog.standard(), Rollback::forwardMirror);
    }

    /**
     * The plan's forward copy, made sure to run: the embedded agent in the ledger's direction, or on
     * {@code mirror.engine: connect} the connectors (never an agent beside them: it would copy every
     * record a second time).
     */
    private static Runnable forwardMirror(GateContext context) {
        if (context.plan().mirror().engine() == MirrorEngine.CONNECT) {
            return () -> {
                try (ConnectSwitchMirror mirror = ConnectSwitchMirror.of(context,
                        new ClusterSwitchTopics(context.source(), context.target()))) {
                    // The ledger's direction: reverse while records written on the target are still to reach
                    // the source; forward again, the forward connector's offsets first moved past what the
                    // reverse one copied, then the deploy that converges on the plan's connectors (it resumes
                    // a stopped connector, so never while the direction is reverse: that would be a cycle).
                    mirror.ensureRunning();
                    if (context.ledger().mirrorDirection() == MirrorDirection.FORWARD) {
                        ForwardCopy.of(context).start();
                    }
                } catch (GateFailedException e) {
                    throw new CutoverException(ExitCode.FAILED, e.getMessage(), null, e.remedy(), e);
                }
            };
        }
        return new AgentSwitchMirror(context)::ensureRunning;
    }

    /**
     * @param catalog       the gates whose undo runs (for testing: gates with fake controls)
     * @param forwardMirror starts the mirror in the ledger's direction once every undo finished
     */
    public Rollback(GateCatalog catalog, Function<GateContext, Runnable> forwardMirror) {
        this.catalog = catalog;
        this.forwardMirror = forwardMirror;
    }

    @Override
    public void rollBack(GateContext context, String reason) throws GateFailedException {
        Ledger ledger = context.ledger();
        refuseAfterFinalize(ledger);
        ledger.audit("rollback", "started", reason);
        context.progress().note("rollback: " + reason);
        List<Gate> undone = catalog.undoneByRollback().stream().filter(g -> toUndo(ledger, g.name())).toList();
        if (ledger.mirrorDirection() == MirrorDirection.REVERSE) {
            // The records written on the target must reach the source, for the producers and the groups alike.
            forwardMirror.apply(context).run();
        }
        Map<GateName, GateFailedException> failures = new ConcurrentHashMap<>();
        Lanes.run("rollback", undone.size(), undone, gate -> {
            long began = context.time().nanos();
            try {
                gate.undo(context);
            } catch (GateFailedException e) {
                failures.put(gate.name(), e);
                return;
            }
            long ms = context.time().msSince(began);
            String name = gate.name().label();
            ledger.putEvidence(name, Map.of("rollback", Map.of("reason", reason, "tookMs", ms)));
            ledger.transition(name, GateState.ROLLED_BACK, "rolled back: " + reason);
            ledger.audit("gate " + name, "rolled back", "in " + ms + " ms");
            context.progress().note("rollback: " + name + " rolled back in " + ms + " ms");
        });
        // The copy runs again as it ran before: never started by a rollback of a cutover whose mirror gate
        // has not passed (nothing to copy yet, and no target topics maybe: the agent would fail on them).
        if (ledger.mirrorDirection() == MirrorDirection.FORWARD && mirrorPassed(ledger)) {
            forwardMirror.apply(context).run();
        }
        if (!failures.isEmpty()) {
            // The last gate's failure first, as the catalog walks back.
            GateFailedException first = undone.stream().map(g -> failures.get(g.name())).filter(e -> e != null)
                    .findFirst().orElseThrow();
            ledger.audit("rollback", "stopped", first.getMessage());
            throw failures.size() == 1 ? first : new GateFailedException(first.getMessage() + " (and "
                    + (failures.size() - 1) + " more gate(s) not rolled back; see `cutover status`)", first.remedy());
        }
        ledger.audit("rollback", "finished", reason);
    }

    private static boolean mirrorPassed(Ledger ledger) {
        return ledger.gates().stream().anyMatch(g -> g.name().equals(GateName.MIRROR.label()) && g.state() == GateState.PASSED);
    }

    private static boolean toUndo(Ledger ledger, GateName name) {
        Optional<GateRecord> gate = ledger.gates().stream().filter(g -> g.name().equals(name.label())).findFirst();
        return gate.isPresent() && TO_UNDO.contains(gate.get().state());
    }

    /**
     * Once finalize has passed the reverse copy is stopped for good: records producers write on the
     * target from then on exist only there, so putting them back on the source would lose them.
     */
    private static void refuseAfterFinalize(Ledger ledger) {
        boolean finalized = ledger.gates().stream()
                .anyMatch(g -> g.name().equals(GateName.FINALIZE.label()) && g.state() == GateState.PASSED);
        if (finalized) {
            ledger.audit("rollback", "refused", "the cutover is finalized");
            throw new CutoverException(ExitCode.REFUSED, "the cutover is finalized: a rollback would lose data",
                    "finalize stopped the reverse copy, so what producers wrote on the target since then is not on the source",
                    "to go back, plan a new cutover with the clusters swapped (source: the current target)");
        }
    }
}
