package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.sandbox.ConsumerHttpControl;
import dev.cutover.sandbox.DemoConsumer;
import dev.cutover.sandbox.FreshSandboxTest;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.sandbox.SimulatedProducer;
import dev.cutover.sandbox.TopicReader;
import dev.cutover.sandbox.TrafficCheck;
import dev.cutover.sandbox.TrafficReport;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After the forward path under traffic, a real {@code cutover rollback} killed with SIGKILL in the
 * middle, then {@code cutover rollback} again: exit 3, every replay id on the source exactly once,
 * the consumer reads every event exactly once across both clusters, and the group ends committed at
 * the source's end.
 */
class RollbackCrashIT extends FreshSandboxTest {

    @TempDir
    Path dir;

    /**
     * Killed after a group's commit on the source; after the producers were stopped on the target,
     * before the reverse copy drained; after it drained, before the producers restart on the source.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rollback.after-group-commit", "rollback.after-target-stop", "rollback.after-reverse-drain"})
    void killedMidRollbackThenRollbackAgainLosesAndRepeatsNothing(String point) throws Exception {
        String prefix = "rb" + Math.abs(point.hashCode() % 1000);
        String topic = prefix + ".sfdc.cdc.account";
        String group = prefix + "-sink";
        Path ledgerFile = dir.resolve("cutover.db");
        String ledger = ledgerFile.toString();
        try (SimulatedProducer producer = SimulatedProducer.start(sandbox, "account-cdc", topic, 200);
             DemoConsumer consumer = new DemoConsumer(group, List.of(topic));
             ConsumerHttpControl control = ConsumerHttpControl.start(consumer)) {
            consumer.start(sandbox.source().bootstrapServers());
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumedCount() > 100);
            Path plan = ScenarioPlan.write(dir, prefix, sandbox, "", ScenarioPlan.httpProducerAndGroup(topic, producer, group, control) + """
                gates:
                  in-sync: {max-lag: 5000, timeout: 90s}
                  quiesce: {window: 1s, timeout: 20s}
                """);
            assertThat(CliRun.of("plan", plan.toString(), "--ledger", ledger).exitCode()).isZero();
            CliRun forward = CliRun.of("run", "--until", "move-consumers", "--ledger", ledger);
            assertThat(forward.exitCode()).as(forward.err() + forward.out()).isZero();
            assertThat(consumer.bootstrap()).isEqualTo(sandbox.target().bootstrapServers());
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumed().stream()
                    .filter(r -> r.bootstrap().equals(sandbox.target().bootstrapServers())).count() > 100);

            try (CutoverProcess rollback = CutoverProcess.start(dir, Map.of("CUTOVER_PAUSE_AT", point), "rollback",
                    "--ledger", ledger)) {
                rollback.awaitStderr("paused at " + point, Duration.ofSeconds(120));
                rollback.kill();
            }
            CliRun again = CliRun.of("rollback", "--ledger", ledger);
            assertThat(again.exitCode()).as(again.err() + again.out()).isEqualTo(3);

            assertThat(producer.bridge().bootstrap()).isEqualTo(sandbox.source().bootstrapServers());
            assertThat(consumer.bootstrap()).isEqualTo(sandbox.source().bootstrapServers());
            producer.drain(Duration.ofSeconds(60));
            TrafficReport onSource = TrafficCheck.check(producer.emitted(),
                    TopicReader.readAll(sandbox.source().bootstrapServers(), topic));
            assertThat(onSource.clean()).as(point + ": " + onSource.summary()).isTrue();
            // Polled until every event was read once; on the deadline the report names what was lost or repeated.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                TrafficReport read = TrafficCheck.check(producer.emitted(), Records.consumed(consumer, topic));
                assertThat(read.clean()).as(point + ": consumer " + read.summary()).isTrue();
            });
            assertThat(consumer.failure()).isEmpty();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(committedOnSource(group))
                    .as(point + ": the group's commits on the source").isEqualTo(sourceEnds(topic)));
            try (Ledger l = Ledger.open(ledgerFile)) {
                assertThat(l.gate("switch-producers").state()).isEqualTo(GateState.ROLLED_BACK);
                assertThat(l.gate("move-consumers").state()).isEqualTo(GateState.ROLLED_BACK);
            }
        } finally {
            if (Files.exists(ledgerFile)) {
                try (Ledger l = Ledger.open(ledgerFile)) {
                    new MirrorAgentSupervisor(ledgerFile).stop(l);
                }
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    Files.deleteIfExists(Path.of(ledger + suffix));
                }
            }
        }
    }

    private Map<TopicPartition, Long> committedOnSource(String group) throws Exception {
        try (Admin admin = sandbox.source().admin()) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, o) -> offsets.put(tp, o.offset()));
            return offsets;
        }
    }

    private Map<TopicPartition, Long> sourceEnds(String topic) throws Exception {
        try (Admin admin = sandbox.source().admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }
}
