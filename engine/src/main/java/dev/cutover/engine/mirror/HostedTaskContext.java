package dev.cutover.engine.mirror;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.mirror.MirrorUtils;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * What Connect's worker would give a task: its config, the offsets to resume from and a metrics
 * handle. Offsets come from cutover's own bookkeeping, never from a Connect offsets topic: for a
 * partition resuming at source offset {@code n} the reader answers {@code {"offset": n - 1}}
 * (the last copied offset, as Connect stores it), so MirrorSourceTask seeks to {@code n}.
 */
final class HostedTaskContext implements SourceTaskContext {

    private final Map<String, String> configs;
    private final Map<TopicPartition, Long> resumeAt;
    private final PluginMetrics metrics;

    HostedTaskContext(Map<String, String> configs, Map<TopicPartition, Long> resumeAt, PluginMetrics metrics) {
        this.configs = Map.copyOf(configs);
        this.resumeAt = Map.copyOf(resumeAt);
        this.metrics = metrics;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return metrics;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                Long next = resumeAt.get(MirrorUtils.unwrapPartition(partition));
                // below 0 MirrorSourceTask does not seek and the consumer starts at the log start
                return next == null || next <= 0 ? null : MirrorUtils.wrapOffset(next - 1);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                partitions.forEach(p -> out.put(p, offset(p)));
                return out;
            }
        };
    }
}
