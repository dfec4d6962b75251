package dev.cutover.engine.triggers;

import dev.cutover.plans.TriggerSpec;
import java.util.List;

/**
 * A trigger whose readings are taken for real and reported as breached: {@code cutover rehearse
 * --breach NAME}, so that a rehearsal goes down the automatic rollback path a real breach takes
 * (the watch still confirms it over the trigger's {@code for}, the gate and the rollback are the
 * same). The reading says it was forced, in the ledger and in {@code status}.
 */
public final class ForcedBreach implements Trigger {

    /** The ledger setting that names the trigger a rehearsal forces; absent outside rehearsals. */
    public static final String SETTING = "rehearsal.breach";

    private final Trigger trigger;

    ForcedBreach(Trigger trigger) {
        this.trigger = trigger;
    }

    /** {@code triggers} with the one named {@code forced} (if any) forced to breach. */
    public static List<Trigger> apply(List<Trigger> triggers, String forced) {
        if (forced == null) {
            return triggers;
        }
        return triggers.stream().map(t -> t.name().equals(forced) ? (Trigger) new ForcedBreach(t) : t).toList();
    }

    @Override
    public TriggerSpec spec() {
        return trigger.spec();
    }

    @Override
    public Reading evaluate() throws TriggerException {
        Reading real = trigger.evaluate();
        return new Reading(real.trigger(), real.kind(), real.value(), real.valueText() + " (breach forced by cutover rehearse --breach)",
                real.threshold(), true, real.at(), real.detail());
    }

    @Override
    public void close() {
        trigger.close();
    }
}
