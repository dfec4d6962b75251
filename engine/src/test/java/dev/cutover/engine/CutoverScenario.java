package dev.cutover.engine;

import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.engine.run.Progress;
import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.state.Ledger;
import java.nio.file.Path;

/**
 * Drives a cutover through the engine's public API as the CLI does (plan, then step), and stops
 * the mirror agent it started when closed, so no process outlives the test.
 */
final class CutoverScenario implements AutoCloseable {

    private final Path ledger;

    CutoverScenario(Path ledger) {
        this.ledger = ledger;
    }

    Planner.PlanResult plan(Path planFile) {
        return Planner.plan(planFile, ledger);
    }

    StepOutcome step() {
        try (Session session = Session.open(ledger, "step")) {
            return Cutover.stepper().step(session.context(session.compileFresh(), Progress.SILENT));
        }
    }

    /** Steps until {@code gate} has passed or a step fails; returns the last outcome. */
    StepOutcome runUntil(String gate) {
        while (true) {
            StepOutcome outcome = step();
            if (!outcome.passed() || outcome.planDone() || gate.equals(outcome.gate())) {
                return outcome;
            }
        }
    }

    /** {@code cutover rollback}: every gate that moved something undone, as the CLI runs it. */
    void rollback(String reason) throws dev.cutover.engine.run.GateFailedException {
        try (Session session = Session.open(ledger, "rollback")) {
            new dev.cutover.engine.rollback.Rollback().rollBack(session.context(session.compileAsIs(), Progress.SILENT), reason);
        }
    }

    Ledger openLedger() {
        return Ledger.open(ledger);
    }

    Path ledgerFile() {
        return ledger;
    }

    @Override
    public void close() {
        try (Ledger l = Ledger.open(ledger)) {
            new MirrorAgentSupervisor(ledger).stop(l);
        }
    }
}
