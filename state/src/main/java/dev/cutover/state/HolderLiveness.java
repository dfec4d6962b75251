package dev.cutover.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether the process recorded in the lock row is still alive. On this host the OS knows:
 * the pid is gone, or now belongs to a process started at another instant (pid reuse, see
 * {@link ProcessStart}). For another
 * host (or when the OS cannot tell start instants) the heartbeat is all we have: older than
 * {@link #STALE_AFTER} means dead, since a live holder beats every 5 s.
 */
final class HolderLiveness {
    static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private HolderLiveness() {
    }

    /** @return why the holder is dead, or empty when it must be presumed alive */
    static Optional<String> deadBecause(LockDao.LockRow holder, String localHost, Instant now) {
        if (holder.host().equals(localHost)) {
            Optional<ProcessHandle> process = ProcessHandle.of(holder.pid());
            if (process.isEmpty()) {
                return Optional.of("process " + holder.pid() + " is gone");
            }
            Optional<Instant> start = process.get().info().startInstant();
            if (start.isPresent() && holder.processStart() != null) {
                return ProcessStart.sameProcess(holder.processStart(), start.get())
                        ? Optional.empty()
                        : Optional.of("pid " + holder.pid() + " now belongs to another process (started " + start.get() + ")");
            }
        }
        Duration silent = Duration.between(holder.heartbeatAt(), now);
        return silent.compareTo(STALE_AFTER) > 0
                ? Optional.of("no heartbeat from " + holder.host() + " for " + silent.toSeconds() + " s")
                : Optional.empty();
    }
}
