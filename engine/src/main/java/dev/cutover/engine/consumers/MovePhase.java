package dev.cutover.engine.consumers;

/** How far one group's move got; kept in the gate's evidence so a resumed gate continues there. */
public enum MovePhase {
    /** Nothing done yet. */
    PENDING,
    /** Its stop control was called on the source. */
    STOPPED,
    /** Empty on the source; its offsets are translated and verified (in the evidence). */
    TRANSLATED,
    /** The translated offsets are committed on the target. */
    COMMITTED,
    /** Its start control was called against the target. */
    STARTED,
    /** Seen consuming on the target. Done. */
    VERIFIED,
    /** A step failed before the target commit: started on the source again, untouched there. */
    RETURNED
}
