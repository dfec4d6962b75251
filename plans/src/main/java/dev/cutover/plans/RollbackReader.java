package dev.cutover.plans;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads {@code rollback} and its triggers, whose fields depend on {@code when}. */
final class RollbackReader {

    /** The keys a trigger kind takes besides name and when. */
    private record Shape(List<String> required, List<String> optional) {
        List<String> keys() {
            List<String> keys = new ArrayList<>(List.of("name", "when"));
            keys.addAll(required);
            keys.addAll(optional);
            return keys;
        }
    }

    private static final Map<TriggerKind, Shape> SHAPES = Map.of(
            TriggerKind.CONSUMER_LAG, new Shape(List.of("group", "above"), List.of("topic", "for")),
            TriggerKind.EVENT_AGE, new Shape(List.of("group", "above"), List.of("topic", "for")),
            TriggerKind.TOPIC_GROWTH, new Shape(List.of("topic", "above", "within"), List.of()),
            TriggerKind.COMMAND, new Shape(List.of("run"), List.of("for")),
            TriggerKind.RETENTION_HEADROOM, new Shape(List.of("below"), List.of("group", "producer", "for")));

    private static final List<String> ALL_KEYS = List.of("name", "when", "group", "topic", "run", "above", "for", "within",
            "producer", "below");

    private static final Map<String, String> EXAMPLES = Map.of(
            "group", "group: sfdc-notify",
            "topic", "topic: sfdc.dlq",
            "run", "run: \"./bin/probe\"",
            "within", "within: 5m",
            "below", "below: 12h",
            "producer", "producer: account-cdc",
            "for", "for: 30s");

    private static final String EXAMPLE = "- {name: notify-lag, when: consumer-lag, group: sfdc-notify, above: 5000, for: 30s}";

    private RollbackReader() {
    }

    /**
     * @param groups    the plan's group selection, to check each trigger's group is moved; null when it
     *                  was invalid (then that check is skipped)
     * @param producers the plan's producers, for retention-headroom on a producer; null when invalid
     */
    static RollbackSettings read(YamlMap root, GroupSelection groups, List<ProducerSpec> producers, Problems problems) {
        YamlMap rollback = root.map("rollback", "rollback: {automatic: true, triggers: [...]}");
        if (rollback == null) {
            return root.has("rollback") ? null : RollbackSettings.DEFAULT;
        }
        int before = problems.count();
        rollback.allowOnly(List.of("automatic", "triggers"));
        Boolean automatic = rollback.bool("automatic", "automatic: true");
        List<TriggerSpec> triggers = new ArrayList<>();
        SequenceNode list = rollback.list("triggers", "triggers:\n    " + EXAMPLE);
        if (list != null) {
            Map<String, Node> names = new HashMap<>();
            List<Node> items = list.getValue();
            for (int i = 0; i < items.size(); i++) {
                YamlMap trigger = YamlMap.of(items.get(i), rollback.field("triggers") + "[" + i + "]", problems, EXAMPLE);
                if (trigger != null) {
                    triggers.add(trigger(trigger, names, groups, producers, problems));
                }
            }
        }
        return problems.count() > before ? null : new RollbackSettings(Boolean.TRUE.equals(automatic), triggers);
    }

    private static TriggerSpec trigger(YamlMap trigger, Map<String, Node> names, GroupSelection groups,
                                       List<ProducerSpec> producers, Problems problems) {
        String name = trigger.requiredString("name", "name: notify-lag");
        if (name != null) {
            Node first = names.putIfAbsent(name, trigger.value("name"));
            if (first != null) {
                problems.at(trigger.value("name"), trigger.field("name"), "duplicate trigger name \"" + name
                                + "\" (first at line " + (first.getStartMark().getLine() + 1) + ")",
                        "give each trigger its own name; the ledger records breaches by name");
            }
        }
        TriggerKind kind = trigger.has("when")
                ? trigger.choice("when", TriggerKind.values(), TriggerKind::label, "when: consumer-lag")
                : null;
        if (!trigger.has("when")) {
            trigger.missing("when", "when: consumer-lag");
        }
        if (kind == null) {
            trigger.allowOnly(ALL_KEYS);
            return null;
        }
        Shape shape = SHAPES.get(kind);
        checkKeys(trigger, kind, shape, problems);
        for (String key : shape.required()) {
            if (!trigger.has(key) && !key.equals("above")) {
                trigger.missing(key, EXAMPLES.get(key));
            }
        }
        Long aboveCount = null;
        Duration aboveDuration = null;
        if (shape.required().contains("above")) {
            if (!trigger.has("above")) {
                trigger.missing("above", kind == TriggerKind.EVENT_AGE ? "above: 2m" : "above: 5000");
            } else if (kind == TriggerKind.EVENT_AGE) {
                aboveDuration = trigger.duration("above", true, "above: 2m");
            } else {
                aboveCount = trigger.count("above", 0, "record count", "records", "above: 5000");
            }
        }
        String group = trigger.string("group", EXAMPLES.get("group"));
        if (group != null && shape.keys().contains("group") && groups != null && !groups.selects(group)) {
            // Only selected groups move to the target: this one would have no lag or age to watch there.
            problems.at(trigger.value("group"), trigger.field("group"), "trigger " + (name == null ? "" : "\"" + name + "\" ")
                            + "watches group \"" + group + "\", which groups.include/exclude do not select, so it is not"
                            + " moved to the target",
                    "select the group in groups.include or name a selected group");
        }
        String producer = trigger.string("producer", EXAMPLES.get("producer"));
        if (producer != null && producers != null && producers.stream().noneMatch(p -> p.name().equals(producer))) {
            problems.at(trigger.value("producer"), trigger.field("producer"), "no producer named \"" + producer + "\" in producers",
                    "name one of the plan's producers: " + producers.stream().map(ProducerSpec::name).toList());
        }
        Duration below = null;
        if (kind == TriggerKind.RETENTION_HEADROOM) {
            below = trigger.has("below") ? trigger.duration("below", true, "below: 12h") : null;
            if (trigger.has("group") == trigger.has("producer")) {
                problems.at(trigger.node(), trigger.field("when"), "retention-headroom watches one group or one producer",
                        "give it group: NAME (its oldest unconsumed record against the topic's retention) or producer: NAME "
                                + "(its last event against Salesforce's 72 h replay window), not both");
            }
        }
        return new TriggerSpec(name, kind,
                group,
                trigger.string("topic", EXAMPLES.get("topic")),
                trigger.string("run", EXAMPLES.get("run")),
                aboveCount,
                aboveDuration,
                shape.keys().contains("for") ? trigger.duration("for", false, "for: 30s") : null,
                shape.keys().contains("within") ? trigger.duration("within", true, "within: 5m") : null,
                producer,
                below);
    }

    /** Typos get a suggestion; real keys that do not fit this kind say which keys do. */
    private static void checkKeys(YamlMap trigger, TriggerKind kind, Shape shape, Problems problems) {
        List<String> allowed = shape.keys();
        Set<String> unknown = new LinkedHashSet<>();
        for (String key : trigger.keys()) {
            if (allowed.contains(key)) {
                continue;
            }
            if (ALL_KEYS.contains(key)) {
                problems.at(trigger.keyNode(key), trigger.field(key), key + " does not apply to when: " + kind.label(),
                        "remove it; a " + kind.label() + " trigger takes " + String.join(", ", allowed));
            } else {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            trigger.allowOnly(ALL_KEYS);
        }
    }
}
