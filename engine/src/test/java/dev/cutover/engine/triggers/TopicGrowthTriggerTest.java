package dev.cutover.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.plans.TriggerKind;
import dev.cutover.plans.TriggerSpec;
import dev.cutover.sandbox.OneClusterTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** topic-growth on a real cluster playing the target, with a clock the test moves between samples. */
class TopicGrowthTriggerTest extends OneClusterTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static TargetTraffic traffic;

    private final MutableClock clock = new MutableClock(T0);

    @BeforeAll
    static void startTraffic() {
        traffic = new TargetTraffic(cluster, admin);
    }

    private static TriggerSpec growth(String topic, long above, Duration within) {
        return new TriggerSpec("dlq", TriggerKind.TOPIC_GROWTH, null, topic, null, above, null, null, within);
    }

    private Reading after(TopicGrowthTrigger trigger, Duration step) throws TriggerException {
        clock.advance(step);
        return trigger.evaluate();
    }

    @Test
    void growthCountsRecordsAddedWithinTheSlidingWindowOnly() throws Exception {
        String dlq = "sfdc.dlq";
        traffic.createTopic(dlq, 2);
        traffic.produce(dlq, 0, System.currentTimeMillis(), 500); // before the watch: never counted
        TopicGrowthTrigger trigger = new TopicGrowthTrigger(growth(dlq, 100, Duration.ofMinutes(5)), admin, clock);

        Reading first = trigger.evaluate();
        assertThat(first.value()).isZero();
        assertThat(first.valueText()).isEqualTo("0 records added in 0ms");
        assertThat(first.threshold()).isEqualTo("above 100 records within 5m");
        assertThat(first.breached()).isFalse();

        traffic.produce(dlq, 0, System.currentTimeMillis(), 40);
        traffic.produce(dlq, 1, System.currentTimeMillis(), 20);
        Reading oneMinute = after(trigger, Duration.ofMinutes(1)); // t0+1m: 60 added
        assertThat(oneMinute.value()).isEqualTo(60);
        assertThat(oneMinute.valueText()).isEqualTo("60 records added in 1m");
        assertThat(oneMinute.breached()).isFalse();

        traffic.produce(dlq, 1, System.currentTimeMillis(), 50);
        Reading twoMinutes = after(trigger, Duration.ofMinutes(1)); // t0+2m: 110 added since t0
        assertThat(twoMinutes.value()).isEqualTo(110);
        assertThat(twoMinutes.breached()).isTrue();
        assertThat(twoMinutes.kind()).isEqualTo("topic-growth");
        assertThat(twoMinutes.at()).isEqualTo(T0.plus(Duration.ofMinutes(2)));

        // t0+6m: the window starts at t0+1m, so the 60 records before that sample no longer count.
        Reading sixMinutes = after(trigger, Duration.ofMinutes(4));
        assertThat(sixMinutes.value()).isEqualTo(50);
        assertThat(sixMinutes.valueText()).isEqualTo("50 records added in 5m");
        assertThat(sixMinutes.breached()).isFalse();

        // t0+12m: nothing written since the t0+6m sample, the newest at or before the window's start.
        Reading twelveMinutes = after(trigger, Duration.ofMinutes(6));
        assertThat(twelveMinutes.value()).isZero();
        assertThat(twelveMinutes.valueText()).isEqualTo("0 records added in 6m");
    }

    @Test
    void evaluationsFurtherApartThanTheWindowStillSeeABurst() throws Exception {
        String dlq = "sfdc.dlq.sparse";
        traffic.createTopic(dlq, 1);
        TopicGrowthTrigger trigger = new TopicGrowthTrigger(growth(dlq, 10, Duration.ofSeconds(10)), admin, clock);
        trigger.evaluate();

        traffic.produce(dlq, 0, System.currentTimeMillis(), 25);
        Reading reading = after(trigger, Duration.ofSeconds(30));

        assertThat(reading.value()).isEqualTo(25);
        assertThat(reading.valueText()).as("the span measured is said").isEqualTo("25 records added in 30s");
        assertThat(reading.breached()).isTrue();
    }

    @Test
    void aTopicCreatedByItsFirstWritesCountsThoseWritesAsGrowth() throws Exception {
        String dlq = "sfdc.dlq.late";
        TopicGrowthTrigger trigger = new TopicGrowthTrigger(growth(dlq, 10, Duration.ofMinutes(5)), admin, clock);

        Reading missing = trigger.evaluate();
        assertThat(missing.value()).isZero();
        assertThat(missing.breached()).isFalse();
        assertThat(missing.detail()).isEqualTo("topic sfdc.dlq.late does not exist on the target");

        traffic.createTopic(dlq, 1);
        traffic.produce(dlq, 0, System.currentTimeMillis(), 11);
        Reading created = after(trigger, Duration.ofSeconds(30));
        assertThat(created.value()).isEqualTo(11);
        assertThat(created.valueText()).isEqualTo("11 records added in 30s");
        assertThat(created.breached()).isTrue();
        assertThat(created.detail()).isEmpty();
    }

    @Test
    void aTopicDeletedAndCreatedAgainStartsItsSamplesOver() throws Exception {
        String dlq = "sfdc.dlq.recreated";
        traffic.createTopic(dlq, 1);
        traffic.produce(dlq, 0, System.currentTimeMillis(), 30);
        TopicGrowthTrigger trigger = new TopicGrowthTrigger(growth(dlq, 10, Duration.ofMinutes(5)), admin, clock);
        trigger.evaluate();

        traffic.deleteTopic(dlq);
        traffic.createTopic(dlq, 1);
        traffic.produce(dlq, 0, System.currentTimeMillis(), 5);
        Reading reading = after(trigger, Duration.ofSeconds(10));

        assertThat(reading.value()).as("not 5 - 30").isZero();
        assertThat(reading.breached()).isFalse();
    }
}
