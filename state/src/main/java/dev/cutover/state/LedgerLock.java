package dev.cutover.state;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's hold on the ledger. While held, a daemon thread refreshes the heartbeat so that
 * processes on other hosts can tell a live holder from a dead one. {@link #close()} releases it;
 * closing twice is harmless.
 */
public final class LedgerLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LedgerLock.class);

    private final Jdbi jdbi;
    private final LockDao locks;
    private final Clock clock;
    private final LockDao.LockRow row;
    private final ScheduledExecutorService heartbeat;
    private final Consumer<LedgerLock> onRelease;
    private volatile boolean released;
    private volatile boolean lost;

    LedgerLock(Jdbi jdbi, LockDao locks, Clock clock, LockDao.LockRow row, Duration every, Consumer<LedgerLock> onRelease) {
        this.jdbi = jdbi;
        this.locks = locks;
        this.clock = clock;
        this.row = row;
        this.onRelease = onRelease;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cutover-ledger-heartbeat");
            thread.setDaemon(true);   // a forgotten lock must not keep the JVM alive; the dead pid frees it
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Who holds the ledger: this process, with the heartbeat as of acquisition. */
    public LockHolder holder() {
        return row.holder();
    }

    /** False once released, or once another process took the lock over (this one was presumed dead). */
    public boolean isHeld() {
        return !released && !lost;
    }

    private void beat() {
        try {
            if (!jdbi.withHandle(h -> locks.heartbeat(h, row.token(), clock.instant()))) {
                lost = true;
                log.error("the ledger lock of `{}` was taken over by another process; stopping heartbeats", row.command());
                heartbeat.shutdown();
            }
        } catch (JdbiException e) {
            // One missed beat is harmless (the stale limit is 30 s); keep trying rather than give the lock up.
            log.warn("ledger heartbeat failed: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        heartbeat.shutdown();
        try {
            // Let a beat in flight finish, or it would find our row gone and report the lock lost.
            heartbeat.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            jdbi.useHandle(h -> locks.release(h, row.token()));
        } finally {
            onRelease.accept(this);
        }
    }
}
