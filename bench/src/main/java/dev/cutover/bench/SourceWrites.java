package dev.cutover.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When a producer wrote again on the source: the producers' topics' end offsets, sampled every
 * 20 ms from the breach on. Once a producer's start control has been called on the source, its
 * topic's end there grows only by its own writes (the reverse copy drained before that call, the
 * forward mirror writes to the target), so the first growth after the call is its first event.
 * Record timestamps cannot tell: the bridge stamps a record with its event's time.
 */
final class SourceWrites implements AutoCloseable {

    private static final Duration EVERY = Duration.ofMillis(20);

    private record Sample(long atMs, Map<TopicPartition, Long> ends) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    SourceWrites(String bootstrap, List<String> topics) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        sampler = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                topics.forEach(t -> consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition()))));
                while (running) {
                    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                    synchronized (samples) {
                        samples.add(new Sample(System.currentTimeMillis(), ends));
                    }
                    Thread.sleep(EVERY.toMillis()); // sampling; a bench, not the tool
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench source-end sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The first moment after {@code fromMs} that {@code topic}'s end grew on the source; empty if it did not. */
    java.util.OptionalLong firstGrowthAfter(String topic, long fromMs) {
        synchronized (samples) {
            Sample previous = null;
            for (Sample s : samples) {
                if (previous != null && previous.atMs() >= fromMs && grew(previous, s, topic)) {
                    return java.util.OptionalLong.of(s.atMs());
                }
                previous = s;
            }
        }
        return java.util.OptionalLong.empty();
    }

    private static boolean grew(Sample before, Sample after, String topic) {
        return after.ends().entrySet().stream().anyMatch(e -> e.getKey().topic().equals(topic)
                && e.getValue() > before.ends().getOrDefault(e.getKey(), Long.MAX_VALUE));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join(Duration.ofSeconds(10).toMillis());
    }
}
