package dev.cutover.engine.rehearsal;

import dev.cutover.engine.Cutover;
import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.Planner;
import dev.cutover.engine.Session;
import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.engine.consumers.GroupReturn;
import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.engine.gates.Stepper;
import dev.cutover.engine.producers.SwitchRecord;
import dev.cutover.engine.readiness.RehearsalResult;
import dev.cutover.engine.rollback.Rollback;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.Progress;
import dev.cutover.engine.run.Time;
import dev.cutover.engine.status.StatusReader;
import dev.cutover.engine.triggers.ForcedBreach;
import dev.cutover.plans.GateName;
import dev.cutover.plans.Plan;
import dev.cutover.plans.ProducerSpec;
import dev.cutover.plans.TriggerSpec;
import dev.cutover.plans.compile.CompiledPlan;
import dev.cutover.state.GateRecord;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code cutover rehearse PLAN.yaml}: the plan's gates for real against its own (staging) clusters and
 * controls, with whatever traffic the users' producers make, through {@code observe}; then the
 * rollback, asked for, or the automatic one after a breach forced on a named trigger; then the checks
 * of {@link StagingChecks}, read from the clusters. It never finalizes: a rehearsal ends with
 * everything back on the source, and says what it left on the target.
 */
public final class StagingRehearsal {

    /** The ledger setting that marks a rehearsal's ledger, which the next rehearsal may replace. */
    public static final String MARKER = "rehearsal.kind";

    private final Progress progress;
    private final String breach;
    private final Duration producerWait;
    private final boolean cleanup;

    /**
     * @param breach       a trigger of the plan whose breach is forced during observe, or null: the
     *                     rollback is then asked for once observe passes
     * @param producerWait how long each producer may take to write on the source again after the rollback
     * @param cleanup      delete on the target what the rehearsal made there (see {@link RehearsalCleanup})
     */
    public StagingRehearsal(Progress progress, String breach, Duration producerWait, boolean cleanup) {
        this.progress = progress;
        this.breach = breach;
        this.producerWait = producerWait;
        this.cleanup = cleanup;
    }

    public RehearsalReport run(Path planFile, Path ledgerFile) {
        Plan parsed = Planner.parse(planFile);
        if (breach != null && parsed.rollback().triggers().stream().noneMatch(t -> t.name().equals(breach))) {
            throw new CutoverException(ExitCode.USAGE, "--breach " + breach + ": the plan has no trigger of that name", null,
                    "name one of rollback.triggers in " + planFile + ": " + parsed.rollback().triggers().stream()
                            .map(TriggerSpec::name).collect(Collectors.joining(", ", "", "")));
        }
        Planner.PlanResult planned = Planner.plan(planFile, ledgerFile);
        CompiledPlan compiled = planned.compiled();
        progress.note("plan: " + compiled.selectedTopics().size() + " topic(s), " + compiled.plan().producers().size()
                + " producer(s), " + compiled.selectedGroupIds().size() + " group(s), fingerprint "
                + compiled.fingerprint().substring(0, 12));
        Map<TopicPartition, Long> began;
        RehearsalCleanup before;
        try (Session session = Session.open(ledgerFile, "rehearse")) {
            session.ledger().putSetting(MARKER, "staging");
            GateContext context = session.context(compiled, progress);
            began = StagingChecks.ends(context.source(), compiled.selectedTopics());
            before = RehearsalCleanup.before(context.target());
            if (breach != null) {
                session.ledger().putSetting(ForcedBreach.SETTING, breach);
                session.ledger().audit("rehearse", "breach forced", "trigger " + breach + " reads as breached during observe");
            }
        } catch (RehearsalException e) {
            throw new CutoverException(ExitCode.FAILED, "the rehearsal could not begin: " + e.getMessage(), null,
                    "check that the source cluster answers, then run the rehearsal again");
        }
        List<StepOutcome> steps = step(ledgerFile);
        List<RehearsalCheck> checks = new ArrayList<>();
        try {
            checks.add(gates(steps));
            RehearsalCheck rollback = rollBack(ledgerFile, steps);
            checks.add(rollback);
            checks.addAll(fromClusters(ledgerFile, began, rollback.passed()));
        } finally {
            try (Ledger ledger = Ledger.open(ledgerFile)) {
                // A rehearsal leaves no process of its own running: the agent that copies forward again
                // after the rollback is stopped (`cutover step` would start it again).
                new MirrorAgentSupervisor(ledgerFile).stop(ledger);
            }
        }
        List<String> left = new ArrayList<>();
        try (Session session = Session.open(ledgerFile, "rehearse")) {
            try {
                left.addAll(before.leave(session.context(session.compileAsIs(), progress).target(), cleanup));
                session.ledger().audit("rehearse", cleanup ? "cleaned up" : "left", String.join("; ", left));
            } catch (RehearsalException e) {
                checks.add(new RehearsalCheck("cleanup", false, e.getMessage()));
            }
            RehearsalResult.of("staging", compiled.plan().name(), compiled.fingerprint(), Instant.now(), checks).save(session.ledger());
        }
        return new RehearsalReport(StatusReader.read(ledgerFile), steps, checks, GateName.FINALIZE.label(), left);
    }

    /** The gates up to finalize, which a rehearsal never runs; stops at the first that does not pass. */
    private List<StepOutcome> step(Path ledgerFile) {
        List<StepOutcome> steps = new ArrayList<>();
        Stepper stepper = Cutover.stepper();
        while (true) {
            try (Session session = Session.open(ledgerFile, "rehearse")) {
                Optional<GateRecord> next = Stepper.next(session.ledger());
                if (next.isEmpty() || next.get().name().equals(GateName.FINALIZE.label())) {
                    return steps;
                }
                StepOutcome outcome = stepper.step(session.context(session.compileFresh(), progress));
                steps.add(outcome);
                progress.note(outcome.gate() + ": " + outcome.state().label() + " in " + outcome.took().toMillis() + " ms"
                        + (outcome.passed() ? "" : " - " + outcome.detail()));
                if (!outcome.passed()) {
                    return steps;
                }
            }
        }
    }

    /** Every gate through observe passed; with a forced breach, observe ended it (rolled back, or failed when not automatic). */
    private RehearsalCheck gates(List<StepOutcome> steps) {
        boolean observed = steps.stream().anyMatch(s -> s.gate().equals(GateName.OBSERVE.label())
                && (breach == null ? s.passed() : s.state() == GateState.ROLLED_BACK || s.state() == GateState.FAILED));
        boolean othersPassed = steps.stream().filter(s -> !s.gate().equals(GateName.OBSERVE.label())).allMatch(StepOutcome::passed);
        String detail = steps.stream().map(s -> s.gate() + " " + s.state().label() + (s.passed() || s.gate().equals("observe")
                && breach != null ? "" : " (" + s.detail() + ")")).collect(Collectors.joining(", "));
        return new RehearsalCheck("gates through observe", observed && othersPassed,
                (breach != null ? "breach forced on " + breach + "; " : "") + detail);
    }

    /** The rollback, unless the automatic one already ran: every producer and group back on the source. */
    private RehearsalCheck rollBack(Path ledgerFile, List<StepOutcome> steps) {
        boolean automatic = steps.stream().anyMatch(s -> s.state() == GateState.ROLLED_BACK);
        long began = System.nanoTime();
        try (Session session = Session.open(ledgerFile, "rehearse")) {
            if (!automatic) {
                progress.update("rollback: putting producers and consumers back on the source");
                GateContext context = session.context(session.compileAsIs(), progress);
                new Rollback().rollBack(context, breach != null ? "rehearsal: breach forced on " + breach + " (rollback.automatic false)"
                        : "rehearsal: the rollback rehearsed");
            }
            List<String> moved = session.ledger().gates().stream()
                    .filter(g -> g.state() == GateState.PASSED && isMove(g.name())).map(GateRecord::name).toList();
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("automatic", automatic);
            evidence.put("rolledBack", session.ledger().gates().stream().filter(g -> g.state() == GateState.ROLLED_BACK)
                    .map(GateRecord::name).toList());
            SwitchRecord.read(session.ledger()).timings().returnQuietMs().ifPresent(ms -> evidence.put("returnQuietMs", ms));
            long ms = (System.nanoTime() - began) / 1_000_000;
            return new RehearsalCheck("rollback", moved.isEmpty(), moved.isEmpty()
                    ? (automatic ? "the automatic rollback after the breach" : "asked for, " + ms + " ms")
                            + ": every producer and group put back on the source (" + evidence.get("rolledBack") + " rolled back)"
                    : "still moved: " + moved, evidence);
        } catch (GateFailedException e) {
            return new RehearsalCheck("rollback", false, "the rollback stopped: " + e.getMessage() + "; fix: " + e.remedy());
        }
    }

    /** What the rollback committed for {@code group} on the source, as move-consumers' evidence records it. */
    private static Map<TopicPartition, Long> rolledBackTo(Ledger ledger, String group) {
        Map<TopicPartition, Long> back = new LinkedHashMap<>();
        if (ledger.gate(GateName.MOVE_CONSUMERS.label()).evidence().get("groups") instanceof Map<?, ?> groups
                && groups.get(group) instanceof Map<?, ?> move) {
            GroupReturn.committedBack(move.get("returnOffsets")).forEach((tp, o) -> back.put(tp, o.offset()));
        }
        return back;
    }

    private static boolean isMove(String gate) {
        return gate.equals(GateName.SWITCH_PRODUCERS.label()) || gate.equals(GateName.MOVE_CONSUMERS.label());
    }

    /** @param rolledBack whether the rollback finished: if not, producers are not waited for on the source */
    private List<RehearsalCheck> fromClusters(Path ledgerFile, Map<TopicPartition, Long> began, boolean rolledBack) {
        List<RehearsalCheck> checks = new ArrayList<>();
        try (Session session = Session.open(ledgerFile, "rehearse")) {
            CompiledPlan compiled = session.compileAsIs();
            GateContext context = session.context(compiled, progress);
            Map<TopicPartition, dev.cutover.engine.mirror.CopyPosition> switchPoints = SwitchRecord.read(session.ledger()).switchPoints();
            if (switchPoints.isEmpty() && !compiled.plan().producers().isEmpty()) {
                checks.add(new RehearsalCheck("records and positions on the clusters", false,
                        "not checked: the rehearsal did not get through switch-producers, so nothing was written on the target "
                                + "to bring back"));
                return checks;
            }
            StagingChecks clusters = new StagingChecks(context.source(), context.target(), began, switchPoints, Time.system(),
                    progress, rolledBack ? producerWait : Duration.ZERO);
            for (ProducerSpec producer : compiled.plan().producers()) {
                checks.addAll(clusters.producer(producer));
            }
            for (String group : compiled.selectedGroupIds()) {
                checks.add(clusters.group(group, compiled.selectedTopics(), rolledBackTo(session.ledger(), group)));
            }
        }
        return checks;
    }
}
