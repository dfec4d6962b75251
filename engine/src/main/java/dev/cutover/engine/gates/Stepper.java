package dev.cutover.engine.gates;

import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.plans.GateName;
import dev.cutover.state.GateRecord;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the next gate that has not passed. The gate's state is committed to the ledger before
 * acting (RUNNING) and after (PASSED or FAILED), so whatever kills the process, the ledger says
 * which gate was in flight; {@code step} again resumes it as a new attempt of the same gate.
 */
public final class Stepper {

    private final GateCatalog catalog;
    private final RollbackPath rollback;

    public Stepper(GateCatalog catalog) {
        this(catalog, null);
    }

    /** @param rollback run after a confirmed breach when the plan rolls back automatically; null: never */
    public Stepper(GateCatalog catalog, RollbackPath rollback) {
        this.catalog = catalog;
        this.rollback = rollback;
    }

    /** The next gate that has not passed, if any. */
    public static Optional<GateRecord> next(Ledger ledger) {
        return ledger.gates().stream().filter(g -> g.state() != GateState.PASSED).findFirst();
    }

    public StepOutcome step(GateContext context) {
        Ledger ledger = context.ledger();
        Optional<GateRecord> pending = next(ledger);
        if (pending.isEmpty()) {
            return StepOutcome.nothingLeft();
        }
        GateRecord record = pending.get();
        if (record.state() == GateState.ROLLED_BACK) {
            throw new CutoverException(ExitCode.REFUSED, "the cutover was rolled back",
                    "gate " + record.name() + " is rolled-back", "run `cutover plan PLAN.yaml` to start a new attempt");
        }
        GateName name = GateName.fromLabel(record.name());
        Gate gate = catalog.find(name).orElseThrow(() -> new CutoverException(ExitCode.FAILED,
                "the next gate, " + record.name() + ", is not available in this version of cutover",
                "the gates before it have passed and nothing was changed by this step",
                "the mirror keeps the target in sync meanwhile; upgrade cutover to continue"));
        boolean resumed = record.state() == GateState.RUNNING;
        Instant start = context.clock().instant();
        ledger.transition(record.name(), GateState.RUNNING,
                resumed ? "resumed: the previous attempt was interrupted" : "started");
        ledger.audit("gate " + record.name(), resumed ? "resumed" : "started", "attempt " + (record.attempts() + 1));
        context.progress().note(record.name() + ": " + (resumed ? "resuming an interrupted attempt" : "starting"));
        try {
            record(ledger, record.name(), "check", gate.check(context));
            record(ledger, record.name(), "act", gate.act(context));
            record(ledger, record.name(), "verify", gate.verify(context));
        } catch (GateFailedException e) {
            Map<String, Object> evidence = new LinkedHashMap<>(e.evidence());
            evidence.put("error", e.getMessage());
            if (e.remedy() != null) {
                evidence.put("remedy", e.remedy());
            }
            ledger.putEvidence(record.name(), evidence);
            StepOutcome failed = fail(context, record.name(), resumed, start, e.getMessage(), e.remedy());
            if (e instanceof BreachConfirmed breach && breach.automatic() && rollback != null) {
                return rollBack(context, record.name(), resumed, start, breach);
            }
            return failed;
        } catch (CutoverException e) {
            recordFailure(context, record.name(), resumed, start, e.getMessage(), e.remedy(), e);
            throw e;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            CutoverException failure = new CutoverException(ExitCode.FAILED, "gate " + record.name() + " failed: " + message,
                    null, "see `cutover status`; fix the cause and run `cutover step` again", e);
            recordFailure(context, record.name(), resumed, start, message, null, failure);
            throw failure;
        }
        Duration took = Duration.between(start, context.clock().instant());
        ledger.transition(record.name(), GateState.PASSED, "passed in " + took.toMillis() + " ms");
        ledger.audit("gate " + record.name(), "passed", "in " + took.toMillis() + " ms");
        return new StepOutcome(record.name(), GateState.PASSED, resumed, took, "passed", null);
    }

    private StepOutcome rollBack(GateContext context, String gate, boolean resumed, Instant start, BreachConfirmed breach) {
        context.progress().note(gate + ": " + breach.getMessage() + "; rolling back automatically");
        try {
            rollback.rollBack(context, breach.getMessage());
        } catch (GateFailedException e) {
            Duration took = Duration.between(start, context.clock().instant());
            return new StepOutcome(gate, GateState.FAILED, resumed, took,
                    breach.getMessage() + "; the automatic rollback stopped: " + e.getMessage(), e.remedy());
        }
        Duration took = Duration.between(start, context.clock().instant());
        return new StepOutcome(gate, GateState.ROLLED_BACK, resumed, took, "rolled back: " + breach.getMessage(),
                "correct the plan or the target, then `cutover plan` and `cutover run` to try again");
    }

    /**
     * Records an unexpected failure as the gate's, unless the ledger itself is what failed: then the
     * write fails too, the gate stays RUNNING (which {@code step} again resumes), and the original
     * failure is thrown with the recording's failure attached, never in its place.
     */
    private static void recordFailure(GateContext context, String gate, boolean resumed, Instant start, String why,
                                      String remedy, RuntimeException failure) {
        try {
            context.ledger().putEvidence(gate, Map.of("error", why));
            fail(context, gate, resumed, start, why, remedy);
        } catch (RuntimeException notRecorded) {
            failure.addSuppressed(notRecorded);
        }
    }

    private static void record(Ledger ledger, String gate, String phase, Map<String, Object> evidence) {
        Map<String, Object> merged = new LinkedHashMap<>(evidence);
        merged.put("phase", phase);
        ledger.putEvidence(gate, merged);
    }

    private static StepOutcome fail(GateContext context, String gate, boolean resumed, Instant start, String why, String remedy) {
        Ledger ledger = context.ledger();
        ledger.transition(gate, GateState.FAILED, why);
        ledger.audit("gate " + gate, "failed", why);
        Duration took = Duration.between(start, context.clock().instant());
        return new StepOutcome(gate, GateState.FAILED, resumed, took, why, remedy);
    }
}
