package dev.cutover.plans;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code topics}: which source topics move.
 *
 * @param replicationFactor {@code topics.replication-factor}; null means
 *                          min(source replication factor, target broker count)
 */
public record TopicSelection(
        List<Pattern> include, List<Pattern> exclude, ConfigSync configs, Integer replicationFactor) {

    public TopicSelection {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /**
     * True when the topic fully matches an include pattern and no exclude pattern. Kafka's and
     * MirrorMaker's own topics are never selected, whatever the patterns say: moving
     * {@code __consumer_offsets} or MM2 heartbeats would corrupt the target, and a broad
     * {@code ".*"} is an easy thing to write.
     */
    public boolean selects(String topic) {
        if (isInternal(topic)) {
            return false;
        }
        return include.stream().anyMatch(p -> p.matcher(topic).matches())
                && exclude.stream().noneMatch(p -> p.matcher(topic).matches());
    }

    /** Kafka internals ("__"), MM2 and Connect internals (".internal") and MM2 heartbeats. */
    public static boolean isInternal(String topic) {
        return topic.startsWith("__")
                || topic.endsWith(".internal") // includes MM2's <alias>.checkpoints.internal
                || topic.equals("heartbeats")
                || topic.endsWith(".heartbeats");
    }
}
