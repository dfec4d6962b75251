package dev.cutover.plans.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Explains why a stored plan is stale: which fingerprinted facts differ between when
 * {@code plan} ran and now. An empty answer means the plan still holds.
 */
public final class StalenessCheck {

    private StalenessCheck() {
    }

    /**
     * @param stored the facts as {@link FingerprintFacts#describe()} wrote them at plan time
     * @param now    the facts from fresh snapshots
     */
    public static List<String> changes(List<String> stored, FingerprintFacts now) {
        return changes(FingerprintFacts.parse(stored), now);
    }

    public static List<String> changes(FingerprintFacts before, FingerprintFacts now) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(before.planTextSha256(), now.planTextSha256())) {
            changes.add("the plan file changed");
        }
        if (!Objects.equals(before.sourceClusterId(), now.sourceClusterId())) {
            changes.add("source cluster id changed (" + before.sourceClusterId() + " -> " + now.sourceClusterId()
                    + "): the source address now points at another cluster");
        }
        if (!Objects.equals(before.targetClusterId(), now.targetClusterId())) {
            changes.add("target cluster id changed (" + before.targetClusterId() + " -> " + now.targetClusterId()
                    + "): the target address now points at another cluster");
        }
        Map<String, Integer> was = before.sourceTopicPartitions();
        Map<String, Integer> is = now.sourceTopicPartitions();
        for (Map.Entry<String, Integer> topic : is.entrySet()) {
            Integer old = was.get(topic.getKey());
            if (old == null) {
                changes.add("topic " + topic.getKey() + " now selected");
            } else if (!old.equals(topic.getValue())) {
                changes.add(topic.getKey() + ": " + old + " -> " + topic.getValue() + " partitions on source");
            }
        }
        for (String topic : was.keySet()) {
            if (!is.containsKey(topic)) {
                changes.add("topic " + topic + " no longer selected (deleted on source, or the plan's patterns changed)");
            }
        }
        return changes;
    }
}
