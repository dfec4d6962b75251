package dev.cutover.engine.producers;

import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.plans.GateName;
import dev.cutover.state.Ledger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * switch-producers' evidence as a type: every producer's {@link ProducerSwitch}, the switch points
 * (where the forward mirror stopped, per partition: the source and target ends it drained to), whether
 * the mirror was turned to reverse, and the gate's timings. Read and written only through
 * {@link SwitchCodec}; the rollback, the bench and the rehearsal read it here too.
 */
public final class SwitchRecord {

    public static final String GATE = GateName.SWITCH_PRODUCERS.label();

    private final Map<String, ProducerSwitch> producers = new LinkedHashMap<>();
    private Map<TopicPartition, CopyPosition> switchPoints = Map.of();
    private boolean mirrorTurned;
    private Long lastSourceWriteMs;
    private final Timings timings = new Timings();
    private String putBackError;

    /** The gate's timings: what bench/run switch reports. Figures are null until measured. */
    public static final class Timings {
        Long startedMs;
        String startedBy;
        Long prepareMs;
        Long quietMs;
        Long switchMs;
        Long controlsMs;
        Long overheadMs;
        Long returnQuietMs;

        public Optional<Long> switchMs() {
            return Optional.ofNullable(switchMs);
        }

        public Optional<Long> controlsMs() {
            return Optional.ofNullable(controlsMs);
        }

        public Optional<Long> quietMs() {
            return Optional.ofNullable(quietMs);
        }

        public Optional<Long> overheadMs() {
            return Optional.ofNullable(overheadMs);
        }

        /** How long proving the target quiet took at the last put-back (the quiesce window, at least). */
        public Optional<Long> returnQuietMs() {
            return Optional.ofNullable(returnQuietMs);
        }
    }

    SwitchRecord(Collection<String> producerNames) {
        producerNames.forEach(p -> producers.put(p, new ProducerSwitch(p)));
    }

    /** The gate's record as the ledger holds it, with an entry for each of {@code producerNames}. */
    public static SwitchRecord read(Ledger ledger, Collection<String> producerNames) {
        boolean exists = ledger.gates().stream().anyMatch(g -> g.name().equals(GATE));
        return SwitchCodec.read(exists ? ledger.gate(GATE).evidence() : Map.of(), producerNames);
    }

    /** The gate's record with the producers it names, for reading only (bench, rehearsal, rollback). */
    public static SwitchRecord read(Ledger ledger) {
        boolean exists = ledger.gates().stream().anyMatch(g -> g.name().equals(GATE));
        return SwitchCodec.read(exists ? ledger.gate(GATE).evidence() : Map.of());
    }

    /** The record a gate's evidence holds (as {@code status} and the report have it), for reading only. */
    public static SwitchRecord from(Map<String, Object> evidence) {
        return SwitchCodec.read(evidence);
    }

    /** Writes the whole record to the gate's evidence; lanes that return producers side by side share it. */
    public synchronized void save(Ledger ledger) {
        ledger.putEvidence(GATE, SwitchCodec.write(this));
    }

    public List<ProducerSwitch> producers() {
        return List.copyOf(producers.values());
    }

    public ProducerSwitch producer(String name) {
        return producers.get(name);
    }

    /**
     * Where the forward mirror stopped at the switch, per partition of the producers' topics: the
     * next source offset and the next target offset it would have copied. Empty before the turnaround.
     */
    public synchronized Map<TopicPartition, CopyPosition> switchPoints() {
        return switchPoints;
    }

    /** Whether the mirror was turned to reverse for this switch (and not turned back by a put-back). */
    public synchronized boolean mirrorTurned() {
        return mirrorTurned;
    }

    public synchronized Long lastSourceWriteMs() {
        return lastSourceWriteMs;
    }

    public Timings timings() {
        return timings;
    }

    public synchronized String putBackError() {
        return putBackError;
    }

    synchronized void turned(Map<TopicPartition, CopyPosition> points, long lastSourceWrite) {
        switchPoints = Map.copyOf(points);
        lastSourceWriteMs = lastSourceWrite;
        mirrorTurned = true;
    }

    synchronized void turnedBack() {
        mirrorTurned = false;
    }

    synchronized void putBackFailed(String error) {
        putBackError = error;
    }

    synchronized void putBackClean() {
        putBackError = null;
    }

    /** Whether any producer is in one of {@code phases}. */
    public boolean any(SwitchPhase... phases) {
        return producers.values().stream().anyMatch(p -> List.of(phases).contains(p.phase()));
    }

    /**
     * A new attempt after a switch that failed and put every producer back: the last attempt's facts
     * go, so the switch runs from its first step again. Does nothing while any producer is away.
     */
    synchronized boolean restartIfPutBack() {
        boolean putBack = !mirrorTurned && producers.values().stream().anyMatch(p -> p.phase() == SwitchPhase.RETURNED)
                && producers.values().stream().noneMatch(p -> p.phase().touched());
        if (putBack) {
            producers.values().stream().filter(p -> p.phase() == SwitchPhase.RETURNED).forEach(ProducerSwitch::reset);
            switchPoints = Map.of();
            lastSourceWriteMs = null;
            timings.startedMs = null;
            timings.startedBy = null;
            timings.prepareMs = timings.quietMs = timings.switchMs = timings.controlsMs = timings.overheadMs = null;
        }
        return putBack;
    }

    // ---- timings ----

    synchronized void began(long atMs, String run) {
        if (timings.startedMs == null) {
            timings.startedMs = atMs;
            timings.startedBy = run;
        }
    }

    synchronized void prepared(long ms) {
        timings.prepareMs = ms;
    }

    synchronized void quietFor(long ms) {
        timings.quietMs = ms;
    }

    synchronized void returnQuietFor(long ms) {
        timings.returnQuietMs = ms;
    }

    /**
     * The gate's own share of the write pause: from the first stop call to the last start call
     * returning, less the time inside the controls and the quiesce wait. Only for a switch that ran in
     * one go in {@code run} (a resumed one also contains the time it lay killed).
     */
    synchronized void closeTimings(long nowMs, String run) {
        if (timings.startedMs == null || !run.equals(timings.startedBy) || timings.overheadMs != null) {
            return;
        }
        long controls = 0;
        for (ProducerSwitch p : producers.values()) {
            if (p.stopControlMs() == null || p.startControlMs() == null) {
                return; // a phase of this producer ran in an earlier attempt: no clean figure
            }
            controls += p.stopControlMs() + p.startControlMs();
        }
        long total = nowMs - timings.startedMs;
        timings.switchMs = total;
        timings.controlsMs = controls;
        timings.overheadMs = total - controls - (timings.quietMs == null ? 0 : timings.quietMs);
    }

    // for SwitchCodec
    synchronized void restore(Map<TopicPartition, CopyPosition> points, boolean turned, Long lastSourceWrite, String error) {
        switchPoints = Map.copyOf(points);
        mirrorTurned = turned;
        lastSourceWriteMs = lastSourceWrite;
        putBackError = error;
    }

    ProducerSwitch add(String name) {
        return producers.computeIfAbsent(name, ProducerSwitch::new);
    }
}
