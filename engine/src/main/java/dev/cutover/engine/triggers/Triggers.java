package dev.cutover.engine.triggers;

import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.plans.Plan;
import dev.cutover.plans.TriggerSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** Builds the triggers of {@code rollback.triggers}, one {@link Trigger} per entry, in plan order. */
public final class Triggers {

    private Triggers() {
    }

    /**
     * No I/O happens here: the triggers reach the target on their first evaluation.
     *
     * @param targetAdmin            the target cluster's admin client; shared, the triggers never close it
     * @param targetClientProperties client properties that reach the target, for the consumer the
     *                               event-age triggers read records with
     */
    public static List<Trigger> of(List<TriggerSpec> specs, Admin targetAdmin, Map<String, Object> targetClientProperties,
                                   Clock clock) {
        return of(specs, targetAdmin, targetClientProperties, Map.of(), clock);
    }

    /** @param producerTopics each producer's topics, for retention-headroom on a producer */
    public static List<Trigger> of(List<TriggerSpec> specs, Admin targetAdmin, Map<String, Object> targetClientProperties,
                                   Map<String, List<String>> producerTopics, Clock clock) {
        List<Trigger> triggers = new ArrayList<>();
        for (TriggerSpec spec : specs) {
            triggers.add(switch (spec.when()) {
                case CONSUMER_LAG -> new ConsumerLagTrigger(spec, targetAdmin, clock);
                case EVENT_AGE -> new EventAgeTrigger(spec, targetAdmin, targetClientProperties, clock);
                case TOPIC_GROWTH -> new TopicGrowthTrigger(spec, targetAdmin, clock);
                case COMMAND -> new CommandTrigger(spec, clock);
                case RETENTION_HEADROOM -> new RetentionHeadroomTrigger(spec, targetAdmin, targetClientProperties,
                        spec.producer() == null ? List.of() : producerTopics.getOrDefault(spec.producer(), List.of()), clock);
            });
        }
        return List.copyOf(triggers);
    }

    /** The same, with the target's clients as the engine holds them. */
    public static List<Trigger> of(List<TriggerSpec> specs, ClusterClients target, Clock clock) {
        return of(specs, target.admin(), target.properties(), clock);
    }

    /** The plan's triggers, with the target's clients as the engine holds them. */
    public static List<Trigger> of(Plan plan, ClusterClients target, Clock clock) {
        Map<String, List<String>> topics = new java.util.HashMap<>();
        plan.producers().forEach(p -> topics.put(p.name(), p.topics()));
        return of(plan.rollback().triggers(), target.admin(), target.properties(), topics, clock);
    }
}
