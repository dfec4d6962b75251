package dev.cutover.engine.triggers;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one {@link TriggerWatch#evaluate()}: every trigger appears in exactly one of
 * {@code readings} (it measured) or {@code failures} (it could not).
 *
 * @param at       when the evaluation began
 * @param readings every reading taken, in plan order
 * @param breaches the triggers breached at this evaluation, pending or confirmed, in plan order
 * @param failures the triggers that could not take a reading, in plan order; such a trigger is
 *                 not in {@code breaches} even when it was breached at the previous evaluation
 */
public record Evaluation(Instant at, List<Reading> readings, List<Breach> breaches, List<TriggerFailure> failures) {

    public Evaluation {
        readings = List.copyOf(readings);
        breaches = List.copyOf(breaches);
        failures = List.copyOf(failures);
    }

    /** The confirmed breaches, in plan order. */
    public List<Breach> confirmed() {
        return breaches.stream().filter(Breach::confirmed).toList();
    }

    /**
     * The breach confirmed first (earliest confirmation, then earliest start, then plan order):
     * the one a rollback names as its reason.
     */
    public Optional<Breach> firstConfirmed() {
        return confirmed().stream()
                .min(Comparator.comparing(Breach::confirmedAt).thenComparing(Breach::since));
    }
}
