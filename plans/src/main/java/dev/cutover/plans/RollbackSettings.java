package dev.cutover.plans;

import java.util.List;

/**
 * {@code rollback}.
 *
 * @param automatic whether {@code watch} and the observe gate roll back by themselves on a breach;
 *                  off unless written, so rolling back is a decision someone made
 */
public record RollbackSettings(boolean automatic, List<TriggerSpec> triggers) {

    public static final RollbackSettings DEFAULT = new RollbackSettings(false, List.of());

    public RollbackSettings {
        triggers = List.copyOf(triggers);
    }
}
