package dev.cutover.engine.producers;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.agent.LedgerProgressStore;
import dev.cutover.engine.connect.ConnectRestClient;
import dev.cutover.engine.connect.ConnectorStatus;
import dev.cutover.engine.connect.MirrorOnConnect;
import dev.cutover.engine.connect.MirrorSourceOffsets;
import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.consumers.RecordFingerprint;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.mirror.LagProbe;
import dev.cutover.engine.mirror.MirrorOwnTopics;
import dev.cutover.engine.mirror.PartitionLag;
import dev.cutover.engine.run.GateContext;
import dev.cutover.plans.PropertyResolver;
import dev.cutover.state.MirrorDirection;
import dev.cutover.state.MirrorProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The switch's mirror on {@code mirror.engine: connect}: MirrorMaker 2's connectors on the plan's
 * Connect cluster, one direction at a time. The forward pair copies source to target until the
 * switch; the reverse connector copies the producers' topics target to source after it.
 *
 * <p>Invariant: at most one direction has tasks. A drain runs once the side copied from is quiet
 * (its writers stopped) and waits until the connector's committed offsets (exactly-once: committed
 * with the copies) reach the end of every partition there; the connector then has nothing left to
 * write, so the other side's ends are read as they are: the switch points, saved as the direction's
 * positions. The other direction starts only after Connect reports this one STOPPED with no task
 * left ({@link #ensureRunning} stops it first, waiting). A connector is started
 * at the ledger's positions of its direction: while STOPPED its offsets are moved forward to them
 * through the offsets API (KIP-875), never back (its own committed offsets, if further, stand), then
 * it is resumed. So the reverse connector, created STOPPED (KIP-980), copies from the first record a
 * producer wrote on the target; the forward one, after a rollback, from past the records the reverse
 * one wrote to the source; and a kill at any step leaves positions that a rerun reaches again.
 */
public final class ConnectSwitchMirror implements SwitchMirror {

    private static final Duration POLL = Duration.ofMillis(200);
    /** How long a stop may take: a task's stop waits for its poll in flight and its last commit. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    private final GateContext context;
    private final MirrorOnConnect connect;
    private final ConnectRestClient client;
    private final SwitchTopics topics;
    private LagProbe sourceProbe;
    private LagProbe targetProbe;

    public ConnectSwitchMirror(GateContext context, MirrorOnConnect connect, SwitchTopics topics) {
        this.context = context;
        this.connect = connect;
        this.client = connect.client();
        this.topics = topics;
    }

    /** The plan's connectors, with secrets resolved from this process's environment. */
    public static ConnectSwitchMirror of(GateContext context, SwitchTopics topics) {
        return new ConnectSwitchMirror(context, MirrorOnConnect.of(context.compiled(), context.source(), context.target(),
                new PropertyResolver()), topics);
    }

    /** The connectors of the ledger's direction running from its positions, the other direction's stopped first. */
    @Override
    public void ensureRunning() {
        try {
            if (context.ledger().mirrorDirection() == MirrorDirection.REVERSE) {
                stopAndAwait(connect.connectors().sourceName());
                stopAndAwait(connect.connectors().checkpointName());
                // Its offsets topic on the source, made before the connector: Connect creates it only when a
                // task starts, and the offsets must be read and moved while it is stopped.
                topics.ensureCompacted(ClusterSide.SOURCE, connect.reverse().get("offsets.storage.topic"));
                if (client.createStopped(connect.reverseName(), connect.reverse())) {
                    context.ledger().audit("switch-producers", "deployed", connect.reverseName() + " created STOPPED on " + client.url());
                }
                startAt(connect.reverseName(), MirrorOwnTopics.TARGET, MirrorDirection.REVERSE);
            } else {
                if (client.exists(connect.reverseName())) {
                    stopAndAwait(connect.reverseName());
                }
                if (client.exists(connect.connectors().sourceName())) { // else the mirror gate's deploy is still to come
                    startAt(connect.connectors().sourceName(), MirrorOwnTopics.SOURCE, MirrorDirection.FORWARD);
                    resumeIfHeld(connect.connectors().checkpointName());
                }
            }
        } catch (ControlException e) {
            throw new CutoverException(ExitCode.FAILED, e.getMessage(), null,
                    "check that Kafka Connect answers at " + client.url() + " (mirror.connect.url), then run the same command again", e);
        }
    }

    @Override
    public void prepare(List<TopicPartition> partitions) {
        probe(MirrorDirection.FORWARD).connect(partitions);
    }

    /**
     * Waits until the connector of {@code direction} has copied every record of {@code partitions} (the
     * side it copies from is quiet) and returns the positions: its next offsets on the side copied
     * from, the other side's ends on the other. The forward positions are saved in the ledger.
     */
    @Override
    public Map<TopicPartition, CopyPosition> drain(MirrorDirection direction, List<TopicPartition> partitions, Duration timeout)
            throws MirrorDrain.NotDrained {
        String name = direction == MirrorDirection.FORWARD ? connect.connectors().sourceName() : connect.reverseName();
        ClusterSide from = direction == MirrorDirection.FORWARD ? ClusterSide.SOURCE : ClusterSide.TARGET;
        Look look = new Look(name, partitions, probe(direction), from);
        // Not stopped here: drained, with nothing left to read on a quiet side, it writes nothing more, and
        // the other direction starts only once it is stopped (ensureRunning, after the producers started:
        // its stop is not part of their write pause). A commit marker still to come lands at or past
        // these ends, where a reader skips it.
        Map<TopicPartition, CopyPosition> points = context.pollUntil(POLL, timeout, look::drained, waited -> look.notDrained(timeout));
        if (direction == MirrorDirection.FORWARD) {
            List<MirrorProgress> rows = new ArrayList<>();
            points.forEach((tp, p) -> rows.add(new MirrorProgress(tp.topic(), tp.partition(), p.nextSourceOffset(),
                    p.nextTargetOffset(), null)));
            // The forward copy's last positions: what the translation of group offsets reads as "mirrored".
            context.ledger().saveMirrorProgress(MirrorDirection.FORWARD, rows, List.of());
        }
        context.progress().note("mirror: " + name + " drained (" + partitions.size() + " partitions)");
        return points;
    }

    /**
     * finalize: waits until the reverse connector has copied every record of the target below
     * {@code mark} (its ends taken when the wait began: producers keep writing). A partition whose
     * connector stands short of the mark is drained when no committed record lies between (a
     * transactional producer's last commit marker is not a record).
     *
     * @return the connector's next target offsets at that moment
     */
    public Map<TopicPartition, Long> drainUpTo(Map<TopicPartition, Long> mark, Duration timeout) throws MirrorDrain.NotDrained {
        String name = connect.reverseName();
        Map<TopicPartition, Long> last = new HashMap<>();
        long[] standingSince = {context.time().nanos()};
        return context.pollUntil(POLL, timeout, waited -> {
            Map<TopicPartition, Long> committed;
            try {
                committed = MirrorSourceOffsets.nextOffsets("the offsets of " + name, client.offsets(name));
            } catch (ControlException e) {
                return Optional.empty();
            }
            Map<TopicPartition, Long> shortOf = new HashMap<>();
            mark.forEach((tp, end) -> {
                long next = committed.getOrDefault(tp, 0L);
                if (next < end) {
                    shortOf.put(tp, next);
                }
            });
            if (!shortOf.equals(last)) {
                last.clear();
                last.putAll(shortOf);
                standingSince[0] = context.time().nanos();
            } else if (context.time().nanos() - standingSince[0] >= MirrorDrain.STANDING.toNanos()
                    && shortOf.entrySet().stream().noneMatch(e -> recordBetween(e.getKey(), e.getValue(), mark.get(e.getKey())))) {
                return Optional.of(committed);
            }
            if (shortOf.isEmpty()) {
                return Optional.of(committed);
            }
            context.progress().update("finalize: " + name + " copying to the source, " + shortOf.size() + " partitions short of the mark");
            return Optional.empty();
        }, waited -> new MirrorDrain.NotDrained(name + " did not copy the target's records up to the mark within "
                + timeout.toSeconds() + " s", last.size(), last.size()));
    }

    /** A committed record on the target at or after {@code from} and before {@code to}. */
    private boolean recordBetween(TopicPartition tp, long from, long to) {
        return topics.last(ClusterSide.TARGET, Map.of(tp, to), 1).stream().anyMatch(r -> r.offset() >= from);
    }

    /**
     * finalize: stops the reverse connector (waiting until Connect reports it STOPPED) and returns how
     * far the source holds the target's records: the connector's next target offset and the source's
     * end, per partition. Empty once the connector is gone (a rerun after {@link #remove}).
     */
    public Map<TopicPartition, CopyPosition> stopReverse(List<TopicPartition> partitions) throws ControlException {
        if (!client.exists(connect.reverseName())) {
            return Map.of();
        }
        stopAndAwait(connect.reverseName());
        Map<TopicPartition, Long> copied = MirrorSourceOffsets.nextOffsets("the offsets of " + connect.reverseName(),
                client.offsets(connect.reverseName()));
        Map<TopicPartition, Long> sourceEnds = topics.ends(ClusterSide.SOURCE, partitions);
        Map<TopicPartition, CopyPosition> archive = new LinkedHashMap<>();
        partitions.forEach(tp -> archive.put(tp, new CopyPosition(copied.getOrDefault(tp, 0L), sourceEnds.get(tp))));
        return archive;
    }

    /** finalize: removes the plan's three connectors (their offsets go with them); returns those that were there. */
    public List<String> remove() throws ControlException {
        List<String> removed = new ArrayList<>();
        for (String name : List.of(connect.reverseName(), connect.connectors().sourceName(), connect.connectors().checkpointName())) {
            if (client.delete(name)) {
                removed.add(name);
                context.ledger().audit("finalize", "deleted", name + " on " + client.url());
            }
        }
        return removed;
    }

    /** Which of the plan's connectors Connect still has. */
    public List<String> deployed() throws ControlException {
        List<String> left = new ArrayList<>();
        for (String name : List.of(connect.reverseName(), connect.connectors().sourceName(), connect.connectors().checkpointName())) {
            if (client.exists(name)) {
                left.add(name);
            }
        }
        return left;
    }

    /** The partitions whose last record before {@code next} on {@code from} is not the last visible before {@code ends} on {@code to}. */
    private List<TopicPartition> unconfirmed(ClusterSide from, Map<TopicPartition, Long> next, ClusterSide to,
                                             Map<TopicPartition, Long> ends) {
        // Twenty back: transaction markers and aborted copies sit among the last offsets on the copied-to side.
        Map<TopicPartition, String> copiedFrom = lastFingerprints(topics.last(from, next, 20));
        Map<TopicPartition, String> copiedTo = lastFingerprints(topics.last(to, ends, 20));
        List<TopicPartition> unconfirmed = new ArrayList<>();
        next.keySet().forEach(tp -> {
            String original = copiedFrom.get(tp);
            if (original != null && !original.equals(copiedTo.get(tp))) {
                unconfirmed.add(tp);
            }
        });
        return unconfirmed;
    }

    private static Map<TopicPartition, String> lastFingerprints(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, String> last = new HashMap<>();
        records.forEach(r -> last.put(new TopicPartition(r.topic(), r.partition()), RecordFingerprint.of(r)));
        return last;
    }

    /** One look of a drain: the connector's committed offsets against the ends of the side it copies from. */
    private final class Look {

        private final String name;
        private final List<TopicPartition> partitions;
        private final LagProbe probe;
        private final ClusterSide from;
        private long behind = -1;
        private int partitionsBehind = -1;
        private String silence;
        private List<TopicPartition> unconfirmed = List.of();

        /** @param from the side the connector copies from */
        Look(String name, List<TopicPartition> partitions, LagProbe probe, ClusterSide from) {
            this.name = name;
            this.partitions = partitions;
            this.probe = probe;
            this.from = from;
        }

        /**
         * The drain's points once the connector's offsets cover the side it copies from and those copies
         * are visible on the other: its offsets (REST) can run ahead of what a reader sees there (an offset
         * written in a transaction still open, or one a dead worker never committed), so a point is only
         * taken once the last record before it is the last one the other side shows (read_committed).
         */
        Optional<Map<TopicPartition, CopyPosition>> drained(Duration waited) throws MirrorDrain.NotDrained {
            Map<TopicPartition, Long> committed;
            try {
                Optional<ConnectorStatus> status = client.status(name);
                String failure = status.map(ConnectorStatus::failure).orElse(null);
                if (failure != null) {
                    throw new MirrorDrain.NotDrained(name + " on " + client.url() + ": " + failure, -1, -1);
                }
                if (status.isPresent() && "STOPPED".equals(status.get().state())) {
                    // Stopped by a drain that was killed before it finished: resumed, it copies on from its offsets.
                    resumeIfHeld(name);
                }
                committed = MirrorSourceOffsets.nextOffsets("the offsets of " + name, client.offsets(name));
                silence = null;
            } catch (ControlException e) {
                silence = e.getMessage();
                return Optional.empty();
            }
            Map<TopicPartition, Long> next = new HashMap<>();
            partitions.forEach(tp -> next.put(tp, committed.getOrDefault(tp, 0L)));
            List<PartitionLag> short_ = probe.probeFrom(next).stream().filter(l -> !l.caughtUp()).toList();
            if (short_.isEmpty()) {
                ClusterSide to = from == ClusterSide.SOURCE ? ClusterSide.TARGET : ClusterSide.SOURCE;
                Map<TopicPartition, Long> otherEnds = topics.ends(to, partitions);
                unconfirmed = unconfirmed(from, next, to, otherEnds);
                if (!unconfirmed.isEmpty()) {
                    context.progress().update("mirror: " + name + ": waiting for the last copies to be visible on "
                            + unconfirmed.size() + " partition(s)");
                    return Optional.empty();
                }
                Map<TopicPartition, CopyPosition> points = new LinkedHashMap<>();
                partitions.forEach(tp -> points.put(tp, new CopyPosition(next.get(tp), otherEnds.get(tp))));
                return Optional.of(points);
            }
            unconfirmed = List.of();
            behind = short_.stream().mapToLong(PartitionLag::records).sum();
            partitionsBehind = short_.size();
            context.progress().update(String.format("draining %s, %,d records to go on %d partitions", name, behind, partitionsBehind));
            return Optional.empty();
        }

        MirrorDrain.NotDrained notDrained(Duration timeout) {
            if (!unconfirmed.isEmpty()) {
                return new MirrorDrain.NotDrained(name + " reports its copy done, but the last copies are not visible on "
                        + unconfirmed + " after " + timeout.toSeconds() + " s", -1, unconfirmed.size());
            }
            return new MirrorDrain.NotDrained(name + " still had " + behind + " records to copy on " + partitionsBehind
                    + " partitions after " + timeout.toSeconds() + " s" + (silence == null ? "" : "; Connect did not answer: " + silence),
                    behind, partitionsBehind);
        }
    }

    /**
     * Starts {@code name} at the ledger's positions of {@code direction}: a running connector is left
     * alone; a stopped one has its offsets moved forward to them first; a paused one is resumed.
     */
    private void startAt(String name, String copiedFromAlias, MirrorDirection direction) throws ControlException {
        ConnectorStatus status = awaitStatus(name);
        if ("RUNNING".equals(status.state()) || "UNASSIGNED".equals(status.state())) {
            return;
        }
        if ("STOPPED".equals(status.state())) {
            awaitStopped(name);
            Map<TopicPartition, Long> committed = MirrorSourceOffsets.nextOffsets("the offsets of " + name, client.offsets(name));
            Map<TopicPartition, Long> ahead = new LinkedHashMap<>();
            new LedgerProgressStore(context.ledger(), direction).load().forEach((tp, p) -> {
                if (p.nextSourceOffset() > committed.getOrDefault(tp, 0L)) {
                    ahead.put(tp, p.nextSourceOffset());
                }
            });
            if (!ahead.isEmpty()) {
                client.alterOffsets(name, MirrorSourceOffsets.document(copiedFromAlias, ahead));
                context.ledger().audit("mirror", "offsets", name + " starts " + ahead.size() + " partitions at " + ahead);
            }
        }
        client.resume(name);
        context.progress().note("mirror: " + name + " resumed on " + client.url());
    }

    private void resumeIfHeld(String name) throws ControlException {
        Optional<ConnectorStatus> status = client.status(name);
        if (status.isPresent() && ("STOPPED".equals(status.get().state()) || "PAUSED".equals(status.get().state()))) {
            client.resume(name);
        }
    }

    /** Stops {@code name} (if deployed) and waits until Connect reports it STOPPED with no task left. */
    private void stopAndAwait(String name) throws ControlException {
        if (client.status(name).isEmpty() && !client.exists(name)) {
            return;
        }
        client.stop(name);
        awaitStopped(name);
    }

    private void awaitStopped(String name) throws ControlException {
        context.pollUntil(POLL, STOP_TIMEOUT, waited -> {
            Optional<ConnectorStatus> status = client.status(name);
            return status.filter(ConnectorStatus::isStopped);
        }, waited -> new ControlException("mirror.connect.url: " + name + " on " + client.url() + " did not stop within "
                + STOP_TIMEOUT.toSeconds() + " s (" + describe(name) + ")"));
    }

    /** A connector just created reports no status until a worker has started it. */
    private ConnectorStatus awaitStatus(String name) throws ControlException {
        return context.pollUntil(POLL, STOP_TIMEOUT, waited -> client.status(name),
                waited -> new ControlException("mirror.connect.url: " + name + " on " + client.url() + " reports no status after "
                        + STOP_TIMEOUT.toSeconds() + " s"));
    }

    private String describe(String name) {
        try {
            return client.status(name).map(ConnectorStatus::describe).orElse("no status");
        } catch (ControlException e) {
            return e.getMessage();
        }
    }

    /** The lag probe on the side {@code direction} copies from. */
    private LagProbe probe(MirrorDirection direction) {
        if (direction == MirrorDirection.FORWARD) {
            if (sourceProbe == null) {
                sourceProbe = new LagProbe(context.source().properties());
            }
            return sourceProbe;
        }
        if (targetProbe == null) {
            targetProbe = new LagProbe(context.target().properties());
        }
        return targetProbe;
    }

    @Override
    public void close() {
        if (sourceProbe != null) {
            sourceProbe.close();
        }
        if (targetProbe != null) {
            targetProbe.close();
        }
    }
}
