package dev.cutover.engine.triggers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates every trigger once per {@link #evaluate()} (the caller loops and paces) and decides,
 * per trigger, whether a breach is confirmed:
 *
 * <pre>
 *            breached                      breached, held for `for`
 *   CLEAR ─────────────→ PENDING(since) ────────────────────────────→ CONFIRMED(since, at)
 *     ↑                     │                                            │
 *     └──── not breached ───┴──────────────── not breached ──────────────┘
 *
 *   no `for`: the first breached reading goes straight to CONFIRMED.
 *   a failed reading (TriggerException): the state stays as it is and nothing is confirmed.
 * </pre>
 *
 * <p>Times come from the readings, which the triggers stamp with the injected clock, so tests
 * drive the {@code for} logic by moving a clock, without sleeping.
 *
 * <p>A failed reading neither clears nor advances a breach: a target that stops answering is not
 * proof that the lag went away, and not proof that it held. The failures are in the
 * {@link Evaluation} for the caller to act on (the observe gate cannot pass on readings it never got).
 *
 * <p>Not thread-safe: one loop owns a watch. {@link #close()} closes every trigger.
 */
public final class TriggerWatch implements AutoCloseable {

    /** A trigger and where it stands. */
    private static final class Tracked {
        final Trigger trigger;
        final Duration confirmAfter;
        Instant since;
        Instant confirmedAt;

        Tracked(Trigger trigger) {
            this.trigger = trigger;
            this.confirmAfter = trigger.spec().forDuration() == null ? Duration.ZERO : trigger.spec().forDuration();
        }
    }

    private final List<Tracked> tracked;
    private final Clock clock;
    private boolean closed;

    /** Takes ownership of the triggers: {@link #close()} closes them. */
    public TriggerWatch(List<Trigger> triggers, Clock clock) {
        this.tracked = triggers.stream().map(Tracked::new).toList();
        this.clock = clock;
    }

    /** Takes one reading of every trigger, in plan order, and updates each one's breach state. */
    public Evaluation evaluate() {
        if (closed) {
            throw new IllegalStateException("the trigger watch is closed");
        }
        Instant at = clock.instant();
        List<Reading> readings = new ArrayList<>();
        List<Breach> breaches = new ArrayList<>();
        List<TriggerFailure> failures = new ArrayList<>();
        for (Tracked t : tracked) {
            Reading reading;
            try {
                reading = t.trigger.evaluate();
            } catch (TriggerException e) {
                failures.add(new TriggerFailure(t.trigger.name(), t.trigger.spec().when().label(), e.getMessage(),
                        clock.instant()));
                continue;
            }
            readings.add(reading);
            if (!reading.breached()) {
                t.since = null;
                t.confirmedAt = null;
                continue;
            }
            if (t.since == null) {
                t.since = reading.at();
            }
            if (t.confirmedAt == null && !Duration.between(t.since, reading.at()).minus(t.confirmAfter).isNegative()) {
                t.confirmedAt = reading.at();
            }
            breaches.add(new Breach(reading, t.since, t.confirmAfter, t.confirmedAt));
        }
        return new Evaluation(at, readings, breaches, failures);
    }

    /** Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (Tracked t : tracked) {
            try {
                t.trigger.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
