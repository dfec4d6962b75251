package dev.cutover.engine.mirror;

/**
 * Life of an {@link EmbeddedMirror}.
 *
 * <pre>
 *   NEW --start()--> STARTING --> RUNNING --stop()--> STOPPING --> STOPPED
 *                        |            |                   |
 *                        +------------+---- failure ------+-----> FAILED
 * </pre>
 */
public enum MirrorState {
    NEW, STARTING, RUNNING, STOPPING, STOPPED, FAILED;

    /** True once the mirror copies nothing more and its threads are gone or going. */
    public boolean isTerminal() {
        return this == STOPPED || this == FAILED;
    }
}
