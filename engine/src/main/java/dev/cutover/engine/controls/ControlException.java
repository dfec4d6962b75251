package dev.cutover.engine.controls;

/**
 * A control did not do what was asked: a command exited non-zero, an endpoint answered an error,
 * a connector was missing or mid-rebalance. The message says which control, what it answered,
 * and what to check.
 */
public class ControlException extends Exception {

    public ControlException(String message) {
        super(message);
    }

    public ControlException(String message, Throwable cause) {
        super(message, cause);
    }
}
