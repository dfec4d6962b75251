package dev.cutover.engine.mirror;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to replicate, already resolved from the plan: aliases, client properties of both clusters,
 * the exact topic names, the group patterns to checkpoint, the task count and extra MirrorMaker 2
 * task properties.
 *
 * <p>Client properties may hold secrets (SASL JAAS lines, key store passwords): {@link #toString()}
 * shows only the bootstrap addresses, and no class in this package logs the maps.
 *
 * @param sourceAlias      MirrorMaker 2 alias of the source cluster, e.g. {@code source}
 * @param targetAlias      alias of the target cluster, e.g. {@code target}
 * @param sourceClientProps Kafka client properties reaching the source (bootstrap.servers at least)
 * @param targetClientProps Kafka client properties reaching the target
 * @param topics           exact topic names to copy; they must already exist on the target
 * @param groupPatterns    Java regexes (full match) of source consumer groups to checkpoint; may be empty
 * @param tasks            number of copy tasks; topic-partitions are dealt round-robin
 * @param extraProperties  extra MirrorMaker 2 task properties ({@code producer.compression.type} too)
 */
public record MirrorJob(
        String sourceAlias,
        String targetAlias,
        Map<String, Object> sourceClientProps,
        Map<String, Object> targetClientProps,
        List<String> topics,
        List<String> groupPatterns,
        int tasks,
        Map<String, String> extraProperties) {

    public MirrorJob {
        Objects.requireNonNull(sourceAlias, "sourceAlias");
        Objects.requireNonNull(targetAlias, "targetAlias");
        if (sourceAlias.equals(targetAlias)) {
            throw new IllegalArgumentException("source and target aliases must differ, both are '" + sourceAlias + "'");
        }
        sourceClientProps = frozen(Objects.requireNonNull(sourceClientProps, "sourceClientProps"));
        targetClientProps = frozen(Objects.requireNonNull(targetClientProps, "targetClientProps"));
        topics = List.copyOf(Objects.requireNonNull(topics, "topics"));
        groupPatterns = List.copyOf(groupPatterns == null ? List.of() : groupPatterns);
        extraProperties = frozen(extraProperties == null ? Map.of() : extraProperties);
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be at least 1, was " + tasks);
        }
        if (!sourceClientProps.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("sourceClientProps has no bootstrap.servers");
        }
        if (!targetClientProps.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("targetClientProps has no bootstrap.servers");
        }
    }

    /** A job with the default aliases ({@code source}, {@code target}) and no extra properties. */
    public static MirrorJob of(Map<String, Object> sourceClientProps, Map<String, Object> targetClientProps,
                               List<String> topics, List<String> groupPatterns, int tasks) {
        return new MirrorJob("source", "target", sourceClientProps, targetClientProps, topics, groupPatterns,
                tasks, Map.of());
    }

    /** The same job with other extra MirrorMaker 2 properties. */
    public MirrorJob withExtraProperties(Map<String, String> extra) {
        return new MirrorJob(sourceAlias, targetAlias, sourceClientProps, targetClientProps, topics, groupPatterns,
                tasks, extra);
    }

    public String sourceBootstrap() {
        return String.valueOf(sourceClientProps.get("bootstrap.servers"));
    }

    public String targetBootstrap() {
        return String.valueOf(targetClientProps.get("bootstrap.servers"));
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Bootstrap addresses only: client and extra properties may hold secrets. */
    @Override
    public String toString() {
        return "MirrorJob[" + sourceAlias + "=" + sourceBootstrap() + " -> " + targetAlias + "=" + targetBootstrap()
                + ", topics=" + topics + ", groupPatterns=" + groupPatterns + ", tasks=" + tasks
                + ", extraProperties=" + extraProperties.keySet() + "]";
    }
}
