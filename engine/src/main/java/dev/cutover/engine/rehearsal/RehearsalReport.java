package dev.cutover.engine.rehearsal;

import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.engine.status.StatusView;
import java.util.List;

/**
 * What a rehearsal did, gate by gate, and which of its checks held.
 *
 * @param left what the rehearsal left on the clusters (or deleted with {@code --cleanup}), for people
 */
public record RehearsalReport(StatusView status, List<StepOutcome> steps, List<RehearsalCheck> checks, String stoppedBefore,
                              List<String> left) {

    public RehearsalReport(StatusView status, List<StepOutcome> steps, List<RehearsalCheck> checks, String stoppedBefore) {
        this(status, steps, checks, stoppedBefore, List.of());
    }

    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(RehearsalCheck::passed);
    }
}
