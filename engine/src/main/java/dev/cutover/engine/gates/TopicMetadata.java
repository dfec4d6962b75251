package dev.cutover.engine.gates;

import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.plans.compile.TopicSnapshot;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * What the {@link TopicsGate} reads from the two clusters: {@link #ADMIN} through each side's Admin,
 * and a hand-written fake in a unit test (for testing), e.g. a target whose metadata shows a new
 * topic only after a few reads.
 */
interface TopicMetadata {

    /** The named topics on the source, every one of which must exist there. */
    Map<String, TopicSnapshot> source(ClusterClients source, Collection<String> names);

    /** Those of the named topics that the target shows now; one it does not show is absent. */
    Map<String, TopicSnapshot> target(ClusterClients target, Collection<String> names);

    /** Returns the number of partitions once every one of them answers at its leader on the target. */
    int awaitOnline(ClusterClients target, Collection<TopicSnapshot> topics);

    TopicMetadata ADMIN = new TopicMetadata() {
        @Override
        public Map<String, TopicSnapshot> source(ClusterClients source, Collection<String> names) {
            return ClusterInspector.describeTopics(source, names);
        }

        @Override
        public Map<String, TopicSnapshot> target(ClusterClients target, Collection<String> names) {
            return ClusterInspector.describeExisting(target, names);
        }

        /**
         * Admin retries the offset request until each partition answers at its leader. A new topic's
         * partitions come online shortly after its metadata: an idempotent producer (the mirror's) whose
         * first batch to a partition meets NOT_LEADER_OR_FOLLOWER while a later batch succeeds resends
         * the first one for good, each try refused as out of sequence (KAFKA-14359). The mirror starts
         * only after the topics gate, so it never meets one.
         */
        @Override
        public int awaitOnline(ClusterClients target, Collection<TopicSnapshot> topics) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (TopicSnapshot t : topics) {
                for (int p = 0; p < t.partitions(); p++) {
                    request.put(new TopicPartition(t.name(), p), OffsetSpec.latest());
                }
            }
            ClusterInspector.await(target.admin().listOffsets(request).all(), target,
                    "read the end offsets of the target topics (their partitions coming online)");
            return request.size();
        }
    };
}
