package dev.cutover.sandbox;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Salesforce users and integrations changing records: publishes CDC events into one bus channel,
 * at a steady rate on its own thread and in bulk bursts on demand.
 *
 * <p>Content is repeatable from the seed (same calls, same payloads); timing is not. Record ids are
 * drawn from a fixed pool so the same keys come back again and again.
 */
public final class CdcTrafficSource implements AutoCloseable {

    public static final int DEFAULT_RECORD_POOL = 50;
    /** Bulk API transactions hold up to 200 records. */
    private static final int BULK_TRANSACTION = 200;

    private final SalesforceEventBus bus;
    private final String channel;
    private final ChangeEventGenerator generator;
    private final AtomicLong published = new AtomicLong();
    private final Object publishLock = new Object();
    private Thread thread;
    private volatile boolean stopping;

    public CdcTrafficSource(SalesforceEventBus bus, String channel, long seed) {
        this(bus, channel, seed, DEFAULT_RECORD_POOL);
    }

    public CdcTrafficSource(SalesforceEventBus bus, String channel, long seed, int recordPoolSize) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.generator = new ChangeEventGenerator(ChangeEventGenerator.entityOf(channel), recordPoolSize, seed, bus.clock());
    }

    public String channel() {
        return channel;
    }

    /** The record ids this source draws from (the Kafka keys a bridge will write). */
    public List<String> recordPool() {
        return generator.recordPool();
    }

    /** Starts publishing {@code eventsPerSecond} single-change transactions on thread {@code cdc-traffic-<channel>}. */
    public synchronized void start(double eventsPerSecond) {
        if (!(eventsPerSecond > 0)) {
            throw new IllegalArgumentException("eventsPerSecond must be positive, was " + eventsPerSecond);
        }
        if (thread != null) {
            throw new IllegalStateException("traffic on " + channel + " is already running");
        }
        long periodNanos = (long) (TimeUnit.SECONDS.toNanos(1) / eventsPerSecond);
        stopping = false;
        thread = new Thread(() -> steady(periodNanos), "cdc-traffic-" + channel);
        thread.setDaemon(true);
        thread.start();
    }

    private void steady(long periodNanos) {
        long due = System.nanoTime();
        while (!stopping) {
            long now = System.nanoTime();
            if (now < due) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            publishOne();
            // Pace against the schedule, not the last publish, so the rate holds on a busy machine;
            // but never try to catch up more than a second of backlog.
            due = Math.max(due + periodNanos, now - TimeUnit.SECONDS.toNanos(1));
        }
    }

    /**
     * A bulk update: {@code events} changes in transactions of 200, published as fast as the bus
     * takes them, on the calling thread. Returns when all are on the bus.
     */
    public void burst(int events) {
        int left = events;
        while (left > 0) {
            int size = Math.min(BULK_TRANSACTION, left);
            synchronized (publishLock) {
                for (ChangeEventGenerator.Change change : generator.transaction(size, true)) {
                    bus.publish(channel, change.recordId(), change.payloadJson());
                    published.incrementAndGet();
                }
            }
            left -= size;
        }
    }

    /** Publishes exactly one single-change transaction now, on the calling thread. */
    public BusEvent publishOne() {
        synchronized (publishLock) {
            ChangeEventGenerator.Change change = generator.single();
            BusEvent event = bus.publish(channel, change.recordId(), change.payloadJson());
            published.incrementAndGet();
            return event;
        }
    }

    /** Events this source published so far. */
    public long published() {
        return published.get();
    }

    public synchronized boolean running() {
        return thread != null;
    }

    /** Stops the steady thread and waits for it; idempotent. */
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new SandboxException("the traffic thread for " + channel + " did not stop within 10 s");
        }
        thread = null;
    }

    @Override
    public void close() {
        stop();
    }
}
