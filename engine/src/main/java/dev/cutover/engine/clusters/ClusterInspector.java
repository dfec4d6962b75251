package dev.cutover.engine.clusters;

import dev.cutover.plans.Plan;
import dev.cutover.plans.compile.ClusterSnapshot;
import dev.cutover.plans.compile.GroupSnapshot;
import dev.cutover.plans.compile.TopicSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Reads what the compiler needs from a live cluster, read-only: topics with partitions,
 * replication factor and topic-level overrides, and consumer groups with their commits and lag.
 */
public final class ClusterInspector {

    private static final long TIMEOUT_SECONDS = 30;

    private ClusterInspector() {
    }

    /** The topics the plan selects on the source, and the source's selected groups. */
    public static ClusterSnapshot source(ClusterClients clients, Plan plan) {
        Admin admin = clients.admin();
        String clusterId = await(admin.describeCluster().clusterId(), clients, "describe the cluster");
        int brokers = await(admin.describeCluster().nodes(), clients, "list brokers").size();
        Set<String> names = await(admin.listTopics().names(), clients, "list topics").stream()
                .filter(plan.topics()::selects)
                .collect(Collectors.toSet());
        Map<String, TopicSnapshot> topics = describeTopics(clients, names);
        Map<String, GroupSnapshot> groups = describeGroups(clients, plan);
        return new ClusterSnapshot(clusterId, brokers, topics, groups);
    }

    /** The target's view of the same topic names (those that exist there) and no groups. */
    public static ClusterSnapshot target(ClusterClients clients, Collection<String> topicNames) {
        Admin admin = clients.admin();
        String clusterId = await(admin.describeCluster().clusterId(), clients, "describe the cluster");
        int brokers = await(admin.describeCluster().nodes(), clients, "list brokers").size();
        Set<String> existing = await(admin.listTopics().names(), clients, "list topics");
        Set<String> present = topicNames.stream().filter(existing::contains).collect(Collectors.toSet());
        return new ClusterSnapshot(clusterId, brokers, describeKnown(clients, present), Map.of());
    }

    /**
     * Those of the named topics that the cluster shows now, described as {@link #describeTopics} does.
     * Brokers learn a new topic from the controller one by one, so the broker that lists it and the
     * one that describes it may disagree for a moment: a topic either of them does not know
     * (UNKNOWN_TOPIC_OR_PARTITION) is left out rather than failing the read.
     */
    public static Map<String, TopicSnapshot> describeExisting(ClusterClients clients, Collection<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        Set<String> existing = await(clients.admin().listTopics().names(), clients, "list topics");
        return describeKnown(clients, names.stream().filter(existing::contains).toList());
    }

    private static Map<String, TopicSnapshot> describeKnown(ClusterClients clients, Collection<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        Admin admin = clients.admin();
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(names).topicNameValues();
        Map<ConfigResource, KafkaFuture<Config>> configs = admin.describeConfigs(names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).values();
        Map<String, TopicSnapshot> result = new TreeMap<>();
        for (String name : names) {
            Optional<TopicDescription> d = awaitKnown(descriptions.get(name), clients, "describe topic " + name);
            Optional<Config> c = awaitKnown(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)), clients,
                    "describe the configs of topic " + name);
            if (d.isPresent() && c.isPresent()) {
                result.put(name, new TopicSnapshot(name, d.get().partitions().size(),
                        (short) d.get().partitions().get(0).replicas().size(), overrides(c.get())));
            }
        }
        return result;
    }

    /** {@link #await}, with empty for a topic the answering broker does not know. */
    private static <T> Optional<T> awaitKnown(KafkaFuture<T> future, ClusterClients clients, String what) {
        try {
            return Optional.of(await(future, clients, what));
        } catch (ClusterUnreachableException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Partition count, replication factor and dynamic topic-level overrides of each named topic. */
    public static Map<String, TopicSnapshot> describeTopics(ClusterClients clients, Collection<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        Admin admin = clients.admin();
        Map<String, TopicDescription> descriptions =
                await(admin.describeTopics(names).allTopicNames(), clients, "describe topics");
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all(), clients, "describe topic configs");
        Map<String, TopicSnapshot> result = new TreeMap<>();
        for (String name : names) {
            TopicDescription d = descriptions.get(name);
            short rf = (short) d.partitions().get(0).replicas().size();
            result.put(name, new TopicSnapshot(name, d.partitions().size(), rf,
                    overrides(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)))));
        }
        return result;
    }

    /** Only values set on the topic itself: broker defaults are the target's business. */
    private static Map<String, String> overrides(Config config) {
        Map<String, String> result = new TreeMap<>();
        if (config == null) {
            return result;
        }
        for (ConfigEntry e : config.entries()) {
            if (e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG && e.value() != null) {
                result.put(e.name(), e.value());
            }
        }
        return result;
    }

    private static Map<String, GroupSnapshot> describeGroups(ClusterClients clients, Plan plan) {
        Admin admin = clients.admin();
        Collection<GroupListing> listings = await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(),
                clients, "list consumer groups");
        List<String> ids = listings.stream().map(GroupListing::groupId).filter(plan.groups()::selects).sorted().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, ConsumerGroupDescription> descriptions =
                await(admin.describeConsumerGroups(ids).all(), clients, "describe consumer groups");
        Map<String, GroupSnapshot> result = new TreeMap<>();
        for (String id : ids) {
            Map<TopicPartition, OffsetAndMetadata> commits =
                    await(admin.listConsumerGroupOffsets(id).partitionsToOffsetAndMetadata(), clients, "read group offsets");
            Map<String, Map<Integer, Long>> committed = new TreeMap<>();
            Map<TopicPartition, Long> positions = new HashMap<>();
            commits.forEach((tp, om) -> {
                if (om != null) {
                    committed.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(tp.partition(), om.offset());
                    positions.put(tp, om.offset());
                }
            });
            ConsumerGroupDescription d = descriptions.get(id);
            result.put(id, new GroupSnapshot(id, d.groupState().toString(), d.members().size(), committed,
                    lag(clients, positions)));
        }
        return result;
    }

    /** Records between each committed offset and the partition's end, summed; -1 if unknown. */
    private static long lag(ClusterClients clients, Map<TopicPartition, Long> committed) {
        if (committed.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        committed.keySet().forEach(tp -> request.put(tp, OffsetSpec.latest()));
        try {
            Map<TopicPartition, ListOffsetsResultInfo> ends =
                    clients.admin().listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long total = 0;
            for (Map.Entry<TopicPartition, Long> e : committed.entrySet()) {
                total += Math.max(0, ends.get(e.getKey()).offset() - e.getValue());
            }
            return total;
        } catch (ExecutionException | TimeoutException e) {
            return -1; // the topic may be gone: lag is then unknown, not an error for planning
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits for an admin future, turning Kafka's failure into a {@link ClusterUnreachableException}. */
    public static <T> T await(KafkaFuture<T> future, ClusterClients clients, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ClusterUnreachableException(clients, what, e.getCause());
        } catch (TimeoutException e) {
            throw new ClusterUnreachableException(clients, what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnreachableException(clients, what, e);
        }
    }

    /** Every partition of the named topics, from a snapshot. */
    public static List<TopicPartition> partitions(Map<String, TopicSnapshot> topics) {
        List<TopicPartition> result = new ArrayList<>();
        topics.values().forEach(t -> {
            for (int p = 0; p < t.partitions(); p++) {
                result.add(new TopicPartition(t.name(), p));
            }
        });
        return result;
    }
}
