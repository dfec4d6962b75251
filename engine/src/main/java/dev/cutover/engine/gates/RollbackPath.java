package dev.cutover.engine.gates;

import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.GateContext;

/**
 * Undoes the passed gates in reverse order; the {@link Stepper} calls it when a gate reports a
 * confirmed rollback trigger and the plan says {@code rollback.automatic: true}.
 */
@FunctionalInterface
public interface RollbackPath {

    /** Rolls back everything that was moved; throws when something could not be put back (run it again). */
    void rollBack(GateContext context, String reason) throws GateFailedException;
}
