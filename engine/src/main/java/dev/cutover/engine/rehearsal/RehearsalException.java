package dev.cutover.engine.rehearsal;

/** A rehearsal's check that could not be taken (a cluster did not answer in time): the check fails, saying why. */
public final class RehearsalException extends Exception {

    public RehearsalException(String message) {
        super(message);
    }
}
