package dev.cutover.plans.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.plans.GateName;
import dev.cutover.plans.Plan;
import dev.cutover.plans.PlanParser;
import dev.cutover.plans.compile.TopicAction.Kind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanCompilerTest {

    private static final String PLAN = """
            version: 1
            name: compile-test
            clusters:
              source: {bootstrap: "old:9092"}
              target: {bootstrap: "new:9092"}
            topics: {include: ["sfdc\\\\..*"], exclude: ["sfdc\\\\.tmp"]%s}
            groups: {include: ["sfdc-.*"]}
            producers:
              - name: account-cdc
                topics: [sfdc.cdc.account]
                control: {type: command, stop: s, start: s}
            consumers:
              - group: sfdc-warehouse-sink
                control: {type: command, stop: s, start: s}
            """;

    private final Plan plan = plan("");

    @Test
    void a_topic_missing_on_the_target_is_created_with_the_source_shape_and_overrides() {
        ClusterSnapshot source = cluster("src", 3, topic("sfdc.cdc.account", 6, 3, Map.of("retention.ms", "604800000")));

        CompiledPlan compiled = PlanCompiler.compile(plan, source, cluster("tgt", 3));

        assertThat(compiled.topicActions()).containsExactly(new TopicAction("sfdc.cdc.account", Kind.CREATE, 6,
                (short) 3, Map.of("retention.ms", "604800000"), ""));
        assertThat(compiled.gates()).containsExactly(GateName.values());
    }

    @Test
    void replication_factor_is_capped_by_the_target_brokers_unless_the_plan_sets_it() {
        ClusterSnapshot source = cluster("src", 3, topic("sfdc.cdc.account", 6, 3, Map.of()));
        ClusterSnapshot smallTarget = cluster("tgt", 1);

        CompiledPlan capped = PlanCompiler.compile(plan, source, smallTarget);
        CompiledPlan explicit = PlanCompiler.compile(plan(", replication-factor: 2"), source, cluster("tgt", 5));
        CompiledPlan tooMany = PlanCompiler.compile(plan(", replication-factor: 2"), source, smallTarget);

        assertThat(capped.topicActions().get(0).replicationFactor()).isEqualTo((short) 1);
        assertThat(capped.warnings()).contains(
                "sfdc.cdc.account: created with replication factor 1 (source has 3, target has 1 brokers)");
        assertThat(explicit.topicActions().get(0).replicationFactor()).isEqualTo((short) 2);
        assertThat(tooMany.warnings()).contains(
                "sfdc.cdc.account: topics.replication-factor 2 exceeds the target's 1 brokers; creating it will fail");
    }

    @Test
    void another_partition_count_on_the_target_is_a_conflict() {
        ClusterSnapshot source = cluster("src", 3, topic("sfdc.cdc.account", 6, 3, Map.of()));
        ClusterSnapshot target = cluster("tgt", 3, topic("sfdc.cdc.account", 3, 3, Map.of()));

        CompiledPlan compiled = PlanCompiler.compile(plan, source, target);

        assertThat(compiled.topicActions()).containsExactly(new TopicAction("sfdc.cdc.account", Kind.CONFLICT, 6,
                (short) 3, Map.of(), "target has 3 partitions, source has 6"));
        assertThat(compiled.hasConflicts()).isTrue();
    }

    @Test
    void differing_overrides_become_an_update_of_only_what_differs() {
        ClusterSnapshot source = cluster("src", 3, topic("sfdc.cdc.account", 6, 3,
                Map.of("retention.ms", "604800000", "cleanup.policy", "delete",
                        "leader.replication.throttled.replicas", "0:1")));
        ClusterSnapshot target = cluster("tgt", 3, topic("sfdc.cdc.account", 6, 3,
                Map.of("retention.ms", "86400000", "cleanup.policy", "delete", "segment.ms", "1000")));

        CompiledPlan compiled = PlanCompiler.compile(plan, source, target);

        assertThat(compiled.topicActions()).containsExactly(new TopicAction("sfdc.cdc.account", Kind.UPDATE_CONFIG, 6,
                (short) 3, Map.of("retention.ms", "604800000"), ""));
        assertThat(compiled.warnings())
                .contains("sfdc.cdc.account: target overrides segment.ms which the source does not; it is left as it is");
    }

    @Test
    void a_matching_target_topic_needs_nothing_and_configs_none_ignores_overrides() {
        ClusterSnapshot source = cluster("src", 3, topic("sfdc.cdc.account", 6, 3, Map.of("retention.ms", "1")),
                topic("sfdc.cdc.case", 2, 3, Map.of("retention.ms", "1")));
        ClusterSnapshot target = cluster("tgt", 3, topic("sfdc.cdc.account", 6, 3, Map.of("retention.ms", "1")));

        CompiledPlan synced = PlanCompiler.compile(plan, source, target);
        CompiledPlan none = PlanCompiler.compile(plan(", configs: none"), source, cluster("tgt", 3,
                topic("sfdc.cdc.account", 6, 3, Map.of("retention.ms", "2"))));

        assertThat(synced.topicActions().get(0).kind()).isEqualTo(Kind.NONE);
        assertThat(none.topicActions()).extracting(TopicAction::kind).containsExactly(Kind.NONE, Kind.CREATE);
        assertThat(none.topicActions().get(1).configsToSet()).isEmpty();
    }

    @Test
    void only_selected_topics_and_groups_are_compiled_in_name_order() {
        ClusterSnapshot source = new ClusterSnapshot("src", 3, topics(
                topic("sfdc.cdc.case", 1, 1, Map.of()), topic("sfdc.cdc.account", 1, 1, Map.of()),
                topic("sfdc.tmp", 1, 1, Map.of()), topic("billing", 1, 1, Map.of()),
                topic("__consumer_offsets", 50, 3, Map.of())),
                Map.of("sfdc-warehouse-sink", group("sfdc-warehouse-sink", 10), "billing-app", group("billing-app", 0),
                        "sfdc-notify", group("sfdc-notify", -1)));

        CompiledPlan compiled = PlanCompiler.compile(plan, source, cluster("tgt", 3));

        assertThat(compiled.selectedTopics()).containsExactly("sfdc.cdc.account", "sfdc.cdc.case");
        assertThat(compiled.selectedGroups()).extracting(GroupSnapshot::groupId)
                .containsExactly("sfdc-notify", "sfdc-warehouse-sink");
        assertThat(compiled.warnings()).isEmpty();
    }

    @Test
    void names_in_the_plan_that_the_source_lacks_are_warned_about() {
        CompiledPlan compiled = PlanCompiler.compile(plan, cluster("src", 3), cluster("tgt", 3));

        assertThat(compiled.warnings()).containsExactly(
                "no source topic matches topics.include/exclude: nothing would move",
                "producer account-cdc writes sfdc.cdc.account, which the source does not have",
                "consumer group sfdc-warehouse-sink has no committed offsets on the source");
    }

    static Plan plan(String topicsExtra) {
        try {
            return PlanParser.parse(PLAN.formatted(topicsExtra), "compile-test.yaml");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static ClusterSnapshot cluster(String id, int brokers, TopicSnapshot... topics) {
        return new ClusterSnapshot(id, brokers, topics(topics), Map.of());
    }

    static Map<String, TopicSnapshot> topics(TopicSnapshot... topics) {
        Map<String, TopicSnapshot> byName = new HashMap<>();
        Arrays.stream(topics).forEach(t -> byName.put(t.name(), t));
        return byName;
    }

    static TopicSnapshot topic(String name, int partitions, int rf, Map<String, String> overrides) {
        return new TopicSnapshot(name, partitions, (short) rf, overrides);
    }

    static GroupSnapshot group(String id, long lag) {
        return new GroupSnapshot(id, "Stable", 1, Map.of("sfdc.cdc.account", Map.of(0, 42L)), lag);
    }
}
