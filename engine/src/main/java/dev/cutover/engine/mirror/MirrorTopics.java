package dev.cutover.engine.mirror;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Topic and group facts the mirror checks before it starts. */
public final class MirrorTopics {

    private static final Logger log = LoggerFactory.getLogger(MirrorTopics.class);

    private MirrorTopics() {
    }

    /** Partition count of each topic; missing topics are absent from the answer. */
    static Map<String, Integer> partitionCounts(Admin admin, Collection<String> topics) {
        Map<String, Integer> out = new TreeMap<>();
        Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(topics).topicNameValues();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> e : futures.entrySet()) {
            try {
                out.put(e.getKey(), get(e.getValue()).partitions().size());
            } catch (MirrorException ex) {
                if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw ex;
                }
            }
        }
        return out;
    }

    /**
     * The source partitions to copy, after checking that every topic exists on the source and,
     * with at least as many partitions, on the target.
     */
    static List<TopicPartition> checkedPartitions(Admin source, Admin target, MirrorJob job) {
        Map<String, Integer> onSource = partitionCounts(source, job.topics());
        Map<String, Integer> onTarget = partitionCounts(target, job.topics());
        List<String> missingOnSource = job.topics().stream().filter(t -> !onSource.containsKey(t)).toList();
        if (!missingOnSource.isEmpty()) {
            throw new MirrorException("topics missing on the source cluster " + job.sourceBootstrap() + ": " + missingOnSource);
        }
        List<String> missingOnTarget = job.topics().stream().filter(t -> !onTarget.containsKey(t)).toList();
        if (!missingOnTarget.isEmpty()) {
            throw new MirrorException("topics missing on the target cluster " + job.targetBootstrap() + ": "
                    + missingOnTarget + ". The mirror never creates topics: run the topics gate first.");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : job.topics()) {
            int s = onSource.get(topic);
            int t = onTarget.get(topic);
            if (t != s) {
                throw new MirrorException("topic " + topic + " has " + s + " partitions on the source but " + t
                        + " on the target; records must keep their partition. Recreate it on the target with " + s + ".");
            }
            for (int p = 0; p < s; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        return partitions;
    }

    /** Creates a compacted single-partition topic unless it exists; replication factor min(3, brokers). */
    public static void ensureCompactedTopic(Admin admin, String topic) {
        if (partitionCounts(admin, List.of(topic)).containsKey(topic)) {
            return;
        }
        int brokers = get(admin.describeCluster().nodes()).size();
        short rf = (short) Math.max(1, Math.min(3, brokers));
        NewTopic newTopic = new NewTopic(topic, 1, rf)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            get(admin.createTopics(List.of(newTopic)).all());
            log.info("created {} (compacted, 1 partition, replication factor {})", topic, rf);
        } catch (MirrorException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Source consumer groups whose id fully matches one of the patterns, sorted. */
    static List<String> matchingGroups(Admin admin, List<String> patterns) {
        if (patterns.isEmpty()) {
            return List.of();
        }
        List<Pattern> compiled = patterns.stream().map(Pattern::compile).toList();
        Set<String> ids = new java.util.TreeSet<>();
        get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()).forEach(g -> {
            if (compiled.stream().anyMatch(p -> p.matcher(g.groupId()).matches())) {
                ids.add(g.groupId());
            }
        });
        return List.copyOf(ids);
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(Offsets.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MirrorException("interrupted", e);
        } catch (ExecutionException e) {
            throw new MirrorException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new MirrorException("no answer from the cluster within " + Offsets.TIMEOUT.toSeconds() + " s", e);
        }
    }
}
