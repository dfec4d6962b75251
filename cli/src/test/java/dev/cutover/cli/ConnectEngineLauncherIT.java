package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.SimulatedProducer;
import dev.cutover.sandbox.TopicReader;
import dev.cutover.sandbox.TrafficCheck;
import dev.cutover.sandbox.TrafficReport;
import dev.cutover.sandbox.connect.SandboxConnect;
import dev.cutover.state.Ledger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mirror.engine: connect} through the packaged launcher, brokers in their own processes and two
 * real Kafka Connect workers beside the target, one without exactly-once source support and one with:
 * `plan` shows the two connectors it will deploy (the secret only as the plan's placeholder); on the
 * first `step` refuses at preflight with the worker setting to change, deploying nothing; on the second
 * the copy runs to in-sync and `status` shows the connectors, their tasks and workers; a `step` of
 * switch-producers killed midway finishes when run again, and `rollback` then puts the producer back
 * on the source with every replay id there once.
 */
class ConnectEngineLauncherIT {

    private static final String TOPIC = "conn.sfdc.cdc.account";
    private static final String SECRET = "Basic c2VjcmV0LXVzZXI6czNjcjN0";

    static Sandbox sandbox;
    static SandboxConnect connect;
    static SandboxConnect exactlyOnce;

    @TempDir
    Path dir;

    @BeforeAll
    static void startClustersAndWorker() {
        sandbox = Sandbox.startInChildProcesses();
        sandbox.source().createTopic(TOPIC, 3);
        connect = SandboxConnect.start("conn", sandbox.target().bootstrapServers(), Map.of());
        exactlyOnce = SandboxConnect.start("eos", sandbox.target().bootstrapServers(), Map.of(
                "exactly.once.source.support", "enabled", "group.id", "launcher-eos", "config.storage.topic", "eos-configs",
                "offset.storage.topic", "eos-offsets", "status.storage.topic", "eos-status"));
    }

    @AfterAll
    static void stop() {
        try {
            if (connect != null) {
                connect.close();
            }
            if (exactlyOnce != null) {
                exactlyOnce.close();
            }
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    @Test
    void planShowsTheConnectorsAndPreflightRefusesWorkersWithoutExactlyOnce() throws Exception {
        Path secret = dir.resolve("connect-auth");
        Files.writeString(secret, SECRET + "\n");
        Path plan = dir.resolve("conn.yaml");
        Files.writeString(plan, """
                version: 1
                name: conn
                clusters:
                  source: {bootstrap: "%s"}
                  target: {bootstrap: "%s"}
                topics: {include: ["conn\\\\.sfdc\\\\..*"]}
                mirror:
                  engine: connect
                  connect:
                    url: %s
                    headers: {Authorization: "${file:%s}"}
                  tasks: 3
                """.formatted(sandbox.source().bootstrapServers(), sandbox.target().bootstrapServers(), connect.url(), secret));

        Launcher.Run planned = Launcher.run(dir, "plan", plan.toString()).assertExit(0).assertCleanStderr();

        assertThat(planned.out())
                .contains("Mirror (MirrorMaker 2 on Kafka Connect at " + connect.url())
                .contains("  + connector cutover-conn-mirror-checkpoint\n")
                .contains("  + connector cutover-conn-mirror-source\n")
                .contains("      exactly.once.support = required\n")
                .contains("      tasks.max = 3\n")
                .contains("      topics = \\Q" + TOPIC + "\\E\n")
                .doesNotContain(SECRET);
        Launcher.Run json = Launcher.run(dir, "plan", plan.toString(), "--output", "json").assertExit(0);
        assertThat(json.out()).contains("\"engine\" : \"connect\"").contains("\"name\" : \"cutover-conn-mirror-source\"");

        Launcher.Run step = Launcher.run(dir, "step").assertExit(1).assertCleanStderr();

        assertThat(step.out()).startsWith("preflight: failed")
                .contains("the workers at " + connect.url() + " refuse exactly-once copying")
                .contains("  fix: set exactly.once.source.support=enabled on every worker")
                .doesNotContain(SECRET);
        assertThat(step.err()).doesNotContain(SECRET);
        assertThat(connectors()).as("nothing deployed").isEqualTo("[]");
        Launcher.Run status = Launcher.run(dir, "status").assertExit(0);
        assertThat(status.out()).contains("preflight").contains("failed");
    }

    @Test
    void onWorkersWithExactlyOnceTheCopyRunsToInSyncAndStatusShowsTheConnectorsAndTheirTasks() throws Exception {
        String topic = "eos.sfdc.cdc.account";
        sandbox.source().createTopic(topic, 3);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                sandbox.source().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3_000; i++) {
                producer.send(new ProducerRecord<>(topic, "001R" + (i % 50), "{\"seq\":" + i + "}"));
            }
        }
        Path plan = dir.resolve("eos.yaml");
        Files.writeString(plan, """
                version: 1
                name: eos
                clusters:
                  source: {bootstrap: "%s"}
                  target: {bootstrap: "%s"}
                topics: {include: ["eos\\\\.sfdc\\\\..*"]}
                mirror:
                  engine: connect
                  connect: {url: %s}
                  tasks: 2
                gates:
                  in-sync: {max-lag: 0, timeout: 120s}
                """.formatted(sandbox.source().bootstrapServers(), sandbox.target().bootstrapServers(), exactlyOnce.url()));
        Launcher.Run planned = Launcher.run(dir, "plan", plan.toString()).assertExit(0).assertCleanStderr();
        assertThat(planned.out()).doesNotContain("warning:");

        for (String gate : new String[] {"preflight", "topics", "mirror", "in-sync"}) {
            Launcher.Run step = Launcher.run(dir, "step").assertExit(0).assertCleanStderr();
            assertThat(step.out()).startsWith(gate + ": passed");
        }

        Launcher.Run status = Launcher.run(dir, "status").assertExit(0).assertCleanStderr();
        assertThat(status.out()).contains("mirror: MirrorMaker 2 on Kafka Connect at " + exactlyOnce.url())
                .containsPattern("cutover-eos-mirror-source +RUNNING +0 RUNNING on 127\\.0\\.0\\.1:\\d+, 1 RUNNING on ")
                .containsPattern("cutover-eos-mirror-checkpoint +RUNNING")
                .contains("forward copy (source -> target), from the connector's committed offsets")
                .doesNotContain("mirror agent:");
        assertThat(Records.of(sandbox.target().bootstrapServers(), topic)).isEqualTo(Records.of(sandbox.source().bootstrapServers(), topic));
        Launcher.Run json = Launcher.run(dir, "status", "--output", "json").assertExit(0);
        assertThat(json.out()).contains("\"connect\" : {").contains("\"name\" : \"cutover-eos-mirror-source\"")
                .contains("\"nextSourceOffset\" : ");

        // A rollback from here keeps the connectors copying and never starts cutover's own agent beside
        // them (it would copy every record a second time).
        Launcher.Run rollback = Launcher.run(dir, "rollback").assertExit(3);
        assertThat(rollback.out()).contains("producers and consumers are on the source");
        try (Ledger ledger = Ledger.open(dir.resolve("cutover.db"))) {
            assertThat(ledger.agent()).as("no mirror agent registered").isEmpty();
        }
        Launcher.Run after = Launcher.run(dir, "status").assertExit(0);
        assertThat(after.out()).containsPattern("cutover-eos-mirror-source +RUNNING");
        assertThat(Records.of(sandbox.target().bootstrapServers(), topic)).isEqualTo(Records.of(sandbox.source().bootstrapServers(), topic));
    }

    @Test
    void aStepKilledRightAfterDeployingFindsTheSameConnectorsWhenRunAgain() throws Exception {
        String topic = "crash.sfdc.cdc.account";
        sandbox.source().createTopic(topic, 3);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                sandbox.source().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 2_000; i++) {
                producer.send(new ProducerRecord<>(topic, "001R" + (i % 50), "{\"seq\":" + i + "}"));
            }
        }
        Path plan = dir.resolve("crash.yaml");
        Files.writeString(plan, """
                version: 1
                name: crash
                clusters:
                  source: {bootstrap: "%s"}
                  target: {bootstrap: "%s"}
                topics: {include: ["crash\\\\.sfdc\\\\..*"]}
                mirror:
                  engine: connect
                  connect: {url: %s}
                gates:
                  in-sync: {max-lag: 0, timeout: 120s}
                """.formatted(sandbox.source().bootstrapServers(), sandbox.target().bootstrapServers(), exactlyOnce.url()));
        Launcher.run(dir, "plan", plan.toString()).assertExit(0);
        Launcher.run(dir, "step").assertExit(0);
        Launcher.run(dir, "step").assertExit(0);

        try (CutoverProcess step = CutoverProcess.start(dir, Map.of("CUTOVER_PAUSE_AT", "mirror.after-deploy"), "step")) {
            step.awaitStderr("paused at mirror.after-deploy", Duration.ofSeconds(120));
            step.kill();
        }
        Launcher.Run again = Launcher.run(dir, "step").assertExit(0).assertCleanStderr();
        assertThat(again.out()).startsWith("mirror: passed").contains("resumed");
        assertThat(again.err()).contains("connector cutover-crash-mirror-source updated");
        assertThat(Launcher.run(dir, "step").assertExit(0).out()).startsWith("in-sync: passed");

        assertThat(connectorsOn(exactlyOnce)).as("one pair of connectors per plan, whatever the reruns")
                .contains("\"cutover-crash-mirror-source\"").contains("\"cutover-crash-mirror-checkpoint\"")
                .doesNotContain("cutover-crash-mirror-source-");
        assertThat(Records.of(sandbox.target().bootstrapServers(), topic)).isEqualTo(Records.of(sandbox.source().bootstrapServers(), topic));
    }

    /**
     * switch-producers on this engine, the `step` killed (SIGKILL) after the forward connectors were
     * drained, or after the ledger turned the mirror: the next `step` finishes the switch
     * (the reverse connector created stopped, started at the switch points), `status` shows the
     * connectors as they now are, and `rollback` puts the producer back on the source. Every replay id
     * the simulator emitted is then on the source exactly once, and on the target once the forward copy
     * has caught up again.
     */
    @ParameterizedTest
    @ValueSource(strings = {"switch.after-drain", "switch.after-turnaround"})
    void aSwitchKilledMidwayFinishesWhenRunAgainAndRollsBackLosingNothing(String point) throws Exception {
        String prefix = point.endsWith("drain") ? "kd" : "kt";
        String topic = prefix + ".sfdc.cdc.account";
        try (SimulatedProducer producer = SimulatedProducer.start(sandbox, "account-cdc", topic, 200)) {
            Path plan = dir.resolve(prefix + ".yaml");
            Files.writeString(plan, """
                    version: 1
                    name: %1$s
                    clusters:
                      source: {bootstrap: "%2$s"}
                      target: {bootstrap: "%3$s"}
                    topics: {include: ["%1$s\\\\.sfdc\\\\..*"]}
                    mirror:
                      engine: connect
                      connect: {url: %4$s}
                      tasks: 2
                    producers:
                      - name: account-cdc
                        topics: [%5$s]
                        replay-header: sfdc.replayId
                        control:
                          type: http
                          stop: %6$s/stop
                          start: "%6$s/start?bootstrap={target.bootstrap}&replayId={replayId}"
                    gates:
                      in-sync: {max-lag: 5000, timeout: 120s}
                      quiesce: {window: 1s, timeout: 20s}
                    """.formatted(prefix, sandbox.source().bootstrapServers(), sandbox.target().bootstrapServers(),
                    exactlyOnce.url(), topic, producer.url()));
            Launcher.run(dir, "plan", plan.toString()).assertExit(0).assertCleanStderr();
            Launcher.run(dir, Duration.ofMinutes(4), "run", "--until", "in-sync").assertExit(0);

            try (CutoverProcess step = CutoverProcess.start(dir, Map.of("CUTOVER_PAUSE_AT", point), "step")) {
                step.awaitStderr("paused at " + point, Duration.ofSeconds(120));
                step.kill();
            }
            Launcher.Run again = Launcher.run(dir, "step").assertExit(0).assertCleanStderr();
            assertThat(again.out()).startsWith("switch-producers: passed");
            assertThat(producer.bridge().bootstrap()).isEqualTo(sandbox.target().bootstrapServers());
            Launcher.Run status = Launcher.run(dir, "status").assertExit(0).assertCleanStderr();
            assertThat(status.out()).containsPattern("cutover-" + prefix + "-mirror-source +STOPPED")
                    .containsPattern("cutover-" + prefix + "-mirror-reverse +RUNNING");
            int before = producer.emitted().size();
            await().atMost(Duration.ofSeconds(30)).until(() -> producer.emitted().size() > before + 300);

            Launcher.Run rollback = Launcher.run(dir, "rollback").assertExit(3).assertCleanStderr();
            assertThat(rollback.out()).contains("rolled back switch-producers");
            assertThat(producer.bridge().bootstrap()).isEqualTo(sandbox.source().bootstrapServers());
            producer.drain(Duration.ofSeconds(60));
            TrafficReport onSource = TrafficCheck.check(producer.emitted(), TopicReader.readAll(sandbox.source().bootstrapServers(), topic));
            assertThat(onSource.clean()).as(point + ", source: " + onSource.summary()).isTrue();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                TrafficReport onTarget = TrafficCheck.check(producer.emitted(), TopicReader.readAll(sandbox.target().bootstrapServers(), topic));
                assertThat(onTarget.clean()).as(point + ", target: " + onTarget.summary()).isTrue();
            });
            assertThat(Launcher.run(dir, "status").assertExit(0).out()).containsPattern("cutover-" + prefix + "-mirror-source +RUNNING")
                    .containsPattern("cutover-" + prefix + "-mirror-reverse +STOPPED");
        }
    }

    private static String connectorsOn(SandboxConnect worker) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(worker.url() + "/connectors")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String connectors() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(connect.url() + "/connectors")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.body();
    }
}
