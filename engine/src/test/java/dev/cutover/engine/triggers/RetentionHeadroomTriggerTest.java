package dev.cutover.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.plans.TriggerKind;
import dev.cutover.plans.TriggerSpec;
import dev.cutover.sandbox.OneClusterTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * retention-headroom on a real cluster playing the target, records stamped some time before the
 * clock's "now": a group's oldest unconsumed record against the topic's retention.ms, a producer's
 * last event against Salesforce's 72 h replay window.
 */
class RetentionHeadroomTriggerTest extends OneClusterTest {

    private static TargetTraffic traffic;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MutableClock clock = new MutableClock(now);

    @BeforeAll
    static void startTraffic() {
        traffic = new TargetTraffic(cluster, admin);
    }

    @Test
    void aGroupWhoseOldestUnconsumedRecordNearsTheTopicsRetentionBreaches() throws Exception {
        String topic = "hr.sfdc.cdc.account";
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("retention.ms", String.valueOf(
                Duration.ofHours(1).toMillis()))))).all().get(30, TimeUnit.SECONDS);
        TopicPartition tp = new TopicPartition(topic, 0);
        traffic.produce(topic, 0, now.minus(Duration.ofMinutes(50)).toEpochMilli(), 2); // offsets 0-1
        traffic.produce(topic, 0, now.minus(Duration.ofMinutes(5)).toEpochMilli(), 2); // offsets 2-3
        traffic.commit("hr-sink", tp, 1);

        try (Trigger trigger = trigger(new TriggerSpec("room", TriggerKind.RETENTION_HEADROOM, "hr-sink", null, null, null, null,
                null, null, null, Duration.ofMinutes(30)), List.of())) {
            Reading reading = trigger.evaluate();

            assertThat(reading.value()).isEqualTo(Duration.ofMinutes(10).toMillis());
            assertThat(reading.valueText()).startsWith("10m before the oldest record hr-sink has not consumed is deleted by retention");
            assertThat(reading.threshold()).isEqualTo("below 30m");
            assertThat(reading.breached()).isTrue();
            assertThat(reading.detail()).startsWith("oldest unconsumed: hr.sfdc.cdc.account-0 offset 1");

            traffic.commit("hr-sink", tp, 2);
            Reading later = trigger.evaluate();
            assertThat(later.value()).as("the group read on: 55 min left").isEqualTo(Duration.ofMinutes(55).toMillis());
            assertThat(later.breached()).isFalse();
        }
    }

    @Test
    void aProducerThatStoppedWritingNearsTheReplayWindowAndOneWritingDoesNot() throws Exception {
        String quiet = "hr.sfdc.cdc.quiet";
        String busy = "hr.sfdc.cdc.busy";
        traffic.createTopic(quiet, 2);
        traffic.createTopic(busy, 1);
        traffic.produce(quiet, 0, now.minus(Duration.ofHours(70)).toEpochMilli(), 1);
        traffic.produce(quiet, 1, now.minus(Duration.ofHours(66)).toEpochMilli(), 1); // the last event: 6 h of the window left
        traffic.produce(busy, 0, now.minus(Duration.ofMinutes(1)).toEpochMilli(), 1);
        TriggerSpec spec = new TriggerSpec("replay", TriggerKind.RETENTION_HEADROOM, null, null, null, null, null, null, null,
                "account-cdc", Duration.ofHours(12));

        try (Trigger stopped = trigger(spec, List.of(quiet)); Trigger writing = trigger(spec, List.of(busy))) {
            Reading reading = stopped.evaluate();
            assertThat(reading.value()).isEqualTo(Duration.ofHours(6).toMillis());
            assertThat(reading.valueText()).isEqualTo("6h before producer account-cdc's last replay id out of Salesforce's 72 h window");
            assertThat(reading.breached()).isTrue();
            assertThat(reading.detail()).startsWith("last event: hr.sfdc.cdc.quiet-1 offset 0");

            assertThat(writing.evaluate().breached()).isFalse();
            assertThat(writing.evaluate().value()).isEqualTo(Duration.ofHours(72).minusMinutes(1).toMillis());
        }
    }

    private RetentionHeadroomTrigger trigger(TriggerSpec spec, List<String> producerTopics) {
        return new RetentionHeadroomTrigger(spec, admin, cluster.clientProperties(), producerTopics, clock);
    }
}
