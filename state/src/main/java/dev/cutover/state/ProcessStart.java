package dev.cutover.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tells a process that is still alive from another one that reused its pid, by the instant each
 * started. The comparison cannot be exact: on Linux a JVM derives every process's start instant
 * from the boot time (/proc/stat btime) that it reads once when it starts, and btime moves whenever
 * the wall clock is adjusted against the boot clock (NTP slewing, a VM resumed). Two JVMs started
 * minutes apart can see the same process start a second apart; a check run in one of them took a
 * healthy mirror agent recorded by the other for a reused pid, killed it and restarted it in a loop.
 * A reused pid belongs to a process started after the first one died, so an instant within
 * {@link #TOLERANCE} of the recorded one is the same process.
 */
public final class ProcessStart {

    /** Far above any btime drift between JVMs of one cutover, far below the life of a process whose pid wrapped. */
    public static final Duration TOLERANCE = Duration.ofSeconds(60);

    private ProcessStart() {
    }

    /** True when {@code seen} (this JVM's view) and {@code recorded} (another JVM's) are the start of one process. */
    public static boolean sameProcess(Instant recorded, Instant seen) {
        return Duration.between(recorded, seen).abs().compareTo(TOLERANCE) <= 0;
    }

    /**
     * True when the live process {@code process} is the one recorded as started at {@code recorded};
     * also when either side does not know its start (the OS may not say), so only the heartbeat can tell.
     */
    public static boolean matches(ProcessHandle process, Instant recorded) {
        Optional<Instant> seen = process.info().startInstant();
        return recorded == null || seen.isEmpty() || sameProcess(recorded, seen.get());
    }
}
