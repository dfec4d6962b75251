package dev.cutover.engine.run;

import java.util.Map;

/**
 * A gate could not pass: a precondition did not hold, an action was refused, or verification
 * found a difference. Carries evidence so the ledger records why, not just that.
 */
public class GateFailedException extends Exception {

    private final Map<String, Object> evidence;
    private final String remedy;

    public GateFailedException(String message, String remedy, Map<String, Object> evidence) {
        super(message);
        this.remedy = remedy;
        this.evidence = Map.copyOf(evidence);
    }

    public GateFailedException(String message, String remedy) {
        this(message, remedy, Map.of());
    }

    public Map<String, Object> evidence() {
        return evidence;
    }

    /** What the user should change before running {@code cutover step} again; may be null. */
    public String remedy() {
        return remedy;
    }
}
