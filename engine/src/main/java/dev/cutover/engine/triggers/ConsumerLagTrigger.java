package dev.cutover.engine.triggers;

import dev.cutover.plans.TriggerKind;
import dev.cutover.plans.TriggerSpec;
import java.time.Clock;
import java.util.Comparator;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code when: consumer-lag}: the group's total lag on the target, summed over the partitions it
 * has committed offsets for (or those of {@code topic}), breached above {@code above} records. See
 * {@link GroupBacklog} for how lag is counted.
 */
public final class ConsumerLagTrigger implements Trigger {

    private final TriggerSpec spec;
    private final TargetOffsets offsets;
    private final Clock clock;

    /** @param targetAdmin the target cluster's admin client; shared, so not closed here */
    public ConsumerLagTrigger(TriggerSpec spec, Admin targetAdmin, Clock clock) {
        if (spec.when() != TriggerKind.CONSUMER_LAG) {
            throw new IllegalArgumentException("trigger " + spec.name() + " is " + spec.when() + ", not consumer-lag");
        }
        Objects.requireNonNull(spec.group(), () -> "trigger " + spec.name() + ": consumer-lag needs a group");
        Objects.requireNonNull(spec.aboveCount(), () -> "trigger " + spec.name() + ": consumer-lag needs above");
        this.spec = spec;
        this.offsets = new TargetOffsets(targetAdmin);
        this.clock = clock;
    }

    @Override
    public TriggerSpec spec() {
        return spec;
    }

    @Override
    public Reading evaluate() throws TriggerException {
        GroupBacklog backlog = GroupBacklog.read(offsets, spec.group(), spec.topic());
        long lag = backlog.totalLag();
        String text = "lag " + ReadingText.records(lag);
        if (backlog.partitions().isEmpty()) {
            // Say so: a group that never committed on the target has no lag, but it may also not have moved yet.
            text += " (group " + spec.group() + " has no committed offsets"
                    + (spec.topic() == null ? "" : " on " + spec.topic()) + " on the target)";
        }
        String detail = backlog.behind().stream()
                .max(Comparator.comparingLong(GroupBacklog.PartitionBacklog::lag))
                .map(p -> "most behind: " + p.partition() + " (" + ReadingText.records(p.lag()) + ", committed "
                        + p.committed() + ", end " + p.end() + ")")
                .orElse("");
        return new Reading(spec.name(), spec.when().label(), lag, text,
                "above " + ReadingText.records(spec.aboveCount()), lag > spec.aboveCount(), clock.instant(), detail);
    }
}
