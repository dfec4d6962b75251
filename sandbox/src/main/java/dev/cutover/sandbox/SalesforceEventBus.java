package dev.cutover.sandbox;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory stand-in for the Salesforce event bus as the Pub/Sub API shows it.
 *
 * <p>What it keeps faithful, because the producer switch depends on it:
 * <ul>
 *   <li>Each channel is an ordered stream; every event gets a replay id when it is stored.</li>
 *   <li>Replay ids are opaque bytes. They happen to be an 8-byte big-endian counter that grows by a
 *       random step of 1..5, so they are ordered but not contiguous: nobody may compute "the next
 *       id" or compare ids by size. Only this class, their issuer, knows what they mean.</li>
 *   <li>Events are retained for a window of bus time (default 72 hours, {@link Clock} injected).
 *       Resuming after an id that left the window, or that this channel never issued, fails with
 *       {@link ReplayIdCorruptedException}, as Salesforce does.</li>
 *   <li>{@link ReplayPreset#CUSTOM} delivers strictly after the given id.</li>
 * </ul>
 *
 * <p>Besides the retained events it remembers every replay id it ever issued, in order
 * ({@link #emittedReplayIds}), which is what {@link TrafficCheck} needs to find losses.
 */
public final class SalesforceEventBus {

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(72);

    private final Clock clock;
    private final Duration retention;
    private final long seed;
    private final Map<String, ChannelLog> channels = new ConcurrentHashMap<>();

    /** A bus on the system clock with 72 hours of retention. */
    public SalesforceEventBus() {
        this(Clock.systemUTC(), DEFAULT_RETENTION, 0L);
    }

    /** @param seed makes the replay id steps repeatable, per channel */
    public SalesforceEventBus(Clock clock, Duration retention, long seed) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        this.seed = seed;
    }

    public Clock clock() {
        return clock;
    }

    public Duration retention() {
        return retention;
    }

    /** Stores one event on {@code channel} and returns it with its new replay id. */
    public BusEvent publish(String channel, String recordId, String payloadJson) {
        return log(channel).append(recordId, payloadJson);
    }

    /**
     * Subscribes to {@code channel}.
     *
     * @param customReplayId required with {@link ReplayPreset#CUSTOM} (delivery starts strictly
     *                       after it), ignored otherwise
     * @throws ReplayIdCorruptedException when the custom id is outside the retention window or
     *                                    unknown on this channel
     */
    public Subscription subscribe(String channel, ReplayPreset preset, byte[] customReplayId) {
        Objects.requireNonNull(preset, "preset");
        ChannelLog log = log(channel);
        if (preset == ReplayPreset.CUSTOM && customReplayId == null) {
            throw new IllegalArgumentException("ReplayPreset.CUSTOM needs a replay id");
        }
        return log.subscribe(preset, customReplayId);
    }

    /** The newest replay id on the channel, or null while it is empty (the keepalive's latest id). */
    public byte[] latestReplayId(String channel) {
        return log(channel).latestReplayId();
    }

    /** Every replay id this channel ever issued, in publish order, retention notwithstanding. */
    public List<byte[]> emittedReplayIds(String channel) {
        return log(channel).emitted();
    }

    /** How many events were ever published on the channel. */
    public long publishedCount(String channel) {
        return log(channel).publishedCount();
    }

    private ChannelLog log(String channel) {
        Objects.requireNonNull(channel, "channel");
        return channels.computeIfAbsent(channel, c -> new ChannelLog(c, new Random(seed ^ c.hashCode())));
    }

    /**
     * The events of one channel. Events are addressed by publish index (0, 1, 2, ...); the list
     * holds indexes {@code base .. base+events.size()-1}, of which those before {@code retainedFrom}
     * have expired and wait to be compacted away. All state is guarded by this object's monitor,
     * which is also what fetches wait on.
     */
    final class ChannelLog {
        private final String channel;
        private final Random steps;
        private final List<BusEvent> events = new ArrayList<>();
        private final Map<ByteBuffer, Long> indexById = new HashMap<>();
        private final List<byte[]> emitted = new ArrayList<>();
        private long base;
        private long retainedFrom;
        private long counter;

        ChannelLog(String channel, Random steps) {
            this.channel = channel;
            this.steps = steps;
            // Start far from zero so ids do not look like offsets.
            this.counter = 1_000_000L + steps.nextInt(1_000_000);
        }

        String channel() {
            return channel;
        }

        synchronized BusEvent append(String recordId, String payloadJson) {
            counter += 1 + steps.nextInt(5);
            byte[] id = ByteBuffer.allocate(Long.BYTES).putLong(counter).array();
            BusEvent event = new BusEvent(id, channel, recordId, payloadJson, clock.millis());
            indexById.put(ByteBuffer.wrap(id), base + events.size());
            events.add(event);
            emitted.add(id);
            expire();
            notifyAll();
            return event;
        }

        synchronized Subscription subscribe(ReplayPreset preset, byte[] customReplayId) {
            expire();
            long end = base + events.size();
            return switch (preset) {
                case LATEST -> new Subscription(this, end, end == 0 ? null : eventAt(end - 1).replayId());
                case EARLIEST -> new Subscription(this, retainedFrom, null);
                case CUSTOM -> new Subscription(this, indexAfter(customReplayId), customReplayId.clone());
            };
        }

        private long indexAfter(byte[] replayId) {
            Long index = indexById.get(ByteBuffer.wrap(replayId));
            if (index == null) {
                throw new ReplayIdCorruptedException(channel, replayId,
                        "no retained event on this channel has this replay id");
            }
            if (index < retainedFrom) {
                throw new ReplayIdCorruptedException(channel, replayId,
                        "the event is older than the retention window of " + retention);
            }
            return index + 1;
        }

        /** Up to {@code max} events from {@code next}, waiting up to {@code waitMillis} for the first. */
        synchronized List<BusEvent> fetch(Subscription subscription, long next, int max, long waitMillis)
                throws InterruptedException {
            long deadline = System.nanoTime() + waitMillis * 1_000_000L;
            while (true) {
                if (subscription.isClosed()) {
                    return List.of();
                }
                expire();
                if (next < retainedFrom) {
                    // A subscriber that fell out of the window has lost events; say so rather than skip.
                    byte[] last = subscription.lastDeliveredOrStart();
                    throw new ReplayIdCorruptedException(channel, last == null ? new byte[0] : last,
                            "the subscription fell behind the retention window of " + retention);
                }
                long end = base + events.size();
                if (next < end) {
                    int from = (int) (next - base);
                    int to = (int) Math.min(end - base, from + (long) max);
                    return List.copyOf(events.subList(from, to));
                }
                long remaining = (deadline - System.nanoTime()) / 1_000_000L;
                if (remaining <= 0) {
                    return List.of();
                }
                wait(remaining);
            }
        }

        synchronized void wakeUp() {
            notifyAll();
        }

        synchronized byte[] latestReplayId() {
            return events.isEmpty() ? null : events.get(events.size() - 1).replayId();
        }

        synchronized List<byte[]> emitted() {
            List<byte[]> copy = new ArrayList<>(emitted.size());
            emitted.forEach(id -> copy.add(id.clone()));
            return copy;
        }

        synchronized long publishedCount() {
            return emitted.size();
        }

        private BusEvent eventAt(long index) {
            return events.get((int) (index - base));
        }

        /** Moves the retention mark past expired events and compacts once enough piled up. */
        private void expire() {
            long oldestKept = clock.millis() - retention.toMillis();
            long end = base + events.size();
            while (retainedFrom < end && eventAt(retainedFrom).publishedAtMillis() < oldestKept) {
                retainedFrom++;
            }
            int expired = (int) (retainedFrom - base);
            if (expired > 1024 && expired > events.size() / 2) {
                // Ids of compacted events are forgotten, so resuming after them is "unknown": still corrupted.
                List<BusEvent> gone = events.subList(0, expired);
                gone.forEach(e -> indexById.remove(ByteBuffer.wrap(e.replayId())));
                gone.clear();
                base = retainedFrom;
            }
        }
    }
}
