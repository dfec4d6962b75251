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
        OddGroups groups = OddGroups.commitOn(sandbox.source(), "m1");
        String big = groups.big();

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
            for (String group : groups.expected().keySet()) {
                groups.assertReadOnTarget(group, GroupReader.readAsMember(sandbox.target().bootstrapServers(), group,
                        groups.topicOf(group)));
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
        assertThat(committed(sandbox.target(), "m1-some")).containsOnlyKeys(OddGroups.tp(big, 1));
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

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    private static void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
        OddGroups.commit(sandbox.source(), group, offsets);
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(SandboxCluster cluster, String group) throws Exception {
        try (Admin admin = cluster.admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        }
    }
}
