package dev.cutover.plans;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of the plan, with its dotted path, read field by field. Every accessor
 * reports what is wrong to {@link Problems} and returns null (or the default) instead of
 * throwing, so the reader can go on and find the next problem.
 *
 * <p>A key written with no value ({@code exclude:}) counts as absent.
 */
final class YamlMap {

    private final MappingNode node;
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlMap(MappingNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                problems.at(keyNode, path, "a key must be a plain name, found " + kind(keyNode),
                        "write the key as text followed by a colon, e.g. name: value");
                continue;
            }
            String key = scalarKey.getValue();
            NodeTuple first = entries.putIfAbsent(key, tuple);
            if (first != null) {
                // SnakeYAML's composer keeps both; silently taking one would hide a mistake.
                problems.at(keyNode, field(key), "duplicate key \"" + key + "\" (first at line "
                        + (first.getKeyNode().getStartMark().getLine() + 1) + ")",
                        "keep one " + key + " and remove the other");
            }
        }
    }

    static YamlMap root(MappingNode node, Problems problems) {
        return new YamlMap(node, "", problems);
    }

    /**
     * A list item or other node expected to be a mapping; null (and a problem) when it is not.
     */
    static YamlMap of(Node node, String path, Problems problems, String example) {
        if (node instanceof MappingNode mapping) {
            return new YamlMap(mapping, path, problems);
        }
        problems.at(node, path, "expected a mapping of keys, found " + kind(node), "write it as " + example);
        return null;
    }

    MappingNode node() {
        return node;
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    List<String> keys() {
        return new ArrayList<>(entries.keySet());
    }

    Node keyNode(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getKeyNode();
    }

    /** The value node, or null when the key is absent or has no value. */
    Node value(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null || isNull(tuple.getValueNode()) ? null : tuple.getValueNode();
    }

    boolean has(String key) {
        return value(key) != null;
    }

    /** Reports every key not in {@code allowed}, with the closest allowed key as a suggestion. */
    void allowOnly(Collection<String> allowed) {
        for (String key : entries.keySet()) {
            if (allowed.contains(key)) {
                continue;
            }
            Optional<String> suggestion = KeySuggester.suggest(key, allowed);
            if (suggestion.isPresent()) {
                problems.at(keyNode(key), field(key),
                        "unknown key \"" + key + "\" (did you mean \"" + suggestion.get() + "\"?)",
                        "rename " + key + " to " + suggestion.get());
            } else {
                problems.at(keyNode(key), field(key), "unknown key \"" + key + "\"",
                        "remove it; keys allowed " + (path.isEmpty() ? "at the top level" : "under " + path)
                                + ": " + String.join(", ", allowed));
            }
        }
    }

    void missing(String key, String example) {
        problems.at(node, field(key), "required field is missing",
                "add " + example + (path.isEmpty() ? "" : " under " + path));
    }

    /** An optional single value; null when absent or of the wrong type. */
    ScalarNode scalar(String key, String example) {
        Node value = value(key);
        if (value == null) {
            return null;
        }
        if (value instanceof ScalarNode scalar) {
            return scalar;
        }
        problems.at(value, field(key), "expected a single value, found " + kind(value), "write it as " + example);
        return null;
    }

    String string(String key, String example) {
        ScalarNode scalar = scalar(key, example);
        return scalar == null ? null : scalar.getValue();
    }

    String requiredString(String key, String example) {
        if (!has(key)) {
            missing(key, example);
            return null;
        }
        String text = string(key, example);
        if (text != null && text.isBlank()) {
            problems.at(value(key), field(key), "is empty", "write it as " + example);
            return null;
        }
        return text;
    }

    YamlMap map(String key, String example) {
        Node value = value(key);
        return value == null ? null : of(value, field(key), problems, example);
    }

    YamlMap requiredMap(String key, String example) {
        if (!has(key)) {
            missing(key, example);
            return null;
        }
        return map(key, example);
    }

    SequenceNode list(String key, String example) {
        Node value = value(key);
        if (value == null) {
            return null;
        }
        if (value instanceof SequenceNode sequence) {
            return sequence;
        }
        problems.at(value, field(key), "expected a list, found " + kind(value), "write it as " + example);
        return null;
    }

    /** One single-value item of a list, with its path ({@code topics.include[2]}). */
    record Item(String field, ScalarNode node) {
        String text() {
            return node.getValue();
        }
    }

    /**
     * The single-value items of a list; null when absent. Items that are lists, mappings or
     * empty are reported and left out.
     */
    List<Item> items(String key, String example) {
        SequenceNode sequence = list(key, example);
        if (sequence == null) {
            return null;
        }
        List<Item> items = new ArrayList<>();
        List<Node> nodes = sequence.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            String itemField = field(key) + "[" + i + "]";
            Node item = nodes.get(i);
            if (isNull(item)) {
                problems.at(item, itemField, "is empty", "remove the empty item or write it as " + example);
            } else if (item instanceof ScalarNode scalar) {
                items.add(new Item(itemField, scalar));
            } else {
                problems.at(item, itemField, "expected a single value, found " + kind(item),
                        "write the list as " + example);
            }
        }
        return items;
    }

    /**
     * A whole number of at least {@code min}, e.g. {@code "-1" is not a record count (must be 0 or
     * more)}; null when absent or wrong.
     */
    Long count(String key, long min, String noun, String units, String example) {
        ScalarNode scalar = scalar(key, example);
        if (scalar == null) {
            return null;
        }
        String text = scalar.getValue().trim();
        Long parsed = null;
        try {
            parsed = Long.parseLong(text);
        } catch (NumberFormatException e) {
            // reported below
        }
        if (parsed == null || parsed < min) {
            problems.at(scalar, field(key), "\"" + text + "\" is not a " + noun + " (must be " + min + " or more)",
                    "set " + key + " to a whole number of " + units + ", e.g. " + example);
            return null;
        }
        return parsed;
    }

    /** A duration in plan format ({@link Durations}); null when absent or wrong. */
    Duration duration(String key, boolean mustBePositive, String example) {
        ScalarNode scalar = scalar(key, example);
        if (scalar == null) {
            return null;
        }
        String text = scalar.getValue().trim();
        Optional<Duration> parsed = Durations.parse(text);
        String fix = "write a whole number with a unit (ms, s, m or h), e.g. " + example;
        if (parsed.isEmpty()) {
            problems.at(scalar, field(key), Durations.isBareNumber(text)
                    ? "\"" + text + "\" has no unit (seconds? minutes?)"
                    : "\"" + text + "\" is not a duration", fix);
            return null;
        }
        if (mustBePositive && parsed.get().isZero()) {
            problems.at(scalar, field(key), "\"" + text + "\" must be more than zero", fix);
            return null;
        }
        return parsed.get();
    }

    Boolean bool(String key, String example) {
        ScalarNode scalar = scalar(key, example);
        if (scalar == null) {
            return null;
        }
        String text = scalar.getValue().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        problems.at(scalar, field(key), "\"" + scalar.getValue() + "\" is not true or false",
                "set " + key + ": true or " + key + ": false");
        return null;
    }

    /** One of a fixed set of labels; null when absent or not one of them. */
    <E extends Enum<E>> E choice(String key, E[] values, Function<E, String> label, String example) {
        ScalarNode scalar = scalar(key, example);
        if (scalar == null) {
            return null;
        }
        for (E value : values) {
            if (label.apply(value).equals(scalar.getValue().trim())) {
                return value;
            }
        }
        String allowed = String.join(", ", Arrays.stream(values).map(label).toList());
        problems.at(scalar, field(key), "\"" + scalar.getValue() + "\" is not one of: " + allowed,
                "set " + key + " to one of: " + allowed + ", e.g. " + example);
        return null;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    static String kind(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        return "a single value";
    }
}
