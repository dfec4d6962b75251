package dev.cutover.engine.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.gates.SwitchProducersGate;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.state.MirrorDirection;
import dev.cutover.state.MirrorProgress;
import dev.cutover.state.PartitionKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The switch of producers and its put-back, with fake controls, fake clusters, a fake mirror and
 * fake time on a real ledger file: every path runs in milliseconds. Each test ends by checking what
 * a user cares about: every event on the side it belongs to exactly once, in order.
 */
class ProducerSwitchTest {

    @TempDir
    Path dir;

    @Test
    void everyProducerMovesToTheTargetWithNoEventLostOrRepeated() throws Exception {
        try (SwitchWorldFixture world = new SwitchWorldFixture(dir, "account", "contact", "order").withTraffic(20)) {
            SwitchProducersGate gate = world.gate();

            gate.check(world.context());
            gate.act(world.context());
            gate.verify(world.context());
            world.time.sleep(Duration.ofMillis(10)); // they write on the target now

            for (FakeProducer p : world.producers.values()) {
                assertThat(p.writingOn()).isEqualTo(ClusterSide.TARGET);
                assertThat(p.stops).as("stopped once").isEqualTo(1);
                assertThat(p.starts).as("started once").isEqualTo(1);
                assertContiguous(world.kafka.ids(ClusterSide.TARGET, p.topic()), p.topic());
                List<String> source = world.kafka.ids(ClusterSide.SOURCE, p.topic());
                assertThat(world.kafka.ids(ClusterSide.TARGET, p.topic())).startsWith(source.toArray(String[]::new));
            }
            SwitchRecord record = world.record();
            assertThat(record.producers()).extracting(ProducerSwitch::phase).containsOnly(SwitchPhase.VERIFIED);
            assertThat(record.mirrorTurned()).isTrue();
            assertThat(record.switchPoints()).hasSize(3);
            assertThat(record.producers()).allSatisfy(p -> assertThat(p.writePauseMs()).isNotNull());
            assertThat(world.ledger.mirrorDirection()).isEqualTo(MirrorDirection.REVERSE);
            assertThat(world.time.elapsed()).as("one quiesce window for all three").isLessThan(Duration.ofSeconds(2));
            assertThat(record.timings().overheadMs()).isPresent();
        }
    }

    @Test
    void aProducerThatCannotStartOnTheTargetPutsEveryoneBackWithTheTargetEventsCopiedToTheSource() throws Exception {
        try (SwitchWorldFixture world = new SwitchWorldFixture(dir, "account", "contact").withTraffic(10)) {
            world.producer("contact").failStartOn = ClusterSide.TARGET;
            SwitchProducersGate gate = world.gate();

            assertThatThrownBy(() -> gate.act(world.context())).isInstanceOf(GateFailedException.class)
                    .hasMessageContaining("could not start producer contact on the target")
                    .satisfies(e -> assertThat(((GateFailedException) e).remedy())
                            .contains("every producer this gate had stopped was put back on the source"));

            for (FakeProducer p : world.producers.values()) {
                assertThat(p.writingOn()).isEqualTo(ClusterSide.SOURCE);
                world.time.sleep(Duration.ofMillis(10));
                assertContiguous(world.kafka.ids(ClusterSide.SOURCE, p.topic()), p.topic());
            }
            assertThat(world.kafka.ids(ClusterSide.TARGET, "sfdc.cdc.account")).as("account wrote on the target").isNotEmpty();
            assertThat(world.record().producers()).extracting(ProducerSwitch::phase).containsOnly(SwitchPhase.RETURNED);
            assertThat(world.ledger.mirrorDirection()).isEqualTo(MirrorDirection.FORWARD);
            MirrorProgress forward = world.ledger.mirrorProgress(MirrorDirection.FORWARD).get(new PartitionKey("sfdc.cdc.account", 0));
            assertThat(forward.nextTargetOffset()).as("the forward mirror starts past the target's own events")
                    .isEqualTo(world.kafka.ids(ClusterSide.TARGET, "sfdc.cdc.account").size());
            assertThat(world.mirror.calls).endsWith("drain reverse", "run forward");
        }
    }

    @Test
    void aProducerThatGoesOnWritingAfterItsStopFailsTheQuietCheckAndTheNextAttemptStartsOver() throws Exception {
        try (SwitchWorldFixture world = new SwitchWorldFixture(dir, "account", "contact").withTraffic(10)) {
            world.producer("contact").ignoresStop = true;
            SwitchProducersGate gate = world.gate();

            assertThatThrownBy(() -> gate.act(world.context())).isInstanceOf(GateFailedException.class)
                    .hasMessageContaining("contact still writes to the source 5 s after its stop control returned")
                    .satisfies(e -> assertThat(((GateFailedException) e).remedy()).startsWith("make producers.contact.control.stop"));
            assertThat(world.ledger.mirrorDirection()).as("the mirror never turned").isEqualTo(MirrorDirection.FORWARD);
            assertThat(world.producer("account").writingOn()).isEqualTo(ClusterSide.SOURCE);

            world.producer("contact").ignoresStop = false;
            gate.act(world.context());
            gate.verify(world.context());

            assertThat(world.record().producers()).extracting(ProducerSwitch::phase).containsOnly(SwitchPhase.VERIFIED);
            for (FakeProducer p : world.producers.values()) {
                assertThat(p.writingOn()).isEqualTo(ClusterSide.TARGET);
                assertContiguous(world.kafka.ids(ClusterSide.TARGET, p.topic()), p.topic());
            }
        }
    }

    @Test
    void aReportedPositionThatIsNotTheLastEventFailsTheCrossCheckBeforeAnythingStartsOnTheTarget() throws Exception {
        try (SwitchWorldFixture world = new SwitchWorldFixture(dir, "account").withTraffic(10)) {
            world.producer("account").reportsStale = true;

            assertThatThrownBy(() -> world.gate().act(world.context())).isInstanceOf(GateFailedException.class)
                    .hasMessageContaining("producer account reported replay id account-9 but the last record it wrote "
                            + "to the source carries");
            assertThat(world.producer("account").writingOn()).isEqualTo(ClusterSide.SOURCE);
            assertThat(world.kafka.ids(ClusterSide.TARGET, "sfdc.cdc.account")).as("nothing new on the target")
                    .isEqualTo(world.kafka.ids(ClusterSide.SOURCE, "sfdc.cdc.account").subList(0, 10));
        }
    }

    @Test
    void aStartThatRepeatsSourceIdsFailsVerifyAndPutsTheProducerBackAfterItsLastTargetEvent() throws Exception {
        try (SwitchWorldFixture world = new SwitchWorldFixture(dir, "account").withTraffic(10)) {
            world.producer("account").resumesEarlyBy = 2;
            SwitchProducersGate gate = world.gate();
            gate.act(world.context());

            assertThatThrownBy(() -> gate.verify(world.context())).isInstanceOf(GateFailedException.class)
                    .hasMessageContaining("producer account repeated replay ids on the target that the source already holds");
            assertThat(world.producer("account").writingOn()).isEqualTo(ClusterSide.SOURCE);
            assertThat(world.record().producer("account").phase()).isEqualTo(SwitchPhase.RETURNED);
        }
    }

    @Test
    void undoPutsEveryProducerBackAfterTheLastEventItWroteOnTheTarget() throws Exception {
        try (SwitchWorldFixture world = new SwitchWorldFixture(dir, "account", "contact", "order").withTraffic(10)) {
            SwitchProducersGate gate = world.gate();
            gate.act(world.context());
            gate.verify(world.context());
            for (int i = 0; i < 5; i++) {
                world.time.sleep(Duration.ofMillis(10)); // events written on the target only
            }
            Duration before = world.time.elapsed();

            gate.undo(world.context());

            for (FakeProducer p : world.producers.values()) {
                assertThat(p.writingOn()).isEqualTo(ClusterSide.SOURCE);
                world.time.sleep(Duration.ofMillis(10));
                List<String> source = world.kafka.ids(ClusterSide.SOURCE, p.topic());
                assertContiguous(source, p.topic());
                assertThat(source).containsAll(world.kafka.ids(ClusterSide.TARGET, p.topic()));
            }
            assertThat(world.record().producers()).extracting(ProducerSwitch::phase).containsOnly(SwitchPhase.RETURNED);
            assertThat(world.ledger.mirrorDirection()).isEqualTo(MirrorDirection.FORWARD);
            assertThat(world.time.elapsed().minus(before)).as("one quiesce window on the target, for all three")
                    .isLessThan(Duration.ofMillis(1_500));
            assertThat(world.mirror.calls).as("the forward mirror is left to the rollback").doesNotContain("run forward");
        }
    }

    @Test
    void aProducerThatCannotStopOnTheTargetKeepsEveryoneOffTheSourceUntilTheUndoRunsAgain() throws Exception {
        try (SwitchWorldFixture world = new SwitchWorldFixture(dir, "account", "contact").withTraffic(10)) {
            SwitchProducersGate gate = world.gate();
            gate.act(world.context());
            gate.verify(world.context());
            world.producer("contact").failStopOn = ClusterSide.TARGET;

            assertThatThrownBy(() -> gate.undo(world.context())).isInstanceOf(GateFailedException.class)
                    .hasMessageContaining("could not stop producer contact on the target")
                    .hasMessageContaining("account is verified");
            assertThat(world.producer("account").writingOn()).as("stopped, not started on the source").isNull();
            assertThat(world.ledger.mirrorDirection()).isEqualTo(MirrorDirection.REVERSE);

            world.producer("contact").failStopOn = null;
            gate.undo(world.context());

            for (FakeProducer p : world.producers.values()) {
                assertThat(p.writingOn()).isEqualTo(ClusterSide.SOURCE);
                world.time.sleep(Duration.ofMillis(10));
                assertContiguous(world.kafka.ids(ClusterSide.SOURCE, p.topic()), p.topic());
            }
            assertThat(world.producer("account").stops).as("account was not stopped on the target twice").isEqualTo(2);
        }
    }

    @Test
    void theEvidenceReadsBackAsItWasWritten() throws Exception {
        try (SwitchWorldFixture world = new SwitchWorldFixture(dir, "account", "contact").withTraffic(5)) {
            world.gate().act(world.context());
            SwitchRecord written = world.record();

            SwitchRecord again = SwitchRecord.from(SwitchCodec.write(written));

            assertThat(SwitchCodec.write(again)).isEqualTo(SwitchCodec.write(written));
            assertThat(again.switchPoints()).isEqualTo(written.switchPoints()).containsKey(
                    new org.apache.kafka.common.TopicPartition("sfdc.cdc.account", 0));
            assertThat(SwitchCodec.partition("sfdc.cdc-account-12")).isEqualTo(
                    new org.apache.kafka.common.TopicPartition("sfdc.cdc-account", 12));
        }
    }

    /** Replay ids {@code NAME-1 .. NAME-n}, each once and in order, as the producer emitted them. */
    static void assertContiguous(List<String> ids, String topic) {
        assertThat(new LinkedHashSet<>(ids)).as(topic + ": no id repeated").hasSize(ids.size());
        List<Integer> numbers = new ArrayList<>();
        ids.forEach(id -> numbers.add(Integer.parseInt(id.substring(id.lastIndexOf('-') + 1))));
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).as(topic + ": event " + (i + 1) + " in order, none lost").isEqualTo(i + 1);
        }
    }
}
