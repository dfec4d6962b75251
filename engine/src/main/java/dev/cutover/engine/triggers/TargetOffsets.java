package dev.cutover.engine.triggers;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The offsets triggers read from the target cluster, through the admin client the caller shares.
 * Every request waits at most {@link #TIMEOUT}: a target that stops answering fails one evaluation
 * with a {@link TriggerException} instead of stalling the watch loop.
 *
 * <p>Topics that do not exist (any more) are answers, not failures: a group keeps committed offsets
 * for a deleted topic, and a dead-letter topic may be created only by its first write.
 */
final class TargetOffsets {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Admin admin;

    TargetOffsets(Admin admin) {
        this.admin = admin;
    }

    /** The group's committed offsets, only partitions it committed; empty for an unknown group. */
    Map<TopicPartition, Long> committed(String group) throws TriggerException {
        Map<TopicPartition, OffsetAndMetadata> offsets = await(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                "list the committed offsets of group " + group);
        Map<TopicPartition, Long> out = new HashMap<>();
        // The admin client maps a partition without a commit to null; that partition has no position.
        offsets.forEach((tp, om) -> {
            if (om != null) {
                out.put(tp, om.offset());
            }
        });
        return out;
    }

    /** The topic's partitions, or empty when the topic does not exist on the target. */
    Optional<List<TopicPartition>> partitions(String topic) throws TriggerException {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).topicNameValues().get(topic)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(description.partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw failure("describe topic " + topic, e.getCause());
        } catch (TimeoutException e) {
            throw failure("describe topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TriggerException("interrupted while reading topic " + topic + " on the target", e);
        }
    }

    /**
     * The last stable offset of each partition: the end a read_committed consumer sees, so records
     * of open transactions do not count as consumable yet. Partitions of topics missing on the
     * target are left out.
     */
    Map<TopicPartition, Long> lastStable(Collection<TopicPartition> partitions) throws TriggerException {
        return ends(partitions, IsolationLevel.READ_COMMITTED);
    }

    /** The log end offset (high watermark) of each partition, open transactions included. */
    Map<TopicPartition, Long> logEnd(Collection<TopicPartition> partitions) throws TriggerException {
        return ends(partitions, IsolationLevel.READ_UNCOMMITTED);
    }

    private Map<TopicPartition, Long> ends(Collection<TopicPartition> partitions, IsolationLevel isolation)
            throws TriggerException {
        Map<TopicPartition, Long> out = new HashMap<>();
        if (partitions.isEmpty()) {
            return out;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        ListOffsetsResult result = admin.listOffsets(request, new ListOffsetsOptions(isolation));
        // Partition by partition, so one deleted topic does not fail the answer for all the others.
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (TopicPartition tp : request.keySet()) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                out.put(tp, result.partitionResult(tp).get(left, TimeUnit.NANOSECONDS).offset());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw failure("list the end offsets of " + tp, e.getCause());
                }
            } catch (TimeoutException e) {
                throw failure("list the end offsets of " + tp, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TriggerException("interrupted while listing end offsets on the target", e);
            }
        }
        return out;
    }

    private static <T> T await(KafkaFuture<T> future, String what) throws TriggerException {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        } catch (TimeoutException e) {
            throw failure(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TriggerException("interrupted while trying to " + what + " on the target", e);
        }
    }

    private static TriggerException failure(String what, Throwable cause) {
        String why = cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException
                ? "no answer within the timeout"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new TriggerException("could not " + what + " on the target cluster: " + why, cause);
    }
}
