package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.sandbox.ConsumedRecord;
import dev.cutover.sandbox.ConsumerHttpControl;
import dev.cutover.sandbox.DemoConsumer;
import dev.cutover.sandbox.FreshSandboxTest;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full forward path (switch-producers and move-consumers under live traffic), then the target
 * misbehaves, a rollback trigger of each kind fires during observe, and the automatic rollback puts
 * everything back on the source: every replay id the simulator emitted is on the source exactly
 * once (those written on the target after the switch included), and both consumers (the stalled
 * one and a healthy second group, returned side by side), back on the source, read every event
 * exactly once across both clusters.
 */
class RollbackIT extends FreshSandboxTest {

    @TempDir
    Path dir;

    /**
     * @param kind which trigger fires: consumer-lag and event-age by the stalled consumer, topic-growth
     *             by a dead-letter topic filling on the target, command by a probe that starts failing
     */
    @ParameterizedTest
    @ValueSource(strings = {"consumer-lag", "event-age", "topic-growth", "command"})
    void aBreachOnTheTargetTriggersTheAutomaticRollbackAndNothingIsLostOrRepeated(String kind) throws Exception {
        String prefix = "r" + kind.replace("-", "");
        String topic = prefix + ".sfdc.cdc.account";
        String group = prefix + "-sink";
        String secondGroup = prefix + "-audit";
        String dlq = prefix + ".dlq";
        Path probeFailing = dir.resolve("probe-failing");
        String trigger = switch (kind) {
            case "consumer-lag" -> "{name: sink-lag, when: consumer-lag, group: " + group + ", above: 300, for: 2s}";
            case "event-age" -> "{name: sink-age, when: event-age, group: " + group + ", above: 3s, for: 1s}";
            case "topic-growth" -> "{name: dlq-growth, when: topic-growth, topic: " + dlq + ", above: 50, within: 30s}";
            default -> "{name: probe, when: command, run: \"test ! -e " + probeFailing + "\", for: 2s}";
        };
        try (SimulatedProducer producer = SimulatedProducer.start(sandbox, "account-cdc", topic, 200);
             DemoConsumer consumer = new DemoConsumer(group, List.of(topic));
             ConsumerHttpControl consumerControl = ConsumerHttpControl.start(consumer);
             DemoConsumer second = new DemoConsumer(secondGroup, List.of(topic));
             ConsumerHttpControl secondControl = ConsumerHttpControl.start(second);
             CutoverScenario cutover = new CutoverScenario(dir.resolve("cutover.db"))) {
            consumer.start(sandbox.source().bootstrapServers());
            second.start(sandbox.source().bootstrapServers());
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumedCount() > 100 && second.consumedCount() > 100);
            cutover.plan(ScenarioPlan.write(dir, prefix, sandbox, "", """
                    producers:
                      - name: account-cdc
                        topics: [%1$s]
                        replay-header: sfdc.replayId
                        control:
                          type: http
                          stop: %2$s/stop
                          start: "%2$s/start?bootstrap={target.bootstrap}&replayId={replayId}"
                    consumers:
                      - group: %5$s
                        control:
                          type: http
                          stop: %3$s/stop
                          start: "%3$s/start?bootstrap={target.bootstrap}"
                      - group: %6$s
                        control:
                          type: http
                          stop: %7$s/stop
                          start: "%7$s/start?bootstrap={target.bootstrap}"
                    gates:
                      in-sync: {max-lag: 5000, timeout: 90s}
                      quiesce: {window: 1s, timeout: 10s}
                      observe: {duration: 2m}
                    rollback:
                      automatic: true
                      triggers:
                        - %4$s
                    """.formatted(topic, producer.url(), consumerControl.uri(), trigger, group, secondGroup, secondControl.uri())));

            // given the producer and the consumer moved to the target under traffic, the consumer having read,
            // still on the source, what the reverse mirror copied there from the target since the switch
            StepOutcome switched = cutover.runUntil("switch-producers");
            assertThat(switched.passed()).as(switched.detail()).isTrue();
            ReverseCopies.awaitReadOnSource(cutover, consumer, sandbox.source().bootstrapServers());
            StepOutcome moved = cutover.runUntil("move-consumers");
            assertThat(moved.gate()).isEqualTo("move-consumers");
            assertThat(moved.passed()).as(moved.detail()).isTrue();
            assertThat(producer.bridge().bootstrap()).isEqualTo(sandbox.target().bootstrapServers());
            assertThat(consumer.bootstrap()).isEqualTo(sandbox.target().bootstrapServers());
            assertThat(second.bootstrap()).isEqualTo(sandbox.target().bootstrapServers());

            // when the target misbehaves: the consumer stalls (lag, age), the dead-letter topic fills, the probe fails
            consumer.pause();
            if (kind.equals("topic-growth")) {
                sandbox.target().createTopic(dlq, 1);
                CompletableFuture.runAsync(() -> fillDeadLetters(dlq));
            }
            if (kind.equals("command")) {
                Files.writeString(probeFailing, "the probe fails from now on");
            }
            StepOutcome observed = cutover.step();

            // then observe fails on the confirmed breach and the automatic rollback finishes: exit 3
            assertThat(observed.gate()).isEqualTo("observe");
            assertThat(observed.state()).as(observed.detail()).isEqualTo(GateState.ROLLED_BACK);
            assertThat(Cutover.exitCode(observed)).isEqualTo(3);
            assertThat(producer.bridge().bootstrap()).as("the producer writes to the source again")
                    .isEqualTo(sandbox.source().bootstrapServers());
            assertThat(consumer.bootstrap()).as("the consumer reads the source again")
                    .isEqualTo(sandbox.source().bootstrapServers());
            assertThat(second.bootstrap()).as("the second group reads the source again")
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
            await().atMost(Duration.ofSeconds(60)).until(() -> second.consumedCount() >= emitted);
            TrafficReport secondReport = TrafficCheck.check(producer.emitted(),
                    second.consumed().stream().map(RollbackIT::asTopicRecord).toList());
            assertThat(secondReport.clean()).as("second group: " + secondReport.summary()).isTrue();

            try (Ledger ledger = cutover.openLedger()) {
                assertThat(ledger.gate("switch-producers").state()).isEqualTo(GateState.ROLLED_BACK);
                assertThat(ledger.gate("move-consumers").state()).isEqualTo(GateState.ROLLED_BACK);
                assertThat(ledger.gate("observe").state()).isEqualTo(GateState.ROLLED_BACK);
                assertThat(ledger.gate("in-sync").state()).isEqualTo(GateState.PASSED);
                @SuppressWarnings("unchecked")
                Map<String, Object> breach = (Map<String, Object>) ledger.gate("observe").evidence().get("breach");
                String name = trigger.substring(trigger.indexOf("name: ") + 6, trigger.indexOf(','));
                assertThat(breach).containsEntry("trigger", name);
                assertThat(ledger.auditTrail()).extracting(AuditEntry::action).contains("trigger " + name, "rollback");
                assertThat(ledger.mirrorDirection()).isEqualTo(MirrorDirection.FORWARD);
            }
        }
    }

    /** Dead letters arriving on the target for a few seconds, as a failing downstream would write them. */
    private void fillDeadLetters(String topic) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                sandbox.target().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 20; i++) {
                for (int j = 0; j < 10; j++) {
                    producer.send(new ProducerRecord<>(topic, "dead-" + i + "-" + j));
                }
                producer.flush();
                Thread.sleep(250); // a steady trickle, not one batch
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TopicRecord asTopicRecord(ConsumedRecord r) {
        return new TopicRecord(r.topic(), r.partition(), r.offset(), r.key(), r.replayId(), null);
    }
}
