package dev.cutover.engine.producers;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.PausePoint;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.mirror.LagProbe;
import dev.cutover.plans.GateName;
import dev.cutover.plans.ProducerSpec;
import dev.cutover.state.MirrorDirection;
import dev.cutover.state.MirrorProgress;
import dev.cutover.state.PositionRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * The steps of the switch-producers gate over all producers, each step reading and writing the
 * per-producer phases in the gate's evidence so a resumed gate continues where it stopped.
 */
public final class SwitchSteps implements AutoCloseable {

    private static final String GATE = GateName.SWITCH_PRODUCERS.label();
    /** How many of the last source records per partition a new target record's replay id is checked against. */
    private static final int REPEAT_WINDOW = 10_000;

    private final GateContext context;
    private final Map<String, ProducerControl> controls;
    private final Map<String, ProducerSpec> specs = new LinkedHashMap<>();
    private final Map<String, ProducerSwitch> switches = new LinkedHashMap<>();
    private final Map<String, Object> shared = new LinkedHashMap<>();
    private final Map<String, List<TopicPartition>> partitionsOf = new HashMap<>();
    /** The drain's probe on the source: see {@link #drainProbe()}. */
    private LagProbe drainProbe;
    /** Tells this run's timings from those of a killed earlier attempt. */
    private final String run = java.util.UUID.randomUUID().toString();

    @SuppressWarnings("unchecked")
    public SwitchSteps(GateContext context, Map<String, ProducerControl> controls) {
        this.context = context;
        this.controls = controls;
        Map<String, Object> evidence = context.ledger().gate(GATE).evidence();
        for (ProducerSpec p : context.plan().producers()) {
            specs.put(p.name(), p);
            switches.put(p.name(), ProducerSwitch.from(p.name(), evidence));
        }
        if (evidence.get("switch") instanceof Map<?, ?> m) {
            shared.putAll((Map<String, Object>) m);
        }
    }

    public List<ProducerSwitch> switches() {
        return List.copyOf(switches.values());
    }

    public boolean mirrorStopped() {
        return Boolean.TRUE.equals(shared.get("mirrorStopped"));
    }

    public boolean any(SwitchPhase... phases) {
        return switches.values().stream().anyMatch(s -> List.of(phases).contains(s.phase()));
    }

    /**
     * Before the first stop: what the switch will need and can open now, so that the first use of a
     * client (seconds on a cold JVM: class loading, connections, TLS defaults) falls outside the
     * producers' write pause. The partitions of every producer are described, each control opens its
     * client, the drain's probe connects, and the source tails are read once (the cross-check reads
     * them again after the stop). Reads only; reaches no producer.
     */
    public void prepare() {
        long began = System.nanoTime();
        List<TopicPartition> all = allPartitions();
        controls.values().forEach(ProducerControl::prepare);
        TopicTail.last(context.source(), drainProbe().connect(all), 1);
        shared.put("prepareMs", sinceMs(began));
        save(); // also the ledger's first write of this process, before any write the switch waits for
    }

    /** The drain's probe on the source, opened on first use (by {@link #prepare()} in a switch). */
    private LagProbe drainProbe() {
        if (drainProbe == null) {
            drainProbe = new LagProbe(context.source().properties());
        }
        return drainProbe;
    }

    /** Closes the drain's probe, if one was opened. */
    @Override
    public void close() {
        if (drainProbe != null) {
            drainProbe.close();
            drainProbe = null;
        }
    }

    /** Steps 1-2: stop every producer and prove the source went quiet. */
    public void stopAll() throws GateFailedException {
        for (ProducerSwitch s : switches.values()) {
            if (s.phase() == SwitchPhase.PENDING) {
                if (!shared.containsKey("startedMs")) {
                    shared.put("startedMs", context.clock().millis());
                    shared.put("startedBy", run);
                }
                try {
                    long called = System.nanoTime();
                    s.position(controls.get(s.producer()).stop(ClusterSide.SOURCE)).phase(SwitchPhase.STOPPED)
                            .put("stoppedAt", now().toString()).put("stopControlMs", sinceMs(called));
                } catch (ControlException e) {
                    putBackAll();
                    throw fail("could not stop producer " + s.producer() + ": " + e.getMessage(),
                            "check the producer's stop control; every producer this gate had stopped was started on the source again");
                }
                save();
                context.progress().note("switch-producers: " + s.producer() + " stopped, resumes after "
                        + s.position().describe());
                PausePoint.reach("switch.after-stop");
            }
        }
        Map<String, List<TopicPartition>> stopped = new LinkedHashMap<>();
        for (ProducerSwitch s : switches.values()) {
            if (s.phase() == SwitchPhase.STOPPED) {
                stopped.put(s.producer(), partitions(s.producer()));
            }
        }
        if (stopped.isEmpty()) {
            return;
        }
        try {
            QuiesceWatch.Quiet quiet = QuiesceWatch.await(context.source(), stopped,
                    context.plan().gates().quiesce().window(), context.plan().gates().quiesce().timeout(),
                    context.clock(), context.progress());
            for (String producer : stopped.keySet()) {
                switches.get(producer).phase(SwitchPhase.QUIET).put("quietAfterMs", quiet.waited().toMillis());
            }
            shared.put("quietMs", quiet.waited().toMillis());
        } catch (QuiesceWatch.StillWriting e) {
            putBackAll();
            String first = e.producers().isEmpty() ? stopped.keySet().iterator().next() : e.producers().get(0);
            throw fail(e.getMessage(), "make producers." + first + ".control.stop stop the writes "
                    + "(or raise gates.quiesce.timeout); every producer this gate had stopped was started on the source again");
        }
        save();
        PausePoint.reach("switch.after-quiet");
    }

    /** Steps 3-4: the mirror copies every remaining record, the positions are cross-checked, the mirror stops. */
    public void drainAndStopMirror() throws GateFailedException {
        if (mirrorStopped()) {
            return;
        }
        List<TopicPartition> all = allPartitions();
        Map<TopicPartition, CopyPosition> drained;
        try {
            drained = MirrorDrain.await(context, MirrorDirection.FORWARD, all, context.plan().gates().inSync().timeout(),
                    drainProbe());
        } catch (MirrorDrain.NotDrained e) {
            putBackAll();
            throw fail("the mirror did not drain: " + e.getMessage(),
                    "see `cutover status` for the agent; every producer was started on the source again");
        }
        PausePoint.reach("switch.after-drain");
        // One read of every partition's last record serves every producer's cross-check.
        Map<TopicPartition, Long> drainedEnds = new HashMap<>();
        drained.forEach((tp, p) -> drainedEnds.put(tp, p.nextSourceOffset()));
        Map<TopicPartition, ConsumerRecord<byte[], byte[]>> lastRecords = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicTail.last(context.source(), drainedEnds, 1)) {
            lastRecords.put(new TopicPartition(r.topic(), r.partition()), r);
        }
        for (ProducerSwitch s : switches.values()) {
            crossCheck(s, lastRecords);
        }
        // The forward mirror must not run once producers write to the target: its exact resume counts
        // every target record past its saved position as its own. It has copied everything and the
        // source is quiet, so it is asked to stop now and waited for only after the producers started
        // (its process exit is not part of the write pause).
        Map<String, Object> ends = new LinkedHashMap<>();
        drained.forEach((tp, p) -> ends.put(tp.toString(), Map.of("source", p.nextSourceOffset(), "target", p.nextTargetOffset())));
        Map<String, Object> turned = new LinkedHashMap<>();
        turned.put("drained", ends);
        turned.put("mirrorStopped", true);
        turned.put("lastSourceWriteMs", lastRecords.values().stream().mapToLong(ConsumerRecord::timestamp).max().orElse(0));
        Map<String, Object> after = new LinkedHashMap<>(shared);
        after.putAll(turned);
        // Invariant: the direction is REVERSE exactly when this gate's evidence says mirrorStopped (with
        // the drained ends), the agent was asked to stop and the reverse progress holds the drained ends;
        // one transaction, so a kill leaves all of it or none (and a resumed gate drains again).
        context.ledger().turnMirrorToReverse(GATE, reverseStart(drained), evidence(after));
        shared.putAll(turned);
        PausePoint.reach("switch.after-turnaround");
        context.progress().note("switch-producers: mirror drained (" + all.size() + " partitions) and stopped");
    }

    /** Step 5: start every producer on the target from its position. */
    public void startAllOnTarget() throws GateFailedException {
        for (ProducerSwitch s : switches.values()) {
            if (s.phase() == SwitchPhase.QUIET) {
                try {
                    long called = System.nanoTime();
                    controls.get(s.producer()).start(ClusterSide.TARGET, s.position());
                    s.put("startControlMs", sinceMs(called));
                } catch (ControlException e) {
                    putBackAll();
                    throw fail("could not start producer " + s.producer() + " on the target: " + e.getMessage(),
                            "check the producer's start control; every producer was put back on the source");
                }
                s.phase(SwitchPhase.STARTED).put("startedAt", now().toString());
                save();
                context.progress().note("switch-producers: " + s.producer() + " started on the target");
                PausePoint.reach("switch.after-start");
            }
        }
        recordOverhead();
        // Started after the producers, so its start-up is not part of the write pause: it begins at the
        // drained target ends whenever it comes up.
        context.agents().stop(context.ledger());
        context.agents().ensureRunning(context.ledger());
    }

    /**
     * From the switch on, records written to the target must reach the source too, so a rollback
     * loses none: the mirror agent, stopped forward, runs in reverse (target to source) over the
     * producers' topics, starting at the drained ends. One direction at a time, so nothing is ever
     * copied back and forth. These are the reverse mirror's start positions (its source is the target).
     */
    private List<MirrorProgress> reverseStart(Map<TopicPartition, CopyPosition> drained) {
        Map<TopicPartition, MirrorProgress> start = new LinkedHashMap<>();
        for (ProducerSpec p : specs.values()) {
            for (TopicPartition tp : partitions(p.name())) {
                CopyPosition d = drained.get(tp);
                start.put(tp, new MirrorProgress(tp.topic(), tp.partition(), d.nextTargetOffset(), d.nextSourceOffset(), null));
            }
        }
        return List.copyOf(start.values());
    }

    /**
     * The gate's own share of the write pause: the time from the first stop call to the last start
     * call returning, less the time spent inside the controls and the quiesce wait. Only computed
     * for a switch that ran in one go (a resumed one also contains the time it lay killed).
     */
    private void recordOverhead() {
        if (!(shared.get("startedMs") instanceof Number started) || !run.equals(shared.get("startedBy"))
                || shared.containsKey("overheadMs")) {
            return; // resumed after a kill: the span includes the time it lay dead
        }
        long controlsMs = 0;
        for (ProducerSwitch s : switches.values()) {
            if (!(s.get("stopControlMs") instanceof Number stop) || !(s.get("startControlMs") instanceof Number start)) {
                return; // a phase of this producer ran in an earlier attempt: no clean figure
            }
            controlsMs += stop.longValue() + start.longValue();
        }
        long totalMs = context.clock().millis() - started.longValue();
        long quietMs = shared.get("quietMs") instanceof Number q ? q.longValue() : 0;
        shared.put("switchMs", totalMs);
        shared.put("controlsMs", controlsMs);
        shared.put("overheadMs", totalMs - controlsMs - quietMs);
        save();
    }

    private static long sinceMs(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    /** Step 6: new records from each producer on the target, none repeating a source replay id. */
    public void proveWritingOnTarget() throws GateFailedException {
        Duration timeout = context.plan().gates().quiesce().timeout();
        for (ProducerSwitch s : switches.values()) {
            if (s.phase() != SwitchPhase.STARTED) {
                continue;
            }
            ProducerSpec spec = specs.get(s.producer());
            Map<TopicPartition, Long> from = targetStarts(s.producer());
            Instant deadline = now().plus(timeout);
            List<ConsumerRecord<byte[], byte[]>> fresh = TopicTail.read(context.target(), from);
            while (fresh.isEmpty()) {
                if (now().isAfter(deadline)) {
                    putBackAll();
                    throw fail("producer " + s.producer() + " wrote nothing to the target within " + timeout.toSeconds() + " s of its start",
                            "check the producer and its start control; every producer was put back on the source");
                }
                context.progress().update("switch-producers: waiting for " + s.producer() + "'s first record on the target");
                pause();
                fresh = TopicTail.read(context.target(), from);
            }
            long firstTarget = fresh.stream().mapToLong(ConsumerRecord::timestamp).min().orElse(0);
            Object lastSource = shared.get("lastSourceWriteMs");
            if (lastSource instanceof Number n && n.longValue() > 0) {
                s.put("writePauseMs", firstTarget - n.longValue());
            }
            if (spec.replayHeader() != null) {
                List<String> repeated = repeatedIds(spec.replayHeader(), s.producer(), fresh);
                if (!repeated.isEmpty()) {
                    putBackAll();
                    throw fail("producer " + s.producer() + " repeated replay ids on the target that the source already holds: "
                            + repeated.subList(0, Math.min(5, repeated.size())),
                            "its start control must resume strictly after {replayId}; every producer was put back on the source");
                }
                s.put("firstTargetReplayId", shownId(fresh.get(0), spec.replayHeader()));
            }
            s.phase(SwitchPhase.VERIFIED).put("seenOnTargetAt", now().toString());
            recordPositions(s, from);
            save();
        }
    }

    /**
     * Puts every producer this gate touched back on the source, exactly where it left off: one that
     * wrote to the target is stopped there first, the reverse mirror copies what it wrote to the
     * source, and it resumes on the source after the last event it wrote on the target.
     */
    private void putBackAll() {
        shared.remove("putBackError");
        switches.values().forEach(s -> s.facts().remove("putBackError"));
        boolean reverse = mirrorStopped();
        List<ProducerSwitch> wroteOnTarget = new ArrayList<>();
        for (ProducerSwitch s : switches.values()) {
            if (s.phase() == SwitchPhase.STARTED || s.phase() == SwitchPhase.VERIFIED) {
                try {
                    long called = System.nanoTime();
                    s.position(controls.get(s.producer()).stop(ClusterSide.TARGET)).put("returnStoppedAt", now().toString())
                            .put("returnStopControlMs", sinceMs(called));
                    wroteOnTarget.add(s);
                } catch (ControlException e) {
                    s.put("putBackError", e.getMessage());
                }
            }
        }
        save();
        if (!wroteOnTarget.isEmpty()) {
            PausePoint.reach("rollback.after-target-stop");
        }
        if (reverse) {
            try {
                long quietMs = new MirrorReturn(context).returnToForward(targetPartitions(wroteOnTarget));
                shared.put("returnQuietMs", quietMs);
            } catch (GateFailedException e) {
                shared.put("putBackError", e.getMessage());
                save();
                return; // producers stay stopped: starting them on the source now would lose their target records
            }
        }
        for (ProducerSwitch s : switches.values()) {
            try {
                switch (s.phase()) {
                    case STOPPED, QUIET, STARTED, VERIFIED -> {
                        long called = System.nanoTime();
                        controls.get(s.producer()).start(ClusterSide.SOURCE, s.position());
                        s.put("returnStartControlMs", sinceMs(called)).put("returnedAt", now().toString());
                    }
                    default -> {
                        continue;
                    }
                }
                s.phase(SwitchPhase.RETURNED);
            } catch (ControlException e) {
                s.put("putBackError", e.getMessage());
            }
        }
        shared.put("mirrorStopped", false);
        save();
        if (reverse) {
            context.agents().ensureRunning(context.ledger());
        }
    }

    /**
     * Rolls a passed or interrupted switch back: every producer this gate touched goes back to the
     * source, exactly where it left off (after the last event it wrote on the target, which the
     * reverse mirror has copied to the source).
     */
    public void rollBack() throws GateFailedException {
        putBackAll();
        List<String> problems = new ArrayList<>();
        if (shared.get("putBackError") instanceof String e) {
            problems.add(e);
        }
        for (ProducerSwitch s : switches.values()) {
            if (s.get("putBackError") instanceof String e) {
                problems.add(s.producer() + ": " + e);
            } else if (s.phase() != SwitchPhase.RETURNED && s.phase() != SwitchPhase.PENDING) {
                problems.add(s.producer() + " is " + s.phase().name().toLowerCase());
            }
        }
        if (!problems.isEmpty()) {
            throw fail("producers not back on the source: " + String.join("; ", problems),
                    "fix the control or the cause and run `cutover rollback` again; it continues where it stopped");
        }
    }

    private List<TopicPartition> targetPartitions(List<ProducerSwitch> producers) {
        List<TopicPartition> result = new ArrayList<>();
        producers.forEach(s -> result.addAll(partitions(s.producer())));
        return result;
    }

    /**
     * The reported position must name the replay id of the producer's newest record on the source.
     * Partitions carry no order between them, so "newest" is by timestamp; records of the same
     * millisecond on different partitions are all candidates.
     */
    private void crossCheck(ProducerSwitch s, Map<TopicPartition, ConsumerRecord<byte[], byte[]>> lastRecords)
            throws GateFailedException {
        ProducerSpec spec = specs.get(s.producer());
        if (spec.replayHeader() == null || (s.position().replayId() == null && s.position().report() == null)) {
            return;
        }
        List<ConsumerRecord<byte[], byte[]>> own = partitions(s.producer()).stream().map(lastRecords::get)
                .filter(java.util.Objects::nonNull).toList();
        long newestTime = own.stream().mapToLong(ConsumerRecord::timestamp).max().orElse(Long.MIN_VALUE);
        List<ConsumerRecord<byte[], byte[]>> newest = own.stream().filter(r -> r.timestamp() == newestTime).toList();
        String last = newest.isEmpty() ? null : header(newest.get(0), spec.replayHeader());
        boolean named = newest.stream().anyMatch(r -> {
            String id = header(r, spec.replayHeader());
            // The header may hold the id as bytes (reported as base64) or as text (reported as is).
            String asText = r.headers().lastHeader(spec.replayHeader()) == null ? null
                    : new String(r.headers().lastHeader(spec.replayHeader()).value(), java.nio.charset.StandardCharsets.UTF_8);
            return id == null || s.position().names(id, asText);
        });
        if (last != null && !named) {
            putBackAll();
            throw fail("producer " + s.producer() + " reported " + s.position().describe()
                            + " but the last record it wrote to the source carries " + last + " in " + spec.replayHeader(),
                    "check what its stop control reports; every producer was put back on the source");
        }
        s.put("crossChecked", last != null);
    }

    private List<String> repeatedIds(String headerName, String producer, List<ConsumerRecord<byte[], byte[]>> fresh) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (TopicPartition tp : partitions(producer)) {
            ends.put(tp, sourceEnd(tp));
        }
        Set<String> sourceIds = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicTail.last(context.source(), ends, REPEAT_WINDOW)) {
            String id = header(r, headerName);
            if (id != null) {
                sourceIds.add(id);
            }
        }
        List<String> repeated = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : fresh) {
            String id = header(r, headerName);
            if (id != null && sourceIds.contains(id)) {
                repeated.add(id);
            }
        }
        return repeated;
    }

    private void recordPositions(ProducerSwitch s, Map<TopicPartition, Long> targetStarts) {
        for (TopicPartition tp : partitions(s.producer())) {
            context.ledger().upsertPosition(new PositionRow(PositionRow.PRODUCER, s.producer(), tp.topic(), tp.partition(),
                    s.position().asStored(), (String) s.get("firstTargetReplayId"), sourceEnd(tp), targetStarts.get(tp),
                    null, null, "resumed on the target after the source's last replay id"));
        }
    }

    /** Where the producer's new records start on the target: the drained target ends. */
    @SuppressWarnings("unchecked")
    private Map<TopicPartition, Long> targetStarts(String producer) {
        Map<String, Object> drained = (Map<String, Object>) shared.getOrDefault("drained", Map.of());
        Map<TopicPartition, Long> starts = new HashMap<>();
        for (TopicPartition tp : partitions(producer)) {
            Object entry = drained.get(tp.toString());
            starts.put(tp, entry instanceof Map<?, ?> m ? ((Number) m.get("target")).longValue() : 0L);
        }
        return starts;
    }

    @SuppressWarnings("unchecked")
    private long sourceEnd(TopicPartition tp) {
        Map<String, Object> drained = (Map<String, Object>) shared.getOrDefault("drained", Map.of());
        Object entry = drained.get(tp.toString());
        return entry instanceof Map<?, ?> m ? ((Number) m.get("source")).longValue() : 0L;
    }


    /** A producer's source partitions, described once per gate run (a describe per call added up over ten producers). */
    private List<TopicPartition> partitions(String producer) {
        return partitionsOf.computeIfAbsent(producer, p ->
                ClusterInspector.partitions(ClusterInspector.describeTopics(context.source(), specs.get(p).topics())));
    }

    private List<TopicPartition> allPartitions() {
        Set<String> topics = new java.util.TreeSet<>();
        specs.values().forEach(p -> topics.addAll(p.topics()));
        return ClusterInspector.partitions(ClusterInspector.describeTopics(context.source(), topics));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : Base64.getEncoder().encodeToString(h.value());
    }

    /**
     * The replay id a record carries, in the form a control reports one, for showing beside the
     * reported position: the header's text when its bytes are printable UTF-8, else their base64.
     * Only shown and stored; the checks compare {@link #header} forms. Package-private for testing.
     */
    static String shownId(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        if (h == null || h.value() == null) {
            return null;
        }
        try {
            String text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(h.value())).toString();
            boolean printable = !text.isBlank() && text.codePoints().noneMatch(c -> Character.isISOControl(c)
                    || !Character.isDefined(c) || Character.getType(c) == Character.FORMAT);
            return printable ? text : Base64.getEncoder().encodeToString(h.value());
        } catch (java.nio.charset.CharacterCodingException e) {
            return Base64.getEncoder().encodeToString(h.value());
        }
    }

    private void save() {
        context.ledger().putEvidence(GATE, evidence(shared));
    }

    /** The gate's evidence: every producer's facts and these shared ones. */
    private Map<String, Object> evidence(Map<String, Object> sharedFacts) {
        Map<String, Object> producers = new LinkedHashMap<>();
        switches.values().forEach(s -> producers.put(s.producer(), s.facts()));
        return Map.of("producers", producers, "switch", new LinkedHashMap<>(sharedFacts));
    }

    private GateFailedException fail(String message, String remedy) {
        return new GateFailedException(message, remedy);
    }

    private Instant now() {
        return context.clock().instant();
    }

    private static void pause() {
        try {
            Thread.sleep(200); // polling the target for the producer's first record, with a deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
