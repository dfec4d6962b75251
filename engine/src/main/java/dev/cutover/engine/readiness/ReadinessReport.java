package dev.cutover.engine.readiness;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.StoredPlanParser;
import dev.cutover.plans.Plan;
import dev.cutover.state.Ledger;
import dev.cutover.state.StoredPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The scorecard of the plan a ledger holds, rated on the rehearsal in {@code rehearsal} (the same
 * ledger when the plan was rehearsed in it), as {@code cutover report} and every rehearsal print it.
 */
public record ReadinessReport(String planName, String fingerprint, Instant takenAt, String basis, boolean rehearsed,
                              List<ScorecardRow> rows) {

    public ReadinessReport {
        rows = List.copyOf(rows);
    }

    /**
     * @param rehearsalFile the ledger of the rehearsal to rate on, or null: the plan's ledger if a
     *                      rehearsal ended in it, else none
     */
    public static ReadinessReport read(Path planLedger, Path rehearsalFile, Clock clock) {
        if (!Files.exists(planLedger)) {
            throw new CutoverException(ExitCode.USAGE, "no ledger at " + planLedger, null,
                    "run `cutover plan PLAN.yaml` (or a rehearsal) first, or pass --ledger PATH");
        }
        if (rehearsalFile != null && !Files.exists(rehearsalFile)) {
            throw new CutoverException(ExitCode.USAGE, "no rehearsal ledger at " + rehearsalFile, null,
                    "pass the --ledger of a finished `cutover rehearse` (default ./cutover-rehearsal.db)");
        }
        try (Ledger ledger = Ledger.open(planLedger)) {
            StoredPlan stored = ledger.plan().orElseThrow(() -> new CutoverException(ExitCode.USAGE,
                    "the ledger " + planLedger + " holds no plan", null, "run `cutover plan PLAN.yaml` first"));
            Plan plan = StoredPlanParser.parse(stored);
            if (rehearsalFile == null || rehearsalFile.toAbsolutePath().normalize().equals(planLedger.toAbsolutePath().normalize())) {
                Scorecard card = new Scorecard(plan, stored.fingerprint(),
                        RehearsalResult.read(ledger).isPresent() ? ledger : null, clock);
                return of(stored, card);
            }
            try (Ledger rehearsal = Ledger.open(rehearsalFile)) {
                return of(stored, new Scorecard(plan, stored.fingerprint(), rehearsal, clock));
            }
        }
    }

    private static ReadinessReport of(StoredPlan stored, Scorecard card) {
        return new ReadinessReport(stored.name(), stored.fingerprint(), card.takenAt(), card.basis(), card.rehearsed(), card.rows());
    }
}
