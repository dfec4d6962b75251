package dev.cutover.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A downstream application: one member of a consumer group, on its own thread
 * {@code demo-consumer-<group>}.
 *
 * <p>It reads committed records only (read_committed), and commits synchronously after processing
 * each poll, never automatically, so its committed offsets are exactly what it has processed; that
 * is what makes offset translation checkable. Every processed record is remembered, across runs,
 * for assertions.
 *
 * <p>{@link #stop()} is cooperative: the loop finishes the batch it is on, commit included, and
 * leaves at its next turn (at most one poll timeout later). It never calls
 * {@code KafkaConsumer.wakeup()}: a wakeup that lands in {@code commitSync} throws after the commit
 * request was sent, so the broker applies the commit while the batch counts as unprocessed, and the
 * group would resume past records this consumer never processed.
 *
 * <p>{@link #pause()} keeps the member polling (so the group stays stable and no rebalance starts)
 * but pauses its partitions, so nothing is processed or committed and lag grows.
 */
public final class DemoConsumer implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final long STOP_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(30);

    private final String groupId;
    private final List<String> topics;
    private final Map<String, Object> consumerOverrides;

    /** Guards the fields below. */
    private final Object lock = new Object();
    private final List<ConsumedRecord> consumed = new ArrayList<>();
    private long commits;
    private boolean pausedApplied;
    private int assignedPartitions;
    private Throwable failure;

    private volatile boolean pauseRequested;
    private volatile boolean stopping;
    private Thread thread;
    private String bootstrap;

    public DemoConsumer(String groupId, List<String> topics) {
        this(groupId, topics, Map.of());
    }

    /** @param consumerOverrides extra Kafka consumer properties (security, group protocol), applied last */
    public DemoConsumer(String groupId, List<String> topics, Map<String, Object> consumerOverrides) {
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.topics = List.copyOf(topics);
        this.consumerOverrides = Map.copyOf(consumerOverrides);
    }

    public String groupId() {
        return groupId;
    }

    public List<String> topics() {
        return topics;
    }

    /** Joins the group on {@code bootstrap} and starts consuming from the group's committed offsets. */
    public synchronized void start(String bootstrap) {
        Objects.requireNonNull(bootstrap, "bootstrap");
        if (thread != null && thread.isAlive()) {
            throw new IllegalStateException("consumer of group " + groupId + " is already running against "
                    + this.bootstrap + "; stop it first");
        }
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties(bootstrap));
        synchronized (lock) {
            failure = null;
            pausedApplied = false;
            assignedPartitions = 0;
        }
        this.bootstrap = bootstrap;
        this.stopping = false;
        thread = new Thread(() -> run(c, bootstrap), "demo-consumer-" + groupId);
        thread.setDaemon(true);
        thread.start();
    }

    private Map<String, Object> consumerProperties(String bootstrap) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "demo-consumer-" + groupId);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A group with no commit yet starts at the beginning: a demo app must not skip history.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.putAll(consumerOverrides);
        return p;
    }

    private void run(KafkaConsumer<byte[], byte[]> c, String bootstrap) {
        try {
            c.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // Nothing to do: every processed poll is already committed.
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (pauseRequested) {
                        c.pause(partitions); // new partitions stay paused too
                    }
                    synchronized (lock) {
                        assignedPartitions = c.assignment().size();
                    }
                }
            });
            while (!stopping) {
                applyPause(c);
                ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                List<ConsumedRecord> processed = new ArrayList<>(records.count());
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    TopicRecord record = TopicReader.toRecord(r);
                    processed.add(new ConsumedRecord(bootstrap, record.topic(), record.partition(), record.offset(),
                            record.key(), record.replayId()));
                }
                c.commitSync();
                synchronized (lock) {
                    consumed.addAll(processed);
                    commits++;
                }
            }
        } catch (Throwable e) {
            recordFailure(e);
        } finally {
            try {
                c.close(Duration.ofSeconds(10));
            } catch (Throwable e) {
                recordFailure(e);
            }
        }
    }

    private void applyPause(KafkaConsumer<byte[], byte[]> c) {
        boolean wanted = pauseRequested;
        if (wanted) {
            c.pause(c.assignment());
        } else if (!c.paused().isEmpty()) {
            c.resume(c.paused());
        }
        synchronized (lock) {
            pausedApplied = wanted;
        }
    }

    /** Stops processing (the member keeps polling, so it stays in the group); see {@link #paused()}. */
    public void pause() {
        pauseRequested = true;
    }

    public void resume() {
        pauseRequested = false;
    }

    /** True once the consumer thread has actually paused its partitions. */
    public boolean paused() {
        synchronized (lock) {
            return pausedApplied;
        }
    }

    /** How many partitions the group currently gives this member. */
    public int assignedPartitions() {
        synchronized (lock) {
            return assignedPartitions;
        }
    }

    /** A copy of everything processed so far, across runs, in processing order. */
    public List<ConsumedRecord> consumed() {
        synchronized (lock) {
            return List.copyOf(consumed);
        }
    }

    public long consumedCount() {
        synchronized (lock) {
            return consumed.size();
        }
    }

    /** Successful synchronous commits so far. */
    public long commits() {
        synchronized (lock) {
            return commits;
        }
    }

    public synchronized boolean running() {
        return thread != null && thread.isAlive();
    }

    /** The bootstrap of the current (or last) run, null before the first start. */
    public synchronized String bootstrap() {
        return bootstrap;
    }

    public Optional<Throwable> failure() {
        synchronized (lock) {
            return Optional.ofNullable(failure);
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
     * Leaves the group and waits for the thread; idempotent. The batch in hand is processed and
     * committed first (see the class comment for why the consumer is not woken up).
     */
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        stopping = true;
        try {
            thread.join(STOP_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while stopping the consumer of group " + groupId, e);
        }
        if (thread.isAlive()) {
            throw new SandboxException("the consumer of group " + groupId + " did not stop within "
                    + STOP_TIMEOUT_MS + " ms");
        }
        thread = null;
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "DemoConsumer[" + groupId + " " + topics + "]";
    }
}
