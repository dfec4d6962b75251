package dev.cutover.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The small bridge service that carries one Salesforce channel into one Kafka topic.
 *
 * <p>Each bus event becomes a record keyed by its first record id, valued by its JSON payload, with
 * headers {@value #REPLAY_ID_HEADER} (the replay id bytes) and {@value #CHANNEL_HEADER}.
 *
 * <p>Invariant: {@link #position()} is the replay id of the last event such that it and every
 * event before it were acknowledged by Kafka. Acks can complete out of publish order across
 * partitions, so the position only advances over a contiguous acknowledged prefix. Therefore
 * {@code stop()} followed by {@code start(otherBootstrap, thatPosition)} neither loses nor repeats
 * an event: what was fetched but not acked is fetched again by the next subscription. The one
 * exception is a send that fails while later ones succeed; the bridge then stops writing and
 * reports the failure ({@link #failure()}), and the later ones may be repeated after a restart.
 *
 * <p>Runs on its own thread {@code bridge-<name>}; {@code start}/{@code stop} may be called
 * repeatedly, one run at a time.
 */
public final class BridgeProducer implements AutoCloseable {

    public static final String REPLAY_ID_HEADER = "sfdc.replayId";
    public static final String CHANNEL_HEADER = "sfdc.channel";

    private static final int FETCH_BATCH = 500;
    /**
     * At most this many events handed to the producer and not yet acked. Without a bound the bridge
     * would pour a whole burst into the producer's buffer at once, and a stop would then have to
     * wait for all of it; with it, a stop takes effect within one window.
     */
    static final int MAX_UNACKED = 1_000;
    private static final Duration FETCH_WAIT = Duration.ofMillis(100);
    // Below the 60 s an HTTP control call may take, so a stuck stop answers with where it is stuck.
    private static final long STOP_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(30);

    private final String name;
    private final SalesforceEventBus bus;
    private final String channel;
    private final String topic;
    private final Map<String, Object> producerOverrides;

    /** Guards the fields below and the in-flight queue. */
    private final Object lock = new Object();
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private ReplayPosition position;
    private long eventsWritten;
    private Throwable failure;

    private Thread thread;
    private Subscription subscription;
    private String bootstrap;
    private volatile boolean stopping;

    /** An event handed to the producer, waiting for its ack. */
    private static final class InFlight {
        final ReplayPosition position;
        boolean acked;

        InFlight(ReplayPosition position) {
            this.position = position;
        }
    }

    public BridgeProducer(String name, SalesforceEventBus bus, String channel, String topic) {
        this(name, bus, channel, topic, Map.of());
    }

    /** @param producerOverrides extra Kafka producer properties (security, timeouts), applied last */
    public BridgeProducer(String name, SalesforceEventBus bus, String channel, String topic,
                          Map<String, Object> producerOverrides) {
        this.name = Objects.requireNonNull(name, "name");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.producerOverrides = Map.copyOf(producerOverrides);
    }

    public String name() {
        return name;
    }

    public String channel() {
        return channel;
    }

    public String topic() {
        return topic;
    }

    /** Starts writing to {@code bootstrap}, resuming strictly after {@code from}. */
    public void start(String bootstrap, ReplayPosition from) {
        Objects.requireNonNull(from, "from");
        if (from.isEarliest()) {
            start(bootstrap, ReplayPreset.EARLIEST, null);
        } else {
            start(bootstrap, ReplayPreset.CUSTOM, from);
        }
    }

    /** Starts writing to {@code bootstrap} from {@link ReplayPreset#LATEST} or {@link ReplayPreset#EARLIEST}. */
    public void start(String bootstrap, ReplayPreset preset) {
        if (preset == ReplayPreset.CUSTOM) {
            throw new IllegalArgumentException("use start(bootstrap, ReplayPosition) to resume after a replay id");
        }
        start(bootstrap, preset, null);
    }

    private synchronized void start(String bootstrap, ReplayPreset preset, ReplayPosition from) {
        Objects.requireNonNull(bootstrap, "bootstrap");
        if (thread != null && thread.isAlive()) {
            throw new IllegalStateException("bridge " + name + " is already running against " + this.bootstrap
                    + "; stop it first");
        }
        thread = null; // a run that ended by itself (failure) needs no stop before the next start
        // Subscribe before anything else: a corrupted replay id must fail the start, not the thread.
        Subscription sub = bus.subscribe(channel, preset, from == null ? null : from.replayId());
        KafkaProducer<byte[], byte[]> producer;
        try {
            producer = new KafkaProducer<>(producerProperties(bootstrap));
        } catch (RuntimeException e) {
            sub.close();
            throw new SandboxException("bridge " + name + " could not create a producer for " + bootstrap
                    + ": " + e.getMessage(), e);
        }
        byte[] startsAfter = sub.startsAfter();
        synchronized (lock) {
            inFlight.clear();
            failure = null;
            position = startsAfter == null ? ReplayPosition.EARLIEST : new ReplayPosition(startsAfter);
        }
        this.subscription = sub;
        this.bootstrap = bootstrap;
        this.stopping = false;
        thread = new Thread(() -> run(sub, producer), "bridge-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private Map<String, Object> producerProperties(String bootstrap) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "bridge-" + name);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Up to 5 in flight keeps per-partition order only because idempotence is on.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A missing topic (auto-creation is off) should fail the bridge in seconds, not after a minute.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.putAll(producerOverrides);
        return p;
    }

    private void run(Subscription sub, KafkaProducer<byte[], byte[]> producer) {
        try {
            while (!stopping && !failed()) {
                List<BusEvent> batch = sub.fetch(FETCH_BATCH, FETCH_WAIT);
                for (BusEvent event : batch) {
                    if (!awaitWindow()) {
                        break; // the rest is fetched again by whoever resumes from position()
                    }
                    send(producer, event);
                }
            }
        } catch (Throwable e) {
            recordFailure(e);
        } finally {
            sub.close();
            try {
                producer.flush();
            } catch (Throwable e) {
                recordFailure(e);
            }
            try {
                producer.close(Duration.ofSeconds(30));
            } catch (Throwable e) {
                recordFailure(e);
            }
        }
    }

    /** Waits until fewer than {@link #MAX_UNACKED} events are in flight; false when stopping or failed. */
    private boolean awaitWindow() throws InterruptedException {
        synchronized (lock) {
            while (!stopping && failure == null && inFlight.size() >= MAX_UNACKED) {
                lock.wait(100);
            }
            return !stopping && failure == null;
        }
    }

    private void send(KafkaProducer<byte[], byte[]> producer, BusEvent event) {
        byte[] key = event.recordId() == null ? null : event.recordId().getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key,
                event.payloadJson().getBytes(StandardCharsets.UTF_8));
        record.headers().add(REPLAY_ID_HEADER, event.replayId());
        record.headers().add(CHANNEL_HEADER, channel.getBytes(StandardCharsets.UTF_8));
        InFlight pending = new InFlight(new ReplayPosition(event.replayId()));
        synchronized (lock) {
            inFlight.addLast(pending);
        }
        producer.send(record, (metadata, error) -> acknowledged(pending, error));
    }

    private void acknowledged(InFlight pending, Exception error) {
        synchronized (lock) {
            if (error != null) {
                if (failure == null) {
                    failure = error;
                }
                lock.notifyAll();
                return; // the head stays unacked, so the position never moves past this event
            }
            pending.acked = true;
            while (!inFlight.isEmpty() && inFlight.peekFirst().acked) {
                position = inFlight.removeFirst().position;
                eventsWritten++;
            }
            lock.notifyAll();
        }
    }

    private boolean failed() {
        synchronized (lock) {
            return failure != null;
        }
    }

    private void recordFailure(Throwable e) {
        synchronized (lock) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /**
     * Stops fetching, flushes and closes the producer, and returns the position to resume after:
     * the replay id of the last event Kafka acknowledged (see the class invariant). Idempotent:
     * when already stopped it returns the same position again.
     */
    public synchronized ReplayPosition stop() {
        if (thread == null) {
            return position();
        }
        stopping = true;
        subscription.close(); // wakes a fetch that is waiting for events
        try {
            thread.join(STOP_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while stopping bridge " + name, e);
        }
        if (thread.isAlive()) {
            StringBuilder where = new StringBuilder();
            for (StackTraceElement frame : thread.getStackTrace()) {
                where.append("\n    at ").append(frame);
            }
            throw new SandboxException("bridge " + name + " did not stop within " + STOP_TIMEOUT_MS + " ms; its thread is"
                    + where);
        }
        thread = null;
        subscription = null;
        return position();
    }

    /** True while the bridge thread runs; false after stop() or after a failure ended the run. */
    public synchronized boolean running() {
        return thread != null && thread.isAlive();
    }

    /** The bootstrap of the current (or last) run, null before the first start. */
    public synchronized String bootstrap() {
        return bootstrap;
    }

    /** The replay id of the last event acked with all before it; null before the first start. */
    public ReplayPosition position() {
        synchronized (lock) {
            return position;
        }
    }

    /** Events written and acked since this bridge was created, across runs. */
    public long eventsWritten() {
        synchronized (lock) {
            return eventsWritten;
        }
    }

    /** Why the current or last run stopped writing, if it failed. */
    public Optional<Throwable> failure() {
        synchronized (lock) {
            return Optional.ofNullable(failure);
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "BridgeProducer[" + name + " " + channel + " -> " + topic + "]";
    }
}
