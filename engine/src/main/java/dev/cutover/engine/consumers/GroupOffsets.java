package dev.cutover.engine.consumers;

import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.clusters.ClusterInspector;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** A group's membership and committed offsets on one cluster, through the Admin API. */
public final class GroupOffsets {

    private GroupOffsets() {
    }

    /** How many members the group has now (0 when it does not exist). */
    public static int members(ClusterClients clients, String group) {
        try {
            Map<String, ConsumerGroupDescription> d = ClusterInspector.await(
                    clients.admin().describeConsumerGroups(List.of(group)).all(), clients, "describe group " + group);
            return d.get(group).members().size();
        } catch (RuntimeException e) {
            if (causedBy(e, GroupIdNotFoundException.class)) {
                return 0;
            }
            throw e;
        }
    }

    /** The group's committed offsets on the partitions of {@code topics} (all topics when null). */
    public static Map<TopicPartition, OffsetAndMetadata> committed(ClusterClients clients, String group, Set<String> topics) {
        Map<TopicPartition, OffsetAndMetadata> all = ClusterInspector.await(clients.admin()
                .listConsumerGroupOffsets(Map.of(group, new ListConsumerGroupOffsetsSpec())).partitionsToOffsetAndMetadata(group),
                clients, "read the offsets of group " + group);
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        all.forEach((tp, om) -> {
            if (om != null && (topics == null || topics.contains(tp.topic()))) {
                result.put(tp, om);
            }
        });
        return result;
    }

    /** The log end offsets of these partitions. */
    public static Map<TopicPartition, Long> ends(ClusterClients clients, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> result = new HashMap<>();
        ClusterInspector.await(clients.admin().listOffsets(request).all(), clients, "read end offsets")
                .forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    /** Commits {@code offsets} for the (empty) group. */
    public static void commit(ClusterClients clients, String group, Map<TopicPartition, OffsetAndMetadata> offsets) {
        ClusterInspector.await(clients.admin().alterConsumerGroupOffsets(group, offsets).all(), clients,
                "commit the offsets of group " + group);
    }

    /** Removes the group's commits on these partitions (the group must be empty). */
    public static void forget(ClusterClients clients, String group, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        try {
            ClusterInspector.await(clients.admin().deleteConsumerGroupOffsets(group, Set.copyOf(partitions)).all(), clients,
                    "delete the offsets of group " + group);
        } catch (RuntimeException e) {
            if (!causedBy(e, GroupIdNotFoundException.class)) {
                throw e;
            }
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
