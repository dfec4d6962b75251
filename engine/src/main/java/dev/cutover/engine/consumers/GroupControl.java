package dev.cutover.engine.consumers;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;

/**
 * Stops and starts the application behind one consumer group through the control the plan names
 * under {@code consumers:}. Both calls must be idempotent; the gate decides when.
 */
public interface GroupControl {

    /** Stops the group's consumers wherever they run; their members leave the group. */
    void stop() throws ControlException;

    /** Starts the group's consumers against {@code side}, from the offsets committed there. */
    void start(ClusterSide side) throws ControlException;

    /** False when the plan names no control for the group: the operator stops and starts it. */
    default boolean controlled() {
        return true;
    }
}
