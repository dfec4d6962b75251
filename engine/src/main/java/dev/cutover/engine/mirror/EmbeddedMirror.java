package dev.cutover.engine.mirror;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.mirror.MirrorCheckpointTask;
import org.apache.kafka.connect.mirror.MirrorSourceTask;
import org.apache.kafka.connect.mirror.MirrorUtils;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MirrorMaker 2 without a Connect worker: connect-mirror's own {@link MirrorSourceTask}s (its
 * consumer, identity topic naming, offset syncs to {@code mm2-offset-syncs.<source>.internal} on
 * the target) and one {@link MirrorCheckpointTask} (checkpoints to
 * {@code <source>.checkpoints.internal}, group offsets synced to the target), fed by cutover's
 * idempotent producer and cutover's own offset bookkeeping, so the copy is exact.
 *
 * <h2>Invariant</h2>
 * For every copied partition the {@link MirrorProgressStore} holds {@code (s, t)} such that:
 * <ol>
 *   <li>every committed source record before {@code s} is on the target before {@code t}, once,
 *       in source order, and nothing else is on the target before {@code t};</li>
 *   <li>the target records from {@code t} to the target end {@code E} are copies of the first
 *       {@code E - t} committed source records at or after {@code s}, in order.</li>
 * </ol>
 * (1) holds because a position is saved only after the target acknowledged it, and the idempotent
 * producer (acks=all, 5 in flight) writes each partition in send order without duplicates.
 * (2) holds because between two saves only this mirror writes the target partition, in source
 * order. So after any ending, kill -9 included, {@link ResumePlanner} counts the records in
 * {@code [t, E)} and resumes the source right after that many committed records from {@code s}:
 * nothing is copied twice, nothing is skipped. It needs no other writer on the target topics,
 * and no compaction, between the copy and the next save, of source records copied after the last
 * save (the cleaner never touches the active segment and saves run several times a second). A position is
 * stored for every partition before the first record is copied, so a crash before the first
 * periodic save is covered too.
 *
 * <p>Records deleted from the source before they were copied are reported, never skipped
 * silently: see {@link DataLossGuard}. Positions are source partitions (identity naming: the
 * target partition has the same name).
 *
 * <p>Lifecycle: {@link #start()} once (a second call is refused), {@link #stop()} any number
 * of times; a failing task stops the whole mirror and {@link #status()} reports {@code FAILED}.
 */
public final class EmbeddedMirror implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMirror.class);

    /**
     * How often positions are saved by default. switch-producers waits for the save that shows the
     * mirror drained while every producer is stopped, so this bounds part of the write pause.
     */
    public static final Duration DEFAULT_SAVE_INTERVAL = Duration.ofMillis(250);
    private static final Duration WALK_TIMEOUT = Duration.ofSeconds(60);

    private final MirrorJob job;
    private final MirrorProgressStore store;
    private final Duration saveInterval;

    private final Object lock = new Object();
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile MirrorStatus status = new MirrorStatus(MirrorState.NEW, Instant.now(), null, null);
    private volatile Throwable failure;
    private volatile boolean saveOnStop = true;

    private final List<HostedTask> tasks = new ArrayList<>();
    private final Map<Integer, List<TopicPartition>> assignment = new HashMap<>();
    private PositionTracker tracker;
    private Admin sourceAdmin;
    private Admin targetAdmin;
    private Metrics metrics;
    private ScheduledExecutorService saver;

    public EmbeddedMirror(MirrorJob job, MirrorProgressStore store) {
        this(job, store, DEFAULT_SAVE_INTERVAL);
    }

    public EmbeddedMirror(MirrorJob job, MirrorProgressStore store, Duration saveInterval) {
        this.job = job;
        this.store = store;
        this.saveInterval = saveInterval;
    }

    /**
     * Checks the topics, works out the exact resume point of every partition, stores it, then
     * starts copying. Returns once the tasks run.
     *
     * @throws IllegalStateException   when called a second time
     * @throws MirrorDataLossException when a stored position lies before the source log start
     * @throws MirrorException         when a topic is missing or the target is not as the store says
     */
    public void start() {
        synchronized (lock) {
            if (status.state() != MirrorState.NEW) {
                throw new IllegalStateException("the mirror was already started (state " + status.state() + "); create a new EmbeddedMirror");
            }
            setStatus(MirrorState.STARTING, null);
        }
        long began = System.currentTimeMillis();
        try {
            sourceAdmin = Admin.create(MirrorTaskConfigs.admin(job.sourceClientProps(), "cutover-mirror-source-admin"));
            targetAdmin = Admin.create(MirrorTaskConfigs.admin(job.targetClientProps(), "cutover-mirror-target-admin"));
            List<TopicPartition> partitions = MirrorTopics.checkedPartitions(sourceAdmin, targetAdmin, job);
            if (!"false".equals(job.extraProperties().get("emit.offset-syncs.enabled"))) {
                MirrorTopics.ensureCompactedTopic(targetAdmin, MirrorTaskConfigs.offsetSyncsTopic(job));
            }
            List<String> groups = MirrorTopics.matchingGroups(sourceAdmin, job.groupPatterns());
            if (!groups.isEmpty()) {
                MirrorTopics.ensureCompactedTopic(targetAdmin, MirrorTaskConfigs.checkpointsTopic(job));
            }

            ResumePlanner.Resume planned = planResume(partitions);
            Map<TopicPartition, CopyPosition> resume = planned.positions();
            store.save(resume, planned.anchors());
            tracker = new PositionTracker(resume);
            metrics = new Metrics();

            int taskCount = Math.min(job.tasks(), partitions.size());
            for (int i = 0; i < partitions.size(); i++) {
                assignment.computeIfAbsent(i % taskCount, k -> new ArrayList<>()).add(partitions.get(i));
            }
            for (int i = 0; i < taskCount; i++) {
                startSourceTask(i, assignment.get(i), resume);
            }
            if (!groups.isEmpty()) {
                startCheckpointTask(groups);
            } else if (!job.groupPatterns().isEmpty()) {
                log.warn("no source consumer group matches {}: no checkpoints", job.groupPatterns());
            }
            saver = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cutover-mirror-progress");
                t.setDaemon(true);
                return t;
            });
            long ms = saveInterval.toMillis();
            saver.scheduleWithFixedDelay(this::savePositions, ms, ms, TimeUnit.MILLISECONDS);
            synchronized (lock) {
                if (status.state() == MirrorState.STARTING) {
                    setStatus(MirrorState.RUNNING, taskCount + " copy tasks, " + partitions.size() + " partitions, "
                            + groups.size() + " groups checkpointed");
                }
            }
            log.info("mirror {} started in {} ms: {} copy tasks over {} partitions, {} groups checkpointed",
                    job, System.currentTimeMillis() - began, taskCount, partitions.size(), groups.size());
        } catch (RuntimeException e) {
            failure = e;
            shutdown(false, true);
            throw e;
        }
    }

    private ResumePlanner.Resume planResume(List<TopicPartition> partitions) {
        try (KafkaConsumer<byte[], byte[]> sourceReader = new KafkaConsumer<>(
                     MirrorTaskConfigs.readCommittedConsumer(job.sourceClientProps(), "cutover-mirror-resume-source"));
             KafkaConsumer<byte[], byte[]> targetReader = new KafkaConsumer<>(
                     MirrorTaskConfigs.consumer(job.targetClientProps(), "cutover-mirror-resume-target", "read_uncommitted"))) {
            return new ResumePlanner(sourceAdmin, targetAdmin, sourceReader, targetReader, WALK_TIMEOUT)
                    .plan(partitions, store.load());
        }
    }

    private void startSourceTask(int index, List<TopicPartition> partitions, Map<TopicPartition, CopyPosition> resume) {
        String name = "cutover-mirror-task-" + index;
        Map<String, String> config = MirrorTaskConfigs.sourceTask(job, index, partitions);
        Map<TopicPartition, Long> next = new HashMap<>();
        partitions.forEach(tp -> next.put(tp, resume.get(tp).nextSourceOffset()));
        DataLossGuard guard = new DataLossGuard(tps -> Offsets.earliest(sourceAdmin, tps), next);
        HostedTask.Listener listener = new HostedTask.Listener() {
            @Override
            public void polled(List<SourceRecord> records) {
                guard.check(records);
            }

            @Override
            public void acked(SourceRecord record, RecordMetadata metadata) {
                tracker.acked(MirrorUtils.unwrapPartition(record.sourcePartition()),
                        DataLossGuard.sourceOffset(record), metadata.offset());
            }

            @Override
            public void sendFailed(SourceRecord record, Exception e) {
                tracker.failed(MirrorUtils.unwrapPartition(record.sourcePartition()));
                fail(new MirrorException("could not write to " + record.topic() + "-" + record.kafkaPartition()
                        + " on the target: " + e.getMessage(), e));
            }
        };
        startTask(new HostedTask(name, new MirrorSourceTask(), producer(name), listener, this::fail, false), config, next);
    }

    private void startCheckpointTask(List<String> groups) {
        String name = "cutover-mirror-checkpoints";
        Map<String, String> config = MirrorTaskConfigs.checkpointTask(job, groups);
        HostedTask.Listener listener = new HostedTask.Listener() {
            @Override
            public void sendFailed(SourceRecord record, Exception e) {
                fail(new MirrorException("could not write checkpoints to " + record.topic() + ": " + e.getMessage(), e));
            }
        };
        startTask(new HostedTask(name, new MirrorCheckpointTask(), producer(name), listener, this::fail, true), config, Map.of());
    }

    private void startTask(HostedTask task, Map<String, String> config, Map<TopicPartition, Long> resumeAt) {
        synchronized (lock) {
            if (shuttingDown.get()) {
                throw new MirrorException("the mirror was stopped while starting", failure);
            }
            tasks.add(task);
        }
        PluginMetricsImpl pluginMetrics = new PluginMetricsImpl(metrics, Map.of("task", task.name()));
        task.start(new HostedTaskContext(config, resumeAt, pluginMetrics));
    }

    private KafkaProducer<byte[], byte[]> producer(String clientId) {
        return new KafkaProducer<>(MirrorTaskConfigs.producer(job, clientId));
    }

    private void savePositions() {
        PositionTracker.Snapshot snapshot = tracker.snapshot();
        try {
            store.save(snapshot.positions(), snapshot.anchors());
        } catch (RuntimeException e) {
            tracker.unsaved(snapshot.anchors());
            // the previous save still holds: resume stays exact, only more records get recounted
            log.warn("could not save mirror positions (will retry): {}", e.toString());
        }
    }

    /** Stops copying: the current batches are acknowledged, positions saved. Idempotent. */
    public void stop() {
        shutdown(true, true);
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * For testing: ends the mirror as kill -9 would, with no flush and no final save. Records
     * already sent may or may not reach the target; the next start must still be exact.
     */
    void haltForTesting() {
        saveOnStop = false;
        shutdown(false, false);
    }

    /** A task failed: the first failure wins, the mirror stops (on another thread) and reports FAILED. */
    private void fail(Throwable t) {
        synchronized (lock) {
            if (failure == null) {
                failure = t;
            }
        }
        if (!shuttingDown.get()) {
            Thread stopper = new Thread(() -> shutdown(true, true), "cutover-mirror-stopper");
            stopper.setDaemon(true);
            stopper.start();
        }
    }

    private void shutdown(boolean graceful, boolean save) {
        if (!shuttingDown.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        try {
            List<HostedTask> running;
            synchronized (lock) {
                if (status.state() == MirrorState.NEW) {
                    setStatus(MirrorState.STOPPED, "never started");
                    return;
                }
                if (!status.state().isTerminal()) {
                    setStatus(MirrorState.STOPPING, null);
                }
                running = List.copyOf(tasks);
            }
            if (saver != null) {
                saver.shutdownNow();
            }
            running.forEach(HostedTask::requestStop);
            running.forEach(t -> t.finish(graceful));
            if (save && saveOnStop && tracker != null) {
                savePositions();
            }
            Utils.closeQuietly(sourceAdmin, "source admin");
            Utils.closeQuietly(targetAdmin, "target admin");
            Utils.closeQuietly(metrics, "metrics");
        } finally {
            synchronized (lock) {
                Throwable cause = failure;
                if (cause != null) {
                    setStatus(MirrorState.FAILED, cause.getMessage(), cause);
                    log.error("mirror {} failed: {}", job, cause.getMessage());
                } else if (status.state() != MirrorState.STOPPED) {
                    setStatus(MirrorState.STOPPED, null);
                    log.info("mirror {} stopped", job);
                }
            }
            terminated.countDown();
        }
    }

    private void awaitQuietly() {
        try {
            terminated.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the mirror stopped or failed; true if it did within the timeout. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public MirrorStatus status() {
        return status;
    }

    /** The positions acknowledged by the target so far (what the next save will store). */
    public Map<TopicPartition, CopyPosition> positions() {
        PositionTracker t = tracker;
        return t == null ? Map.of() : t.positions();
    }

    /** Which source partitions each copy task (by index) copies. */
    public Map<Integer, List<TopicPartition>> assignment() {
        synchronized (lock) {
            return Map.copyOf(assignment);
        }
    }

    public MirrorJob job() {
        return job;
    }

    private void setStatus(MirrorState state, String message) {
        setStatus(state, message, null);
    }

    private void setStatus(MirrorState state, String message, Throwable cause) {
        status = new MirrorStatus(state, Instant.now(), message, cause);
    }

    @Override
    public String toString() {
        return "EmbeddedMirror[" + job + ", " + status + "]";
    }
}
