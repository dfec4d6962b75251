package dev.cutover.engine.producers;

import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.state.MirrorDirection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The mirror as the switch and its return use it: kept running, drained, its agent's exit awaited.
 * Which way it copies, and from where, is the ledger's (the turnarounds write it in one transaction
 * each); {@link AgentSwitchMirror} drives the embedded agent; a unit test gives a fake.
 */
public interface SwitchMirror extends AutoCloseable {

    /** Makes sure an agent runs in the ledger's direction; one the ledger asked to stop is replaced once it is gone. */
    void ensureRunning();

    /**
     * Opens what a drain of {@code partitions} will need (a probe's connections), before the
     * producers' write pause begins.
     */
    default void prepare(List<TopicPartition> partitions) {
    }

    /**
     * Waits until the mirror in {@code direction} has copied every record of {@code partitions}.
     *
     * @return the copy positions at that moment
     */
    Map<TopicPartition, CopyPosition> drain(MirrorDirection direction, List<TopicPartition> partitions, Duration timeout)
            throws MirrorDrain.NotDrained;

    @Override
    default void close() {
    }
}
