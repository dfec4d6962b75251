package dev.cutover.engine.producers;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.PausePoint;
import dev.cutover.plans.ProducerSpec;
import dev.cutover.state.PositionRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Moves one producer from the source to the target, one {@link SwitchPhase} at a time, each saved
 * before the next begins: stop it on the source (its control reports where it stopped), mark it
 * quiet, cross-check the reported position with its last record, start it on the target after that
 * position, and prove it writes there without repeating an id. The gate runs the steps of all
 * producers together (one quiesce window, one drain); each step here touches this producer only.
 * A failure is a {@link GateFailedException} whose remedy the gate completes once it put every
 * producer back.
 */
public final class ProducerMover {

    /** How many of the last source records per partition a new target record's replay id is checked against. */
    private static final int REPEAT_WINDOW = 10_000;
    private static final Duration POLL = Duration.ofMillis(200);

    private final GateContext context;
    private final ProducerSpec spec;
    private final ProducerControl control;
    private final SwitchRecord record;
    private final ProducerSwitch state;
    private final SwitchTopics topics;

    public ProducerMover(GateContext context, ProducerSpec spec, SwitchWorld world, SwitchRecord record) {
        this.context = context;
        this.spec = spec;
        this.control = world.control(spec.name());
        this.record = record;
        this.state = record.producer(spec.name());
        this.topics = world.topics();
    }

    public String producer() {
        return spec.name();
    }

    /** This producer's partitions. */
    public List<TopicPartition> partitions() {
        return topics.partitions(spec.topics());
    }

    /** PENDING to STOPPED: its stop control on the source, and the position it reports. */
    public void stop() throws GateFailedException {
        if (state.phase() != SwitchPhase.PENDING) {
            return;
        }
        long called = context.time().nanos();
        ResumePosition position;
        try {
            position = control.stop(ClusterSide.SOURCE);
        } catch (ControlException e) {
            throw new GateFailedException("could not stop producer " + producer() + ": " + e.getMessage(),
                    "check the producer's stop control");
        }
        state.stopped(position, context.time().now(), context.time().msSince(called));
        record.save(context.ledger());
        context.progress().note("switch-producers: " + producer() + " stopped, resumes after " + position.describe());
        PausePoint.reach("switch.after-stop");
    }

    /** STOPPED to QUIET: its topics held still for the window (watched for all producers at once). */
    public void quiet(long afterMs) {
        if (state.phase() == SwitchPhase.STOPPED) {
            state.quiet(afterMs);
        }
    }

    /**
     * The reported position must name the replay id of the producer's newest record on the source.
     * Partitions carry no order between them, so "newest" is by timestamp; records of the same
     * millisecond on different partitions are all candidates.
     *
     * @param lastRecords the last record of every drained partition, read once for all producers
     */
    public void crossCheck(Map<TopicPartition, ConsumerRecord<byte[], byte[]>> lastRecords) throws GateFailedException {
        ResumePosition position = state.position();
        if (spec.replayHeader() == null || position == null || (position.replayId() == null && position.report() == null)) {
            return;
        }
        ReplayHeader header = new ReplayHeader(spec.replayHeader());
        List<ConsumerRecord<byte[], byte[]>> own = partitions().stream().map(lastRecords::get).filter(Objects::nonNull).toList();
        long newestTime = own.stream().mapToLong(ConsumerRecord::timestamp).max().orElse(Long.MIN_VALUE);
        List<ConsumerRecord<byte[], byte[]>> newest = own.stream().filter(r -> r.timestamp() == newestTime).toList();
        String last = newest.isEmpty() ? null : header.id(newest.get(0));
        boolean named = newest.stream().anyMatch(r -> header.id(r) == null || position.names(header.id(r), header.text(r)));
        if (last != null && !named) {
            throw new GateFailedException("producer " + producer() + " reported " + position.describe()
                    + " but the last record it wrote to the source carries " + last + " in " + spec.replayHeader(),
                    "check what its stop control reports");
        }
        state.crossChecked(last != null);
    }

    /** QUIET to STARTED: its start control against the target, resuming after its position. */
    public void startOnTarget() throws GateFailedException {
        if (state.phase() != SwitchPhase.QUIET) {
            return;
        }
        long called = context.time().nanos();
        try {
            control.start(ClusterSide.TARGET, state.position());
        } catch (ControlException e) {
            throw new GateFailedException("could not start producer " + producer() + " on the target: " + e.getMessage(),
                    "check the producer's start control");
        }
        state.started(context.time().now(), context.time().msSince(called));
        record.save(context.ledger());
        context.progress().note("switch-producers: " + producer() + " started on the target");
        PausePoint.reach("switch.after-start");
    }

    /** STARTED to VERIFIED: new records from it on the target, past the switch points, none repeating a source id. */
    public void proveWritingOnTarget() throws GateFailedException {
        if (state.phase() != SwitchPhase.STARTED) {
            return;
        }
        Map<TopicPartition, Long> from = new HashMap<>();
        partitions().forEach(tp -> from.put(tp, point(tp).nextTargetOffset()));
        Duration timeout = context.plan().gates().quiesce().timeout();
        List<ConsumerRecord<byte[], byte[]>> fresh = context.pollUntil(POLL, timeout, waited -> {
            List<ConsumerRecord<byte[], byte[]>> read = topics.from(ClusterSide.TARGET, from);
            if (read.isEmpty()) {
                context.progress().update("switch-producers: waiting for " + producer() + "'s first record on the target");
            }
            return read.isEmpty() ? Optional.empty() : Optional.of(read);
        }, waited -> new GateFailedException("producer " + producer() + " wrote nothing to the target within "
                + timeout.toSeconds() + " s of its start", "check the producer and its start control"));
        long firstTarget = fresh.stream().mapToLong(ConsumerRecord::timestamp).min().orElse(0);
        Long lastSource = record.lastSourceWriteMs();
        Long pause = lastSource != null && lastSource > 0 ? firstTarget - lastSource : null;
        String firstId = null;
        if (spec.replayHeader() != null) {
            ReplayHeader header = new ReplayHeader(spec.replayHeader());
            List<String> repeated = repeatedIds(header, fresh);
            if (!repeated.isEmpty()) {
                throw new GateFailedException("producer " + producer() + " repeated replay ids on the target that the source "
                        + "already holds: " + repeated.subList(0, Math.min(5, repeated.size())),
                        "its start control must resume strictly after {replayId}");
            }
            firstId = header.shown(fresh.get(0));
        }
        state.verified(context.time().now(), pause, firstId);
        for (TopicPartition tp : partitions()) {
            context.ledger().upsertPosition(new PositionRow(PositionRow.PRODUCER, producer(), tp.topic(), tp.partition(),
                    state.position().asStored(), firstId, point(tp).nextSourceOffset(), from.get(tp), null, null,
                    "resumed on the target after the source's last replay id"));
        }
        record.save(context.ledger());
    }

    private List<String> repeatedIds(ReplayHeader header, List<ConsumerRecord<byte[], byte[]>> fresh) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        partitions().forEach(tp -> ends.put(tp, point(tp).nextSourceOffset()));
        Set<String> sourceIds = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : topics.last(ClusterSide.SOURCE, ends, REPEAT_WINDOW)) {
            Optional.ofNullable(header.id(r)).ifPresent(sourceIds::add);
        }
        List<String> repeated = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : fresh) {
            String id = header.id(r);
            if (id != null && sourceIds.contains(id)) {
                repeated.add(id);
            }
        }
        return repeated;
    }

    private CopyPosition point(TopicPartition tp) {
        return record.switchPoints().getOrDefault(tp, new CopyPosition(0, 0));
    }
}
