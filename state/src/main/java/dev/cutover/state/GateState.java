package dev.cutover.state;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The state of one gate run. All allowed transitions are in {@link #VALID_TRANSITIONS}; anything else is refused.
 *
 * <pre>
 *              +------------------+  resume after a crash (new attempt)
 *              |                  |
 *              v                  |
 *   PENDING ---> RUNNING ---------+
 *      ^         |      |    ^
 *      |         |      |    |  retry
 *      |         v      v    |
 *      |      PASSED   FAILED
 *      |         |      |
 *      |         v      v
 *      +------- ROLLED_BACK
 * </pre>
 *
 * RUNNING -> ROLLED_BACK: a gate killed mid-way (or interrupted by a confirmed rollback trigger) is rolled
 * back as it stands. RUNNING -> RUNNING exists because a process that died mid-gate leaves the gate RUNNING; the next
 * {@code cutover step} resumes it as a new attempt. ROLLED_BACK -> PENDING lets a rolled-back cutover run again.
 */
public enum GateState {
    PENDING, RUNNING, PASSED, FAILED, ROLLED_BACK;

    private static final Map<GateState, Set<GateState>> VALID_TRANSITIONS = new EnumMap<>(Map.of(
            PENDING, EnumSet.of(RUNNING),
            RUNNING, EnumSet.of(RUNNING, PASSED, FAILED, ROLLED_BACK),
            PASSED, EnumSet.of(ROLLED_BACK),
            FAILED, EnumSet.of(RUNNING, ROLLED_BACK),
            ROLLED_BACK, EnumSet.of(PENDING)));

    /** Lowercase with dashes, as users read it and as {@code status --output json} prints it: "rolled-back". */
    public String label() {
        return name().toLowerCase().replace('_', '-');
    }

    /** Accepts the label ("rolled-back") or the constant name ("ROLLED_BACK"). */
    public static GateState parse(String text) {
        return valueOf(text.trim().toUpperCase().replace('-', '_'));
    }

    public Set<GateState> validTargets() {
        return Collections.unmodifiableSet(VALID_TRANSITIONS.get(this));
    }

    public boolean canTransitionTo(GateState to) {
        return VALID_TRANSITIONS.get(this).contains(to);
    }

    /** Throws {@link LedgerStateException} naming the valid targets when {@code gate} may not go from this state to {@code to}. */
    public void ensureValidTransition(String gate, GateState to) {
        if (!canTransitionTo(to)) {
            String targets = VALID_TRANSITIONS.get(this).stream().map(GateState::label).collect(Collectors.joining(", "));
            throw new LedgerStateException("gate `" + gate + "` cannot go from " + label() + " to " + to.label()
                    + "; from " + label() + " it can go to: " + targets);
        }
    }
}
