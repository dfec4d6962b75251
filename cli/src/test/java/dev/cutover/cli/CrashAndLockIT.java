package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.SandboxCluster;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import dev.cutover.state.LedgerLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code cutover step} process killed with SIGKILL at named points, then {@code step}
 * again: the gate ends as if never interrupted. Also the ledger lock against a second process,
 * and secrets that never reach the ledger or the agent's log.
 */
class CrashAndLockIT {

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

    @AfterEach
    void stopAgent() {
        Path ledger = dir.resolve("cutover.db");
        if (Files.exists(ledger)) {
            try (Ledger l = Ledger.open(ledger)) {
                new MirrorAgentSupervisor(ledger).stop(l);
            }
        }
    }

    @Test
    void killedMidTopicsThenStepAgainCreatesEveryTopicExactlyAsPlanned() throws Exception {
        createSourceTopics("k1", 3);
        Path plan = writePlan("k1", "");
        assertThat(CliRun.of("plan", plan.toString(), "--ledger", ledger()).exitCode()).isZero();
        assertThat(CliRun.of("step", "--ledger", ledger()).exitCode()).isZero(); // preflight

        try (CutoverProcess step = CutoverProcess.start(dir, Map.of("CUTOVER_PAUSE_AT", "topics.after-create"),
                "step", "--ledger", ledger())) {
            step.awaitStderr("paused at topics.after-create", Duration.ofSeconds(60));
            step.kill();
        }
        try (Ledger l = Ledger.open(dir.resolve("cutover.db"))) {
            assertThat(l.gate("topics").state()).isEqualTo(GateState.RUNNING);
            assertThat(l.gate("topics").evidence().get("created")).asList().hasSize(1);
        }
        assertThat(targetTopics("k1")).hasSize(1);

        CliRun again = CliRun.of("step", "--ledger", ledger());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("topics: passed").contains("resumed");
        try (Ledger l = Ledger.open(dir.resolve("cutover.db"))) {
            assertThat(l.gate("topics").state()).isEqualTo(GateState.PASSED);
            assertThat(l.gate("topics").attempts()).isEqualTo(2);
        }
        Map<String, TopicDescription> topics = targetTopics("k1");
        assertThat(topics).hasSize(3);
        topics.values().forEach(t -> assertThat(t.partitions()).hasSize(2));
    }

    @Test
    void killedMidMirrorThenStepAgainKeepsTheRunningAgentAndReachesInSync() throws Exception {
        createSourceTopics("k2", 2);
        produce("k2.sfdc.cdc.t0", 3_000);
        Path plan = writePlan("k2", "");
        assertThat(CliRun.of("plan", plan.toString(), "--ledger", ledger()).exitCode()).isZero();
        assertThat(CliRun.of("run", "--until", "topics", "--ledger", ledger()).exitCode()).isZero();

        try (CutoverProcess step = CutoverProcess.start(dir, Map.of("CUTOVER_PAUSE_AT", "mirror.after-agent-start"),
                "step", "--ledger", ledger())) {
            step.awaitStderr("paused at mirror.after-agent-start", Duration.ofSeconds(120));
            step.kill();
        }
        long agentPid;
        try (Ledger l = Ledger.open(dir.resolve("cutover.db"))) {
            assertThat(l.gate("mirror").state()).isEqualTo(GateState.RUNNING);
            agentPid = l.agent().orElseThrow().pid();
            assertThat(ProcessHandle.of(agentPid)).isPresent(); // the agent outlives the step that started it
        }
        produce("k2.sfdc.cdc.t1", 2_000);

        CliRun again = CliRun.of("run", "--until", "in-sync", "--ledger", ledger());
        assertThat(again.exitCode()).as(again.err()).isZero();
        try (Ledger l = Ledger.open(dir.resolve("cutover.db"))) {
            assertThat(l.gate("mirror").state()).isEqualTo(GateState.PASSED);
            assertThat(l.gate("in-sync").state()).isEqualTo(GateState.PASSED);
            assertThat(l.agent().orElseThrow().pid()).as("no second agent started").isEqualTo(agentPid);
        }
        for (String topic : List.of("k2.sfdc.cdc.t0", "k2.sfdc.cdc.t1")) {
            assertThat(Records.of(target.bootstrapServers(), topic)).isEqualTo(Records.of(source.bootstrapServers(), topic));
        }
    }

    @Test
    void planShowsEveryActionAndAStepAfterTheSourceChangedIsRefusedNamingTheChange() throws Exception {
        createSourceTopics("k5", 2);
        try (Admin admin = target.admin()) {
            admin.createTopics(List.of(new NewTopic("k5.sfdc.cdc.t1", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        CliRun plan = CliRun.of("plan", writePlan("k5", "").toString(), "--ledger", ledger());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out())
                .contains("  + k5.sfdc.cdc.t0  2 partitions, RF 1")
                .contains("  = k5.sfdc.cdc.t1  2 partitions, already in place")
                .contains("  1. preflight")
                .contains("  4. in-sync")
                .contains("Plan: 1 to create, 0 to change, 0 conflicts. Nothing was changed on any cluster.");
        try (Admin admin = target.admin()) {
            assertThat(admin.listTopics().names().get()).as("plan is read-only").doesNotContain("k5.sfdc.cdc.t0");
        }
        try (Admin admin = source.admin()) {
            admin.createPartitions(Map.of("k5.sfdc.cdc.t0", org.apache.kafka.clients.admin.NewPartitions.increaseTo(3)))
                    .all().get(30, TimeUnit.SECONDS);
        }

        CliRun step = CliRun.of("step", "--ledger", ledger());

        assertThat(step.exitCode()).isEqualTo(4);
        assertThat(step.err()).contains("stale").contains("k5.sfdc.cdc.t0: 2 -> 3 partitions on source")
                .contains("cutover plan");
        try (Ledger l = Ledger.open(dir.resolve("cutover.db"))) {
            assertThat(l.gate("preflight").state()).isEqualTo(GateState.PENDING);
        }
    }

    @Test
    void aSecondProcessIsRefusedWithExit4AndToldWhoHoldsTheLedger() throws Exception {
        createSourceTopics("k3", 1);
        assertThat(CliRun.of("plan", writePlan("k3", "").toString(), "--ledger", ledger()).exitCode()).isZero();
        try (Ledger l = Ledger.open(dir.resolve("cutover.db")); LedgerLock held = l.acquireLock("step")) {
            try (CutoverProcess second = CutoverProcess.start(dir, Map.of(), "step", "--ledger", ledger())) {
                assertThat(second.waitFor(Duration.ofSeconds(60))).isEqualTo(4);
                assertThat(second.stderr()).contains("held by").contains("pid " + ProcessHandle.current().pid());
            }
        }
        try (Ledger l = Ledger.open(dir.resolve("cutover.db"))) {
            assertThat(l.gate("preflight").state()).as("the refused process changed nothing").isEqualTo(GateState.PENDING);
        }
    }

    @Test
    void aSecretFromTheEnvironmentNeverReachesTheLedgerOrTheAgentLog() throws Exception {
        createSourceTopics("k4", 1);
        produce("k4.sfdc.cdc.t0", 100);
        String secret = "s3cr3t-" + Long.toHexString(System.nanoTime()) + "-do-not-store";
        Path plan = writePlan("k4", """
                    properties:
                      ssl.truststore.password: ${env:CUTOVER_TEST_SECRET}
                """);
        try (CutoverProcess run = CutoverProcess.start(dir, Map.of("CUTOVER_TEST_SECRET", secret),
                "plan", plan.toString(), "--ledger", ledger())) {
            assertThat(run.waitFor(Duration.ofSeconds(60))).as(run.stderr()).isZero();
        }
        try (CutoverProcess run = CutoverProcess.start(dir, Map.of("CUTOVER_TEST_SECRET", secret),
                "run", "--until", "in-sync", "--ledger", ledger())) {
            assertThat(run.waitFor(Duration.ofSeconds(180))).as(run.stderr()).isZero();
            assertThat(run.stderr()).doesNotContain(secret);
        }
        stopAgent();
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.toString().endsWith(".yaml")) {
                    continue;
                }
                assertThat(indexOf(Files.readAllBytes(f), needle)).as("secret bytes in " + f).isEqualTo(-1);
            }
        }
    }

    private String ledger() {
        return dir.resolve("cutover.db").toString();
    }

    private Path writePlan(String prefix, String sourceExtra) {
        return ScenarioPlan.write(dir, prefix, sandbox, sourceExtra);
    }

    private static void createSourceTopics(String prefix, int count) throws Exception {
        List<NewTopic> topics = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            topics.add(new NewTopic(prefix + ".sfdc.cdc.t" + i, 2, (short) 1));
        }
        source.createTopics(topics); // written at once: wait until every partition answers (KAFKA-14359)
    }

    private static Map<String, TopicDescription> targetTopics(String prefix) throws Exception {
        try (Admin admin = target.admin()) {
            List<String> names = admin.listTopics().names().get().stream().filter(n -> n.startsWith(prefix + ".")).toList();
            return admin.describeTopics(names).allTopicNames().get();
        }
    }

    private static void produce(String topic, int count) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, source.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "001R" + (i % 17), "event-" + i));
            }
            producer.flush();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
