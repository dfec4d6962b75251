package dev.cutover.engine.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.engine.agent.LedgerProgressStore;
import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.engine.mirror.CopyLag;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.mirror.PartitionLag;
import dev.cutover.engine.run.FakeTime;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.Progress;
import dev.cutover.state.Ledger;
import dev.cutover.state.MirrorDirection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one drain loop, to the end and up to a mark: given an agent that heartbeats and a copy that
 * moves (or stands) while the drain sleeps, when the drain waits, then it returns the positions
 * once nothing but transaction markers is left, and fails at the deadline saying how much is left.
 * No cluster: a real ledger file holds the agent and its saved positions, the side copied from is a
 * script, and the time is fake, so a 600 ms standing check and a 2 s deadline take milliseconds.
 */
class MirrorDrainTest {

    private static final TopicPartition ACCOUNT = new TopicPartition("sfdc.cdc.account", 0);
    private static final TopicPartition ORDER = new TopicPartition("sfdc.pe.order", 0);
    /** An agent on another machine: only its heartbeat tells whether it lives, and it was just written. */
    private static final long AGENT_PID = 4242;

    @TempDir
    Path dir;

    private Ledger ledger;
    private final FakeTime time = new FakeTime();
    private final List<String> progress = new ArrayList<>();
    private final ScriptedSide side = new ScriptedSide();

    @BeforeEach
    void agentRunning() {
        ledger = Ledger.open(dir.resolve("cutover.db"));
        ledger.registerAgent(AGENT_PID, "another-host", Instant.now());
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void aMovingCopyIsDrainedWhenItReachesTheEndWithoutCountingRecords() throws Exception {
        side.end(ACCOUNT, 30).end(ORDER, 10);
        Copy copy = new Copy(MirrorDirection.FORWARD).every(ACCOUNT, 10).every(ORDER, 10);

        Map<TopicPartition, CopyPosition> drained = drain(MirrorDirection.FORWARD, List.of(ACCOUNT, ORDER), null,
                Duration.ofSeconds(30));

        assertThat(drained.get(ACCOUNT).nextSourceOffset()).isEqualTo(30);
        assertThat(drained.get(ORDER).nextSourceOffset()).isEqualTo(10);
        assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(300));
        assertThat(side.probes).as("offsets alone tell a moving copy").isZero();
        assertThat(progress.get(0)).isEqualTo("draining the forward mirror, 40 records to go");
        assertThat(copy.saves).isEqualTo(3);
    }

    @Test
    void aCopyStandingShortOfTheEndByATransactionMarkerIsDrainedOnceItStoodStill() throws Exception {
        side.end(ACCOUNT, 11).marker(ACCOUNT, 10);
        new Copy(MirrorDirection.FORWARD).at(ACCOUNT, 10);

        Map<TopicPartition, CopyPosition> drained = drain(MirrorDirection.FORWARD, List.of(ACCOUNT), null,
                Duration.ofSeconds(30));

        assertThat(drained.get(ACCOUNT).nextSourceOffset()).isEqualTo(10);
        assertThat(time.elapsed()).isEqualTo(MirrorDrain.STANDING);
        assertThat(side.probes).isEqualTo(1);
    }

    @Test
    void recordsLeftAtTheDeadlineFailTheDrainSayingHowMany() {
        side.end(ACCOUNT, 10).marker(ACCOUNT, 9);
        new Copy(MirrorDirection.FORWARD).at(ACCOUNT, 5);

        MirrorDrain.NotDrained e = catchThrowableOfType(MirrorDrain.NotDrained.class,
                () -> drain(MirrorDirection.FORWARD, List.of(ACCOUNT), null, Duration.ofSeconds(2)));

        assertThat(e).hasMessage("the mirror still had 4 records to copy after 2 s");
        assertThat(e.behind()).as("records, counted once the copy stood still").isEqualTo(4);
        assertThat(e.partitionsBehind()).isEqualTo(1);
        assertThat(e.agentFailed()).isFalse();
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void upToAMarkTheDrainEndsWhileProducersKeepMovingTheEnd() throws Exception {
        side.end(ACCOUNT, 9).end(ORDER, 5);
        Map<TopicPartition, Long> mark = Map.of(ACCOUNT, 9L, ORDER, 5L);
        // Producers write 5 records a poll on each partition; the copy follows at 3 on one and is past the mark on
        // the other, except for a commit marker it stands on at the first partition's mark.
        time.onSleep(() -> side.end(ACCOUNT, side.ends.get(ACCOUNT) + 5).end(ORDER, side.ends.get(ORDER) + 5));
        new Copy(MirrorDirection.REVERSE).every(ACCOUNT, 3).at(ORDER, 5).every(ORDER, 5);

        Map<TopicPartition, CopyPosition> drained = drain(MirrorDirection.REVERSE, List.of(ACCOUNT, ORDER), mark,
                Duration.ofSeconds(30));

        assertThat(drained.get(ACCOUNT).nextSourceOffset()).isEqualTo(9);
        assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(300));
        assertThat(progress.get(0)).isEqualTo("draining the reverse mirror up to its mark, 9 records to go");
    }

    @Test
    void upToAMarkAPartitionStandingOnAMarkerIsDrainedThoughTheOthersKeepCopying() throws Exception {
        side.end(ACCOUNT, 10).marker(ACCOUNT, 9).end(ORDER, 5);
        time.onSleep(() -> side.end(ORDER, side.ends.get(ORDER) + 5));
        new Copy(MirrorDirection.REVERSE).at(ACCOUNT, 9).at(ORDER, 5).every(ORDER, 5);

        drain(MirrorDirection.REVERSE, List.of(ACCOUNT, ORDER), Map.of(ACCOUNT, 10L, ORDER, 5L), Duration.ofSeconds(30));

        assertThat(time.elapsed()).as("the order copy moving past its mark does not hide that the account copy stands")
                .isEqualTo(MirrorDrain.STANDING);
    }

    @Test
    void anAgentThatFailedEndsTheDrainAtOnceWithItsReason() {
        side.end(ACCOUNT, 10);
        ledger.agentHeartbeat(AGENT_PID, "FAILED", "data loss on sfdc.cdc.account-0");

        MirrorDrain.NotDrained e = catchThrowableOfType(MirrorDrain.NotDrained.class,
                () -> drain(MirrorDirection.FORWARD, List.of(ACCOUNT), null, Duration.ofSeconds(30)));

        assertThat(e).hasMessage("the mirror agent failed: data loss on sfdc.cdc.account-0");
        assertThat(e.agentFailed()).isTrue();
        assertThat(time.elapsed()).isZero();
    }

    private Map<TopicPartition, CopyPosition> drain(MirrorDirection direction, List<TopicPartition> partitions,
                                                    Map<TopicPartition, Long> mark, Duration timeout) throws Exception {
        GateContext context = new GateContext(null, null, null, ledger, new MirrorAgentSupervisor(ledger.file()), time,
                new Progress() {
                    @Override
                    public void update(String line) {
                        progress.add(line);
                    }

                    @Override
                    public void note(String line) {
                        progress.add(line);
                    }
                });
        return MirrorDrain.drain(context, direction, partitions, mark, timeout, side);
    }

    /** The agent's copy: saves its positions to the ledger, and moves them on every sleep of the drain. */
    private final class Copy {

        private final LedgerProgressStore store;
        private final Map<TopicPartition, Long> next = new HashMap<>();
        private final Map<TopicPartition, Long> step = new HashMap<>();
        int saves;

        Copy(MirrorDirection direction) {
            store = new LedgerProgressStore(ledger, direction);
            time.onSleep(this::copy);
        }

        Copy at(TopicPartition tp, long offset) {
            next.put(tp, offset);
            save();
            return this;
        }

        /** Copies {@code records} more a poll, never past the end. */
        Copy every(TopicPartition tp, long records) {
            step.put(tp, records);
            return this;
        }

        private void copy() {
            step.forEach((tp, n) -> next.put(tp, Math.min(side.ends.get(tp), next.getOrDefault(tp, 0L) + n)));
            save();
            saves++;
        }

        private void save() {
            Map<TopicPartition, CopyPosition> positions = new HashMap<>();
            next.forEach((tp, o) -> positions.put(tp, new CopyPosition(o, o)));
            store.save(positions, List.of());
        }
    }

    /** The side copied from: the last stable offset of each partition, and which offsets hold transaction markers. */
    private static final class ScriptedSide implements CopyLag {

        final Map<TopicPartition, Long> ends = new HashMap<>();
        private final Map<TopicPartition, Set<Long>> markers = new HashMap<>();
        int probes;

        ScriptedSide end(TopicPartition tp, long end) {
            ends.put(tp, end);
            return this;
        }

        ScriptedSide marker(TopicPartition tp, long offset) {
            markers.computeIfAbsent(tp, k -> new HashSet<>()).add(offset);
            return this;
        }

        @Override
        public Map<TopicPartition, Long> offsetsBehind(Map<TopicPartition, CopyPosition> positions) {
            Map<TopicPartition, Long> behind = new HashMap<>();
            positions.forEach((tp, p) -> behind.put(tp, Math.max(0, ends.get(tp) - p.nextSourceOffset())));
            return behind;
        }

        @Override
        public List<PartitionLag> probe(Map<TopicPartition, CopyPosition> positions) {
            probes++;
            List<PartitionLag> lags = new ArrayList<>();
            positions.forEach((tp, p) -> {
                long end = ends.get(tp);
                long records = 0;
                for (long o = p.nextSourceOffset(); o < end; o++) {
                    records += markers.getOrDefault(tp, Set.of()).contains(o) ? 0 : 1;
                }
                lags.add(new PartitionLag(tp, records, true, end, p.nextSourceOffset()));
            });
            return lags;
        }
    }
}
