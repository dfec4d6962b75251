package dev.cutover.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.plans.TriggerKind;
import dev.cutover.plans.TriggerSpec;
import dev.cutover.sandbox.OneClusterTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * event-age on a real cluster playing the target. Records carry explicit timestamps some minutes
 * before the clock's "now", so the expected ages are exact.
 */
class EventAgeTriggerTest extends OneClusterTest {

    private static TargetTraffic traffic;

    /** Now, to the second; the broker accepts timestamps this far back. */
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MutableClock clock = new MutableClock(now);

    @BeforeAll
    static void startTraffic() {
        traffic = new TargetTraffic(cluster, admin);
    }

    private static TriggerSpec age(String group, String topic, Duration above) {
        return new TriggerSpec("event-age", TriggerKind.EVENT_AGE, group, topic, null, null, above, null, null);
    }

    private long minutesAgo(int minutes) {
        return now.minus(Duration.ofMinutes(minutes)).toEpochMilli();
    }

    private EventAgeTrigger trigger(String group, String topic, Duration above) {
        return new EventAgeTrigger(age(group, topic, above), admin, cluster.clientProperties(), clock);
    }

    @Test
    void theAgeIsThatOfTheRecordAtTheCommittedOffset() throws Exception {
        TopicPartition tp = new TopicPartition("sfdc.cdc.account", 0);
        traffic.createTopic(tp.topic(), 1);
        traffic.produce(tp.topic(), 0, minutesAgo(10), 2); // offsets 0-1: consumed
        traffic.produce(tp.topic(), 0, now.minus(Duration.ofMinutes(5)).minusSeconds(3).toEpochMilli(), 1); // offset 2
        traffic.produce(tp.topic(), 0, minutesAgo(1), 3); // offsets 3-5
        traffic.commit("sfdc-notify", tp, 2);

        try (EventAgeTrigger trigger = trigger("sfdc-notify", null, Duration.ofMinutes(2))) {
            Reading reading = trigger.evaluate();

            assertThat(reading.value()).isEqualTo(Duration.ofMinutes(5).plusSeconds(3).toMillis());
            assertThat(reading.valueText()).isEqualTo("oldest unconsumed 5m 3s");
            assertThat(reading.threshold()).isEqualTo("above 2m");
            assertThat(reading.breached()).isTrue();
            assertThat(reading.kind()).isEqualTo("event-age");
            assertThat(reading.detail()).startsWith("oldest unconsumed: sfdc.cdc.account-0 offset 2, timestamp ");

            traffic.commit("sfdc-notify", tp, 3);
            Reading later = trigger.evaluate();
            assertThat(later.valueText()).as("the same trigger reads again after the group moved on")
                    .isEqualTo("oldest unconsumed 1m");
            assertThat(later.breached()).isFalse();
        }
    }

    @Test
    void theOldestAcrossPartitionsCountsAndACaughtUpPartitionCountsNothing() throws Exception {
        String topic = "sfdc.cdc.case";
        traffic.createTopic(topic, 3);
        traffic.produce(topic, 0, minutesAgo(30), 4);  // caught up below
        traffic.produce(topic, 1, minutesAgo(7), 2);
        traffic.produce(topic, 2, minutesAgo(3), 2);
        traffic.commit("sfdc-case", new TopicPartition(topic, 0), 4);
        traffic.commit("sfdc-case", new TopicPartition(topic, 1), 1);
        traffic.commit("sfdc-case", new TopicPartition(topic, 2), 0);

        try (EventAgeTrigger trigger = trigger("sfdc-case", topic, Duration.ofMinutes(10))) {
            Reading reading = trigger.evaluate();

            assertThat(reading.valueText()).isEqualTo("oldest unconsumed 7m");
            assertThat(reading.breached()).isFalse();
        }
    }

    @Test
    void nothingUnconsumedIsAgeZeroAndNoBreach() throws Exception {
        TopicPartition tp = new TopicPartition("sfdc.cdc.lead", 0);
        traffic.createTopic(tp.topic(), 1);
        traffic.produce(tp.topic(), 0, minutesAgo(60), 3);
        traffic.consumeAndCommit("sfdc-lead", tp.topic(), 3);

        try (EventAgeTrigger trigger = trigger("sfdc-lead", null, Duration.ofSeconds(1))) {
            Reading reading = trigger.evaluate();

            assertThat(reading.value()).isZero();
            assertThat(reading.valueText()).isEqualTo("nothing unconsumed");
            assertThat(reading.breached()).isFalse();
        }
    }

    @Test
    void abortedRecordsAtTheCommittedOffsetAreSkippedAsTheGroupWouldSkipThem() throws Exception {
        TopicPartition tp = new TopicPartition("sfdc.cdc.opportunity", 0);
        traffic.createTopic(tp.topic(), 1);
        traffic.produce(tp.topic(), 0, minutesAgo(40), 1);        // offset 0: consumed
        traffic.produceAborted(tp.topic(), 0, minutesAgo(20), 3); // offsets 1-3 aborted, 4 the abort marker
        traffic.produce(tp.topic(), 0, minutesAgo(3), 1);         // offset 5: the oldest the group will see
        traffic.commit("sfdc-opps", tp, 1);

        try (EventAgeTrigger trigger = trigger("sfdc-opps", null, Duration.ofMinutes(5))) {
            Reading reading = trigger.evaluate();

            assertThat(reading.valueText()).isEqualTo("oldest unconsumed 3m");
            assertThat(reading.breached()).isFalse();
            assertThat(reading.detail()).startsWith("oldest unconsumed: sfdc.cdc.opportunity-0 offset 5,");
        }
    }

    @Test
    void onlyAbortedRecordsLeftIsNothingUnconsumed() throws Exception {
        TopicPartition tp = new TopicPartition("sfdc.cdc.quote", 0);
        traffic.createTopic(tp.topic(), 1);
        traffic.produce(tp.topic(), 0, minutesAgo(40), 1);
        traffic.produceAborted(tp.topic(), 0, minutesAgo(20), 3);
        traffic.commit("sfdc-quotes", tp, 1);

        try (EventAgeTrigger trigger = trigger("sfdc-quotes", null, Duration.ofMinutes(5))) {
            Reading reading = trigger.evaluate();

            assertThat(reading.valueText()).isEqualTo("nothing unconsumed");
            assertThat(reading.breached()).isFalse();
        }
    }
}
