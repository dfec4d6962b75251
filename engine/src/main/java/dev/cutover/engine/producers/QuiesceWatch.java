package dev.cutover.engine.producers;

import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.engine.run.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Proves producers stopped: the end offsets of their topics stay unchanged for a whole window.
 * A stop control that returned is a claim; unchanged end offsets are the evidence. All stopped
 * producers are watched together, so ten producers cost one window, not ten.
 */
public final class QuiesceWatch {

    private static final Duration POLL = Duration.ofMillis(100);

    /** The end offsets that held still, and how long the wait took. */
    public record Quiet(Map<TopicPartition, Long> ends, Duration waited) {
    }

    /** The source was still written to when the timeout ran out. */
    public static final class StillWriting extends Exception {
        private final List<String> producers;

        StillWriting(String message, List<String> producers) {
            super(message);
            this.producers = List.copyOf(producers);
        }

        /** The producers whose topics were still written to. */
        List<String> producers() {
            return producers;
        }
    }

    private QuiesceWatch() {
    }

    /**
     * @param partitions each stopped producer's partitions on the source
     */
    public static Quiet await(ClusterClients source, Map<String, List<TopicPartition>> partitions, Duration window,
                       Duration timeout, Clock clock, Progress progress) throws StillWriting {
        List<TopicPartition> all = partitions.values().stream().flatMap(List::stream).distinct().toList();
        Instant start = clock.instant();
        Map<TopicPartition, Long> last = ends(source, all);
        Instant lastChange = start;
        Set<TopicPartition> moving = new HashSet<>();
        while (true) {
            Instant now = clock.instant();
            if (Duration.between(lastChange, now).compareTo(window) >= 0) {
                return new Quiet(last, Duration.between(start, now));
            }
            if (Duration.between(start, now).compareTo(timeout) > 0) {
                List<String> writing = partitions.entrySet().stream()
                        .filter(e -> e.getValue().stream().anyMatch(moving::contains)).map(Map.Entry::getKey).toList();
                throw new StillWriting(String.join(", ", writing) + " still writes to the source "
                        + Duration.between(start, now).toSeconds() + " s after its stop control returned", writing);
            }
            progress.update("switch-producers: " + String.join(", ", partitions.keySet()) + " quiet for "
                    + Duration.between(lastChange, now).toMillis() + " of " + window.toMillis() + " ms");
            pause();
            Map<TopicPartition, Long> current = ends(source, all);
            if (!current.equals(last)) {
                // Only the partitions that moved in the latest window name the producer still writing.
                moving.clear();
                for (TopicPartition tp : all) {
                    if (!current.get(tp).equals(last.get(tp))) {
                        moving.add(tp);
                    }
                }
                last = current;
                lastChange = clock.instant();
            }
        }
    }

    public static Map<TopicPartition, Long> ends(ClusterClients clients, List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> result = new HashMap<>();
        ClusterInspector.await(clients.admin().listOffsets(request).all(), clients, "read end offsets")
                .forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis()); // polling end offsets; the cluster offers no change event
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while watching the source go quiet", e);
        }
    }
}
