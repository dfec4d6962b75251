package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.plans.compile.TopicSnapshot;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.SandboxCluster;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.state.GateRecord;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios for the first half of a cutover (preflight, topics, mirror, in-sync) on two real
 * clusters shared by the class; each scenario uses its own topic prefix and ledger.
 */
class MirroringGatesIT {

    static Sandbox sandbox;
    static SandboxCluster source;
    static SandboxCluster target;

    @TempDir
    Path dir;

    @BeforeAll
    static void startClusters() {
        sandbox = Sandbox.start();
        source = sandbox.source();
        target = sandbox.target();
    }

    @AfterAll
    static void stopClusters() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void regexSelectsTopicsAndOverridesAndLagReachesZeroOnCompactedAndTransactionalTopics() throws Exception {
        source.createTopics(List.of(
                new NewTopic("t1.sfdc.cdc.account", 3, (short) 1).configs(Map.of(
                        "retention.ms", "604800000", "min.insync.replicas", "1", "max.message.bytes", "2000000")),
                new NewTopic("t1.sfdc.cdc.compacted", 1, (short) 1).configs(Map.of(
                        "cleanup.policy", "compact", "segment.ms", "100", "min.cleanable.dirty.ratio", "0.01",
                        "delete.retention.ms", "100", "min.compaction.lag.ms", "0")),
                new NewTopic("t1.sfdc.cdc.txn", 2, (short) 1),
                new NewTopic("t1.other", 1, (short) 1)));
        SourceLogs.produce(source.bootstrapServers(), "t1.sfdc.cdc.account", 300, 30);
        SourceLogs.produce(source.bootstrapServers(), "t1.other", 10, 10);
        SourceLogs.produceTransactions(source.bootstrapServers(), "t1.sfdc.cdc.txn");
        SourceLogs.produceCompactedWithGaps(source.bootstrapServers(), "t1.sfdc.cdc.compacted");

        Path planFile = ScenarioPlan.write(dir, "t1", sandbox, "");
        try (CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            Planner.PlanResult plan = cutover.plan(planFile);
            assertThat(plan.compiled().selectedTopics())
                    .containsExactlyInAnyOrder("t1.sfdc.cdc.account", "t1.sfdc.cdc.compacted", "t1.sfdc.cdc.txn");

            StepOutcome last = cutover.runUntil("in-sync");
            assertThat(last.gate()).isEqualTo("in-sync");
            assertThat(last.passed()).as(last.detail()).isTrue();

            try (Ledger ledger = cutover.openLedger()) {
                assertThat(ledger.gates()).extracting(GateRecord::name, GateRecord::state).startsWith(
                        org.assertj.core.groups.Tuple.tuple("preflight", GateState.PASSED),
                        org.assertj.core.groups.Tuple.tuple("topics", GateState.PASSED),
                        org.assertj.core.groups.Tuple.tuple("mirror", GateState.PASSED),
                        org.assertj.core.groups.Tuple.tuple("in-sync", GateState.PASSED));
                assertThat(ledger.gate("in-sync").evidence()).containsEntry("totalLag", 0);
            }
        }
        // Topics exist on the target with the source's partitions and every override.
        try (Admin t = target.admin()) {
            assertThat(t.listTopics().names().get()).doesNotContain("t1.other");
        }
        Map<String, TopicSnapshot> onTarget = targetTopics(List.of("t1.sfdc.cdc.account", "t1.sfdc.cdc.compacted"));
        assertThat(onTarget.get("t1.sfdc.cdc.account").partitions()).isEqualTo(3);
        assertThat(onTarget.get("t1.sfdc.cdc.account").overrides()).containsEntry("retention.ms", "604800000")
                .containsEntry("min.insync.replicas", "1").containsEntry("max.message.bytes", "2000000");
        assertThat(onTarget.get("t1.sfdc.cdc.compacted").overrides()).containsEntry("cleanup.policy", "compact");

        // Every committed record is on the target, in order, once; aborted records are not.
        assertThat(TopicRecords.readCommitted(target.bootstrapServers(), "t1.sfdc.cdc.account"))
                .isEqualTo(TopicRecords.readCommitted(source.bootstrapServers(), "t1.sfdc.cdc.account"));
        Map<Integer, List<String>> txnTarget = TopicRecords.read(target.bootstrapServers(), "t1.sfdc.cdc.txn", "read_uncommitted");
        assertThat(txnTarget).isEqualTo(TopicRecords.readCommitted(source.bootstrapServers(), "t1.sfdc.cdc.txn"));
        assertThat(txnTarget.values().stream().flatMap(List::stream)).noneMatch(v -> v.contains("aborted"))
                .hasSize(70);
        assertThat(TopicRecords.readCommitted(target.bootstrapServers(), "t1.sfdc.cdc.compacted"))
                .isEqualTo(TopicRecords.readCommitted(source.bootstrapServers(), "t1.sfdc.cdc.compacted"));
    }

    @Test
    void aPartitionCountConflictFailsTopicsWithAClearMessage() throws Exception {
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic("t2.sfdc.cdc.lead", 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Path planFile = ScenarioPlan.write(dir, "t2", sandbox, "");
        try (CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            cutover.plan(planFile);
            assertThat(cutover.step().gate()).isEqualTo("preflight");
            // Someone creates the topic on the target with another partition count after preflight.
            try (Admin t = target.admin()) {
                t.createTopics(List.of(new NewTopic("t2.sfdc.cdc.lead", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            StepOutcome topics = cutover.step();
            assertThat(topics.gate()).isEqualTo("topics");
            assertThat(topics.state()).isEqualTo(GateState.FAILED);
            assertThat(topics.detail()).contains("t2.sfdc.cdc.lead").contains("target has 2 partitions, source has 4");
            try (Ledger ledger = cutover.openLedger()) {
                assertThat(ledger.gate("topics").state()).isEqualTo(GateState.FAILED);
                assertThat(ledger.gate("topics").evidence()).containsKey("error");
            }
        }
    }

    @Test
    void anAgentKilledMidCopyIsRestartedWithoutLosingOrDuplicatingARecord() throws Exception {
        source.createTopic("t3.sfdc.cdc.case", 3);
        SourceLogs.produce(source.bootstrapServers(), "t3.sfdc.cdc.case", 2_000, 50);
        Path planFile = ScenarioPlan.write(dir, "t3", sandbox, "");
        try (CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            cutover.plan(planFile);
            assertThat(cutover.runUntil("mirror").passed()).isTrue();
            long pid;
            try (Ledger ledger = cutover.openLedger()) {
                pid = ledger.agent().orElseThrow().pid();
            }
            SourceLogs.produce(source.bootstrapServers(), "t3.sfdc.cdc.case", 20_000, 50);
            // Kill it while it copies: at least one position saved beyond the start, the copy unfinished.
            try (Ledger ledger = cutover.openLedger()) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                        ledger.mirrorProgress().values().stream().mapToLong(p -> p.nextSourceOffset()).sum() > 2_000);
            }
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
            SourceLogs.produce(source.bootstrapServers(), "t3.sfdc.cdc.case", 1_000, 50);

            StepOutcome inSync = cutover.step();
            assertThat(inSync.gate()).isEqualTo("in-sync");
            assertThat(inSync.passed()).as(inSync.detail()).isTrue();
            try (Ledger ledger = cutover.openLedger()) {
                assertThat(ledger.agent().orElseThrow().pid()).isNotEqualTo(pid);
            }
        }
        Map<Integer, List<String>> onSource = TopicRecords.readCommitted(source.bootstrapServers(), "t3.sfdc.cdc.case");
        Map<Integer, List<String>> onTarget = TopicRecords.readCommitted(target.bootstrapServers(), "t3.sfdc.cdc.case");
        assertThat(onSource.values().stream().mapToInt(List::size).sum()).isEqualTo(23_000);
        assertThat(onTarget).isEqualTo(onSource);
    }

    private static Map<String, TopicSnapshot> targetTopics(List<String> names) {
        try (dev.cutover.engine.clusters.ClusterClients clients = dev.cutover.engine.clusters.ClusterClients.of("target",
                new dev.cutover.plans.ClusterSpec(target.bootstrapServers(), Map.of()), new dev.cutover.plans.PropertyResolver())) {
            return dev.cutover.engine.clusters.ClusterInspector.describeTopics(clients, names);
        }
    }
}
