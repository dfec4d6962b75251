package dev.cutover.engine.status;

import dev.cutover.state.GateRecord;
import dev.cutover.state.GateState;
import java.util.List;

/** The cutover's overall state, derived from its gates (never stored, so it cannot disagree). */
public enum CutoverState {
    PLANNED("planned"),
    IN_PROGRESS("in-progress"),
    DONE("done"),
    FAILED("failed"),
    ROLLED_BACK("rolled-back");

    private final String label;

    CutoverState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static CutoverState of(List<GateRecord> gates) {
        if (gates.stream().anyMatch(g -> g.state() == GateState.ROLLED_BACK)) {
            return ROLLED_BACK;
        }
        if (gates.stream().anyMatch(g -> g.state() == GateState.FAILED)) {
            return FAILED;
        }
        if (!gates.isEmpty() && gates.stream().allMatch(g -> g.state() == GateState.PASSED)) {
            return DONE;
        }
        if (gates.stream().allMatch(g -> g.state() == GateState.PENDING)) {
            return PLANNED;
        }
        return IN_PROGRESS;
    }
}
