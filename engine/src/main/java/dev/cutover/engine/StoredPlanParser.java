package dev.cutover.engine;

import dev.cutover.plans.InvalidPlanException;
import dev.cutover.plans.Plan;
import dev.cutover.plans.PlanParser;
import dev.cutover.state.StoredPlan;

/**
 * Parses the plan text a ledger holds, for each process that works from it: a command's session
 * and the mirror agent. The text was valid when stored; only a newer cutover with stricter rules
 * refuses it, and then both say the same thing and end with the same exit code (2).
 */
public final class StoredPlanParser {

    private StoredPlanParser() {
    }

    public static Plan parse(StoredPlan stored) {
        try {
            return PlanParser.parse(stored.text(), stored.sourceFile());
        } catch (InvalidPlanException e) {
            throw new CutoverException(ExitCode.USAGE, "the stored plan no longer validates", e.getMessage(),
                    "fix " + stored.sourceFile() + " and run `cutover plan` again", e);
        }
    }
}
