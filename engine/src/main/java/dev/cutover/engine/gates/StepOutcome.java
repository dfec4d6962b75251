package dev.cutover.engine.gates;

import dev.cutover.state.GateState;
import java.time.Duration;

/** What one {@code step} did: which gate, how it ended, how long it took. */
public record StepOutcome(String gate, GateState state, boolean resumed, Duration took, String detail, String remedy) {

    /** No gate left to run. */
    public static StepOutcome nothingLeft() {
        return new StepOutcome(null, GateState.PASSED, false, Duration.ZERO, "every gate has passed", null);
    }

    public boolean passed() {
        return state == GateState.PASSED;
    }

    public boolean planDone() {
        return gate == null;
    }
}
