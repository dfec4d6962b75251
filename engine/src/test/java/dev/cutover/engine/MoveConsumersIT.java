package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.sandbox.DemoConsumer;
import dev.cutover.sandbox.GroupReader;
import dev.cutover.sandbox.SandboxTest;
import dev.cutover.sandbox.SandboxCluster;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import dev.cutover.state.PositionRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * move-consumers on real clusters. For every group, a real consumer started on the target after the
 * gate reads exactly the records the group had not read on the source: the test compares the two
 * sequences record by record (fingerprints of key, value, headers, timestamp), so a single re-read
 * or skipped record fails it.
 */
class MoveConsumersIT extends SandboxTest {


    @TempDir
    Path dir;

    @Test
    void everyGroupResumesOnTheTargetAtExactlyItsNextRecordWhateverTheGapsInTheSourceLog() throws Exception {
        String source = sandbox.source().bootstrapServers();
        String big = "m1.sfdc.cdc.account";
        String txn = "m1.sfdc.cdc.txn";
        String compacted = "m1.sfdc.cdc.compacted";
        sandbox.source().createTopics(List.of(new NewTopic(big, 3, (short) 1), new NewTopic(txn, 1, (short) 1),
                new NewTopic(compacted, 1, (short) 1).configs(Map.of("cleanup.policy", "compact", "segment.ms", "100",
                        "min.cleanable.dirty.ratio", "0.01", "delete.retention.ms", "100", "min.compaction.lag.ms", "0"))));
        SourceLogs.produce(source, big, 60_000, 500);
        SourceLogs.produceTransactions(source, txn);      // 0-49 committed, 50-79 aborted, marker, 81-100 committed
        SourceLogs.produceCompactedWithGaps(source, compacted);
        Map<TopicPartition, Long> ends = ends(sandbox.source(), List.of(tp(big, 0), tp(big, 1), tp(big, 2), tp(txn, 0), tp(compacted, 0)));

        // given groups committed: mid-topic (40%), at the log end, on one partition of three only,
        // inside an aborted transaction, on the commit marker, and on offsets the cleaner removed
        commit("m1-mid", Map.of(tp(big, 0), ends.get(tp(big, 0)) * 4 / 10, tp(big, 1), ends.get(tp(big, 1)) * 4 / 10,
                tp(big, 2), ends.get(tp(big, 2)) * 4 / 10));
        commit("m1-end", Map.of(tp(big, 0), ends.get(tp(big, 0)), tp(big, 1), ends.get(tp(big, 1)), tp(big, 2), ends.get(tp(big, 2))));
        commit("m1-some", Map.of(tp(big, 1), 1_234L));
        commit("m1-aborted", Map.of(tp(txn, 0), 60L));
        commit("m1-marker", Map.of(tp(txn, 0), 80L));
        commit("m1-compacted", Map.of(tp(compacted, 0), firstGap(source, compacted)));
        Map<String, Map<Integer, List<String>>> expected = new HashMap<>();
        for (String group : List.of("m1-mid", "m1-end", "m1-some", "m1-aborted", "m1-marker", "m1-compacted")) {
            expected.put(group, GroupReader.unread(sandbox.source(), group, topicOf(group, big, txn, compacted)));
        }

        try (CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            // the mirror is still copying the 60,000 records when the groups are moved: in-sync lets it through
            // and no consumers: section: the operator starts them (here: the test's own consumer below)
            cutover.plan(ScenarioPlan.write(dir, "m1", sandbox, "", """
                    gates:
                      in-sync: {max-lag: 1000000, timeout: 90s}
                      quiesce: {window: 1s, timeout: 10s}
                    """));
            StepOutcome moved = cutover.runUntil("move-consumers");

            assertThat(moved.gate()).isEqualTo("move-consumers");
            assertThat(moved.passed()).as(moved.detail()).isTrue();
            // then a consumer of each group on the target reads exactly what it had not read on the source
            for (String group : expected.keySet()) {
                Map<Integer, List<String>> unreadOnSource = expected.get(group);
                Map<Integer, List<String>> readOnTarget = GroupReader.readAsMember(sandbox.target().bootstrapServers(), group,
                        topicOf(group, big, txn, compacted));
                assertThat(readOnTarget).as("group %s: records read on the target vs not yet read on the source", group)
                        .isEqualTo(unreadOnSource);
            }
            try (Ledger ledger = cutover.openLedger()) {
                List<PositionRow> rows = ledger.positions().stream().filter(r -> r.kind().equals(PositionRow.GROUP)).toList();
                assertThat(rows).extracting(PositionRow::owner).contains("m1-mid", "m1-end", "m1-some", "m1-aborted",
                        "m1-marker", "m1-compacted");
                assertThat(rows.stream().filter(r -> r.owner().equals("m1-mid"))).hasSize(3)
                        .allSatisfy(r -> assertThat(r.note()).startsWith("verified record "));
                assertThat(rows.stream().filter(r -> r.owner().equals("m1-some"))).hasSize(1);
                @SuppressWarnings("unchecked")
                Map<String, Object> some = (Map<String, Object>) ((Map<String, Object>) ledger.gate("move-consumers")
                        .evidence().get("groups")).get("m1-some");
                assertThat((List<String>) some.get("uncommitted")).containsExactlyInAnyOrder(big + "-0", big + "-2");
            }
        }
        // partitions never committed stay uncommitted on the target
        assertThat(committed(sandbox.target(), "m1-some")).containsOnlyKeys(tp(big, 1));
    }

    @Test
    void aGroupThatWillNotStopAndOneActiveOnTheTargetFailAloneAndTheOthersMove() throws Exception {
        String source = sandbox.source().bootstrapServers();
        String topic = "m2.sfdc.cdc.account";
        sandbox.source().createTopic(topic, 2);
        SourceLogs.produce(source, topic, 2_000, 50);
        commit("m2-fine", Map.of(tp(topic, 0), 100L, tp(topic, 1), 200L));
        commit("m2-busy-on-target", Map.of(tp(topic, 0), 10L, tp(topic, 1), 20L));
        Map<Integer, List<String>> fineUnread = GroupReader.unread(sandbox.source(), "m2-fine", topic);
        try (DemoConsumer stubborn = new DemoConsumer("m2-stubborn", List.of(topic));
             CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            // given a group whose stop control stops nothing, and a group already consuming on the target
            stubborn.start(source);
            await().atMost(Duration.ofSeconds(30)).until(() -> stubborn.assignedPartitions() > 0);
            cutover.plan(ScenarioPlan.write(dir, "m2", sandbox, "", consumers("m2-stubborn") + """
                    gates:
                      in-sync: {max-lag: 0, timeout: 90s}
                      quiesce: {window: 1s, timeout: 3s}
                    """));
            assertThat(cutover.runUntil("switch-producers").passed()).isTrue();
            try (DemoConsumer squatter = new DemoConsumer("m2-busy-on-target", List.of(topic))) {
                squatter.start(sandbox.target().bootstrapServers());
                await().atMost(Duration.ofSeconds(30)).until(() -> squatter.assignedPartitions() > 0);

                StepOutcome outcome = cutover.step();

                // then the gate fails naming both, and only the third group moved
                assertThat(outcome.gate()).isEqualTo("move-consumers");
                assertThat(outcome.state()).isEqualTo(GateState.FAILED);
                assertThat(outcome.detail()).contains("2 of 3 groups not moved");
                try (Ledger ledger = cutover.openLedger()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> result = (Map<String, Object>) ledger.gate("move-consumers").evidence().get("outcome");
                    assertThat(result.get("m2-fine")).isEqualTo("verified");
                    assertThat((String) result.get("m2-stubborn")).contains("still has 1 member(s) on the source");
                    assertThat((String) result.get("m2-busy-on-target")).contains("already active on the target");
                }
                assertThat(stubborn.running()).as("the stubborn group still consumes on the source").isTrue();
                assertThat(stubborn.bootstrap()).isEqualTo(source);
            }
        }
        assertThat(GroupReader.readAsMember(sandbox.target().bootstrapServers(), "m2-fine", topic)).isEqualTo(fineUnread);
        assertThat(committed(sandbox.target(), "m2-stubborn")).isEmpty();
    }

    private static String consumers(String... groups) {
        StringBuilder yaml = new StringBuilder("consumers:\n");
        for (String g : groups) {
            yaml.append("  - group: ").append(g).append("\n    control: {type: command, stop: \"true\", start: \"true\"}\n");
        }
        return yaml.toString();
    }

    private static String topicOf(String group, String big, String txn, String compacted) {
        if (group.contains("aborted") || group.contains("marker")) {
            return txn;
        }
        return group.contains("compacted") ? compacted : big;
    }

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    private static void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> request = new HashMap<>();
        offsets.forEach((tp, o) -> request.put(tp, new OffsetAndMetadata(o, "meta-" + group)));
        try (Admin admin = sandbox.source().admin()) {
            admin.alterConsumerGroupOffsets(group, request).all().get();
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(SandboxCluster cluster, String group) throws Exception {
        try (Admin admin = cluster.admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        }
    }

    private static Map<TopicPartition, Long> ends(SandboxCluster cluster, List<TopicPartition> partitions) throws Exception {
        try (Admin admin = cluster.admin()) {
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    /** The offset of the first record the cleaner removed (a committed offset that holds no record). */
    private static long firstGap(String bootstrap, String topic) {
        long expected = 0;
        for (ConsumerRecord<byte[], byte[]> r : readFrom(bootstrap, Map.of(tp(topic, 0), 0L))) {
            if (r.offset() != expected) {
                return expected;
            }
            expected++;
        }
        throw new AssertionError(topic + " has no gap");
    }

    private static List<ConsumerRecord<byte[], byte[]>> readFrom(String bootstrap, Map<TopicPartition, Long> from) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(from.keySet());
            from.forEach(c::seek);
            Map<TopicPartition, Long> ends = c.endOffsets(from.keySet());
            long deadline = System.currentTimeMillis() + 60_000;
            while (from.keySet().stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("could not read " + from.keySet() + " to the end");
                }
                c.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
