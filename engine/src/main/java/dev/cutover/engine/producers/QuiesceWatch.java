package dev.cutover.engine.producers;

import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.engine.gates.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Proves a producer stopped: the end offsets of its topics stay unchanged for a whole window.
 * A stop control that returned is a claim; unchanged end offsets are the evidence.
 */
final class QuiesceWatch {

    private static final Duration POLL = Duration.ofMillis(100);

    /** The end offsets that held still, and how long the wait took. */
    record Quiet(Map<TopicPartition, Long> ends, Duration waited) {
    }

    /** The source was still written to when the timeout ran out. */
    static final class StillWriting extends Exception {
        StillWriting(String message) {
            super(message);
        }
    }

    private QuiesceWatch() {
    }

    static Quiet await(ClusterClients source, List<TopicPartition> partitions, Duration window, Duration timeout,
                       Clock clock, Progress progress, String producer) throws StillWriting {
        Instant start = clock.instant();
        Map<TopicPartition, Long> last = ends(source, partitions);
        Instant lastChange = start;
        while (true) {
            Instant now = clock.instant();
            if (Duration.between(lastChange, now).compareTo(window) >= 0) {
                return new Quiet(last, Duration.between(start, now));
            }
            if (Duration.between(start, now).compareTo(timeout) > 0) {
                throw new StillWriting("producer " + producer + " still writes to the source "
                        + Duration.between(start, now).toSeconds() + " s after its stop control returned");
            }
            progress.update("switch-producers: " + producer + " quiet for "
                    + Duration.between(lastChange, now).toMillis() + " of " + window.toMillis() + " ms");
            pause();
            Map<TopicPartition, Long> now2 = ends(source, partitions);
            if (!now2.equals(last)) {
                last = now2;
                lastChange = clock.instant();
            }
        }
    }

    static Map<TopicPartition, Long> ends(ClusterClients clients, List<TopicPartition> partitions) {
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
