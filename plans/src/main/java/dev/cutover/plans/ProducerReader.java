package dev.cutover.plans;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads {@code producers}: what writes Salesforce events into the source cluster. */
final class ProducerReader {

    private static final String EXAMPLE = "- {name: account-cdc, topics: [sfdc.cdc.account], control: {...}}";

    private ProducerReader() {
    }

    /**
     * @param topics the plan's topic selection, to check each producer writes selected topics;
     *               null when it was invalid (then that check is skipped)
     */
    static List<ProducerSpec> read(YamlMap root, TopicSelection topics, Problems problems) {
        SequenceNode list = root.list("producers", "producers:\n    " + EXAMPLE);
        if (list == null) {
            return root.has("producers") ? null : List.of();
        }
        int before = problems.count();
        List<ProducerSpec> producers = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        List<Node> items = list.getValue();
        for (int i = 0; i < items.size(); i++) {
            YamlMap producer = YamlMap.of(items.get(i), "producers[" + i + "]", problems, EXAMPLE);
            if (producer != null) {
                producers.add(producer(producer, topics, names, problems));
            }
        }
        return problems.count() > before ? null : producers;
    }

    private static ProducerSpec producer(YamlMap producer, TopicSelection selection, Map<String, Node> names,
                                         Problems problems) {
        producer.allowOnly(List.of("name", "topics", "replay-header", "control"));
        String name = producer.requiredString("name", "name: account-cdc");
        if (name != null) {
            Node first = names.putIfAbsent(name, producer.value("name"));
            if (first != null) {
                problems.at(producer.value("name"), producer.field("name"), "duplicate producer name \"" + name
                                + "\" (first at line " + (first.getStartMark().getLine() + 1) + ")",
                        "give each producer its own name");
            }
        }
        List<String> topics = new ArrayList<>();
        List<YamlMap.Item> items = producer.items("topics", "topics: [sfdc.cdc.account]");
        if (items == null && !producer.has("topics")) {
            producer.missing("topics", "topics: [sfdc.cdc.account]");
        } else if (items != null && items.isEmpty()) {
            problems.at(producer.value("topics"), producer.field("topics"), "is empty",
                    "list the topics this producer writes, e.g. topics: [sfdc.cdc.account]");
        }
        for (YamlMap.Item item : items == null ? List.<YamlMap.Item>of() : items) {
            topics.add(item.text());
            if (selection != null && !selection.selects(item.text())) {
                // Switching a producer to a topic that was never created or mirrored loses its events.
                problems.at(item.node(), item.field(), "topic \"" + item.text()
                                + "\" is not selected by topics.include/exclude, so it would not be moved",
                        "add a regex matching it to topics.include (or remove it from topics.exclude)");
            }
        }
        String replayHeader = producer.string("replay-header", "replay-header: sfdc.replayId");
        ControlSpec control = ControlReader.read(producer, ControlReader.Owner.PRODUCER, problems);
        return new ProducerSpec(name, topics, replayHeader, control);
    }
}
