package dev.cutover.engine.mirror;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connect-mirror {@link SourceTask} on its own named thread the way Connect's worker
 * would, minus the worker: poll, send each record with our producer, call
 * {@code commitRecord(record, metadata)} on acknowledgement, {@code commit()} periodically.
 * Records are raw bytes end to end: no converters, no transforms.
 */
final class HostedTask {

    /** What the owner of a task wants to know about its records. */
    interface Listener {
        /** Before a polled batch is sent; throwing stops the task and sends nothing of the batch. */
        default void polled(List<SourceRecord> records) {
        }

        /** On the producer's I/O thread, in send order per partition. Must not block. */
        default void acked(SourceRecord record, RecordMetadata metadata) {
        }

        /** On the producer's I/O thread. Must not block. */
        default void sendFailed(SourceRecord record, Exception e) {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(HostedTask.class);
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final SourceTask task;
    private final Producer<byte[], byte[]> producer;
    private final Listener listener;
    private final Consumer<Throwable> onFailure;
    private final boolean interruptPollOnStop;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception sendFailure;
    private boolean started;

    /**
     * @param interruptPollOnStop whether a stop interrupts the task's thread instead of waiting for its
     *                            poll to return: only for a task whose records may be dropped at a stop
     *                            (the checkpoint task sleeps its whole emit interval inside {@code poll()},
     *                            and MirrorMaker 2's checkpoints are informational here, never committed)
     */
    HostedTask(String name, SourceTask task, Producer<byte[], byte[]> producer, Listener listener,
               Consumer<Throwable> onFailure, boolean interruptPollOnStop) {
        this.name = name;
        this.task = task;
        this.producer = producer;
        this.listener = listener;
        this.onFailure = onFailure;
        this.interruptPollOnStop = interruptPollOnStop;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    /** Starts the task with its config (on the caller's thread, so config errors surface here), then the thread. */
    void start(HostedTaskContext context) {
        task.initialize(context);
        task.start(context.configs());
        started = true;
        thread.start();
    }

    String name() {
        return name;
    }

    private void loop() {
        long nextCommit = System.nanoTime() + COMMIT_INTERVAL.toNanos();
        try {
            while (running) {
                List<SourceRecord> records = task.poll();
                if (!running) {
                    break; // a stop arrived during poll; this batch is read again on resume
                }
                if (records != null && !records.isEmpty()) {
                    listener.polled(records);
                    for (SourceRecord record : records) {
                        send(record);
                    }
                }
                if (sendFailure != null) {
                    throw new MirrorException(name + " could not write to the target: " + sendFailure.getMessage(), sendFailure);
                }
                if (System.nanoTime() >= nextCommit) {
                    task.commit();
                    nextCommit = System.nanoTime() + COMMIT_INTERVAL.toNanos();
                }
            }
        } catch (InterruptedException e) {
            if (running) {
                onFailure.accept(new MirrorException(name + " was interrupted", e));
            }
        } catch (Throwable t) {
            if (!running && !(t instanceof MirrorException)) {
                log.debug("{} ended during stop: {}", name, t.toString());
                return;
            }
            running = false;
            log.error("{} failed: {}", name, t.getMessage());
            onFailure.accept(t);
        }
    }

    private void send(SourceRecord record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h.key(), (byte[]) h.value());
        }
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(record.topic(), record.kafkaPartition(),
                record.timestamp(), (byte[]) record.key(), (byte[]) record.value(), headers);
        producer.send(out, (metadata, e) -> {
            if (e != null) {
                if (sendFailure == null) {
                    sendFailure = e;
                }
                listener.sendFailed(record, e);
                return;
            }
            listener.acked(record, metadata);
            try {
                task.commitRecord(record, metadata);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException re) {
                log.warn("{}: commitRecord failed: {}", name, re.toString());
            }
        });
    }

    /** Asks the loop to end after the current poll (or at once, see the constructor); returns at once. */
    void requestStop() {
        running = false;
        if (interruptPollOnStop) {
            thread.interrupt(); // the loop ends quietly: an interruption once stopping is no failure
        }
    }

    /**
     * Ends the task. Graceful: wait for the loop, let every sent record be acknowledged (so its
     * offset sync and position are recorded), commit, stop the task, close the producer.
     * Abrupt (for testing, like kill -9): stop the task and drop unsent records at once.
     */
    void finish(boolean graceful) {
        running = false;
        if (Thread.currentThread() != thread) {
            join(graceful ? JOIN_TIMEOUT : Duration.ofSeconds(5));
        }
        try {
            if (graceful && sendFailure == null && !thread.isAlive()) {
                producer.flush();
                if (started) {
                    task.commit();
                }
            }
        } catch (Exception e) {
            log.warn("{}: flushing before stop failed: {}", name, e.toString());
        }
        if (started) {
            try {
                task.stop();
            } catch (Exception e) {
                log.warn("{}: stopping the task failed: {}", name, e.toString());
            }
        }
        if (graceful) {
            Utils.closeQuietly(() -> producer.close(JOIN_TIMEOUT), name + " producer");
        } else {
            Utils.closeQuietly(() -> producer.close(Duration.ZERO), name + " producer");
        }
        if (Thread.currentThread() != thread) {
            join(Duration.ofSeconds(5));
        }
    }

    private void join(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                log.warn("{} did not end within {} ms", name, timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
