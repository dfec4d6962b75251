package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.sandbox.ConsumedRecord;
import dev.cutover.sandbox.ConsumerHttpControl;
import dev.cutover.sandbox.DemoConsumer;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.sandbox.SimulatedProducer;
import dev.cutover.sandbox.TopicReader;
import dev.cutover.sandbox.TopicRecord;
import dev.cutover.sandbox.TrafficCheck;
import dev.cutover.sandbox.TrafficReport;
import dev.cutover.state.AuditEntry;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import dev.cutover.state.MirrorDirection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full forward path (switch-producers and move-consumers under live traffic), then a target
 * consumer stalls, the consumer-lag trigger fires during observe, and the automatic rollback puts
 * everything back on the source: every replay id the simulator emitted is on the source exactly
 * once (those written on the target after the switch included), and the consumer, back on the
 * source, reads every event exactly once across both clusters.
 */
class RollbackIT {

    static Sandbox sandbox;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aStalledTargetConsumerTriggersTheAutomaticRollbackAndNothingIsLostOrRepeated() throws Exception {
        String topic = "r1.sfdc.cdc.account";
        try (SimulatedProducer producer = SimulatedProducer.start(sandbox, "account-cdc", topic, 200);
             DemoConsumer consumer = new DemoConsumer("r1-sink", List.of(topic));
             ConsumerHttpControl consumerControl = ConsumerHttpControl.start(consumer);
             CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            consumer.start(sandbox.source().bootstrapServers());
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumedCount() > 100);
            cutover.plan(ScenarioPlan.write(dir, "r1", sandbox, "", """
                    producers:
                      - name: account-cdc
                        topics: [%1$s]
                        replay-header: sfdc.replayId
                        control:
                          type: http
                          stop: %2$s/stop
                          start: "%2$s/start?bootstrap={target.bootstrap}&replayId={replayId}"
                    consumers:
                      - group: r1-sink
                        control:
                          type: http
                          stop: %3$s/stop
                          start: "%3$s/start?bootstrap={target.bootstrap}"
                    gates:
                      in-sync: {max-lag: 5000, timeout: 90s}
                      quiesce: {window: 1s, timeout: 10s}
                      observe: {duration: 2m}
                    rollback:
                      automatic: true
                      triggers:
                        - {name: sink-lag, when: consumer-lag, group: r1-sink, above: 300, for: 2s}
                    """.formatted(topic, producer.url(), consumerControl.uri())));

            // given the producer and the consumer moved to the target under traffic
            StepOutcome moved = cutover.runUntil("move-consumers");
            assertThat(moved.gate()).isEqualTo("move-consumers");
            assertThat(moved.passed()).as(moved.detail()).isTrue();
            assertThat(producer.bridge().bootstrap()).isEqualTo(sandbox.target().bootstrapServers());
            assertThat(consumer.bootstrap()).isEqualTo(sandbox.target().bootstrapServers());

            // when the consumer on the target stalls and its lag passes the trigger's limit for 2 s
            consumer.pause();
            StepOutcome observed = cutover.step();

            // then observe fails on the confirmed breach and the automatic rollback finishes: exit 3
            assertThat(observed.gate()).isEqualTo("observe");
            assertThat(observed.state()).as(observed.detail()).isEqualTo(GateState.ROLLED_BACK);
            assertThat(Cutover.exitCode(observed)).isEqualTo(3);
            assertThat(producer.bridge().bootstrap()).as("the producer writes to the source again")
                    .isEqualTo(sandbox.source().bootstrapServers());
            assertThat(consumer.bootstrap()).as("the consumer reads the source again")
                    .isEqualTo(sandbox.source().bootstrapServers());

            // every replay id emitted is on the source exactly once, in order per record
            producer.drain(Duration.ofSeconds(60));
            List<TopicRecord> onSource = TopicReader.readAll(sandbox.source().bootstrapServers(), topic);
            TrafficReport sourceReport = TrafficCheck.check(producer.emitted(), onSource);
            assertThat(sourceReport.clean()).as(sourceReport.summary()).isTrue();

            // the consumer resumes on the source at exactly its next record: every event read once
            consumer.resume();
            int emitted = producer.emitted().size();
            await().atMost(Duration.ofSeconds(60)).until(() -> consumer.consumedCount() >= emitted);
            List<TopicRecord> consumed = consumer.consumed().stream().map(RollbackIT::asTopicRecord).toList();
            TrafficReport consumerReport = TrafficCheck.check(producer.emitted(), consumed);
            assertThat(consumerReport.clean()).as("consumer: " + consumerReport.summary()).isTrue();
            assertThat(consumer.consumed()).as("it did read on the target in between")
                    .anyMatch(r -> r.bootstrap().equals(sandbox.target().bootstrapServers()));

            try (Ledger ledger = cutover.openLedger()) {
                assertThat(ledger.gate("switch-producers").state()).isEqualTo(GateState.ROLLED_BACK);
                assertThat(ledger.gate("move-consumers").state()).isEqualTo(GateState.ROLLED_BACK);
                assertThat(ledger.gate("observe").state()).isEqualTo(GateState.ROLLED_BACK);
                assertThat(ledger.gate("in-sync").state()).isEqualTo(GateState.PASSED);
                @SuppressWarnings("unchecked")
                Map<String, Object> breach = (Map<String, Object>) ledger.gate("observe").evidence().get("breach");
                assertThat(breach).containsEntry("trigger", "sink-lag");
                assertThat(ledger.auditTrail()).extracting(AuditEntry::action).contains("trigger sink-lag", "rollback");
                assertThat(ledger.mirrorDirection()).isEqualTo(MirrorDirection.FORWARD);
            }
        }
    }

    private static TopicRecord asTopicRecord(ConsumedRecord r) {
        return new TopicRecord(r.topic(), r.partition(), r.offset(), r.key(), r.replayId(), null);
    }
}
