package dev.cutover.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.plans.TriggerKind;
import dev.cutover.plans.TriggerSpec;
import dev.cutover.sandbox.OneClusterTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** consumer-lag on a real cluster playing the target; each test has its own topics and groups. */
class ConsumerLagTriggerTest extends OneClusterTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static TargetTraffic traffic;

    private final MutableClock clock = new MutableClock(T0);

    @BeforeAll
    static void startTraffic() {
        traffic = new TargetTraffic(cluster, admin);
    }

    private static TriggerSpec lag(String name, String group, String topic, long above, Duration forDuration) {
        return new TriggerSpec(name, TriggerKind.CONSUMER_LAG, group, topic, null, above, null, forDuration, null);
    }

    @Test
    void lagRisesAboveTheThresholdWhenRecordsArriveAfterTheGroupsCommit() throws Exception {
        traffic.createTopic("sfdc.cdc.account", 2);
        traffic.produce("sfdc.cdc.account", 0, System.currentTimeMillis(), 6);
        traffic.produce("sfdc.cdc.account", 1, System.currentTimeMillis(), 4);
        traffic.consumeAndCommit("sfdc-notify", "sfdc.cdc.account", 10);
        ConsumerLagTrigger trigger = new ConsumerLagTrigger(lag("notify-lag", "sfdc-notify", null, 20, null), admin, clock);

        Reading caughtUp = trigger.evaluate();
        assertThat(caughtUp.value()).isZero();
        assertThat(caughtUp.valueText()).isEqualTo("lag 0 records");
        assertThat(caughtUp.breached()).isFalse();

        traffic.produce("sfdc.cdc.account", 0, System.currentTimeMillis(), 15);
        traffic.produce("sfdc.cdc.account", 1, System.currentTimeMillis(), 6);
        Reading behind = trigger.evaluate();

        assertThat(behind.value()).isEqualTo(21);
        assertThat(behind.valueText()).isEqualTo("lag 21 records");
        assertThat(behind.threshold()).isEqualTo("above 20 records");
        assertThat(behind.breached()).isTrue();
        assertThat(behind.kind()).isEqualTo("consumer-lag");
        assertThat(behind.at()).isEqualTo(T0);
        assertThat(behind.detail()).isEqualTo("most behind: sfdc.cdc.account-0 (15 records, committed 6, end 21)");
    }

    @Test
    void lagAtExactlyTheThresholdIsNotABreach() throws Exception {
        traffic.createTopic("sfdc.cdc.case", 1);
        traffic.produce("sfdc.cdc.case", 0, System.currentTimeMillis(), 30);
        traffic.commit("sfdc-case", new TopicPartition("sfdc.cdc.case", 0), 10);

        Reading reading = new ConsumerLagTrigger(lag("case-lag", "sfdc-case", null, 20, null), admin, clock).evaluate();

        assertThat(reading.value()).isEqualTo(20);
        assertThat(reading.breached()).isFalse();
    }

    @Test
    void aTopicNarrowsTheLagToThatTopicsPartitions() throws Exception {
        traffic.createTopic("sfdc.cdc.lead", 1);
        traffic.createTopic("sfdc.cdc.contact", 1);
        traffic.produce("sfdc.cdc.lead", 0, System.currentTimeMillis(), 100);
        traffic.produce("sfdc.cdc.contact", 0, System.currentTimeMillis(), 100);
        traffic.commit("sfdc-crm", new TopicPartition("sfdc.cdc.lead", 0), 90);
        traffic.commit("sfdc-crm", new TopicPartition("sfdc.cdc.contact", 0), 40);

        Reading all = new ConsumerLagTrigger(lag("crm", "sfdc-crm", null, 50, null), admin, clock).evaluate();
        Reading lead = new ConsumerLagTrigger(lag("crm-lead", "sfdc-crm", "sfdc.cdc.lead", 50, null), admin, clock).evaluate();

        assertThat(all.value()).isEqualTo(70);
        assertThat(all.breached()).isTrue();
        assertThat(lead.value()).isEqualTo(10);
        assertThat(lead.breached()).isFalse();
    }

    @Test
    void aGroupWithoutCommitsOnTheTargetHasNoLagAndSaysSo() throws Exception {
        Reading reading = new ConsumerLagTrigger(lag("ghost", "sfdc-not-moved-yet", null, 0, null), admin, clock).evaluate();

        assertThat(reading.value()).isZero();
        assertThat(reading.breached()).isFalse();
        assertThat(reading.valueText()).isEqualTo("lag 0 records (group sfdc-not-moved-yet has no committed offsets on the target)");
    }

    @Test
    void commitsForATopicDeletedFromTheTargetAreIgnored() throws Exception {
        traffic.createTopic("sfdc.cdc.retired", 1);
        traffic.createTopic("sfdc.cdc.quote", 1);
        traffic.produce("sfdc.cdc.retired", 0, System.currentTimeMillis(), 50);
        traffic.produce("sfdc.cdc.quote", 0, System.currentTimeMillis(), 50);
        traffic.commit("sfdc-quotes", new TopicPartition("sfdc.cdc.retired", 0), 0);
        traffic.commit("sfdc-quotes", new TopicPartition("sfdc.cdc.quote", 0), 45);
        traffic.deleteTopic("sfdc.cdc.retired");

        Reading reading = new ConsumerLagTrigger(lag("quotes", "sfdc-quotes", null, 10, null), admin, clock).evaluate();

        assertThat(reading.value()).isEqualTo(5);
    }

    @Test
    void theWatchConfirmsARealLagBreachOnlyAfterItHeldForItsDuration() throws Exception {
        traffic.createTopic("sfdc.cdc.opportunity", 1);
        traffic.produce("sfdc.cdc.opportunity", 0, System.currentTimeMillis(), 5);
        traffic.consumeAndCommit("sfdc-warehouse", "sfdc.cdc.opportunity", 5);
        List<Trigger> triggers = Triggers.of(List.of(lag("warehouse-lag", "sfdc-warehouse", null, 100, Duration.ofSeconds(30))),
                admin, cluster.clientProperties(), clock);
        assertThat(triggers).singleElement().isInstanceOf(ConsumerLagTrigger.class);

        try (TriggerWatch watch = new TriggerWatch(triggers, clock)) {
            assertThat(watch.evaluate().breaches()).isEmpty();

            traffic.produce("sfdc.cdc.opportunity", 0, System.currentTimeMillis(), 150);
            clock.advance(Duration.ofSeconds(5));
            Evaluation pending = watch.evaluate();
            assertThat(pending.breaches()).singleElement().satisfies(b -> {
                assertThat(b.since()).isEqualTo(T0.plusSeconds(5));
                assertThat(b.confirmed()).isFalse();
            });

            clock.advance(Duration.ofSeconds(30));
            Evaluation confirmed = watch.evaluate();
            assertThat(confirmed.firstConfirmed()).hasValueSatisfying(b -> {
                assertThat(b.trigger()).isEqualTo("warehouse-lag");
                assertThat(b.reading().value()).isEqualTo(150);
                assertThat(b.since()).isEqualTo(T0.plusSeconds(5));
                assertThat(b.confirmedAt()).isEqualTo(T0.plusSeconds(35));
            });

            traffic.consumeAndCommit("sfdc-warehouse", "sfdc.cdc.opportunity", 150);
            clock.advance(Duration.ofSeconds(5));
            Evaluation cleared = watch.evaluate();
            assertThat(cleared.breaches()).isEmpty();
            assertThat(cleared.readings()).singleElement().satisfies(r -> assertThat(r.value()).isZero());
        }
    }

    @Test
    void anUnreachableTargetIsAFailedReadingNotAnAllClear() {
        Map<String, Object> nowhere = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin dead = Admin.create(nowhere)) {
            ConsumerLagTrigger trigger = new ConsumerLagTrigger(lag("notify-lag", "sfdc-notify", null, 5, null), dead, clock);

            assertThatThrownBy(trigger::evaluate)
                    .isInstanceOf(TriggerException.class)
                    .hasMessageStartingWith("could not list the committed offsets of group sfdc-notify on the target cluster: ");
        }
    }
}
