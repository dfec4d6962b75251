package dev.cutover.engine.run;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The clock, the monotonic timer and the sleep that every wait and every measured duration in a
 * gate uses. Passed in through {@link GateContext}, so a unit test runs a quiesce window or a
 * drain timeout of minutes in a millisecond (for testing: {@code FakeTime}).
 */
public interface Time {

    /** Wall-clock time, for what is recorded (timestamps in evidence) and for deadlines. */
    Clock clock();

    /** A monotonic reading in nanoseconds, for durations (as {@link System#nanoTime()}). */
    long nanos();

    /**
     * Sleeps between two polls of a condition. An interrupt ends the wait in one way everywhere: a
     * {@link CutoverException} (the gate stays running in the ledger, and {@code step} resumes it).
     */
    void sleep(Duration duration);

    default Instant now() {
        return clock().instant();
    }

    default long millis() {
        return clock().millis();
    }

    /** Milliseconds since a {@link #nanos()} reading. */
    default long msSince(long nanos) {
        return (nanos() - nanos) / 1_000_000;
    }

    /** The machine's clock and real sleeps. */
    static Time system() {
        return SystemTime.INSTANCE;
    }

    /** The machine's time. */
    enum SystemTime implements Time {
        INSTANCE;

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CutoverException(ExitCode.FAILED, "interrupted", "the gate stays running in the ledger",
                        "run `cutover step` again to resume it");
            }
        }
    }
}
