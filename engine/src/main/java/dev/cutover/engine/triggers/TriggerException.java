package dev.cutover.engine.triggers;

/**
 * A trigger could not take its reading: the target cluster did not answer in time, refused a
 * request, or the command could not be started. The message says what was being read and why it
 * failed, in words a user can act on; it never includes client properties.
 */
public final class TriggerException extends Exception {

    public TriggerException(String message) {
        super(message);
    }

    public TriggerException(String message, Throwable cause) {
        super(message, cause);
    }
}
