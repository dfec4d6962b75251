package dev.cutover.engine.producers;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * How far the switch of one producer has gone, as recorded in the ledger. A resumed gate skips
 * what a phase says is done: it never stops a producer twice or starts it twice.
 *
 * <pre>
 *   PENDING --stop--> STOPPED --quiet--> QUIET --(all drained, mirror turned)--> STARTED --seen on target--> VERIFIED
 *   STOPPED | QUIET | STARTED | VERIFIED --put back (failed switch, rollback)--> RETURNED
 *   RETURNED --the gate's next attempt--> PENDING
 * </pre>
 */
public enum SwitchPhase {
    PENDING, STOPPED, QUIET, STARTED, VERIFIED, RETURNED;

    /** The one table of allowed transitions. */
    private static final Map<SwitchPhase, Set<SwitchPhase>> NEXT = Map.of(
            PENDING, EnumSet.of(STOPPED),
            STOPPED, EnumSet.of(QUIET, RETURNED),
            QUIET, EnumSet.of(STARTED, RETURNED),
            STARTED, EnumSet.of(VERIFIED, RETURNED),
            VERIFIED, EnumSet.of(RETURNED),
            RETURNED, EnumSet.of(PENDING));

    /** Whether the producer may be writing to the target in this phase (its start control was called). */
    public boolean onTarget() {
        return this == STARTED || this == VERIFIED;
    }

    /** Whether the producer is away from its normal writing on the source (stopped there, or on the target). */
    public boolean touched() {
        return this != PENDING && this != RETURNED;
    }

    /** @throws IllegalStateException naming the allowed phases, when {@code next} does not follow this one */
    void ensureCanMoveTo(SwitchPhase next, String producer) {
        if (!NEXT.get(this).contains(next)) {
            throw new IllegalStateException("producer " + producer + " cannot go from " + this + " to " + next
                    + "; from " + this + " it can go to " + NEXT.get(this));
        }
    }
}
