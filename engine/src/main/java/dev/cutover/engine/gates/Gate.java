package dev.cutover.engine.gates;

import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.GateContext;
import dev.cutover.plans.GateName;
import java.util.Map;

/**
 * One step of a cutover. The {@link Stepper} calls the three phases in order and commits the
 * gate's state to the ledger before and after, so a process killed anywhere inside a phase
 * leaves the gate RUNNING and the next {@code cutover step} runs all three phases again.
 * Every phase must therefore be safe to repeat: {@link #act} in particular must look at the
 * world as it is (a topic half-created, an agent already started) rather than at what it
 * remembers doing.
 */
public interface Gate {

    GateName name();

    /** Preconditions. Changes nothing. Returns evidence to record. */
    Map<String, Object> check(GateContext context) throws GateFailedException;

    /** Brings the world to the gate's end state, idempotently. Returns evidence to record. */
    Map<String, Object> act(GateContext context) throws GateFailedException;

    /** Proves the end state holds. Returns evidence to record. */
    Map<String, Object> verify(GateContext context) throws GateFailedException;

    /**
     * Whether a rollback undoes this gate and marks it rolled back: the gates from the switch of
     * producers on. The gates before them stay passed, so a corrected plan can try again from there.
     */
    default boolean undoneByRollback() {
        return name().compareTo(GateName.SWITCH_PRODUCERS) >= 0;
    }

    /**
     * Puts back what this gate moved, with nothing lost. Safe to repeat: a rollback killed anywhere
     * runs it again. It must not depend on another gate's undo: the rollback runs them side by side.
     */
    default void undo(GateContext context) throws GateFailedException {
    }
}
