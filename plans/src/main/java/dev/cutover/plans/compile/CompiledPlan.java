package dev.cutover.plans.compile;

import dev.cutover.plans.GateName;
import dev.cutover.plans.Plan;
import java.util.List;

/**
 * A plan made concrete against what both clusters hold: the actions each gate will take.
 *
 * @param selectedTopics source topics the plan moves, sorted
 * @param topicActions   one per selected topic, same order
 * @param selectedGroups source groups the plan moves, sorted by id
 * @param gates          every gate, in running order
 * @param fingerprint    {@link FingerprintFacts#fingerprint()} of the inputs
 * @param warnings       things that will not stop {@code plan} but may stop a gate
 */
public record CompiledPlan(
        Plan plan,
        List<String> selectedTopics,
        List<TopicAction> topicActions,
        List<GroupSnapshot> selectedGroups,
        List<GateName> gates,
        String fingerprint,
        List<String> warnings) {

    public CompiledPlan {
        selectedTopics = List.copyOf(selectedTopics);
        topicActions = List.copyOf(topicActions);
        selectedGroups = List.copyOf(selectedGroups);
        gates = List.copyOf(gates);
        warnings = List.copyOf(warnings);
    }

    /** The ids of {@link #selectedGroups()}, sorted. */
    public List<String> selectedGroupIds() {
        return selectedGroups.stream().map(GroupSnapshot::groupId).toList();
    }

    /** True when preflight would refuse because of a topic conflict on the target. */
    public boolean hasConflicts() {
        return topicActions.stream().anyMatch(a -> a.kind() == TopicAction.Kind.CONFLICT);
    }
}
