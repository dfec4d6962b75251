package dev.cutover.engine;

import dev.cutover.engine.gates.GateCatalog;
import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.engine.gates.Stepper;
import dev.cutover.engine.rollback.Rollback;
import dev.cutover.state.GateState;

/** The engine as the commands use it: the standard gates, with the automatic rollback wired in. */
public final class Cutover {

    private Cutover() {
    }

    public static Stepper stepper() {
        return new Stepper(GateCatalog.standard(), new Rollback());
    }

    /** The process exit code for a step's outcome (contract section 1): 0 passed, 3 rolled back, 1 failed. */
    public static int exitCode(StepOutcome outcome) {
        if (outcome.passed()) {
            return ExitCode.DONE.code();
        }
        return outcome.state() == GateState.ROLLED_BACK ? ExitCode.ROLLED_BACK.code() : ExitCode.FAILED.code();
    }
}
