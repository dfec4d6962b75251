package dev.cutover.engine.producers;

/**
 * How far the switch of one producer has gone, as recorded in the ledger. A resumed gate skips
 * what a phase says is done: it never stops a producer twice or starts it twice.
 *
 * <pre>
 *   PENDING --stop--> STOPPED --quiet--> QUIET --(all drained, mirror stopped)--> STARTED --seen on target--> VERIFIED
 *      any phase --failure--> RETURNED (started on the source again from its position)
 * </pre>
 */
public enum SwitchPhase {
    PENDING, STOPPED, QUIET, STARTED, VERIFIED, RETURNED;

    public boolean atLeast(SwitchPhase other) {
        return this != RETURNED && ordinal() >= other.ordinal();
    }
}
