package dev.cutover.engine.gates;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import java.time.Duration;

/** The pause between two polls of a condition that has a deadline (clusters offer no event to wait on). */
final class Waits {

    private Waits() {
    }

    static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ExitCode.FAILED, "interrupted", "the gate stays running in the ledger",
                    "run `cutover step` again to resume it");
        }
    }
}
