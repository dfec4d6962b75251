package dev.cutover.cli;

import dev.cutover.sandbox.DemoConsumer;
import dev.cutover.sandbox.TopicReader;
import dev.cutover.sandbox.TopicRecord;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A topic's records per partition, in offset order, as comparable lines (key, replay id, value). */
final class Records {

    private Records() {
    }

    static Map<Integer, List<String>> of(String bootstrap, String topic) {
        return TopicReader.readAll(bootstrap, topic).stream()
                .collect(Collectors.groupingBy(TopicRecord::partition,
                        Collectors.mapping(r -> r.key() + "|" + r.replayIdBase64() + "|" + r.value(), Collectors.toList())));
    }

    /** What a demo consumer read of {@code topic}, across both clusters, in the order it read it. */
    static List<TopicRecord> consumed(DemoConsumer consumer, String topic) {
        return consumer.consumed().stream().filter(r -> r.topic().equals(topic))
                .map(r -> new TopicRecord(r.topic(), r.partition(), r.offset(), r.key(), r.replayId(), null)).toList();
    }
}
