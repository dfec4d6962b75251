package dev.cutover.engine.producers;

import java.time.Instant;

/**
 * The recorded state of one producer's switch (under {@code producers.<producer>} in
 * switch-producers' evidence, written and read only by {@link SwitchCodec}): its phase, the position
 * its control reported, when each step happened and how long its control took. Every change is one
 * method that moves the phase through {@link SwitchPhase}'s table, so a half-made change is never
 * saved (the codec reads an entry under the same lock).
 */
public final class ProducerSwitch {

    private final String producer;
    private SwitchPhase phase = SwitchPhase.PENDING;
    private ResumePosition position;
    private Instant stoppedAt;
    private Long stopControlMs;
    private Long quietAfterMs;
    private Long startControlMs;
    private Instant startedAt;
    private Long writePauseMs;
    private String firstTargetReplayId;
    private Instant seenOnTargetAt;
    private Boolean crossChecked;
    private Instant returnStoppedAt;
    private Long returnStopControlMs;
    private Long returnStartControlMs;
    private Instant returnedAt;
    private String putBackError;

    public ProducerSwitch(String producer) {
        this.producer = producer;
    }

    public String producer() {
        return producer;
    }

    public synchronized SwitchPhase phase() {
        return phase;
    }

    /** The position to resume after: reported by its stop on the source, then by its stop on the target. */
    public synchronized ResumePosition position() {
        return position;
    }

    public synchronized Instant stoppedAt() {
        return stoppedAt;
    }

    public synchronized Instant startedAt() {
        return startedAt;
    }

    public synchronized Long writePauseMs() {
        return writePauseMs;
    }

    public synchronized Long stopControlMs() {
        return stopControlMs;
    }

    public synchronized Long startControlMs() {
        return startControlMs;
    }

    public synchronized Long returnStopControlMs() {
        return returnStopControlMs;
    }

    public synchronized Long returnStartControlMs() {
        return returnStartControlMs;
    }

    public synchronized Instant returnedAt() {
        return returnedAt;
    }

    public synchronized Instant returnStoppedAt() {
        return returnStoppedAt;
    }

    public synchronized String firstTargetReplayId() {
        return firstTargetReplayId;
    }

    public synchronized String putBackError() {
        return putBackError;
    }

    synchronized void stopped(ResumePosition reported, Instant at, long controlMs) {
        move(SwitchPhase.STOPPED);
        position = reported;
        stoppedAt = at;
        stopControlMs = controlMs;
    }

    synchronized void quiet(long afterMs) {
        move(SwitchPhase.QUIET);
        quietAfterMs = afterMs;
    }

    synchronized void crossChecked(boolean checked) {
        crossChecked = checked;
    }

    synchronized void started(Instant at, long controlMs) {
        move(SwitchPhase.STARTED);
        startedAt = at;
        startControlMs = controlMs;
    }

    synchronized void verified(Instant at, Long pauseMs, String firstId) {
        move(SwitchPhase.VERIFIED);
        seenOnTargetAt = at;
        writePauseMs = pauseMs;
        firstTargetReplayId = firstId;
    }

    /** Stopped on the target at a rollback or failed switch; {@code reported} is where it resumes on the source. */
    synchronized void stoppedOnTarget(ResumePosition reported, Instant at, long controlMs) {
        position = reported;
        returnStoppedAt = at;
        returnStopControlMs = controlMs;
        putBackError = null;
    }

    synchronized void returned(Instant at, long controlMs) {
        move(SwitchPhase.RETURNED);
        returnedAt = at;
        returnStartControlMs = controlMs;
        putBackError = null;
    }

    synchronized void putBackFailed(String error) {
        putBackError = error;
    }

    /** A new attempt of the gate after this producer was put back: everything of the last attempt goes. */
    synchronized void reset() {
        move(SwitchPhase.PENDING);
        position = null;
        stoppedAt = startedAt = seenOnTargetAt = returnStoppedAt = returnedAt = null;
        stopControlMs = quietAfterMs = startControlMs = writePauseMs = returnStopControlMs = returnStartControlMs = null;
        firstTargetReplayId = putBackError = null;
        crossChecked = null;
    }

    private void move(SwitchPhase next) {
        phase.ensureCanMoveTo(next, producer);
        phase = next;
    }

    /** All fields at once, for {@link SwitchCodec}. */
    synchronized Facts facts() {
        return new Facts(phase, position, stoppedAt, stopControlMs, quietAfterMs, startControlMs, startedAt, writePauseMs,
                firstTargetReplayId, seenOnTargetAt, crossChecked, returnStoppedAt, returnStopControlMs,
                returnStartControlMs, returnedAt, putBackError);
    }

    synchronized void restore(Facts f) {
        phase = f.phase();
        position = f.position();
        stoppedAt = f.stoppedAt();
        stopControlMs = f.stopControlMs();
        quietAfterMs = f.quietAfterMs();
        startControlMs = f.startControlMs();
        startedAt = f.startedAt();
        writePauseMs = f.writePauseMs();
        firstTargetReplayId = f.firstTargetReplayId();
        seenOnTargetAt = f.seenOnTargetAt();
        crossChecked = f.crossChecked();
        returnStoppedAt = f.returnStoppedAt();
        returnStopControlMs = f.returnStopControlMs();
        returnStartControlMs = f.returnStartControlMs();
        returnedAt = f.returnedAt();
        putBackError = f.putBackError();
    }

    /** One consistent reading of a producer's switch. */
    record Facts(SwitchPhase phase, ResumePosition position, Instant stoppedAt, Long stopControlMs, Long quietAfterMs,
                 Long startControlMs, Instant startedAt, Long writePauseMs, String firstTargetReplayId,
                 Instant seenOnTargetAt, Boolean crossChecked, Instant returnStoppedAt, Long returnStopControlMs,
                 Long returnStartControlMs, Instant returnedAt, String putBackError) {
    }
}
