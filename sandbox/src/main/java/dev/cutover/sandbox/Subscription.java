package dev.cutover.sandbox;

import java.time.Duration;
import java.util.List;

/**
 * A pull subscription on one bus channel, like a Pub/Sub API {@code Subscribe} stream: the client
 * asks for up to N events and waits for them. Delivery is in publish order with no gaps and no
 * repeats for as long as the subscription lives. Safe to close from another thread, which wakes a
 * waiting {@link #fetch}.
 */
public final class Subscription implements AutoCloseable {

    private final SalesforceEventBus.ChannelLog log;
    private final byte[] startsAfter;
    private long next;
    private byte[] lastDelivered;
    private volatile boolean closed;

    Subscription(SalesforceEventBus.ChannelLog log, long next, byte[] startsAfter) {
        this.log = log;
        this.next = next;
        this.startsAfter = startsAfter;
    }

    public String channel() {
        return log.channel();
    }

    /**
     * The next events in order: at most {@code max}, waiting up to {@code wait} for at least one.
     * Returns an empty list on timeout or once closed.
     *
     * @throws ReplayIdCorruptedException if the subscriber fell behind the retention window
     */
    public synchronized List<BusEvent> fetch(int max, Duration wait) {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be positive, was " + max);
        }
        try {
            List<BusEvent> batch = log.fetch(this, next, max, Math.max(0, wait.toMillis()));
            if (!batch.isEmpty()) {
                next += batch.size();
                lastDelivered = batch.get(batch.size() - 1).replayId();
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The newest replay id on the channel (not necessarily delivered yet), or null while empty. */
    public byte[] latestReplayId() {
        return log.latestReplayId();
    }

    /**
     * The replay id this subscription started strictly after, or null when it started before the
     * first retained event. A client that has delivered nothing yet resumes from here.
     */
    public byte[] startsAfter() {
        return startsAfter == null ? null : startsAfter.clone();
    }

    byte[] lastDeliveredOrStart() {
        return lastDelivered != null ? lastDelivered : startsAfter;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        log.wakeUp();
    }
}
