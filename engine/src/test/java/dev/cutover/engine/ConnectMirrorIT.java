package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.engine.connect.ConnectRestClient;
import dev.cutover.engine.connect.ConnectorStatus;
import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.sandbox.SandboxTest;
import dev.cutover.sandbox.connect.ConnectWorkerProcess;
import dev.cutover.state.Ledger;
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
 * {@code mirror.engine: connect} on a distributed Kafka Connect cluster of three worker processes
 * beside the target, with exactly-once source support: the mirror gate deploys MirrorMaker 2's
 * connectors through the REST API; one worker is killed with SIGKILL while records are being written
 * and copied, or the connector is paused and resumed and a fourth worker joins (the cluster rebalances),
 * and in-sync still ends with every committed source record on the target exactly once, in order per
 * partition, and no aborted record, read record by record.
 */
class ConnectMirrorIT extends SandboxTest {

    private static final String ACCOUNT = "cm.sfdc.cdc.account";
    private static final String TXN = "cm.sfdc.cdc.txn";
    private static final String SOURCE_CONNECTOR = "cutover-cm-mirror-source";

    static List<ConnectWorkerProcess> workers;

    @TempDir
    Path dir;


    @BeforeAll
    static void startWorkers() {
        workers = ConnectWorkers.start("cm", sandbox.target(), 3);
    }

    @AfterAll
    static void stopWorkers() {
        ConnectWorkers.stop(workers);
    }

    @Test
    void aWorkerKilledMidCopyLosesAndRepeatsNothing() throws Exception {
        sandbox.source().createTopic(ACCOUNT, 6);
        sandbox.source().createTopic(TXN, 2);
        SourceLogs.produce(sandbox.source().bootstrapServers(), ACCOUNT, 20_000, 500);
        SourceLogs.produceTransactions(sandbox.source().bootstrapServers(), TXN);
        Path planFile = dir.resolve("cm.yaml");
        Files.writeString(planFile, plan("cm", "cm"));

        try (CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            cutover.plan(planFile);
            StepOutcome mirror = cutover.runUntil("mirror");
            assertThat(mirror.passed()).as(mirror.detail()).isTrue();

            // Writes go on while a worker dies: its tasks move to the others, which resume from the
            // offsets committed with the records; its open transaction is aborted.
            ConnectWorkerProcess victim = workerRunningACopyTask();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() ->
                    SourceLogs.produce(sandbox.source().bootstrapServers(), ACCOUNT, 30_000, 500));
            victim.kill();
            writing.join();

            StepOutcome inSync = cutover.step();
            assertThat(inSync.gate()).isEqualTo("in-sync");
            assertThat(inSync.passed()).as(inSync.detail()).isTrue();
            ConnectorStatus after = rest().status(SOURCE_CONNECTOR).orElseThrow();
            assertThat(after.tasks()).as(after.describe()).hasSize(3).allSatisfy(task -> {
                assertThat(task.state()).isEqualTo("RUNNING");
                assertThat(task.workerId()).isNotEqualTo(workerId(victim));
            });
            try (Ledger ledger = cutover.openLedger()) {
                assertThat(ledger.gate("mirror").evidence()).containsEntry("cutover-cm-mirror-source", "created")
                        .containsEntry("cutover-cm-mirror-checkpoint", "created");
                assertThat(ledger.gate("in-sync").evidence()).containsEntry("totalLag", 0);
            }
        }

        Map<Integer, List<String>> source = TopicRecords.readCommitted(sandbox.source().bootstrapServers(), ACCOUNT);
        assertThat(source.values().stream().mapToInt(List::size).sum()).isEqualTo(50_000);
        assertThat(TopicRecords.readCommitted(sandbox.target().bootstrapServers(), ACCOUNT)).isEqualTo(source);
        Map<Integer, List<String>> txn = TopicRecords.readCommitted(sandbox.target().bootstrapServers(), TXN);
        assertThat(txn).isEqualTo(TopicRecords.readCommitted(sandbox.source().bootstrapServers(), TXN));
        assertThat(txn.values().stream().flatMap(List::stream)).noneMatch(v -> v.contains("aborted")).hasSize(70);
    }

    @Test
    void aPauseAndResumeAndAWorkerJoiningMidCopyLoseAndRepeatNothing() throws Exception {
        String topic = "cp.sfdc.cdc.account";
        sandbox.source().createTopic(topic, 6);
        SourceLogs.produce(sandbox.source().bootstrapServers(), topic, 10_000, 500);
        Path planFile = dir.resolve("cp.yaml");
        Files.writeString(planFile, plan("cp", "cp"));
        try (CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            cutover.plan(planFile);
            StepOutcome mirror = cutover.runUntil("mirror");
            assertThat(mirror.passed()).as(mirror.detail()).isTrue();

            // Paused (Connect says so), then 30,000 records written meanwhile, then resumed.
            rest("PUT", "/connectors/cutover-cp-mirror-source/pause");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(rest().status("cutover-cp-mirror-source").map(ConnectorStatus::describe)).hasValueSatisfying(
                            state -> assertThat(state).startsWith("PAUSED")));
            SourceLogs.produce(sandbox.source().bootstrapServers(), topic, 30_000, 500);
            rest("PUT", "/connectors/cutover-cp-mirror-source/resume");
            // A fourth worker joins while those records are copied: the cluster rebalances its tasks.
            try (ConnectWorkerProcess joining = ConnectWorkerProcess.start("cm-3", sandbox.target().bootstrapServers(), ConnectWorkers.cluster("cm"))) {
                StepOutcome inSync = cutover.step();
                assertThat(inSync.gate()).isEqualTo("in-sync");
                assertThat(inSync.passed()).as(inSync.detail()).isTrue();
            }
        }
        Map<Integer, List<String>> source = TopicRecords.readCommitted(sandbox.source().bootstrapServers(), topic);
        assertThat(source.values().stream().mapToInt(List::size).sum()).isEqualTo(40_000);
        assertThat(TopicRecords.readCommitted(sandbox.target().bootstrapServers(), topic)).isEqualTo(source);
    }

    private static String plan(String name, String prefix) {
        return """
                version: 1
                name: %s
                clusters:
                  source: {bootstrap: "%s"}
                  target: {bootstrap: "%s"}
                topics: {include: ["%s\\\\.sfdc\\\\..*"]}
                mirror:
                  engine: connect
                  connect: {url: "%s"}
                  tasks: 3
                gates:
                  in-sync: {max-lag: 0, timeout: 180s}
                """.formatted(name, sandbox.source().bootstrapServers(), sandbox.target().bootstrapServers(), prefix,
                workers.get(0).url());
    }

    private static void rest(String method, String path) throws Exception {
        java.net.http.HttpResponse<String> answer = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(workers.get(0).url() + path)).method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isBetween(200, 299);
    }

    /** A worker other than the one the plan addresses that runs at least one of the copy's tasks. */
    private static ConnectWorkerProcess workerRunningACopyTask() throws Exception {
        ConnectorStatus status = rest().status(SOURCE_CONNECTOR).orElseThrow();
        return workers.stream().skip(1)
                .filter(w -> status.tasks().stream().anyMatch(t -> workerId(w).equals(t.workerId())))
                .findFirst().orElseThrow(() -> new AssertionError("no copy task outside the first worker: " + status.describe()));
    }

    private static String workerId(ConnectWorkerProcess worker) {
        return URI.create(worker.url()).getAuthority();
    }

    private static ConnectRestClient rest() {
        return new ConnectRestClient("test", workers.get(0).url(), HttpClient.newHttpClient(), Duration.ofSeconds(30));
    }
}
