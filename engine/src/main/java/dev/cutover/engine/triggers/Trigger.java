package dev.cutover.engine.triggers;

import dev.cutover.plans.TriggerSpec;

/**
 * One rollback trigger of the plan ({@code rollback.triggers[]}), able to take one reading of the
 * target now. A trigger only measures; whether a breach has held long enough ({@code for}) is
 * decided by {@link TriggerWatch}, so every kind gets the same confirmation rules.
 *
 * <p>Not thread-safe: one watch loop evaluates its triggers one after the other.
 */
public interface Trigger extends AutoCloseable {

    /** The trigger as written in the plan. */
    TriggerSpec spec();

    default String name() {
        return spec().name();
    }

    /**
     * Measures once.
     *
     * @throws TriggerException when the measurement could not be taken (the target did not
     *                          answer, the command could not be started): that is neither a breach
     *                          nor the all-clear
     */
    Reading evaluate() throws TriggerException;

    /** Releases what the trigger opened for itself (never the shared admin client). */
    @Override
    default void close() {
    }
}
