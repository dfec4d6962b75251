package dev.cutover.engine.triggers;

import dev.cutover.plans.TriggerKind;
import dev.cutover.plans.TriggerSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/**
 * {@code when: retention-headroom}: how long until a position the cutover depends on can no longer
 * be replayed, breached when that falls below {@code below}. For a group: the topic's
 * {@code retention.ms} minus the age of the oldest record it has not consumed on the target (read as
 * {@link EventAgeTrigger} reads it); past zero, retention deletes records the group never read. For a
 * producer: Salesforce's 72 h replay window minus the age of its last event on the target; a producer
 * that stopped writing (a switch that failed halfway, a connector down) would resume from a replay id
 * Salesforce no longer holds. The value is the headroom in milliseconds.
 */
public final class RetentionHeadroomTrigger implements Trigger {

    /** Salesforce keeps Change Data Capture and high-volume platform events for 72 hours. */
    static final Duration REPLAY_WINDOW = Duration.ofHours(72);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final TriggerSpec spec;
    private final Admin admin;
    private final List<String> producerTopics;
    private final EventAgeTrigger oldestUnconsumed;
    private final Clock clock;

    /**
     * @param producerTopics the topics of {@code spec.producer()}; empty for a group's trigger
     */
    public RetentionHeadroomTrigger(TriggerSpec spec, Admin targetAdmin, Map<String, Object> targetClientProperties,
                                    List<String> producerTopics, Clock clock) {
        if (spec.when() != TriggerKind.RETENTION_HEADROOM) {
            throw new IllegalArgumentException("trigger " + spec.name() + " is " + spec.when() + ", not retention-headroom");
        }
        Objects.requireNonNull(spec.below(), () -> "trigger " + spec.name() + ": retention-headroom needs below");
        this.spec = spec;
        this.admin = targetAdmin;
        this.producerTopics = List.copyOf(producerTopics);
        this.clock = clock;
        this.oldestUnconsumed = spec.group() == null ? null : new EventAgeTrigger(new TriggerSpec(spec.name(), TriggerKind.EVENT_AGE,
                spec.group(), spec.topic(), null, null, Duration.ZERO, null, null), targetAdmin, targetClientProperties, clock);
    }

    @Override
    public TriggerSpec spec() {
        return spec;
    }

    @Override
    public Reading evaluate() throws TriggerException {
        return spec.group() != null ? group() : producer();
    }

    private Reading group() throws TriggerException {
        EventAgeTrigger.Oldest oldest = oldestUnconsumed.oldest();
        String threshold = "below " + ReadingText.duration(spec.below());
        Instant now = clock.instant();
        if (oldest.record() == null) {
            return new Reading(spec.name(), spec.when().label(), Long.MAX_VALUE, "nothing unconsumed: no record at risk", threshold,
                    false, now, "");
        }
        String topic = oldest.record().topic();
        String detail = "oldest unconsumed: " + topic + "-" + oldest.record().partition() + " offset " + oldest.record().offset()
                + ", timestamp " + Instant.ofEpochMilli(oldest.record().timestamp());
        long retentionMs = retentionMs(topic);
        if (retentionMs < 0) {
            return new Reading(spec.name(), spec.when().label(), Long.MAX_VALUE, "no retention limit on " + topic, threshold, false,
                    now, detail);
        }
        long age = Math.max(0, now.toEpochMilli() - oldest.record().timestamp());
        return reading(retentionMs - age, "the oldest record " + spec.group() + " has not consumed is deleted by retention ("
                + ReadingText.duration(Duration.ofMillis(retentionMs)) + " on " + topic + ")", detail, now);
    }

    private Reading producer() throws TriggerException {
        Instant now = clock.instant();
        if (producerTopics.isEmpty()) {
            throw new TriggerException("producer " + spec.producer() + " has no topics in the plan");
        }
        long last = Long.MIN_VALUE;
        String where = "";
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(producerTopics).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).forEach((topic, d) ->
                    d.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.maxTimestamp())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found =
                    admin.listOffsets(request).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : found.entrySet()) {
                if (e.getValue().offset() >= 0 && e.getValue().timestamp() > last) {
                    last = e.getValue().timestamp();
                    where = e.getKey() + " offset " + e.getValue().offset();
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new TriggerException("could not read the last events of producer " + spec.producer() + " on the target: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TriggerException("interrupted while reading producer " + spec.producer() + "'s last events", e);
        }
        if (last == Long.MIN_VALUE) {
            return new Reading(spec.name(), spec.when().label(), REPLAY_WINDOW.toMillis(), "no event on the target yet",
                    "below " + ReadingText.duration(spec.below()), false, now, "topics " + producerTopics);
        }
        long age = Math.max(0, now.toEpochMilli() - last);
        return reading(REPLAY_WINDOW.toMillis() - age, "producer " + spec.producer() + "'s last replay id out of Salesforce's 72 h "
                + "window", "last event: " + where + ", timestamp " + Instant.ofEpochMilli(last), now);
    }

    private Reading reading(long headroomMs, String what, String detail, Instant now) {
        String text = headroomMs <= 0 ? what + " already" : ReadingText.duration(Duration.ofMillis(headroomMs)) + " before " + what;
        return new Reading(spec.name(), spec.when().label(), headroomMs, text, "below " + ReadingText.duration(spec.below()),
                headroomMs < spec.below().toMillis(), now, detail);
    }

    private long retentionMs(String topic) throws TriggerException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(resource);
            ConfigEntry entry = config.get("retention.ms");
            return entry == null || entry.value() == null ? -1 : Long.parseLong(entry.value());
        } catch (ExecutionException | TimeoutException e) {
            throw new TriggerException("could not read retention.ms of " + topic + " on the target: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TriggerException("interrupted while reading retention.ms of " + topic, e);
        }
    }

    @Override
    public void close() {
        if (oldestUnconsumed != null) {
            oldestUnconsumed.close();
        }
    }
}
