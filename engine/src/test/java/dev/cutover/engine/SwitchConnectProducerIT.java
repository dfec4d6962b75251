package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.sandbox.CdcTrafficSource;
import dev.cutover.sandbox.SalesforceEventBus;
import dev.cutover.sandbox.SandboxTest;
import dev.cutover.sandbox.SandboxCluster;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.sandbox.TopicReader;
import dev.cutover.sandbox.TopicRecord;
import dev.cutover.sandbox.TrafficCheck;
import dev.cutover.sandbox.TrafficReport;
import dev.cutover.sandbox.connect.ConnectRest;
import dev.cutover.sandbox.connect.EventBusRegistry;
import dev.cutover.sandbox.connect.SalesforceCdcSourceConnector;
import dev.cutover.sandbox.connect.SandboxConnect;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import dev.cutover.state.PositionRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * switch-producers with a {@code connect} producer: the sandbox's Salesforce CDC source connector on
 * a real Kafka Connect worker beside each cluster, moved through the public REST API with its
 * offsets while a 10,000-event bulk update is in flight.
 */
class SwitchConnectProducerIT extends SandboxTest {

    private static final String CHANNEL = "/data/AccountChangeEvent";
    private static final String HEADER = "sfdc.replayId";
    private static final Duration WAIT = Duration.ofSeconds(90);

    static SandboxConnect sourceConnect;
    static SandboxConnect targetConnect;

    @TempDir
    Path dir;

    @BeforeAll
    static void startConnect() {
        sourceConnect = SandboxConnect.start(sandbox.source());
        targetConnect = SandboxConnect.start(sandbox.target());
    }

    @AfterAll
    static void stopConnect() {
        if (targetConnect != null) {
            targetConnect.close();
        }
        if (sourceConnect != null) {
            sourceConnect.close();
        }
    }

    @Test
    void connectControlSwitchesWithABurstInFlightAndEveryReplayIdLandsOnceInOrder() throws Exception {
        String topic = "c1.sfdc.cdc.account";
        String connector = "c1-account-cdc";
        createSourceTopic(topic, 3);
        SalesforceEventBus bus = new SalesforceEventBus();
        try (EventBusRegistry.Registration registered = EventBusRegistry.register("c1", bus);
             CdcTrafficSource traffic = new CdcTrafficSource(bus, CHANNEL, 11L);
             CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            // given the connector writing steady traffic to the source, mirrored and in sync
            runningOnSource(connector, SalesforceCdcSourceConnector.config(registered.id(), CHANNEL, topic, HEADER));
            traffic.start(300);
            cutover.plan(ScenarioPlan.write(dir, "c1", sandbox, "", connectProducer(topic, connector)));
            StepOutcome inSync = cutover.runUntil("in-sync");
            assertThat(inSync.passed()).as(inSync.detail()).isTrue();
            // and a 10,000-event bulk update being published
            CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> traffic.burst(10_000));
            await().atMost(WAIT).until(() -> bus.publishedCount(CHANNEL) > 2_000);

            // when the switch runs
            StepOutcome switched = cutover.step();

            // then the connector runs on the target and the source stays quiet
            assertThat(switched.gate()).isEqualTo("switch-producers");
            assertThat(switched.passed()).as(switched.detail()).isTrue();
            assertThat(new ConnectRest(targetConnect.url()).isRunning(connector)).isTrue();
            assertThat(new ConnectRest(sourceConnect.url()).state(connector)).isEqualTo("STOPPED");
            burst.get(60, TimeUnit.SECONDS);
            traffic.stop();
            long published = traffic.published();
            await().atMost(WAIT).until(() -> records(sandbox.target(), topic) >= published);

            // and the target holds every emitted replay id once, in publish order per record,
            // starting with exactly the source's records partition by partition
            List<TopicRecord> onSource = TopicReader.readAll(sandbox.source().bootstrapServers(), topic);
            List<TopicRecord> onTarget = TopicReader.readAll(sandbox.target().bootstrapServers(), topic);
            TrafficReport report = TrafficCheck.check(bus.emittedReplayIds(CHANNEL), onTarget);
            assertThat(report.clean()).as(report.summary()).isTrue();
            assertThat(report.found()).isEqualTo(published).isGreaterThan(10_000);
            Map<Integer, List<String>> source = byPartition(onSource);
            Map<Integer, List<String>> target = byPartition(onTarget);
            source.forEach((p, records) -> assertThat(target.get(p).subList(0, records.size())).isEqualTo(records));
            assertThat(onTarget.size()).as("the burst went on on the target").isGreaterThan(
                    ((Number) positionsTarget(cutover)).intValue());
            // and the reverse mirror copies what is written on the target back to the source
            await().atMost(WAIT).untilAsserted(() -> assertThat(byPartition(TopicReader.readAll(
                    sandbox.source().bootstrapServers(), topic))).isEqualTo(target));

            // and the position map holds the connector's offsets as Connect returned them
            String lastOnSource = lastPublished(bus, onSource);
            try (Ledger ledger = cutover.openLedger()) {
                assertThat(ledger.gate("switch-producers").state()).isEqualTo(GateState.PASSED);
                List<PositionRow> rows = ledger.positions();
                assertThat(rows).hasSize(3).allSatisfy(r -> {
                    assertThat(r.owner()).isEqualTo("account-cdc");
                    assertThat(new ObjectMapper().readTree(r.replayIdSource()).path("offsets").get(0)
                            .path("offset").path("replayId").asText()).isEqualTo(lastOnSource);
                    assertThat(r.targetOffset()).isEqualTo(r.sourceOffset());
                });
            }
        } finally {
            deleteEverywhere(connector);
        }
    }

    @Test
    void aConnectorThatCannotStartOnTheTargetIsPutBackOnTheSourceLosingNothing() throws Exception {
        String topic = "c2.sfdc.cdc.account";
        String connector = "c2-account-cdc";
        createSourceTopic(topic, 1);
        SalesforceEventBus bus = new SalesforceEventBus();
        try (EventBusRegistry.Registration registered = EventBusRegistry.register("c2", bus);
             CdcTrafficSource traffic = new CdcTrafficSource(bus, CHANNEL, 12L);
             CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            Map<String, String> config = SalesforceCdcSourceConnector.config(registered.id(), CHANNEL, topic, HEADER);
            runningOnSource(connector, config);
            traffic.start(300);
            cutover.plan(ScenarioPlan.write(dir, "c2", sandbox, "", connectProducer(topic, connector)));
            assertThat(cutover.runUntil("in-sync").passed()).isTrue();
            // given someone created a PAUSED copy on the target after preflight: cutover must not
            // rewrite the offsets of a connector that may have run
            new ConnectRest(targetConnect.url()).create(connector, config, "PAUSED");
            traffic.burst(2_000);

            StepOutcome outcome = cutover.step();

            assertThat(outcome.state()).isEqualTo(GateState.FAILED);
            assertThat(outcome.detail()).contains("could not start producer account-cdc on the target")
                    .contains("is PAUSED on target-url");
            assertThat(new ConnectRest(sourceConnect.url()).isRunning(connector)).as("back on the source").isTrue();
            assertThat(new ConnectRest(targetConnect.url()).state(connector)).isEqualTo("STOPPED");
            traffic.stop();
            long published = traffic.published();
            await().atMost(WAIT).until(() -> records(sandbox.source(), topic) >= published);
            TrafficReport onSource = TrafficCheck.check(bus.emittedReplayIds(CHANNEL),
                    TopicReader.readAll(sandbox.source().bootstrapServers(), topic));
            assertThat(onSource.clean()).as(onSource.summary()).isTrue();
            assertThat(onSource.found()).isEqualTo(published);
        } finally {
            deleteEverywhere(connector);
        }
    }

    @Test
    void preflightRefusesAConnectorAlreadyRunningOnTheTarget() throws Exception {
        String topic = "c3.sfdc.cdc.account";
        String connector = "c3-account-cdc";
        createSourceTopic(topic, 1);
        SalesforceEventBus bus = new SalesforceEventBus();
        try (EventBusRegistry.Registration registered = EventBusRegistry.register("c3", bus);
             CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            Map<String, String> config = SalesforceCdcSourceConnector.config(registered.id(), CHANNEL, topic, HEADER);
            runningOnSource(connector, config);
            new ConnectRest(targetConnect.url()).create(connector, config);
            cutover.plan(ScenarioPlan.write(dir, "c3", sandbox, "", connectProducer(topic, connector)));

            StepOutcome outcome = cutover.step();

            assertThat(outcome.gate()).isEqualTo("preflight");
            assertThat(outcome.state()).isEqualTo(GateState.FAILED);
            assertThat(outcome.detail()).contains("producers.account-cdc.control.connector: '" + connector
                    + "' already exists on " + targetConnect.url() + " and is RUNNING");
        } finally {
            deleteEverywhere(connector);
        }
    }

    /** Records on the target when the producer switched: the drained target ends, summed. */
    private static long positionsTarget(CutoverScenario cutover) {
        try (Ledger ledger = cutover.openLedger()) {
            return ledger.positions().stream().mapToLong(PositionRow::targetOffset).sum();
        }
    }

    private static String connectProducer(String topic, String connector) {
        return """
                producers:
                  - name: account-cdc
                    topics: [%s]
                    replay-header: %s
                    control:
                      type: connect
                      source-url: %s
                      target-url: %s
                      connector: %s
                gates:
                  in-sync: {max-lag: 5000, timeout: 90s}
                  quiesce: {window: 1s, timeout: 10s}
                """.formatted(topic, HEADER, sourceConnect.url(), targetConnect.url(), connector);
    }

    private static void runningOnSource(String connector, Map<String, String> config) {
        ConnectRest rest = new ConnectRest(sourceConnect.url());
        rest.create(connector, config);
        await().atMost(WAIT).until(() -> rest.isRunning(connector));
    }

    private static void deleteEverywhere(String connector) {
        for (SandboxConnect connect : List.of(sourceConnect, targetConnect)) {
            ConnectRest rest = new ConnectRest(connect.url());
            if (rest.exists(connector)) {
                rest.delete(connector);
            }
        }
    }

    private static void createSourceTopic(String topic, int partitions) throws Exception {
        sandbox.source().createTopic(topic, partitions);
    }

    private static long records(SandboxCluster cluster, String topic) throws Exception {
        try (Admin admin = cluster.admin()) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        }
    }

    /** Of the replay ids on the source, the one the bus published last (partitions carry no order between them). */
    private static String lastPublished(SalesforceEventBus bus, List<TopicRecord> onSource) {
        List<byte[]> emitted = bus.emittedReplayIds(CHANNEL);
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < emitted.size(); i++) {
            order.put(Base64.getEncoder().encodeToString(emitted.get(i)), i);
        }
        return onSource.stream().map(TopicRecord::replayIdBase64)
                .max(java.util.Comparator.comparingInt(id -> order.getOrDefault(id, -1))).orElseThrow();
    }

    private static Map<Integer, List<String>> byPartition(List<TopicRecord> records) {
        return records.stream().collect(Collectors.groupingBy(TopicRecord::partition,
                Collectors.mapping(r -> r.key() + "|" + r.replayIdBase64(), Collectors.toCollection(ArrayList::new))));
    }
}
