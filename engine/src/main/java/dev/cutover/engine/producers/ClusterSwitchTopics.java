package dev.cutover.engine.producers;

import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.engine.mirror.MirrorTopics;
import dev.cutover.engine.controls.ClusterSide;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** The producers' topics as the two clusters hold them. */
public final class ClusterSwitchTopics implements SwitchTopics {

    private final ClusterClients source;
    private final ClusterClients target;
    /** Described once per gate run: a describe per producer added up over ten producers. */
    private final Map<String, List<TopicPartition>> partitionsOf = new HashMap<>();

    public ClusterSwitchTopics(ClusterClients source, ClusterClients target) {
        this.source = source;
        this.target = target;
    }

    @Override
    public synchronized List<TopicPartition> partitions(Collection<String> topics) {
        List<String> missing = topics.stream().filter(t -> !partitionsOf.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            for (TopicPartition tp : ClusterInspector.partitions(ClusterInspector.describeTopics(source, new TreeSet<>(missing)))) {
                partitionsOf.computeIfAbsent(tp.topic(), t -> new java.util.ArrayList<>()).add(tp);
            }
        }
        return new TreeSet<>(topics).stream().flatMap(t -> partitionsOf.getOrDefault(t, List.of()).stream()).toList();
    }

    @Override
    public void ensureCompacted(ClusterSide side, String topic) {
        MirrorTopics.ensureCompactedTopic(clients(side).admin(), topic);
    }

    @Override
    public Map<TopicPartition, Long> ends(ClusterSide side, Collection<TopicPartition> partitions) {
        ClusterClients clients = clients(side);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> result = new HashMap<>();
        ClusterInspector.await(clients.admin().listOffsets(request).all(), clients, "read end offsets")
                .forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    @Override
    public List<ConsumerRecord<byte[], byte[]>> last(ClusterSide side, Map<TopicPartition, Long> ends, int perPartition) {
        return TopicTail.last(clients(side), ends, perPartition);
    }

    @Override
    public List<ConsumerRecord<byte[], byte[]>> from(ClusterSide side, Map<TopicPartition, Long> from) {
        return TopicTail.read(clients(side), from);
    }

    private ClusterClients clients(ClusterSide side) {
        return side == ClusterSide.SOURCE ? source : target;
    }
}
