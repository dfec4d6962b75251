package dev.cutover.plans.compile;

import dev.cutover.plans.ConfigSync;
import dev.cutover.plans.ConsumerSpec;
import dev.cutover.plans.GateName;
import dev.cutover.plans.Plan;
import dev.cutover.plans.ProducerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a plan and two cluster snapshots into the concrete actions of each gate. Pure: the engine
 * gathers the snapshots, this only decides.
 */
public final class PlanCompiler {

    /**
     * Overrides that name broker ids of the source cluster; copied to the target they would
     * throttle the wrong brokers (MirrorMaker 2 leaves them out for the same reason).
     */
    private static final Set<String> CLUSTER_SPECIFIC_CONFIGS =
            Set.of("leader.replication.throttled.replicas", "follower.replication.throttled.replicas");

    private PlanCompiler() {
    }

    public static CompiledPlan compile(Plan plan, ClusterSnapshot source, ClusterSnapshot target) {
        List<String> warnings = new ArrayList<>();
        List<String> selected = source.topics().keySet().stream().filter(plan.topics()::selects).toList();
        if (selected.isEmpty()) {
            warnings.add("no source topic matches topics.include/exclude: nothing would move");
        }
        List<TopicAction> actions = new ArrayList<>();
        for (String topic : selected) {
            actions.add(action(plan, source.topics().get(topic), target, warnings));
        }
        List<GroupSnapshot> groups = source.groups().values().stream()
                .filter(g -> plan.groups().selects(g.groupId()))
                .toList();
        warnAboutMissing(plan, source, warnings);
        return new CompiledPlan(plan, selected, actions, groups, List.of(GateName.values()),
                FingerprintFacts.of(plan, source, target).fingerprint(), warnings);
    }

    /** The fingerprint of a plan against two snapshots; the same at plan time and at step time. */
    public static String fingerprint(Plan plan, ClusterSnapshot source, ClusterSnapshot target) {
        return FingerprintFacts.of(plan, source, target).fingerprint();
    }

    private static TopicAction action(Plan plan, TopicSnapshot onSource, ClusterSnapshot target, List<String> warnings) {
        Map<String, String> wanted = plan.topics().configs() == ConfigSync.SYNC ? syncable(onSource.overrides()) : Map.of();
        TopicSnapshot onTarget = target.topics().get(onSource.name());
        if (onTarget == null) {
            short rf = replicationFactor(plan, onSource, target, warnings);
            return new TopicAction(onSource.name(), TopicAction.Kind.CREATE, onSource.partitions(), rf, wanted, "");
        }
        if (onTarget.partitions() != onSource.partitions()) {
            // Partition counts cannot be reconciled safely: fewer is impossible, more breaks key
            // ordering and offset translation. A person decides.
            return new TopicAction(onSource.name(), TopicAction.Kind.CONFLICT, onSource.partitions(),
                    onTarget.replicationFactor(), Map.of(), "target has " + onTarget.partitions()
                    + " partitions, source has " + onSource.partitions());
        }
        Map<String, String> differing = new TreeMap<>();
        wanted.forEach((key, value) -> {
            if (!value.equals(onTarget.overrides().get(key))) {
                differing.put(key, value);
            }
        });
        if (plan.topics().configs() == ConfigSync.SYNC) {
            for (String extra : onTarget.overrides().keySet()) {
                if (!wanted.containsKey(extra) && !CLUSTER_SPECIFIC_CONFIGS.contains(extra)) {
                    warnings.add(onSource.name() + ": target overrides " + extra
                            + " which the source does not; it is left as it is");
                }
            }
        }
        return differing.isEmpty()
                ? new TopicAction(onSource.name(), TopicAction.Kind.NONE, onSource.partitions(),
                        onTarget.replicationFactor(), Map.of(), "")
                : new TopicAction(onSource.name(), TopicAction.Kind.UPDATE_CONFIG, onSource.partitions(),
                        onTarget.replicationFactor(), differing, "");
    }

    private static Map<String, String> syncable(Map<String, String> overrides) {
        Map<String, String> configs = new TreeMap<>(overrides);
        configs.keySet().removeAll(CLUSTER_SPECIFIC_CONFIGS);
        return configs;
    }

    /** topics.replication-factor if set, else the source's, capped by the target's broker count. */
    private static short replicationFactor(Plan plan, TopicSnapshot onSource, ClusterSnapshot target,
                                           List<String> warnings) {
        Integer chosen = plan.topics().replicationFactor();
        if (chosen == null) {
            int rf = Math.max(1, Math.min(onSource.replicationFactor(), target.brokerCount()));
            if (rf < onSource.replicationFactor()) {
                warnings.add(onSource.name() + ": created with replication factor " + rf + " (source has "
                        + onSource.replicationFactor() + ", target has " + target.brokerCount() + " brokers)");
            }
            return (short) rf;
        }
        if (chosen > target.brokerCount()) {
            warnings.add(onSource.name() + ": topics.replication-factor " + chosen + " exceeds the target's "
                    + target.brokerCount() + " brokers; creating it will fail");
        }
        return chosen.shortValue();
    }

    /** Producer topics and consumer groups the plan names but the source does not have. */
    private static void warnAboutMissing(Plan plan, ClusterSnapshot source, List<String> warnings) {
        for (ProducerSpec producer : plan.producers()) {
            for (String topic : producer.topics()) {
                if (!source.topics().containsKey(topic)) {
                    warnings.add("producer " + producer.name() + " writes " + topic + ", which the source does not have");
                }
            }
        }
        for (ConsumerSpec consumer : plan.consumers()) {
            if (!source.groups().containsKey(consumer.group())) {
                warnings.add("consumer group " + consumer.group() + " has no committed offsets on the source");
            }
        }
    }
}
