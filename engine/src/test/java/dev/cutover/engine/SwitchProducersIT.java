package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.sandbox.BridgeHttpControl;
import dev.cutover.sandbox.BridgeProducer;
import dev.cutover.sandbox.CdcTrafficSource;
import dev.cutover.sandbox.ReplayPreset;
import dev.cutover.sandbox.SalesforceEventBus;
import dev.cutover.sandbox.SandboxTest;
import dev.cutover.sandbox.SimulatedProducer;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.sandbox.TopicReader;
import dev.cutover.sandbox.TopicRecord;
import dev.cutover.sandbox.TrafficCheck;
import dev.cutover.sandbox.TrafficReport;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import dev.cutover.state.PositionRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * switch-producers on real clusters with a bridge producer that reads a simulated Salesforce
 * channel, a burst of 10,000 events in flight at the moment of the switch. Afterwards every replay
 * id the simulator emitted is on the target exactly once (mirrored source records plus the new
 * ones), in order per record id.
 */
class SwitchProducersIT extends SandboxTest {


    @TempDir
    Path dir;

    @Test
    void httpControlSwitchesWithABurstInFlightAndEveryReplayIdLandsOnceInOrder() throws Exception {
        try (SimulatedProducer producer = SimulatedProducer.start(sandbox, "account-cdc", "s1.sfdc.cdc.account", 300);
             CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            Path plan = ScenarioPlan.write(dir, "s1", sandbox, "", producers("s1", """
                      type: http
                      stop: %s/stop
                      start: "%s/start?bootstrap={target.bootstrap}&replayId={replayId}"
                """.formatted(producer.url(), producer.url())));
            switchWithBurst(cutover, plan, producer);
            assertEveryIdOnceOnTheTarget("s1.sfdc.cdc.account", producer);
            try (Ledger ledger = cutover.openLedger()) {
                assertThat(ledger.gate("switch-producers").state()).isEqualTo(GateState.PASSED);
                List<PositionRow> rows = ledger.positions();
                assertThat(rows).hasSize(3).allSatisfy(r -> {
                    assertThat(r.kind()).isEqualTo("producer");
                    assertThat(r.owner()).isEqualTo("account-cdc");
                    assertThat(r.replayIdSource()).isNotNull();
                    assertThat(r.targetOffset()).isEqualTo(r.sourceOffset()); // the target held exactly the mirrored records
                });
                Map<Integer, Long> switchPoint = rows.stream().collect(Collectors.toMap(PositionRow::partition, PositionRow::sourceOffset));
                assertThat(lastEmittedOnSource("s1.sfdc.cdc.account", producer, switchPoint)).isEqualTo(rows.get(0).replayIdSource());
            }
        }
    }

    @Test
    void commandControlSwitchesWithABurstInFlightAndEveryReplayIdLandsOnceInOrder() throws Exception {
        try (SimulatedProducer producer = SimulatedProducer.start(sandbox, "account-cdc", "s2.sfdc.cdc.account", 300);
             CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            Path plan = ScenarioPlan.write(dir, "s2", sandbox, "", producers("s2", """
                      type: command
                      stop: "curl -sf -X POST %s/stop"
                      start: "curl -sf -X POST '%s/start?bootstrap={target.bootstrap}&replayId={replayId}'"
                """.formatted(producer.url(), producer.url())));
            switchWithBurst(cutover, plan, producer);
            assertEveryIdOnceOnTheTarget("s2.sfdc.cdc.account", producer);
        }
    }

    @Test
    void aProducerThatWillNotStopFailsTheGateAndKeepsWritingToTheSourceLosingNothing() throws Exception {
        try (SimulatedProducer producer = SimulatedProducer.start(sandbox, "account-cdc", "s3.sfdc.cdc.account", 300);
             CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            // A stop control that reports a position but stops nothing: the writes go on.
            Path plan = ScenarioPlan.write(dir, "s3", sandbox, "", producers("s3", """
                      type: command
                      stop: "echo '{\\"replayId\\": \\"AAAAAAAAAAE=\\"}'"
                      start: "true"
                """));
            cutover.plan(plan);
            assertThat(cutover.runUntil("in-sync").passed()).isTrue();

            StepOutcome outcome = cutover.step();

            assertThat(outcome.gate()).isEqualTo("switch-producers");
            assertThat(outcome.state()).isEqualTo(GateState.FAILED);
            assertThat(outcome.detail()).contains("account-cdc still writes to the source");
            assertThat(producer.bridge().running()).isTrue();
            assertThat(producer.bridge().bootstrap()).isEqualTo(sandbox.source().bootstrapServers());
            producer.drain(Duration.ofSeconds(60));
            TrafficReport report = TrafficCheck.check(producer.emitted(),
                    TopicReader.readAll(sandbox.source().bootstrapServers(), "s3.sfdc.cdc.account"));
            assertThat(report.clean()).as(report.summary()).isTrue();
        }
    }

    @Test
    void aProducerThatFailsToStartOnTheTargetIsPutBackOnTheSourceLosingNothing() throws Exception {
        try (SimulatedProducer producer = SimulatedProducer.start(sandbox, "account-cdc", "s4.sfdc.cdc.account", 300);
             CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            String source = sandbox.source().bootstrapServers();
            // Starting works against the source only: the target start fails, the way back works.
            Path plan = ScenarioPlan.write(dir, "s4", sandbox, "", producers("s4", """
                      type: command
                      stop: "curl -sf -X POST %1$s/stop"
                      start: "test '{target.bootstrap}' = '%2$s' && curl -sf -X POST '%1$s/start?bootstrap={target.bootstrap}&replayId={replayId}'"
                """.formatted(producer.url(), source)));
            cutover.plan(plan);
            assertThat(cutover.runUntil("in-sync").passed()).isTrue();

            StepOutcome outcome = cutover.step();

            assertThat(outcome.state()).isEqualTo(GateState.FAILED);
            assertThat(outcome.detail()).contains("could not start producer account-cdc on the target");
            assertThat(producer.bridge().running()).isTrue();
            assertThat(producer.bridge().bootstrap()).isEqualTo(source);
            try (Ledger ledger = cutover.openLedger()) {
                assertThat(new dev.cutover.engine.agent.MirrorAgentSupervisor(cutover.ledgerFile()).health(ledger).alive())
                        .as("the mirror runs again for the producer back on the source").isTrue();
            }
            producer.drain(Duration.ofSeconds(60));
            TrafficReport onSource = TrafficCheck.check(producer.emitted(),
                    TopicReader.readAll(source, "s4.sfdc.cdc.account"));
            assertThat(onSource.clean()).as(onSource.summary()).isTrue();
        }
    }

    private static String producers(String prefix, String control) {
        return """
                producers:
                  - name: account-cdc
                    topics: [%s.sfdc.cdc.account]
                    replay-header: sfdc.replayId
                    control:
                %s
                gates:
                  in-sync: {max-lag: 5000, timeout: 90s}
                  quiesce: {window: 1s, timeout: 5s}
                """.formatted(prefix, control.stripTrailing());
    }

    /** Up to in-sync with steady traffic, then the switch while a 10,000-event burst is being written. */
    private static void switchWithBurst(CutoverScenario cutover, Path plan, SimulatedProducer producer) throws Exception {
        cutover.plan(plan);
        StepOutcome inSync = cutover.runUntil("in-sync");
        assertThat(inSync.passed()).as(inSync.detail()).isTrue();
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> producer.traffic().burst(10_000));
        await().atMost(Duration.ofSeconds(30)).until(() -> producer.bus().publishedCount(producer.bridge().channel()) > 2_000);

        StepOutcome switched = cutover.step();

        assertThat(switched.gate()).isEqualTo("switch-producers");
        assertThat(switched.passed()).as(switched.detail()).isTrue();
        burst.get(60, TimeUnit.SECONDS);
        assertThat(producer.bridge().bootstrap()).isEqualTo(sandbox.target().bootstrapServers());
        producer.drain(Duration.ofSeconds(60));
    }

    private static void assertEveryIdOnceOnTheTarget(String topic, SimulatedProducer producer) {
        List<TopicRecord> onSource = TopicReader.readAll(sandbox.source().bootstrapServers(), topic);
        List<TopicRecord> onTarget = TopicReader.readAll(sandbox.target().bootstrapServers(), topic);
        List<byte[]> emitted = producer.emitted();
        assertThat(emitted.size()).isGreaterThan(10_000);
        TrafficReport report = TrafficCheck.check(emitted, onTarget);
        assertThat(report.clean()).as(report.summary()).isTrue();
        // The target starts with exactly the source's records, partition by partition.
        Map<Integer, List<String>> source = byPartition(onSource);
        Map<Integer, List<String>> target = byPartition(onTarget);
        source.forEach((p, records) -> assertThat(target.get(p).subList(0, records.size())).isEqualTo(records));
        // From the switch on the reverse mirror copies what is written on the target to the source:
        // both end up holding the same records, partition by partition.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                byPartition(TopicReader.readAll(sandbox.source().bootstrapServers(), topic))).isEqualTo(target));
    }

    /**
     * The replay id, of those the producer wrote to the source before the switch (below the switch
     * point: after it the source holds the reverse mirror's copies), that the simulator emitted last.
     */
    private static String lastEmittedOnSource(String topic, SimulatedProducer producer, Map<Integer, Long> switchPoint) {
        List<byte[]> emitted = producer.emitted();
        Map<String, Integer> order = new java.util.HashMap<>();
        for (int i = 0; i < emitted.size(); i++) {
            order.put(java.util.Base64.getEncoder().encodeToString(emitted.get(i)), i);
        }
        return TopicReader.readAll(sandbox.source().bootstrapServers(), topic).stream()
                .filter(r -> r.offset() < switchPoint.get(r.partition()))
                .map(TopicRecord::replayIdBase64)
                .max(Comparator.comparingInt(id -> order.getOrDefault(id, -1)))
                .orElse(null);
    }

    private static Map<Integer, List<String>> byPartition(List<TopicRecord> records) {
        return records.stream().collect(Collectors.groupingBy(TopicRecord::partition,
                Collectors.mapping(r -> r.key() + "|" + r.replayIdBase64(), Collectors.toCollection(ArrayList::new))));
    }
}
