package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.GroupReader;
import dev.cutover.sandbox.SandboxCluster;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Source groups committed where translation is hard, on three topics of a prefix: mid-topic (40%),
 * at the log end, on one partition of three only, inside an aborted transaction, on the commit
 * marker, on an offset the log cleaner removed, and where retention removed the head of the log: below
 * the log start before the copy began ({@code below}), and below or past a log start that retention
 * moves after the copy ({@link #expireSourceHead}: {@code expired}, {@code retained}). Each group's
 * expected reading on the target is what it had not read on the source, taken before the move.
 *
 * @param expected per group, per partition, the fingerprints of the records it has not read yet
 */
record OddGroups(String big, String txn, String compacted, String retained,
                 Map<String, Map<Integer, List<String>>> expected) {

    static final List<String> KINDS = List.of("mid", "end", "some", "aborted", "marker", "compacted", "below", "expired",
            "retained");

    /** Records of the retained topic that retention removed before the copy began. */
    static final long DELETED_BEFORE_COPY = 1_000;

    /**
     * Creates {@code <prefix>.sfdc.cdc.{account,txn,compacted,retained}} on {@code source}, fills them
     * and commits the groups.
     */
    static OddGroups commitOn(SandboxCluster source, String prefix) throws Exception {
        String bootstrap = source.bootstrapServers();
        String big = prefix + ".sfdc.cdc.account";
        String txn = prefix + ".sfdc.cdc.txn";
        String compacted = prefix + ".sfdc.cdc.compacted";
        String retained = prefix + ".sfdc.cdc.retained";
        source.createTopics(List.of(new NewTopic(big, 3, (short) 1), new NewTopic(txn, 1, (short) 1),
                new NewTopic(retained, 1, (short) 1),
                new NewTopic(compacted, 1, (short) 1).configs(Map.of("cleanup.policy", "compact", "segment.ms", "100",
                        "min.cleanable.dirty.ratio", "0.01", "delete.retention.ms", "100", "min.compaction.lag.ms", "0"))));
        SourceLogs.produce(bootstrap, big, 60_000, 500);
        SourceLogs.produceTransactions(bootstrap, txn);      // 0-49 committed, 50-79 aborted, marker, 81-100 committed
        SourceLogs.produceCompactedWithGaps(bootstrap, compacted);
        SourceLogs.produce(bootstrap, retained, 12_000, 400);
        deleteBefore(source, tp(retained, 0), DELETED_BEFORE_COPY);
        Map<TopicPartition, Long> ends = ends(source, List.of(tp(big, 0), tp(big, 1), tp(big, 2)));
        commit(source, prefix + "-mid", Map.of(tp(big, 0), ends.get(tp(big, 0)) * 4 / 10, tp(big, 1), ends.get(tp(big, 1)) * 4 / 10,
                tp(big, 2), ends.get(tp(big, 2)) * 4 / 10));
        commit(source, prefix + "-end", ends);
        commit(source, prefix + "-some", Map.of(tp(big, 1), 1_234L));
        commit(source, prefix + "-aborted", Map.of(tp(txn, 0), 60L));
        commit(source, prefix + "-marker", Map.of(tp(txn, 0), 80L));
        commit(source, prefix + "-compacted", Map.of(tp(compacted, 0), firstGap(bootstrap, compacted)));
        commit(source, prefix + "-below", Map.of(tp(retained, 0), 300L));
        commit(source, prefix + "-expired", Map.of(tp(retained, 0), 6_000L));
        commit(source, prefix + "-retained", Map.of(tp(retained, 0), 10_000L));
        OddGroups groups = new OddGroups(big, txn, compacted, retained, new HashMap<>());
        for (String kind : KINDS) {
            String group = prefix + "-" + kind;
            groups.expected().put(group, GroupReader.unread(source, group, groups.topicOf(group)));
        }
        return groups;
    }

    /**
     * What retention does to the source while the copy runs: removes the retained topic's records
     * before {@code offset} (already copied; the target keeps them). The {@code below} and
     * {@code expired} groups are then below the source's log start, and a consumer resuming there
     * would read from it: their expected reading is read again.
     */
    void expireSourceHead(SandboxCluster source, String prefix, long offset) throws Exception {
        deleteBefore(source, tp(retained, 0), offset);
        for (String kind : List.of("below", "expired", "retained")) {
            String group = prefix + "-" + kind;
            expected.put(group, GroupReader.unread(source, group, retained));
        }
    }

    private static void deleteBefore(SandboxCluster cluster, TopicPartition tp, long offset) throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(offset))).all().get();
        }
    }

    /**
     * Asserts that a consumer of {@code group} on the target read exactly what the group had not read on
     * the source. On the compacted topic each cluster's log cleaner runs on its own schedule, so the
     * target may no longer hold a superseded record the source still held when the group was read
     * there: what it reads must then be those records in the same order with only superseded ones left
     * out (no record re-read, no latest value of a key missed).
     */
    void assertReadOnTarget(String group, Map<Integer, List<String>> readOnTarget) {
        Map<Integer, List<String>> unread = expected.get(group);
        if (!topicOf(group).equals(compacted)) {
            assertThat(readOnTarget).as("group %s: records read on the target vs not yet read on the source", group).isEqualTo(unread);
            return;
        }
        assertThat(readOnTarget.keySet()).as("group %s: partitions", group).isEqualTo(unread.keySet());
        unread.forEach((partition, records) -> {
            List<String> read = readOnTarget.get(partition);
            Iterator<String> inOrder = records.iterator();
            assertThat(read).as("group %s: read on the target, in the source's order, nothing before its position", group)
                    .allMatch(r -> advanceTo(inOrder, r));
            Map<String, String> latest = new LinkedHashMap<>();
            records.forEach(r -> latest.put(r.substring(0, r.indexOf('|')), r));
            // A tombstone (null value, shown "-") is itself removed by the cleaner after delete.retention.ms.
            assertThat(read).as("group %s: the latest record of every key it had not read", group)
                    .containsAll(latest.values().stream().filter(r -> !r.split("\\|", -1)[1].equals("-")).toList());
        });
    }

    private static boolean advanceTo(Iterator<String> records, String record) {
        while (records.hasNext()) {
            if (records.next().equals(record)) {
                return true;
            }
        }
        return false;
    }

    /** The topic a group of these reads. */
    String topicOf(String group) {
        if (group.endsWith("-aborted") || group.endsWith("-marker")) {
            return txn;
        }
        if (group.endsWith("-below") || group.endsWith("-expired") || group.endsWith("-retained")) {
            return retained;
        }
        return group.endsWith("-compacted") ? compacted : big;
    }

    static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    static void commit(SandboxCluster cluster, String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> request = new HashMap<>();
        offsets.forEach((tp, o) -> request.put(tp, new OffsetAndMetadata(o, "meta-" + group)));
        try (Admin admin = cluster.admin()) {
            admin.alterConsumerGroupOffsets(group, request).all().get();
        }
    }

    static Map<TopicPartition, Long> ends(SandboxCluster cluster, List<TopicPartition> partitions) throws Exception {
        try (Admin admin = cluster.admin()) {
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    /** The offset of the first record the cleaner removed (a committed offset that holds no record). */
    private static long firstGap(String bootstrap, String topic) {
        long expected = 0;
        for (ConsumerRecord<byte[], byte[]> r : GroupReader.readFrom(bootstrap, Map.of(tp(topic, 0), 0L))) {
            if (r.offset() != expected) {
                return expected;
            }
            expected++;
        }
        throw new AssertionError(topic + " has no gap");
    }
}
