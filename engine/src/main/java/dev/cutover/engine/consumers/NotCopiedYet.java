package dev.cutover.engine.consumers;

/** The group's next record (or a record before its committed offset) is not on the target yet: wait for the mirror. */
public final class NotCopiedYet extends Exception {

    public NotCopiedYet(String message) {
        super(message);
    }
}
