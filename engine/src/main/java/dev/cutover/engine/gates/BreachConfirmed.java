package dev.cutover.engine.gates;

import dev.cutover.engine.run.GateFailedException;
import java.util.Map;

/** A rollback trigger's breach held for its {@code for} duration: the gate fails, and rolls back if automatic. */
public final class BreachConfirmed extends GateFailedException {

    private final boolean automatic;

    public BreachConfirmed(String message, boolean automatic, Map<String, Object> evidence) {
        super(message, automatic ? "rolling back automatically (rollback.automatic: true)"
                : "run `cutover rollback` to put producers and consumers back on the source", evidence);
        this.automatic = automatic;
    }

    public boolean automatic() {
        return automatic;
    }
}
