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
