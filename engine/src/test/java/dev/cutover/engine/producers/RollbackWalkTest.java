package dev.cutover.engine.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.gates.Gate;
import dev.cutover.engine.gates.GateCatalog;
import dev.cutover.engine.rollback.Rollback;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.plans.GateName;
import dev.cutover.state.GateState;
import dev.cutover.state.MirrorDirection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollback walks the gate catalog backwards and runs the undos side by side: the producers
 * go back while the groups do, and the forward mirror starts only once both are done. The real
 * switch-producers gate on fake controls (here, beside the fakes it needs), and a stand-in for
 * move-consumers whose groups take their time.
 */
class RollbackWalkTest {

    @TempDir
    Path dir;

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void producersAreBackOnTheSourceWhileTheGroupsStillReturnAndTheForwardMirrorStartsLast() throws Exception {
        try (SwitchWorldFixture world = switched(new SwitchWorldFixture(dir, "account", "contact").withTraffic(10))) {
            Gate groups = slowGroups(world);
            Rollback rollback = new Rollback(new GateCatalog(List.of(world.gate(), groups)), this::forwardMirror);

            rollback.rollBack(world.context(), "consumer-lag breached for 30 s");

            assertThat(events).as("the groups saw the producers back while they were still returning")
                    .containsSubsequence("groups: producers back", "groups: done", "mirror: " + MirrorDirection.FORWARD.label());
            assertThat(events.get(events.size() - 1)).isEqualTo("mirror: forward");
            for (FakeProducer p : world.producers.values()) {
                assertThat(p.writingOn()).isEqualTo(ClusterSide.SOURCE);
                world.time.sleep(Duration.ofMillis(10));
                ProducerSwitchTest.assertContiguous(world.kafka.ids(ClusterSide.SOURCE, p.topic()), p.topic());
            }
            assertThat(state(world, GateName.SWITCH_PRODUCERS)).isEqualTo(GateState.ROLLED_BACK);
            assertThat(state(world, GateName.MOVE_CONSUMERS)).isEqualTo(GateState.ROLLED_BACK);
            assertThat(state(world, GateName.IN_SYNC)).as("the gates before the switch stay passed").isEqualTo(GateState.PASSED);
            assertThat(state(world, GateName.FINALIZE)).isEqualTo(GateState.PENDING);
        }
    }

    @Test
    void whenTheProducersCannotGoBackTheGroupsStillDoAndTheRollbackRunAgainFinishes() throws Exception {
        try (SwitchWorldFixture world = switched(new SwitchWorldFixture(dir, "account").withTraffic(10))) {
            world.producer("account").failStartOn = ClusterSide.SOURCE;
            Rollback rollback = new Rollback(new GateCatalog(List.of(world.gate(), quickGroups())), this::forwardMirror);

            assertThatThrownBy(() -> rollback.rollBack(world.context(), "breach")).isInstanceOf(GateFailedException.class)
                    .hasMessageContaining("could not start producer account on the source");
            assertThat(state(world, GateName.MOVE_CONSUMERS)).isEqualTo(GateState.ROLLED_BACK);
            assertThat(state(world, GateName.SWITCH_PRODUCERS)).isEqualTo(GateState.PASSED);

            world.producer("account").failStartOn = null;
            rollback.rollBack(world.context(), "breach");

            assertThat(state(world, GateName.SWITCH_PRODUCERS)).isEqualTo(GateState.ROLLED_BACK);
            assertThat(world.producer("account").writingOn()).isEqualTo(ClusterSide.SOURCE);
            world.time.sleep(Duration.ofMillis(10));
            ProducerSwitchTest.assertContiguous(world.kafka.ids(ClusterSide.SOURCE, "sfdc.cdc.account"), "sfdc.cdc.account");
        }
    }

    @Test
    void aRollbackBeforeTheMirrorGatePassedStartsNoMirror() throws Exception {
        try (SwitchWorldFixture world = new SwitchWorldFixture(dir, "account")) {
            world.ledger.transition(GateName.PREFLIGHT.label(), GateState.RUNNING, "started");
            world.ledger.transition(GateName.PREFLIGHT.label(), GateState.FAILED, "a control does not answer");
            Rollback rollback = new Rollback(new GateCatalog(List.of(world.gate(), quickGroups())), this::forwardMirror);

            rollback.rollBack(world.context(), "asked for");

            assertThat(events).as("nothing to undo, and no copy to start").isEmpty();
            assertThat(state(world, GateName.SWITCH_PRODUCERS)).isEqualTo(GateState.PENDING);
        }
    }

    /** The world after a passed switch, with the gates up to observe recorded as a real run leaves them. */
    private static SwitchWorldFixture switched(SwitchWorldFixture world) throws Exception {
        for (GateName g : List.of(GateName.PREFLIGHT, GateName.TOPICS, GateName.MIRROR, GateName.IN_SYNC,
                GateName.SWITCH_PRODUCERS, GateName.MOVE_CONSUMERS)) {
            world.ledger.transition(g.label(), GateState.RUNNING, "started");
            if (g == GateName.SWITCH_PRODUCERS) {
                world.gate().act(world.context());
                world.gate().verify(world.context());
            }
            world.ledger.transition(g.label(), GateState.PASSED, "passed");
        }
        world.ledger.transition(GateName.OBSERVE.label(), GateState.RUNNING, "started");
        for (int i = 0; i < 5; i++) {
            world.time.sleep(Duration.ofMillis(10)); // events written on the target only
        }
        return world;
    }

    private Runnable forwardMirror(GateContext context) {
        return () -> events.add("mirror: " + context.ledger().mirrorDirection().label());
    }

    /** Groups that take a while to go back: they wait (up to 5 s of real time) for the producers to be back first. */
    private Gate slowGroups(SwitchWorldFixture world) {
        return new StandIn(() -> {
            Instant deadline = Instant.now().plusSeconds(5);
            while (world.producers.values().stream().anyMatch(p -> p.writingOn() != ClusterSide.SOURCE)) {
                if (Instant.now().isAfter(deadline)) {
                    events.add("groups: producers still away");
                    return;
                }
                Thread.onSpinWait();
            }
            events.add("groups: producers back");
            events.add("groups: done");
        });
    }

    private Gate quickGroups() {
        return new StandIn(() -> events.add("groups: done"));
    }

    private static GateState state(SwitchWorldFixture world, GateName gate) {
        return world.ledger.gate(gate.label()).state();
    }

    /** move-consumers, reduced to an undo. */
    private record StandIn(Runnable undo) implements Gate {
        @Override
        public GateName name() {
            return GateName.MOVE_CONSUMERS;
        }

        @Override
        public Map<String, Object> check(GateContext context) {
            return Map.of();
        }

        @Override
        public Map<String, Object> act(GateContext context) {
            return Map.of();
        }

        @Override
        public Map<String, Object> verify(GateContext context) {
            return Map.of();
        }

        @Override
        public void undo(GateContext context) {
            undo.run();
        }
    }
}
