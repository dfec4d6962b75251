package dev.cutover.engine.triggers;

import dev.cutover.plans.TriggerKind;
import dev.cutover.plans.TriggerSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code when: topic-growth}: records added to {@code topic} on the target within the sliding
 * window {@code within}, breached above {@code above}. Typically a dead-letter topic.
 *
 * <p>Each evaluation samples the topic's total end offset. The growth is the current total minus
 * the newest sample taken at or before the window's start, so the span measured always covers the
 * whole window: a burst inside the window is never missed, even when evaluations are further apart
 * than the window. The price is that the span can exceed the window by up to one evaluation
 * interval (the reading says the span, e.g. {@code 120 records added in 5m 8s}); the watch loop
 * should therefore evaluate well within the shortest {@code within}. Before the watch has run for
 * a whole window it reports the growth since its first sample: what was added before it started
 * is not known and not counted.
 *
 * <p>Invariants: samples are in time order and their totals never decrease (a total that drops
 * means the topic was deleted and created again, and the samples start over).
 *
 * <p>The end is the log end offset, not the last stable one: every append counts as soon as it is
 * written, so a long open transaction cannot hide a burst of dead letters. Offsets are counted, so
 * transaction markers count as records too.
 */
public final class TopicGrowthTrigger implements Trigger {

    private record Sample(Instant at, long total) {
    }

    private final TriggerSpec spec;
    private final TargetOffsets offsets;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /** @param targetAdmin the target cluster's admin client; shared, so not closed here */
    public TopicGrowthTrigger(TriggerSpec spec, Admin targetAdmin, Clock clock) {
        if (spec.when() != TriggerKind.TOPIC_GROWTH) {
            throw new IllegalArgumentException("trigger " + spec.name() + " is " + spec.when() + ", not topic-growth");
        }
        Objects.requireNonNull(spec.topic(), () -> "trigger " + spec.name() + ": topic-growth needs a topic");
        Objects.requireNonNull(spec.aboveCount(), () -> "trigger " + spec.name() + ": topic-growth needs above");
        Objects.requireNonNull(spec.within(), () -> "trigger " + spec.name() + ": topic-growth needs within");
        this.spec = spec;
        this.offsets = new TargetOffsets(targetAdmin);
        this.clock = clock;
    }

    @Override
    public TriggerSpec spec() {
        return spec;
    }

    @Override
    public Reading evaluate() throws TriggerException {
        Optional<List<TopicPartition>> partitions = offsets.partitions(spec.topic());
        // A topic not there yet holds 0 records: when its first writes create it, they count as growth.
        long total = partitions.isEmpty() ? 0
                : offsets.logEnd(partitions.get()).values().stream().mapToLong(Long::longValue).sum();
        Instant now = clock.instant();
        if (!samples.isEmpty() && total < samples.peekLast().total()) {
            samples.clear();
        }
        samples.addLast(new Sample(now, total));
        // Keep one sample at or before the window's start (the baseline); drop the ones before it.
        Instant windowStart = now.minus(spec.within());
        while (samples.size() > 1 && !second().at().isAfter(windowStart)) {
            samples.removeFirst();
        }
        Sample baseline = samples.peekFirst();
        long growth = total - baseline.total();
        String text = ReadingText.records(growth) + " added in " + ReadingText.duration(Duration.between(baseline.at(), now));
        String detail = partitions.isEmpty() ? "topic " + spec.topic() + " does not exist on the target" : "";
        return new Reading(spec.name(), spec.when().label(), growth, text,
                "above " + ReadingText.records(spec.aboveCount()) + " within " + ReadingText.duration(spec.within()),
                growth > spec.aboveCount(), now, detail);
    }

    private Sample second() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }
}
