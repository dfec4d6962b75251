package dev.cutover.sandbox;

/** The sandbox could not start, stop or drive one of its parts. */
public final class SandboxException extends RuntimeException {
    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }

    public SandboxException(String message) {
        super(message);
    }
}
