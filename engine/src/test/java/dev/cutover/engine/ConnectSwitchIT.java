package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.engine.connect.ConnectRestClient;
import dev.cutover.engine.connect.ConnectorStatus;
import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.engine.producers.SwitchRecord;
import dev.cutover.sandbox.ConsumedRecord;
import dev.cutover.sandbox.ConsumerHttpControl;
import dev.cutover.sandbox.DemoConsumer;
import dev.cutover.sandbox.GroupReader;
import dev.cutover.sandbox.SandboxTest;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.sandbox.SimulatedProducer;
import dev.cutover.sandbox.TopicReader;
import dev.cutover.sandbox.TopicRecord;
import dev.cutover.sandbox.TrafficCheck;
import dev.cutover.sandbox.TrafficReport;
import dev.cutover.sandbox.connect.ConnectWorkerProcess;
import dev.cutover.state.Ledger;
import dev.cutover.state.MirrorDirection;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole plan on {@code mirror.engine: connect}, from mirror to rollback, under live traffic, on
 * a Connect cluster of three worker processes: the forward connectors are drained and stopped at the
 * switch while a worker is killed, the reverse connector starts at the switch points, the group moves
 * to the target with exact offsets, then everything rolls back. Every replay id the simulator emitted
 * is on the source exactly once (those written on the target included) and on the target as far as
 * the target got, and the consumer, back on the source, has read every event exactly once across both
 * clusters: nothing re-read, nothing skipped.
 */
class ConnectSwitchIT extends SandboxTest {


    static List<ConnectWorkerProcess> workers;

    @TempDir
    Path dir;

    @BeforeAll
    static void startWorkers() {
        workers = ConnectWorkers.start("cs", sandbox.target(), 3);
    }

    @AfterAll
    static void stopWorkers() {
        ConnectWorkers.stop(workers);
    }

    @Test
    void switchMoveAndRollBackOnConnectLoseAndRepeatNothing() throws Exception {
        String topic = "cs.sfdc.cdc.account";
        String group = "cs-sink";
        try (SimulatedProducer producer = SimulatedProducer.start(sandbox, "account-cdc", topic, 200);
             DemoConsumer consumer = new DemoConsumer(group, List.of(topic));
             ConsumerHttpControl control = ConsumerHttpControl.start(consumer);
             CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            consumer.start(sandbox.source().bootstrapServers());
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumedCount() > 100);
            Path planFile = ScenarioPlan.write(dir, "cs", sandbox, "", ScenarioPlan.httpProducerAndGroup(topic, producer, group, control)
                    + """
                    gates:
                      in-sync: {max-lag: 5000, timeout: 120s}
                      quiesce: {window: 1s, timeout: 20s}
                    """);
            Files.writeString(planFile, Files.readString(planFile).replace("  engine: embedded\n",
                    "  engine: connect\n  connect: {url: \"" + workers.get(0).url() + "\"}\n  tasks: 3\n"));
            cutover.plan(planFile);

            StepOutcome inSync = cutover.runUntil("in-sync");
            assertThat(inSync.passed()).as(inSync.detail()).isTrue();

            // A worker running a copy task dies as the switch begins: the drain waits for its tasks to
            // move (they resume from the offsets committed with the copies) and stops the survivors.
            ConnectWorkerProcess victim = workerRunningACopyTask();
            CompletableFuture<Void> killing = CompletableFuture.runAsync(() -> {
                await().atMost(Duration.ofSeconds(60)).until(() -> !producer.bridge().running());
                victim.kill();
            });
            StepOutcome switched = cutover.step();
            killing.join();
            assertThat(switched.gate()).isEqualTo("switch-producers");
            assertThat(switched.passed()).as(switched.detail()).isTrue();
            assertThat(producer.bridge().bootstrap()).isEqualTo(sandbox.target().bootstrapServers());
            assertThat(rest().status("cutover-cs-mirror-source").orElseThrow().state()).isEqualTo("STOPPED");
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    rest().status("cutover-cs-mirror-reverse").map(ConnectorStatus::isRunning).orElse(false));

            // Still on the source, the group reads what the reverse connector copies there from the target:
            // the move must place it after those records on the target, not at the switch point.
            ReverseCopies.awaitReadOnSource(cutover, consumer, sandbox.source().bootstrapServers());

            StepOutcome moved = cutover.step();
            assertThat(moved.gate()).isEqualTo("move-consumers");
            assertThat(moved.passed()).as(moved.detail()).isTrue();
            assertThat(consumer.bootstrap()).isEqualTo(sandbox.target().bootstrapServers());
            try (Ledger ledger = cutover.openLedger()) {
                assertThat(String.valueOf(ledger.gate("move-consumers").evidence().get("groups")))
                        .as("translated from the reverse copies it read").contains("reverse cop");
            }
            long onTargetBefore = consumer.consumed().stream().filter(r -> r.bootstrap().equals(sandbox.target().bootstrapServers())).count();
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumed().stream()
                    .filter(r -> r.bootstrap().equals(sandbox.target().bootstrapServers())).count() > onTargetBefore + 200);

            cutover.rollback("connect engine IT");
            assertThat(producer.bridge().bootstrap()).as("the producer writes to the source again")
                    .isEqualTo(sandbox.source().bootstrapServers());
            assertThat(consumer.bootstrap()).as("the consumer reads the source again").isEqualTo(sandbox.source().bootstrapServers());

            producer.drain(Duration.ofSeconds(60));
            List<TopicRecord> onSource = TopicReader.readAll(sandbox.source().bootstrapServers(), topic);
            TrafficReport sourceReport = TrafficCheck.check(producer.emitted(), onSource);
            assertThat(sourceReport.clean()).as(sourceReport.summary()).isTrue();

            int emitted = producer.emitted().size();
            await().atMost(Duration.ofSeconds(60)).until(() -> consumer.consumedCount() >= emitted);
            TrafficReport read = TrafficCheck.check(producer.emitted(), consumer.consumed().stream()
                    .map(ConnectSwitchIT::asTopicRecord).toList());
            String positions;
            try (Ledger ledger = cutover.openLedger()) {
                positions = ledger.positions().stream().filter(r -> r.owner().equals(group)).map(r -> r.partition() + ": source commit "
                        + r.sourceCommit() + " -> target " + r.targetCommit() + " (" + r.note() + ")").toList()
                        + "; switch points " + SwitchRecord.read(ledger).switchPoints()
                        + "; move " + ledger.gate("move-consumers").evidence().get("groups");
            }
            assertThat(read.clean()).as("consumer: " + read.summary() + "; " + duplicates(consumer.consumed(), sandbox.source().bootstrapServers())
                    + "; " + positions).isTrue();

            // The forward copy runs again from past what the reverse one wrote: the target ends equal to the source.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(TrafficCheck.check(producer.emitted(),
                    TopicReader.readAll(sandbox.target().bootstrapServers(), topic)).clean()).isTrue());
            assertThat(rest().status("cutover-cs-mirror-reverse").orElseThrow().state()).isEqualTo("STOPPED");
            try (Ledger ledger = cutover.openLedger()) {
                assertThat(ledger.mirrorDirection()).isEqualTo(MirrorDirection.FORWARD);
                assertThat(ledger.agent()).as("no agent beside the connectors").isEmpty();
            }
        }
    }

    /**
     * move-consumers on this engine, on groups committed where translation is hard (mid-topic, log end,
     * one partition of three, inside an aborted transaction, on its marker, on an offset the cleaner
     * removed, below a log start retention moved before the copy and after it): a consumer of each group on the target reads exactly what it had not read on the
     * source, record by record. No anchor comes from cutover's agent here: each offset is found by
     * walking both logs from MirrorMaker 2's offset syncs.
     */
    @Test
    void everyGroupResumesOnTheTargetAtExactlyItsNextRecordOnConnect() throws Exception {
        OddGroups groups = OddGroups.commitOn(sandbox.source(), "cg");
        try (CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            Path planFile = ScenarioPlan.write(dir, "cg", sandbox, "", """
                    gates:
                      in-sync: {max-lag: 0, timeout: 120s}
                    """);
            Files.writeString(planFile, Files.readString(planFile).replace("  engine: embedded\n",
                    "  engine: connect\n  connect: {url: \"" + workers.get(0).url() + "\"}\n  tasks: 3\n"));
            cutover.plan(planFile);
            StepOutcome inSync = cutover.runUntil("in-sync");
            assertThat(inSync.passed()).as(inSync.detail()).isTrue();
            // Retention moves the source's log start 7,000 records past the target's, whose copies stay:
            // the two log starts are no pair any more, and offset syncs below the start cannot be read.
            groups.expireSourceHead(sandbox.source(), "cg", 8_000);
            StepOutcome moved = cutover.runUntil("move-consumers");
            assertThat(moved.gate()).isEqualTo("move-consumers");
            assertThat(moved.passed()).as(moved.detail()).isTrue();
            for (String group : groups.expected().keySet()) {
                groups.assertReadOnTarget(group, GroupReader.readAsMember(sandbox.target().bootstrapServers(), group,
                        groups.topicOf(group)));
            }
        }
    }

    /** A worker other than the one the plan addresses that runs at least one of the copy's tasks. */
    private static ConnectWorkerProcess workerRunningACopyTask() throws Exception {
        ConnectorStatus status = rest().status("cutover-cs-mirror-source").orElseThrow();
        return workers.stream().skip(1)
                .filter(w -> status.tasks().stream().anyMatch(t -> URI.create(w.url()).getAuthority().equals(t.workerId())))
                .findFirst().orElseThrow(() -> new AssertionError("no copy task outside the first worker: " + status.describe()));
    }

    private static ConnectRestClient rest() {
        return new ConnectRestClient("test", workers.get(0).url(), HttpClient.newHttpClient(), Duration.ofSeconds(30));
    }

    /** Where the first records read twice were read, each time: which cluster, partition and offset. */
    private static String duplicates(List<ConsumedRecord> consumed, String sourceBootstrap) {
        java.util.Map<String, List<String>> reads = new java.util.LinkedHashMap<>();
        for (ConsumedRecord r : consumed) {
            reads.computeIfAbsent(java.util.Base64.getEncoder().encodeToString(r.replayId()), k -> new java.util.ArrayList<>())
                    .add((r.bootstrap().equals(sourceBootstrap) ? "source " : "target ") + r.partition() + "@" + r.offset());
        }
        return "read twice: " + reads.entrySet().stream().filter(e -> e.getValue().size() > 1).limit(3)
                .map(e -> e.getKey() + " " + e.getValue()).toList();
    }

    private static TopicRecord asTopicRecord(ConsumedRecord r) {
        return new TopicRecord(r.topic(), r.partition(), r.offset(), r.key(), r.replayId(), null);
    }
}
