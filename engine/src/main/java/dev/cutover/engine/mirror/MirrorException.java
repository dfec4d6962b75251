package dev.cutover.engine.mirror;

/** The mirror cannot start or cannot go on; the message names the topic-partition and the fix. */
public class MirrorException extends RuntimeException {

    public MirrorException(String message) {
        super(message);
    }

    public MirrorException(String message, Throwable cause) {
        super(message, cause);
    }
}
