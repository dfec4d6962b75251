package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.sandbox.GroupReader;
import dev.cutover.sandbox.SandboxTest;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import dev.cutover.state.PositionRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code cutover step} killed with SIGKILL right after move-consumers committed the first
 * group on the target, then {@code step} again: every group is moved exactly once, each resuming on
 * the target at exactly its next record.
 */
class MoveCrashIT extends SandboxTest {


    @TempDir
    Path dir;

    @Test
    void killedBetweenTwoGroupsCommitsThenStepAgainMovesEveryGroupOnce() throws Exception {
        String topic = "mc.sfdc.cdc.account";
        List<String> groups = List.of("mc-analytics", "mc-notify", "mc-warehouse");
        Path ledgerFile = dir.resolve("cutover.db");
        String ledger = ledgerFile.toString();
        sandbox.source().createTopic(topic, 3);
        try (Admin admin = sandbox.source().admin()) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    sandbox.source().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 3_000; i++) {
                    producer.send(new ProducerRecord<>(topic, "001R" + (i % 40), "{\"seq\":" + i + "}"));
                }
            }
            long at = 100;
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
                for (int p = 0; p < 3; p++) {
                    commits.put(new TopicPartition(topic, p), new OffsetAndMetadata(at + 37L * p));
                }
                admin.alterConsumerGroupOffsets(group, commits).all().get();
                at += 250;
            }
        }
        Map<String, Map<Integer, List<String>>> unread = new HashMap<>();
        for (String group : groups) {
            unread.put(group, GroupReader.unread(sandbox.source(), group, topic));
        }
        try {
            Path plan = ScenarioPlan.write(dir, "mc", sandbox, "", """
                    gates:
                      in-sync: {max-lag: 0, timeout: 90s}
                      quiesce: {window: 1s, timeout: 10s}
                      move-consumers: {parallel: 1}   # one group after another: the kill lands between two commits
                    """);
            assertThat(CliRun.of("plan", plan.toString(), "--ledger", ledger).exitCode()).isZero();
            CliRun upTo = CliRun.of("run", "--until", "switch-producers", "--ledger", ledger);
            assertThat(upTo.exitCode()).as(upTo.err()).isZero();

            try (CutoverProcess step = CutoverProcess.start(dir, Map.of("CUTOVER_PAUSE_AT", "move.after-commit"),
                    "step", "--ledger", ledger)) {
                step.awaitStderr("paused at move.after-commit", Duration.ofSeconds(120));
                step.kill();
            }
            try (Ledger l = Ledger.open(ledgerFile)) {
                assertThat(l.gate("move-consumers").state()).isEqualTo(GateState.RUNNING);
                assertThat(l.positions()).extracting(PositionRow::owner).containsOnly("mc-analytics");
            }
            CliRun again = CliRun.of("step", "--ledger", ledger);
            assertThat(again.exitCode()).as(again.err() + again.out()).isZero();
            assertThat(again.out()).contains("move-consumers: passed");

            for (String group : groups) {
                assertThat(GroupReader.readAsMember(sandbox.target().bootstrapServers(), group, topic))
                        .as("group %s on the target reads exactly what it had not read on the source", group)
                        .isEqualTo(unread.get(group));
            }
            try (Ledger l = Ledger.open(ledgerFile)) {
                assertThat(l.positions()).filteredOn(r -> r.kind().equals(PositionRow.GROUP)).hasSize(9);
            }
        } finally {
            if (Files.exists(ledgerFile)) {
                try (Ledger l = Ledger.open(ledgerFile)) {
                    new MirrorAgentSupervisor(ledgerFile).stop(l);
                }
            }
        }
    }
}
