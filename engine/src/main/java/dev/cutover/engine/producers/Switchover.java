package dev.cutover.engine.producers;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.PausePoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;

/**
 * The forward switch over all producers: one {@link ProducerMover} per producer takes its own
 * steps; what they share is done once for all of them (one quiesce window on the source, one drain
 * and one turnaround of the mirror). Each step is saved in the {@link SwitchRecord} before the next,
 * so a killed switch resumes without stopping or starting anything twice.
 */
public final class Switchover {

    private Switchover() {
    }

    /**
     * A new attempt after a switch that failed and put every producer back starts over.
     *
     * @return the record to switch with
     */
    public static SwitchRecord resume(GateContext context, List<String> producers) {
        SwitchRecord record = SwitchRecord.read(context.ledger(), producers);
        if (record.restartIfPutBack()) {
            record.save(context.ledger());
        }
        return record;
    }

    /** Stops, quiets, drains, turns and starts, each step skipped where the record says it is done. */
    public static void run(GateContext context, SwitchWorld world, SwitchRecord record) throws GateFailedException {
        List<ProducerMover> movers = movers(context, world, record);
        String run = UUID.randomUUID().toString(); // tells this run's timings from those of a killed earlier attempt
        List<TopicPartition> all = partitions(movers);
        if (record.any(SwitchPhase.PENDING)) {
            prepare(context, world, record, all);
            record.began(context.time().millis(), run);
        }
        for (ProducerMover mover : movers) {
            mover.stop();
        }
        awaitQuietSource(context, world, record, movers);
        if (!record.mirrorTurned()) {
            MirrorTurnaround turnaround = new MirrorTurnaround(context, world);
            MirrorTurnaround.Drained drained = turnaround.drain(all);
            for (ProducerMover mover : movers) {
                mover.crossCheck(drained.lastRecords());
            }
            turnaround.turn(record, drained);
        }
        for (ProducerMover mover : movers) {
            mover.startOnTarget();
        }
        record.closeTimings(context.time().millis(), run);
        record.save(context.ledger());
        // Started after the producers, so its start-up is not part of the write pause: the reverse mirror
        // begins at the drained target ends whenever it comes up.
        world.mirror().ensureRunning();
    }

    /**
     * Before the first stop: what the switch will need and can open now, so that the first use of a
     * client (seconds on a cold JVM: class loading, connections, TLS defaults) falls outside the
     * producers' write pause. Reads only; reaches no producer.
     */
    private static void prepare(GateContext context, SwitchWorld world, SwitchRecord record, List<TopicPartition> all) {
        long began = context.time().nanos();
        world.controls().values().forEach(ProducerControl::prepare);
        world.mirror().prepare(all);
        world.topics().last(ClusterSide.SOURCE, world.topics().ends(ClusterSide.SOURCE, all), 1);
        record.prepared(context.time().msSince(began));
        record.save(context.ledger()); // also the ledger's first write of this process, before any write the switch waits for
    }

    private static void awaitQuietSource(GateContext context, SwitchWorld world, SwitchRecord record, List<ProducerMover> movers)
            throws GateFailedException {
        Map<String, List<TopicPartition>> stopped = new LinkedHashMap<>();
        movers.stream().filter(m -> record.producer(m.producer()).phase() == SwitchPhase.STOPPED)
                .forEach(m -> stopped.put(m.producer(), m.partitions()));
        if (stopped.isEmpty()) {
            return;
        }
        try {
            long quietMs = QuiesceWatch.await(world.topics(), ClusterSide.SOURCE, stopped, context.plan().gates().quiesce().window(),
                    context.plan().gates().quiesce().timeout(), context.time(), context.progress()).waited().toMillis();
            movers.forEach(m -> m.quiet(quietMs));
            record.quietFor(quietMs);
        } catch (QuiesceWatch.StillWriting e) {
            String first = e.producers().isEmpty() ? stopped.keySet().iterator().next() : e.producers().get(0);
            throw new GateFailedException(e.getMessage(), "make producers." + first + ".control.stop stop the writes "
                    + "(or raise gates.quiesce.timeout)");
        }
        record.save(context.ledger());
        PausePoint.reach("switch.after-quiet");
    }

    /** Proves every started producer writes on the target. */
    public static void prove(GateContext context, SwitchWorld world, SwitchRecord record) throws GateFailedException {
        for (ProducerMover mover : movers(context, world, record)) {
            mover.proveWritingOnTarget();
        }
    }

    private static List<ProducerMover> movers(GateContext context, SwitchWorld world, SwitchRecord record) {
        return context.plan().producers().stream().map(p -> new ProducerMover(context, p, world, record)).toList();
    }

    private static List<TopicPartition> partitions(List<ProducerMover> movers) {
        return movers.stream().flatMap(m -> m.partitions().stream()).distinct().toList();
    }
}
