package dev.cutover.engine.producers;

import dev.cutover.engine.agent.AgentFailedException;
import dev.cutover.engine.agent.LedgerProgressStore;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.mirror.LagProbe;
import dev.cutover.engine.mirror.PartitionLag;
import dev.cutover.state.MirrorDirection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the mirror has copied every record of the given partitions (lag 0, counted in
 * records, exact), keeping the agent alive meanwhile. Either direction: forward copies source
 * partitions to the target, reverse target partitions to the source.
 */
public final class MirrorDrain {

    private static final Duration POLL = Duration.ofMillis(100);
    /** Saved positions unchanged this long (over two of the agent's saves) mean the copy stands still. */
    private static final Duration STANDING = Duration.ofMillis(600);

    /** The mirror did not reach the end in time, or its agent failed. */
    public static final class NotDrained extends Exception {
        NotDrained(String message) {
            super(message);
        }
    }

    private MirrorDrain() {
    }

    /** Returns the copy positions at the moment every partition was drained. */
    public static Map<TopicPartition, CopyPosition> await(GateContext context, List<TopicPartition> partitions, Duration timeout)
            throws NotDrained {
        return await(context, MirrorDirection.FORWARD, partitions, timeout);
    }

    public static Map<TopicPartition, CopyPosition> await(GateContext context, MirrorDirection direction,
                                                   List<TopicPartition> partitions, Duration timeout) throws NotDrained {
        try (LagProbe probe = new LagProbe((direction == MirrorDirection.FORWARD ? context.source() : context.target()).properties())) {
            return await(context, direction, partitions, timeout, probe);
        }
    }

    /** As above, with a probe the caller opened (and closes) on the side being copied from. */
    public static Map<TopicPartition, CopyPosition> await(GateContext context, MirrorDirection direction,
                                                          List<TopicPartition> partitions, Duration timeout, LagProbe probe)
            throws NotDrained {
        Instant deadline = context.clock().instant().plus(timeout);
        Map<TopicPartition, CopyPosition> previous = null;
        long standingSince = System.nanoTime();
        while (true) {
            try {
                context.agents().keepRunning(context.ledger());
            } catch (AgentFailedException e) {
                throw new NotDrained(e.getMessage());
            }
            Map<TopicPartition, CopyPosition> saved = new LedgerProgressStore(context.ledger(), direction).load();
            Map<TopicPartition, CopyPosition> positions = new HashMap<>();
            partitions.forEach(tp -> positions.put(tp, saved.getOrDefault(tp, new CopyPosition(0, 0))));
            // Offsets first (one admin request): while the copy still moves, records remain and counting
            // them exactly (a read per partition) would only slow the wait down. Only offsets that stay
            // behind with the copy standing still are read, to tell transaction markers from records.
            Map<TopicPartition, Long> offsets = probe.offsetsBehind(positions);
            long behind = offsets.values().stream().mapToLong(Long::longValue).sum();
            if (behind == 0) {
                return positions;
            }
            if (!positions.equals(previous)) {
                previous = positions;
                standingSince = System.nanoTime();
            } else if (System.nanoTime() - standingSince >= STANDING.toNanos()) {
                List<PartitionLag> lags = probe.probe(positions);
                behind = lags.stream().mapToLong(PartitionLag::records).sum();
                if (behind == 0 && lags.stream().allMatch(PartitionLag::exact)) {
                    return positions;
                }
            }
            if (context.clock().instant().isAfter(deadline)) {
                throw new NotDrained("the mirror still had " + behind + " records to copy after " + timeout.toSeconds() + " s");
            }
            context.progress().update(String.format("draining the %s mirror, %,d records to go", direction.label(), behind));
            try {
                Thread.sleep(POLL.toMillis()); // polling the agent's saved progress, with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotDrained("interrupted while draining the mirror");
            }
        }
    }
}
