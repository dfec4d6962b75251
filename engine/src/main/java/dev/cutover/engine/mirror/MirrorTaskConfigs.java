package dev.cutover.engine.mirror;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.mirror.IdentityReplicationPolicy;
import org.apache.kafka.connect.mirror.MirrorCheckpointConnector;
import org.apache.kafka.connect.mirror.MirrorSourceConnector;

/**
 * The task configurations MirrorMaker 2's connectors would hand their tasks, and the client
 * configurations cutover uses beside them. Pure: no I/O, so tests can read every key.
 *
 * <p>Precedence, lowest first: cutover defaults, {@link MirrorJob#extraProperties()}, then what
 * cutover cannot work without (aliases, assignment, identity naming, offset syncs on the target,
 * read_committed source consumer).
 */
final class MirrorTaskConfigs {

    static final String SOURCE_CONNECTOR_NAME = "cutover-mirror-source";
    static final String CHECKPOINT_CONNECTOR_NAME = "cutover-mirror-checkpoint";

    private MirrorTaskConfigs() {
    }

    static String offsetSyncsTopic(MirrorJob job) {
        return MirrorOwnTopics.offsetSyncs(job.sourceAlias());
    }

    static String checkpointsTopic(MirrorJob job) {
        return MirrorOwnTopics.checkpoints(job.sourceAlias());
    }

    /** Config of MirrorSourceTask number {@code index} copying {@code partitions}. */
    static Map<String, String> sourceTask(MirrorJob job, int index, List<TopicPartition> partitions) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("connector.class", MirrorSourceConnector.class.getName());
        // A stop waits for the poll in progress: on a quiet partition (a drained mirror being stopped) a
        // poll lasts its whole timeout. Polls return as soon as records arrive, so a short one costs no latency.
        p.put("consumer.poll.timeout.ms", "100");
        // The consumer's close waits for its fetch in flight, which on a quiet partition is held for
        // fetch.max.wait.ms: a stop (the switch's, the rollback's) paid most of the 500 ms default.
        p.put("consumer.fetch.max.wait.ms", "100");
        p.put("emit.offset-syncs.enabled", "true");
        putAll(p, job);
        p.put("name", SOURCE_CONNECTOR_NAME);
        p.put("task.index", String.valueOf(index));
        p.put("task.assigned.partitions",
                partitions.stream().map(TopicPartition::toString).collect(Collectors.joining(",")));
        p.put("topics", exactTopicsRegex(job.topics()));
        return p;
    }

    /** Config of the one MirrorCheckpointTask, checkpointing {@code groups}. */
    static Map<String, String> checkpointTask(MirrorJob job, Collection<String> groups) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("connector.class", MirrorCheckpointConnector.class.getName());
        p.put("emit.checkpoints.enabled", "true");
        p.put("emit.checkpoints.interval.seconds", "1");
        // Its offset-syncs and checkpoints readers are consumers whose close waits for the fetch in
        // flight (see sourceTask): the forward mirror's stop at the switch paid up to 500 ms for each.
        p.put("consumer.fetch.max.wait.ms", "100");
        // Checkpoints are written (MirrorMaker 2's own translation, kept for comparison), but never
        // committed to the target groups: move-consumers commits exact offsets there, and a target group
        // with offsets it did not write is someone else's.
        p.put("sync.group.offsets.enabled", "false");
        p.put("refresh.groups.enabled", "false");
        putAll(p, job);
        p.put("name", CHECKPOINT_CONNECTOR_NAME);
        p.put("task.index", "0");
        p.put("task.assigned.groups", String.join(",", groups));
        p.put("topics", exactTopicsRegex(job.topics()));
        return p;
    }

    static void putAll(Map<String, String> p, MirrorJob job) {
        p.putAll(job.extraProperties());
        p.put("source.cluster.alias", job.sourceAlias());
        p.put("target.cluster.alias", job.targetAlias());
        p.put("replication.policy.class", IdentityReplicationPolicy.class.getName());
        p.put("offset-syncs.topic.location", "target");
        job.sourceClientProps().forEach((k, v) -> {
            String s = stringValue(v);
            p.put("source.cluster." + k, s);
            if (ConsumerConfig.configNames().contains(k)) {
                p.put("source.consumer." + k, s);
            }
            if (AdminClientConfig.configNames().contains(k)) {
                p.put("source.admin." + k, s);
            }
        });
        job.targetClientProps().forEach((k, v) -> {
            String s = stringValue(v);
            p.put("target.cluster." + k, s);
            if (ProducerConfig.configNames().contains(k)) {
                p.put("target.producer." + k, s);
            }
            if (ConsumerConfig.configNames().contains(k)) {
                p.put("target.consumer." + k, s);
            }
            if (AdminClientConfig.configNames().contains(k)) {
                p.put("target.admin." + k, s);
            }
        });
        // Aborted transactional records must never be copied, and open transactions must not be read past.
        p.put("source.consumer.isolation.level", "read_committed");
    }

    /** Our producer to the target: idempotent, ordered per partition under retries, batched. */
    static Map<String, Object> producer(MirrorJob job, String clientId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.putAll(job.targetClientProps());
        // MirrorMaker 2's own convention for producer overrides.
        p.putAll(withPrefixStripped(job.extraProperties(), "producer."));
        p.putAll(withPrefixStripped(job.extraProperties(), "target.producer."));
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return onlyKnown(p, ProducerConfig.configNames());
    }

    /** A consumer that reads like the copy task: read_committed, no group, byte arrays. */
    static Map<String, Object> readCommittedConsumer(Map<String, Object> clientProps, String clientId) {
        return consumer(clientProps, clientId, "read_committed");
    }

    static Map<String, Object> consumer(Map<String, Object> clientProps, String clientId, String isolation) {
        Map<String, Object> p = new LinkedHashMap<>(clientProps);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return onlyKnown(p, ConsumerConfig.configNames());
    }

    static Map<String, Object> admin(Map<String, Object> clientProps, String clientId) {
        Map<String, Object> p = new LinkedHashMap<>(clientProps);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return onlyKnown(p, AdminClientConfig.configNames());
    }

    /** {@code \Qa.b\E,\Qc\E}: DefaultTopicFilter joins the list with '|'; names match exactly. */
    static String exactTopicsRegex(List<String> topics) {
        return topics.stream().map(Pattern::quote).collect(Collectors.joining(","));
    }

    static String stringValue(Object v) {
        if (v instanceof Password password) {
            return password.value();
        }
        if (v instanceof Class<?> c) {
            return c.getName();
        }
        if (v instanceof Collection<?> list) {
            return list.stream().map(MirrorTaskConfigs::stringValue).collect(Collectors.joining(","));
        }
        return String.valueOf(v);
    }

    private static Map<String, Object> withPrefixStripped(Map<String, String> props, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Drops keys the client does not know (admin-only keys in a consumer config, ...) to keep logs quiet. */
    private static Map<String, Object> onlyKnown(Map<String, Object> props, java.util.Set<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        props.forEach((k, v) -> {
            if (names.contains(k) || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
