package dev.cutover.cli.rehearse;

import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.engine.status.StatusView;
import java.util.List;

/** What a rehearsal did, gate by gate, and which of its checks held. */
public record RehearsalReport(StatusView status, List<StepOutcome> steps, List<RehearsalCheck> checks, String stoppedBefore) {

    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(RehearsalCheck::passed);
    }
}
