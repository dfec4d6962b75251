package dev.cutover.plans;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads {@code consumers}: how each moved group's application is stopped and started. */
final class ConsumerReader {

    private static final String EXAMPLE = "- {group: sfdc-warehouse-sink, control: {...}}";

    private ConsumerReader() {
    }

    /**
     * @param groups the plan's group selection, to check each consumer's group is moved; null
     *               when it was invalid (then that check is skipped)
     */
    static List<ConsumerSpec> read(YamlMap root, GroupSelection groups, Problems problems) {
        SequenceNode list = root.list("consumers", "consumers:\n    " + EXAMPLE);
        if (list == null) {
            return root.has("consumers") ? null : List.of();
        }
        int before = problems.count();
        List<ConsumerSpec> consumers = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        List<Node> items = list.getValue();
        for (int i = 0; i < items.size(); i++) {
            YamlMap consumer = YamlMap.of(items.get(i), "consumers[" + i + "]", problems, EXAMPLE);
            if (consumer == null) {
                continue;
            }
            consumer.allowOnly(List.of("group", "control"));
            String group = consumer.requiredString("group", "group: sfdc-warehouse-sink");
            if (group != null) {
                Node first = seen.putIfAbsent(group, consumer.value("group"));
                if (first != null) {
                    problems.at(consumer.value("group"), consumer.field("group"), "duplicate consumer group \""
                                    + group + "\" (first at line " + (first.getStartMark().getLine() + 1) + ")",
                            "list each group once; one control moves the whole group");
                } else if (groups != null && !groups.selects(group)) {
                    // Its offsets would not be mirrored, so it would restart on the target from scratch.
                    problems.at(consumer.value("group"), consumer.field("group"), "group \"" + group
                                    + "\" is not selected by groups.include/exclude, so its offsets would not move",
                            "add a regex matching it to groups.include, e.g. groups: {include: [\"" + group + "\"]}");
                }
            }
            ControlSpec control = ControlReader.read(consumer, ControlReader.Owner.CONSUMER, problems);
            consumers.add(new ConsumerSpec(group, control));
        }
        return problems.count() > before ? null : consumers;
    }
}
