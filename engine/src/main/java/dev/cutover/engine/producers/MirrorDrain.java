package dev.cutover.engine.producers;

import dev.cutover.engine.agent.AgentFailedException;
import dev.cutover.engine.agent.LedgerProgressStore;
import dev.cutover.engine.mirror.CopyLag;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.mirror.LagProbe;
import dev.cutover.engine.mirror.PartitionLag;
import dev.cutover.engine.run.GateContext;
import dev.cutover.state.MirrorDirection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the mirror has copied every record of the given partitions (lag 0, counted in
 * records, exact), keeping the agent alive meanwhile. Either direction: forward copies source
 * partitions to the target, reverse target partitions to the source.
 *
 * <p>Without a mark it waits for the partitions' end as it is at each look (the producers are
 * stopped, so the end stands). With a mark (next offsets taken once, on the side copied from) it
 * waits only up to it: producers that keep writing would otherwise move the end away for ever.
 *
 * <p>Either way it reads offsets first (one admin request): while the copy moves, records remain,
 * and counting them (a read per partition) would only slow the wait. Only partitions that stay short
 * while their copy stands still are counted, to tell transaction markers (lag 0) from records.
 */
public final class MirrorDrain {

    private static final Duration POLL = Duration.ofMillis(100);
    /** Saved positions unchanged this long (over two of the agent's saves) mean the copy stands still. */
    static final Duration STANDING = Duration.ofMillis(600);

    /** The mirror did not reach the end (or the mark) in time, or its agent failed. */
    public static final class NotDrained extends Exception {

        private final long behind;
        private final int partitionsBehind;

        NotDrained(String message, long behind, int partitionsBehind) {
            super(message);
            this.behind = behind;
            this.partitionsBehind = partitionsBehind;
        }

        NotDrained(AgentFailedException failed) {
            super(failed.getMessage(), failed);
            this.behind = -1;
            this.partitionsBehind = -1;
        }

        /** True when the agent failed: restarting it (or waiting longer) would not help. */
        public boolean agentFailed() {
            return getCause() instanceof AgentFailedException;
        }

        /** Records (offsets, while the copy still moved) left to copy at the deadline; -1 when the agent failed. */
        public long behind() {
            return behind;
        }

        /** Partitions short of the end (or the mark) at the deadline; -1 when the agent failed. */
        public int partitionsBehind() {
            return partitionsBehind;
        }
    }

    private final GateContext context;
    private final MirrorDirection direction;
    private final List<TopicPartition> partitions;
    /** Null: up to the end as it is at each look. */
    private final Map<TopicPartition, Long> mark;
    private final CopyLag lag;
    /** The positions of the partitions still short at the last look, and since when they stand. */
    private Map<TopicPartition, CopyPosition> previous;
    private long standingSince;
    private long behind;
    private int partitionsBehind;

    private MirrorDrain(GateContext context, MirrorDirection direction, List<TopicPartition> partitions,
                        Map<TopicPartition, Long> mark, CopyLag lag) {
        this.context = context;
        this.direction = direction;
        this.partitions = List.copyOf(partitions);
        this.mark = mark == null ? null : Map.copyOf(mark);
        this.lag = lag;
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
        return drain(context, direction, partitions, null, timeout, probe);
    }

    /**
     * Waits until the copy reached {@code mark} on each of its partitions (next offsets on the side
     * copied from, e.g. the ends taken when the wait began), with a probe the caller opened on that side.
     */
    public static Map<TopicPartition, CopyPosition> awaitUpTo(GateContext context, MirrorDirection direction,
                                                              Map<TopicPartition, Long> mark, Duration timeout, LagProbe probe)
            throws NotDrained {
        return drain(context, direction, List.copyOf(mark.keySet()), mark, timeout, probe);
    }

    /** The one drain loop; {@code mark} null drains to the end. */
    static Map<TopicPartition, CopyPosition> drain(GateContext context, MirrorDirection direction, List<TopicPartition> partitions,
                                                   Map<TopicPartition, Long> mark, Duration timeout, CopyLag lag)
            throws NotDrained { // for testing, with a scripted lag
        MirrorDrain drain = new MirrorDrain(context, direction, partitions, mark, lag);
        return context.pollUntil(POLL, timeout, drain::look, waited -> drain.notDrained(timeout));
    }

    private Optional<Map<TopicPartition, CopyPosition>> look(Duration waited) throws NotDrained {
        try {
            context.agents().keepRunning(context.ledger());
        } catch (AgentFailedException e) {
            throw new NotDrained(e);
        }
        Map<TopicPartition, CopyPosition> saved = new LedgerProgressStore(context.ledger(), direction).load();
        Map<TopicPartition, CopyPosition> positions = new HashMap<>();
        partitions.forEach(tp -> positions.put(tp, saved.getOrDefault(tp, new CopyPosition(0, 0))));
        Map<TopicPartition, Long> offsets = mark == null ? lag.offsetsBehind(positions) : behindMark(positions);
        Map<TopicPartition, CopyPosition> shortOf = new HashMap<>();
        offsets.forEach((tp, n) -> {
            if (n > 0) {
                shortOf.put(tp, positions.get(tp));
            }
        });
        behind = offsets.values().stream().mapToLong(Long::longValue).sum();
        partitionsBehind = shortOf.size();
        if (shortOf.isEmpty()) {
            return Optional.of(positions);
        }
        // Only the short partitions' positions: past a mark, producers writing meanwhile keep the others moving.
        if (!shortOf.equals(previous)) {
            previous = shortOf;
            standingSince = context.time().nanos();
        } else if (context.time().nanos() - standingSince >= STANDING.toNanos()) {
            List<PartitionLag> records = lag.probe(shortOf).stream().filter(l -> !l.caughtUp()).toList();
            if (records.isEmpty()) {
                return Optional.of(positions);
            }
            partitionsBehind = records.size();
            behind = mark == null ? records.stream().mapToLong(PartitionLag::records).sum()
                    : records.stream().mapToLong(l -> offsets.get(l.tp())).sum();
        }
        context.progress().update(String.format("draining the %s mirror%s, %,d records to go", direction.label(),
                mark == null ? "" : " up to its mark", behind));
        return Optional.empty();
    }

    private Map<TopicPartition, Long> behindMark(Map<TopicPartition, CopyPosition> positions) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        positions.forEach((tp, p) -> offsets.put(tp, Math.max(0, mark.get(tp) - p.nextSourceOffset())));
        return offsets;
    }

    private NotDrained notDrained(Duration timeout) {
        return new NotDrained("the mirror still had " + behind + " records to copy" + (mark == null ? "" : " up to its mark")
                + " after " + timeout.toSeconds() + " s", behind, partitionsBehind);
    }
}
