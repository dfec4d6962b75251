package dev.cutover.engine.producers;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.run.Poll;
import dev.cutover.engine.run.Progress;
import dev.cutover.engine.run.Time;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Proves producers stopped: the end offsets of their topics stay unchanged for a whole window.
 * A stop control that returned is a claim; unchanged end offsets are the evidence. All stopped
 * producers are watched together, so ten producers cost one window, not ten.
 */
public final class QuiesceWatch {

    private static final Duration POLL = Duration.ofMillis(100);

    /** How long the wait took. */
    public record Quiet(Duration waited) {
    }

    /** The topics were still written to when the timeout ran out. */
    public static final class StillWriting extends Exception {
        private final List<String> producers;

        StillWriting(String message, List<String> producers) {
            super(message);
            this.producers = List.copyOf(producers);
        }

        /** The producers whose topics were still written to. */
        public List<String> producers() {
            return producers;
        }
    }

    private QuiesceWatch() {
    }

    /**
     * @param partitions each stopped producer's partitions on {@code side}
     */
    public static Quiet await(SwitchTopics topics, ClusterSide side, Map<String, List<TopicPartition>> partitions,
                              Duration window, Duration timeout, Time time, Progress progress) throws StillWriting {
        List<TopicPartition> all = partitions.values().stream().flatMap(List::stream).distinct().toList();
        Watch watch = new Watch();
        return Poll.until(time, POLL, timeout, waited -> {
            watch.look(topics.ends(side, all), time.nanos());
            Duration still = Duration.ofNanos(time.nanos() - watch.lastChange);
            if (still.compareTo(window) >= 0) {
                return Optional.of(new Quiet(waited));
            }
            progress.update("switch-producers: " + String.join(", ", partitions.keySet()) + " quiet on the " + side.label()
                    + " for " + still.toMillis() + " of " + window.toMillis() + " ms");
            return Optional.empty();
        }, waited -> {
            List<String> writing = partitions.entrySet().stream()
                    .filter(e -> e.getValue().stream().anyMatch(watch.moving::contains)).map(Map.Entry::getKey).toList();
            return new StillWriting(String.join(", ", writing) + " still writes to the " + side.label() + " "
                    + waited.toSeconds() + " s after its stop control returned", writing);
        });
    }

    /** The end offsets last seen, when they last moved, and which partitions moved then. */
    private static final class Watch {
        private Map<TopicPartition, Long> last;
        private long lastChange;
        private final Set<TopicPartition> moving = new HashSet<>();

        void look(Map<TopicPartition, Long> current, long now) {
            if (last == null) {
                last = current;
                lastChange = now;
                return;
            }
            if (current.equals(last)) {
                return;
            }
            // Only the partitions that moved in the latest window name the producer still writing.
            moving.clear();
            current.forEach((tp, end) -> {
                if (!end.equals(last.get(tp))) {
                    moving.add(tp);
                }
            });
            last = current;
            lastChange = now;
        }
    }
}
