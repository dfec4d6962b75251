package dev.cutover.engine.gates;

import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.triggers.Breach;
import dev.cutover.engine.triggers.Evaluation;
import dev.cutover.engine.triggers.EvaluationLog;
import dev.cutover.engine.triggers.ForcedBreach;
import dev.cutover.engine.triggers.TriggerFailure;
import dev.cutover.engine.triggers.TriggerWatch;
import dev.cutover.engine.triggers.Triggers;
import dev.cutover.plans.GateName;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * observe: the rollback triggers are evaluated once a second for {@code gates.observe.duration};
 * the gate passes when none was confirmed. A confirmed breach fails it with the evidence, and the
 * {@link Stepper} rolls back at once when {@code rollback.automatic} is true. Readings go to the
 * ledger as they are taken (see {@link EvaluationLog}), so {@code status} shows them meanwhile.
 */
public final class ObserveGate implements Gate {

    private static final Duration EVERY = Duration.ofSeconds(1);

    @Override
    public GateName name() {
        return GateName.OBSERVE;
    }

    @Override
    public Map<String, Object> check(GateContext context) {
        return Map.of("triggers", context.plan().rollback().triggers().size(),
                "durationMs", context.plan().gates().observe().duration().toMillis());
    }

    @Override
    public Map<String, Object> act(GateContext context) throws GateFailedException {
        Duration duration = context.plan().gates().observe().duration();
        Instant deadline = context.clock().instant().plus(duration);
        EvaluationLog log = new EvaluationLog(context.ledger(), "observe");
        int evaluations = 0;
        Evaluation last = null;
        // A rehearsal may force one trigger's breach (cutover rehearse --breach), recorded in the ledger
        // so that a step killed and run again forces it still.
        String forced = context.ledger().setting(ForcedBreach.SETTING).orElse(null);
        try (TriggerWatch watch = new TriggerWatch(ForcedBreach.apply(Triggers.of(context.plan(), context.target(), context.clock()),
                forced), context.clock())) {
            while (true) {
                last = watch.evaluate();
                evaluations++;
                log.record(last);
                if (last.firstConfirmed().isPresent()) {
                    Breach breach = last.firstConfirmed().get();
                    Map<String, Object> evidence = new LinkedHashMap<>();
                    evidence.put("breach", Map.of("trigger", breach.trigger(), "value", breach.reading().valueText(),
                            "threshold", breach.reading().threshold(), "since", breach.since().toString(),
                            "confirmedAt", breach.confirmedAt().toString()));
                    evidence.put("evaluations", evaluations);
                    throw new BreachConfirmed("rollback trigger " + breach.describe(),
                            context.plan().rollback().automatic(), evidence);
                }
                if (!context.clock().instant().isBefore(deadline)) {
                    break;
                }
                context.progress().update("observe: " + summary(last) + "; "
                        + Duration.between(context.clock().instant(), deadline).toSeconds() + " s to go");
                // Not a poll for a condition: the triggers are read once a period until the window ends.
                context.time().sleep(EVERY);
            }
        }
        if (!last.failures().isEmpty()) {
            TriggerFailure f = last.failures().get(0);
            throw new GateFailedException("trigger " + f.trigger() + " could not be evaluated: " + f.message(),
                    "fix the trigger (or what it reads) and run `cutover step` again; observing starts over");
        }
        return Map.of("evaluations", evaluations, "observedMs", duration.toMillis(), "last", summary(last));
    }

    @Override
    public Map<String, Object> verify(GateContext context) {
        return Map.of();
    }

    private static String summary(Evaluation e) {
        List<String> parts = e.readings().stream().map(r -> r.trigger() + " " + r.valueText()
                + (r.breached() ? " BREACHED" : "")).toList();
        return parts.isEmpty() ? "no triggers" : String.join(", ", parts);
    }
}
