package dev.cutover.engine.rollback;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.consumers.BackTranslator;
import dev.cutover.engine.consumers.GroupControls;
import dev.cutover.engine.consumers.GroupLanes;
import dev.cutover.engine.consumers.GroupMove;
import dev.cutover.engine.consumers.GroupReturn;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.gates.RollbackPath;
import dev.cutover.engine.gates.SwitchProducersGate;
import dev.cutover.plans.GateName;
import dev.cutover.state.GateRecord;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import dev.cutover.state.MirrorDirection;
import dev.cutover.state.MirrorProgress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Rolls a cutover back: the gates that moved anything are undone in reverse order, each ending
 * ROLLED_BACK with its rollback evidence; the gates before them (preflight to in-sync) stay passed
 * and the forward mirror runs again, so a corrected plan can try again from there.
 * <ul>
 *   <li>observe: nothing to undo;</li>
 *   <li>move-consumers: every group that reached the target is stopped there, its offsets are
 *       translated exactly back to the source and committed, and it is started on the source;</li>
 *   <li>switch-producers: every producer is stopped on the target, the reverse mirror copies what it
 *       wrote there to the source, and it resumes on the source after its last event.</li>
 * </ul>
 * Every step is recorded before the next one, so a rollback killed at any point finishes when run
 * again. Nothing is lost: records written on the target after the switch reach the source first.
 */
public final class Rollback implements RollbackPath {

    private static final List<GateName> UNDONE_IN_ORDER = List.of(GateName.FINALIZE, GateName.OBSERVE,
            GateName.MOVE_CONSUMERS, GateName.SWITCH_PRODUCERS);
    private static final Set<GateState> TO_UNDO = Set.of(GateState.PASSED, GateState.FAILED, GateState.RUNNING);

    @Override
    public void rollBack(GateContext context, String reason) throws GateFailedException {
        Ledger ledger = context.ledger();
        refuseAfterFinalize(ledger);
        ledger.audit("rollback", "started", reason);
        context.progress().note("rollback: " + reason);
        for (GateName name : UNDONE_IN_ORDER) {
            Optional<GateRecord> gate = ledger.gates().stream().filter(g -> g.name().equals(name.label())).findFirst();
            if (gate.isEmpty() || !TO_UNDO.contains(gate.get().state())) {
                continue;
            }
            long began = System.nanoTime();
            switch (name) {
                case MOVE_CONSUMERS -> returnGroups(context);
                case SWITCH_PRODUCERS -> SwitchProducersGate.steps(context).rollBack();
                default -> {
                    // observe and finalize changed nothing that needs undoing
                }
            }
            long ms = (System.nanoTime() - began) / 1_000_000;
            ledger.putEvidence(name.label(), Map.of("rollback", Map.of("reason", reason, "tookMs", ms)));
            ledger.transition(name.label(), GateState.ROLLED_BACK, "rolled back: " + reason);
            ledger.audit("gate " + name.label(), "rolled back", "in " + ms + " ms");
            context.progress().note("rollback: " + name.label() + " rolled back in " + ms + " ms");
        }
        if (ledger.mirrorDirection() == MirrorDirection.FORWARD) {
            context.agents().ensureRunning(ledger);
        }
        ledger.audit("rollback", "finished", reason);
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

    private void returnGroups(GateContext context) throws GateFailedException {
        Ledger ledger = context.ledger();
        String gate = GateName.MOVE_CONSUMERS.label();
        Map<String, Object> evidence = ledger.gate(gate).evidence();
        Map<String, GroupMove> moves = new LinkedHashMap<>();
        if (evidence.get("groups") instanceof Map<?, ?> groups) {
            for (Object g : groups.keySet()) {
                moves.put((String) g, GroupMove.from((String) g, evidence));
            }
        }
        Set<String> topics = new LinkedHashSet<>(context.compiled().selectedTopics());
        if (ledger.mirrorDirection() == MirrorDirection.REVERSE) {
            context.agents().ensureRunning(ledger); // the groups' records written on the target must reach the source
        }
        List<GroupMove> pending = moves.values().stream().filter(GroupReturn::needed).toList();
        Map<String, GateFailedException> failures = new ConcurrentHashMap<>();
        // The groups go back as they came, gates.move-consumers.parallel at a time: one at a time, a
        // rollback of hundreds of groups would take minutes while each waits on round trips.
        try (BackTranslator translator = new BackTranslator(ledger, context.source(), context.target(), switchPoints(ledger))) {
            GroupLanes.run("rollback", context.plan().gates().moveConsumers().parallel(), pending, move -> {
                GroupReturn back = new GroupReturn(context, translator, GroupControls.of(move.group(),
                        context.plan().consumers().stream().filter(c -> c.group().equals(move.group())).findFirst(),
                        context.source().bootstrap(), context.target().bootstrap()), move, topics);
                try {
                    back.run();
                    context.progress().note("rollback: group " + move.group() + " back on the source" + back.waits());
                } catch (GateFailedException e) {
                    failures.put(move.group(), e);
                    context.progress().note("rollback: group " + move.group() + " NOT back on the source: " + e.getMessage());
                }
            });
        }
        if (!failures.isEmpty()) {
            // Every other group went as far as it could; the first failure (in plan order) is the one shown.
            GateFailedException first = failures.get(pending.stream().map(GroupMove::group).filter(failures::containsKey)
                    .findFirst().orElseThrow());
            if (failures.size() == 1) {
                throw first;
            }
            throw new GateFailedException(failures.size() + " groups not back on the source: " + first.getMessage()
                    + " (and " + (failures.size() - 1) + " more; see `cutover status`)", first.remedy());
        }
    }

    /**
     * Where the forward mirror stopped, per partition: switch-producers' drained ends for the
     * producers' topics, the forward mirror's saved positions for the others.
     */
    private static Map<TopicPartition, long[]> switchPoints(Ledger ledger) {
        Map<TopicPartition, long[]> points = new HashMap<>();
        for (MirrorProgress p : ledger.mirrorProgress(MirrorDirection.FORWARD).values()) {
            points.put(new TopicPartition(p.topic(), p.partition()), new long[] {p.nextSourceOffset(), p.nextTargetOffset()});
        }
        if (ledger.gates().stream().anyMatch(g -> g.name().equals(GateName.SWITCH_PRODUCERS.label()))) {
            points.putAll(BackTranslator.switchPoints(ledger.gate(GateName.SWITCH_PRODUCERS.label()).evidence()));
        }
        return points;
    }
}
