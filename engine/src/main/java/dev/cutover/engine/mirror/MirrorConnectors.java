package dev.cutover.engine.mirror;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.mirror.MirrorCheckpointConnector;
import org.apache.kafka.connect.mirror.MirrorSourceConnector;

/**
 * The two MirrorMaker 2 connectors cutover deploys on a Kafka Connect cluster for
 * {@code mirror.engine: connect}: their names, derived from the plan's name so that a rerun finds
 * and updates them instead of adding copies, and their configs. Pure: no I/O.
 *
 * <p>The copy's invariant on this engine: the source connector runs with
 * {@code exactly.once.support: required} on workers with {@code exactly.once.source.support=enabled}
 * (KIP-618). The records copied in each 500 ms and the source offsets they advance to are committed in
 * one transaction on the target, so a worker killed mid-transaction leaves an aborted one and its
 * successor resumes from the last committed source offset: read with {@code read_committed}, each
 * target partition holds every source record exactly once, in order. The source is read with
 * {@code read_committed} too (MirrorMaker 2 offers exactly-once only then), so aborted source records
 * are never copied. Target consumers with {@code read_uncommitted} also see the records of a dead
 * worker's aborted transactions.
 *
 * <p>The keys are those of the embedded engine's tasks ({@link MirrorTaskConfigs}): identity naming,
 * offset syncs on the target, checkpoints written but never committed to target groups.
 *
 * @param sourceName     e.g. {@code cutover-sfdc-move-mirror-source}
 * @param source         the MirrorSourceConnector's config
 * @param checkpointName e.g. {@code cutover-sfdc-move-mirror-checkpoint}
 * @param checkpoint     the MirrorCheckpointConnector's config
 */
public record MirrorConnectors(String sourceName, Map<String, String> source, String checkpointName,
                               Map<String, String> checkpoint) {

    public MirrorConnectors {
        source = Collections.unmodifiableMap(new LinkedHashMap<>(source));
        checkpoint = Collections.unmodifiableMap(new LinkedHashMap<>(checkpoint));
    }

    /** The forward connectors (source to target) of plan {@code planName} for {@code job}. */
    public static MirrorConnectors forward(String planName, MirrorJob job) {
        return new MirrorConnectors(sourceName(planName), sourceConfig(job), checkpointName(planName), checkpointConfig(job));
    }

    public static String sourceName(String planName) {
        return "cutover-" + planName + "-mirror-source";
    }

    public static String checkpointName(String planName) {
        return "cutover-" + planName + "-mirror-checkpoint";
    }

    /** The reverse copy's connector (target to source, after the switch of producers). */
    public static String reverseName(String planName) {
        return "cutover-" + planName + "-mirror-reverse";
    }

    /**
     * The reverse MirrorSourceConnector's config for {@code reverseJob} (aliases and clusters swapped:
     * its source is the target cluster). Connect's workers write to the cluster beside them (the
     * target), so the connector's producer, admin client and offsets reader are pointed at the source
     * cluster ({@code producer.override.*}, {@code admin.override.*}, {@code consumer.override.*}; the worker's
     * {@code connector.client.config.override.policy} must allow it, All by default), and its
     * exactly-once offsets go to a topic of its own there (KIP-618), committed with the copies. It is
     * created STOPPED (KIP-980) and only resumed once its offsets start at the switch points, so its
     * first poll copies the first record a producer wrote on the target and nothing before.
     */
    public static Map<String, String> reverseConfig(String planName, MirrorJob reverseJob) {
        Map<String, String> p = sourceConfig(reverseJob);
        reverseJob.targetClientProps().forEach((k, v) -> {
            String s = MirrorTaskConfigs.stringValue(v);
            if (ProducerConfig.configNames().contains(k)) {
                p.put("producer.override." + k, s);
            }
            if (ConsumerConfig.configNames().contains(k)) {
                p.put("consumer.override." + k, s); // Connect's reader of the connector's offsets topic
            }
            if (AdminClientConfig.configNames().contains(k)) {
                p.put("admin.override." + k, s);
            }
        });
        p.put("offsets.storage.topic", reverseName(planName) + "-offsets");
        return p;
    }

    private static Map<String, String> sourceConfig(MirrorJob job) {
        Map<String, String> p = common(MirrorSourceConnector.class.getName(), job);
        p.put("tasks.max", String.valueOf(job.tasks()));
        p.put("exactly.once.support", "required");
        // One transaction per 500 ms of copying: the unit a killed worker aborts and its successor copies
        // again. Per poll (500 records) the commits cost half the throughput (bench/README.md).
        p.put("transaction.boundary", "interval");
        p.put("transaction.boundary.interval.ms", "500");
        p.put("emit.offset-syncs.enabled", "true");
        // The topics gate created the target topics with their configs; MirrorMaker 2 must not change them.
        p.put("sync.topic.configs.enabled", "false");
        p.put("sync.topic.acls.enabled", "false");
        p.put("consumer.poll.timeout.ms", "100");
        p.put("source.consumer.fetch.max.wait.ms", "100");
        // The worker's producer writes the copies: batched as the embedded engine's is (the worker's
        // defaults, linger 0 ms and 16 KiB batches, send every record of a poll on its own).
        p.put("producer.override.linger.ms", "20");
        p.put("producer.override.batch.size", "262144");
        return p;
    }

    private static Map<String, String> checkpointConfig(MirrorJob job) {
        Map<String, String> p = common(MirrorCheckpointConnector.class.getName(), job);
        p.put("tasks.max", "1");
        p.put("groups", String.join(",", job.groupPatterns()));
        p.put("emit.checkpoints.enabled", "true");
        p.put("emit.checkpoints.interval.seconds", "1");
        // Approximate: move-consumers commits exact offsets, and never over MirrorMaker 2's.
        p.put("sync.group.offsets.enabled", "false");
        p.put("refresh.groups.enabled", "false");
        return p;
    }

    private static Map<String, String> common(String connectorClass, MirrorJob job) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("connector.class", connectorClass);
        // Records are copied as bytes, headers included (the replay id travels in one).
        p.put("key.converter", ByteArrayConverter.class.getName());
        p.put("value.converter", ByteArrayConverter.class.getName());
        p.put("header.converter", ByteArrayConverter.class.getName());
        // MirrorMaker 2 creates its offset-syncs and checkpoints topics with 3 replicas unless told: on a
        // smaller target that fails and every copy task stalls on its first offset sync. -1 is the
        // target's default.replication.factor, as for any topic a client creates.
        p.put("offset-syncs.topic.replication.factor", "-1");
        p.put("checkpoints.topic.replication.factor", "-1");
        MirrorTaskConfigs.putAll(p, job);
        p.put("topics", MirrorTaskConfigs.exactTopicsRegex(job.topics()));
        return p;
    }
}
