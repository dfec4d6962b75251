package dev.cutover.engine.gates;

import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.engine.copy.ForwardCopy;
import dev.cutover.engine.mirror.LagProbe;
import dev.cutover.engine.mirror.PartitionLag;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.plans.GateName;
import dev.cutover.state.LedgerReading;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Mirror lag at or under {@code gates.in-sync.max-lag} records on every selected partition. Lag
 * counts records, not offsets: on compacted topics and after transactions the offsets have gaps,
 * and a partition ending in a commit marker would never reach "end offset equal".
 *
 * <p>While waiting it also keeps the copy going ({@link ForwardCopy#keepCopying}): an agent found dead
 * is restarted (it resumes exactly where its last saved position says), a copy that failed fails the
 * gate with its reason.
 */
public final class InSyncGate implements Gate {

    /** The readings series of the mirror's lag (records still to copy, all partitions) while in-sync waits. */
    public static final String MIRROR_LAG = "mirror-lag";

    private static final Duration POLL = Duration.ofMillis(500);

    @Override
    public GateName name() {
        return GateName.IN_SYNC;
    }

    @Override
    public Map<String, Object> check(GateContext context) throws GateFailedException {
        boolean restarted = ForwardCopy.of(context).ensureRunning();
        if (restarted) {
            context.progress().note("in-sync: the mirror was not running; restarted it");
        }
        return Map.of("copyRestarted", restarted);
    }

    @Override
    public Map<String, Object> act(GateContext context) {
        return Map.of(); // nothing to change: the mirror does the work, this gate proves it caught up
    }

    /** Polls the lag (counted in records) until every partition is at or under max-lag, or times out. */
    @Override
    public Map<String, Object> verify(GateContext context) throws GateFailedException {
        long maxLag = context.plan().gates().inSync().maxLag();
        Duration timeout = context.plan().gates().inSync().timeout();
        List<TopicPartition> partitions = ClusterInspector.partitions(
                ClusterInspector.describeTopics(context.source(), context.compiled().selectedTopics()));
        try (LagProbe probe = new LagProbe(context.source().properties())) {
            CatchUp catchUp = new CatchUp(context, ForwardCopy.of(context), probe, partitions, maxLag);
            return context.pollUntil(POLL, timeout, catchUp::look, waited -> catchUp.tooSlow(timeout));
        }
    }

    /** One wait for the mirror to catch up: the agent restarts it needed, and the lag at the last look. */
    private static final class CatchUp {

        private final GateContext context;
        private final ForwardCopy copy;
        private final LagProbe probe;
        private final List<TopicPartition> partitions;
        private final long maxLag;
        private int restarts;
        private List<PartitionLag> lags = List.of();

        CatchUp(GateContext context, ForwardCopy copy, LagProbe probe, List<TopicPartition> partitions, long maxLag) {
            this.context = context;
            this.copy = copy;
            this.probe = probe;
            this.partitions = partitions;
            this.maxLag = maxLag;
        }

        /** The evidence once every partition is at or under max-lag; empty to look again. */
        Optional<Map<String, Object>> look(Duration waited) throws GateFailedException {
            ForwardCopy.CopyHealth found = copy.keepCopying();
            if (found.restarted()) {
                restarts++;
                context.progress().note("in-sync: the mirror had stopped; restarted it (" + restarts + ", " + found.summary() + ")");
            }
            lags = probe.probeFrom(positions(copy.copied(), partitions));
            // Over time, for the report's plot of the catch-up.
            context.ledger().addReadings(List.of(new LedgerReading(context.clock().instant(), MIRROR_LAG, total(), false)));
            PartitionLag worst = worst();
            if (worst == null || worst.records() <= maxLag && worst.exact()) {
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("maxLag", maxLag);
                evidence.put("totalLag", total());
                evidence.put("waitedMs", waited.toMillis());
                evidence.put("copyRestarts", restarts);
                evidence.put("lag", describe(lags));
                return Optional.of(evidence);
            }
            context.progress().update(String.format("in-sync: %,d records behind on %d partition(s), worst %s (%,d)",
                    total(), lags.stream().filter(l -> l.records() > maxLag).count(), worst.tp(), worst.records()));
            return Optional.empty();
        }

        GateFailedException tooSlow(Duration timeout) {
            PartitionLag worst = worst();
            return new GateFailedException("mirror lag did not reach " + maxLag + " records within "
                    + timeout.toSeconds() + " s: " + total() + " records behind, worst " + worst.tp()
                    + " with " + worst.records(),
                    "check the mirror (`cutover status`, " + copy.whereToLook() + ") and the clusters' load; raise gates.in-sync.timeout "
                            + "if the backlog is just large, then run `cutover step` again",
                    Map.of("lag", describe(lags)));
        }

        private PartitionLag worst() {
            return lags.stream().max(Comparator.comparingLong(PartitionLag::records)).orElse(null);
        }

        private long total() {
            return lags.stream().mapToLong(PartitionLag::records).sum();
        }
    }

    /** The next source offset of every partition, 0 (nothing copied yet) where the copy has none. */
    private static Map<TopicPartition, Long> positions(Map<TopicPartition, Long> copied, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> result = new HashMap<>();
        partitions.forEach(tp -> result.put(tp, copied.getOrDefault(tp, 0L)));
        return result;
    }

    private static Map<String, Object> describe(List<PartitionLag> lags) {
        Map<String, Object> result = new TreeMap<>();
        lags.forEach(l -> result.put(l.tp().toString(), l.exact() ? l.records() : "<= " + l.records()));
        return result;
    }
}
