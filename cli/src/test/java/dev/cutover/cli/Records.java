package dev.cutover.cli;

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
}
