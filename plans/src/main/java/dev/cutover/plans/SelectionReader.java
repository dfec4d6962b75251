package dev.cutover.plans;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads {@code topics} and {@code groups}: regex include/exclude lists. */
final class SelectionReader {

    private static final String TOPICS_EXAMPLE = "include: [\"sfdc\\\\..*\"]";
    private static final String GROUPS_EXAMPLE = "include: [\"sfdc-.*\"]";

    private SelectionReader() {
    }

    static TopicSelection topics(YamlMap root, Problems problems) {
        YamlMap topics = root.requiredMap("topics", "topics: {" + TOPICS_EXAMPLE + "}");
        if (topics == null) {
            return null;
        }
        topics.allowOnly(List.of("include", "exclude", "configs", "replication-factor"));
        List<Pattern> include = patterns(topics, "include", TOPICS_EXAMPLE, problems);
        if (!topics.has("include")) {
            topics.missing("include", TOPICS_EXAMPLE);
        } else if (include != null && include.isEmpty()) {
            problems.at(topics.value("include"), topics.field("include"), "is empty, so no topic would move",
                    "list at least one regex, e.g. " + TOPICS_EXAMPLE);
        }
        List<Pattern> exclude = patterns(topics, "exclude", "exclude: [\"sfdc\\\\.test\\\\..*\"]", problems);
        ConfigSync configs = topics.choice("configs", ConfigSync.values(), ConfigSync::label, "configs: sync");
        Long rf = topics.count("replication-factor", 1, "replication factor", "replicas", "replication-factor: 3");
        if (rf != null && rf > Short.MAX_VALUE) {
            problems.at(topics.value("replication-factor"), topics.field("replication-factor"),
                    "\"" + rf + "\" is larger than Kafka allows (" + Short.MAX_VALUE + ")",
                    "set replication-factor to the number of replicas, e.g. replication-factor: 3");
        }
        if (include == null || include.isEmpty() || exclude == null && topics.has("exclude")) {
            return null;
        }
        // Returned even when configs or replication-factor are wrong: the plan is refused anyway,
        // and the selection still lets producers' topics be checked in the same run.
        return new TopicSelection(include, exclude == null ? List.of() : exclude,
                configs == null ? ConfigSync.SYNC : configs, rf == null ? null : rf.intValue());
    }

    /** {@code groups} is optional: without it no group offsets move. */
    static GroupSelection groups(YamlMap root, Problems problems) {
        YamlMap groups = root.map("groups", "groups: {" + GROUPS_EXAMPLE + "}");
        if (groups == null) {
            return root.has("groups") ? null : GroupSelection.NONE;
        }
        int before = problems.count();
        groups.allowOnly(List.of("include", "exclude"));
        List<Pattern> include = patterns(groups, "include", GROUPS_EXAMPLE, problems);
        List<Pattern> exclude = patterns(groups, "exclude", "exclude: [\"sfdc-test-.*\"]", problems);
        if (problems.count() > before) {
            return null;
        }
        return new GroupSelection(include == null ? List.of() : include, exclude == null ? List.of() : exclude);
    }

    /** Null when absent or when any pattern was wrong. */
    private static List<Pattern> patterns(YamlMap section, String key, String example, Problems problems) {
        int before = problems.count();
        List<YamlMap.Item> items = section.items(key, example);
        if (items == null) {
            return null;
        }
        List<Pattern> patterns = new ArrayList<>();
        for (YamlMap.Item item : items) {
            try {
                patterns.add(Pattern.compile(item.text()));
            } catch (PatternSyntaxException e) {
                problems.at(item.node(), item.field(), "\"" + item.text() + "\" is not a valid regex: "
                                + e.getDescription() + " near index " + e.getIndex(),
                        "correct the Java regex (it must match whole names; a literal dot is \\.), e.g. " + example);
            }
        }
        // A partial list would select the wrong topics and make every later check misleading.
        return problems.count() > before ? null : patterns;
    }
}
