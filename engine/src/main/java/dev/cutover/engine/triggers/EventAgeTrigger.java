package dev.cutover.engine.triggers;

import dev.cutover.plans.TriggerKind;
import dev.cutover.plans.TriggerSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code when: event-age}: how long the oldest record the group has not consumed on the target
 * has been waiting (now minus its timestamp), breached above {@code above}. Nothing unconsumed is
 * age 0, never a breach.
 *
 * <p>The oldest unconsumed record of a partition is the first one a read_committed consumer gets
 * from the group's committed offset; an aborted record or a transaction marker sitting at that
 * offset is skipped, as the group itself would skip it. The records are read by a consumer of
 * this trigger's own, without a group id, so reading commits nothing and does not join the group.
 */
public final class EventAgeTrigger implements Trigger {

    static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(200);

    private final TriggerSpec spec;
    private final TargetOffsets offsets;
    private final Map<String, Object> consumerProperties;
    private final Duration readTimeout;
    private final Clock clock;
    private KafkaConsumer<byte[], byte[]> reader;

    /**
     * @param targetAdmin            the target cluster's admin client; shared, so not closed here
     * @param targetClientProperties client properties that reach the target (bootstrap, security);
     *                               the trigger's reader consumer is built from them
     */
    public EventAgeTrigger(TriggerSpec spec, Admin targetAdmin, Map<String, Object> targetClientProperties, Clock clock) {
        this(spec, targetAdmin, targetClientProperties, READ_TIMEOUT, clock);
    }

    EventAgeTrigger(TriggerSpec spec, Admin targetAdmin, Map<String, Object> targetClientProperties,
                    Duration readTimeout, Clock clock) {
        if (spec.when() != TriggerKind.EVENT_AGE) {
            throw new IllegalArgumentException("trigger " + spec.name() + " is " + spec.when() + ", not event-age");
        }
        Objects.requireNonNull(spec.group(), () -> "trigger " + spec.name() + ": event-age needs a group");
        Objects.requireNonNull(spec.aboveDuration(), () -> "trigger " + spec.name() + ": event-age needs above");
        this.spec = spec;
        this.offsets = new TargetOffsets(targetAdmin);
        this.consumerProperties = readerProperties(spec, targetClientProperties);
        this.readTimeout = readTimeout;
        this.clock = clock;
    }

    private static Map<String, Object> readerProperties(TriggerSpec spec, Map<String, Object> target) {
        Map<String, Object> p = new HashMap<>(target);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "cutover-trigger-" + spec.name());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A commit below the log start (retention deleted those records) reads from the oldest left.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    @Override
    public TriggerSpec spec() {
        return spec;
    }

    /** The group's backlog on the target and its oldest unconsumed record (null when there is none). */
    record Oldest(GroupBacklog backlog, ConsumerRecord<byte[], byte[]> record) {
    }

    /** Reads the oldest record the group has not consumed on the target (shared with retention-headroom). */
    Oldest oldest() throws TriggerException {
        GroupBacklog backlog = GroupBacklog.read(offsets, spec.group(), spec.topic());
        List<GroupBacklog.PartitionBacklog> behind = backlog.behind();
        Map<TopicPartition, ConsumerRecord<byte[], byte[]>> firsts = behind.isEmpty() ? Map.of() : firstUnconsumed(behind);
        return new Oldest(backlog, firsts.values().stream()
                .filter(r -> r.timestamp() != ConsumerRecord.NO_TIMESTAMP)
                .min((a, b) -> Long.compare(a.timestamp(), b.timestamp()))
                .orElse(null));
    }

    @Override
    public Reading evaluate() throws TriggerException {
        Oldest found = oldest();
        GroupBacklog backlog = found.backlog();
        ConsumerRecord<byte[], byte[]> oldest = found.record();
        Instant now = clock.instant();
        String threshold = "above " + ReadingText.duration(spec.aboveDuration());
        if (oldest == null) {
            return new Reading(spec.name(), spec.when().label(), 0, "nothing unconsumed", threshold, false, now,
                    backlog.partitions().isEmpty() ? "group " + spec.group() + " has no committed offsets on the target" : "");
        }
        // A record stamped in the future (producer clock ahead) has waited 0, not a negative time.
        Duration age = Duration.between(Instant.ofEpochMilli(oldest.timestamp()), now);
        age = age.isNegative() ? Duration.ZERO : age;
        String detail = "oldest unconsumed: " + oldest.topic() + "-" + oldest.partition() + " offset " + oldest.offset()
                + ", timestamp " + Instant.ofEpochMilli(oldest.timestamp());
        return new Reading(spec.name(), spec.when().label(), age.toMillis(),
                "oldest unconsumed " + ReadingText.duration(age), threshold,
                age.compareTo(spec.aboveDuration()) > 0, now, detail);
    }

    /**
     * The first visible record at or after the commit of each partition; a partition whose
     * remaining offsets hold no visible record (only aborted data and markers) is left out.
     */
    private Map<TopicPartition, ConsumerRecord<byte[], byte[]>> firstUnconsumed(List<GroupBacklog.PartitionBacklog> behind)
            throws TriggerException {
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = reader();
        } catch (KafkaException e) {
            throw new TriggerException("could not create a consumer on the target cluster to read the records of group "
                    + spec.group() + ": " + e.getMessage(), e);
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        behind.forEach(p -> ends.put(p.partition(), p.end()));
        Map<TopicPartition, ConsumerRecord<byte[], byte[]>> firsts = new HashMap<>();
        Set<TopicPartition> open = new HashSet<>(ends.keySet());
        long deadline = System.nanoTime() + readTimeout.toNanos();
        try {
            consumer.assign(ends.keySet());
            behind.forEach(p -> consumer.seek(p.partition(), p.committed()));
            while (!open.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new TriggerException("could not read the oldest unconsumed record of group " + spec.group()
                            + " on the target within " + readTimeout.toSeconds() + " s (partitions " + open + ")");
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (TopicPartition tp : records.partitions()) {
                    if (open.remove(tp)) {
                        firsts.put(tp, records.records(tp).get(0));
                        // Its first record is all we need; stop fetching it while the others catch up.
                        consumer.pause(List.of(tp));
                    }
                }
                for (TopicPartition tp : Set.copyOf(open)) {
                    if (consumer.position(tp) >= ends.get(tp)) {
                        open.remove(tp);
                    }
                }
            }
            return firsts;
        } catch (KafkaException e) {
            throw new TriggerException("could not read the oldest unconsumed record of group " + spec.group()
                    + " on the target cluster: " + e.getMessage(), e);
        } finally {
            consumer.unsubscribe();
        }
    }

    /** Opened on first use, so building the triggers does no I/O and cannot half-fail. */
    private KafkaConsumer<byte[], byte[]> reader() {
        if (reader == null) {
            reader = new KafkaConsumer<>(consumerProperties);
        }
        return reader;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
