package dev.cutover.plans.compile;

import static dev.cutover.plans.compile.PlanCompilerTest.cluster;
import static dev.cutover.plans.compile.PlanCompilerTest.group;
import static dev.cutover.plans.compile.PlanCompilerTest.plan;
import static dev.cutover.plans.compile.PlanCompilerTest.topic;
import static dev.cutover.plans.compile.PlanCompilerTest.topics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.plans.Plan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private final Plan plan = plan("");
    private final ClusterSnapshot source = new ClusterSnapshot("src", 3,
            topics(topic("sfdc.cdc.account", 6, 3, Map.of()), topic("billing", 1, 1, Map.of())),
            Map.of("sfdc-warehouse-sink", group("sfdc-warehouse-sink", 10)));
    private final ClusterSnapshot emptyTarget = cluster("tgt", 3);

    @Test
    void the_fingerprint_ignores_lags_and_the_targets_topics() {
        ClusterSnapshot laterSource = new ClusterSnapshot("src", 3,
                topics(topic("sfdc.cdc.account", 6, 3, Map.of("retention.ms", "1")), topic("billing", 4, 1, Map.of())),
                Map.of("sfdc-warehouse-sink", group("sfdc-warehouse-sink", 99_999)));
        // What the topics gate leaves behind on the target.
        ClusterSnapshot preparedTarget = cluster("tgt", 3, topic("sfdc.cdc.account", 6, 3, Map.of()));

        String atPlanTime = PlanCompiler.compile(plan, source, emptyTarget).fingerprint();

        assertThat(PlanCompiler.fingerprint(plan, laterSource, preparedTarget)).isEqualTo(atPlanTime);
        assertThat(atPlanTime).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void the_fingerprint_changes_with_a_partition_count_a_new_topic_a_cluster_id_or_the_text() {
        String atPlanTime = PlanCompiler.fingerprint(plan, source, emptyTarget);

        ClusterSnapshot morePartitions = cluster("src", 3, topic("sfdc.cdc.account", 8, 3, Map.of()));
        ClusterSnapshot newTopic = cluster("src", 3, topic("sfdc.cdc.account", 6, 3, Map.of()),
                topic("sfdc.cdc.case", 1, 3, Map.of()));
        ClusterSnapshot otherCluster = cluster("other", 3, topic("sfdc.cdc.account", 6, 3, Map.of()));

        assertThat(PlanCompiler.fingerprint(plan, morePartitions, emptyTarget)).isNotEqualTo(atPlanTime);
        assertThat(PlanCompiler.fingerprint(plan, newTopic, emptyTarget)).isNotEqualTo(atPlanTime);
        assertThat(PlanCompiler.fingerprint(plan, otherCluster, emptyTarget)).isNotEqualTo(atPlanTime);
        assertThat(PlanCompiler.fingerprint(plan, source, cluster("other", 3))).isNotEqualTo(atPlanTime);
        assertThat(PlanCompiler.fingerprint(plan(", configs: none"), source, emptyTarget)).isNotEqualTo(atPlanTime);
    }

    @Test
    void the_facts_round_trip_through_their_description() {
        FingerprintFacts facts = FingerprintFacts.of(plan, source, emptyTarget);

        assertThat(facts.describe()).hasSize(4).endsWith("source-topic sfdc.cdc.account partitions=6");
        assertThat(FingerprintFacts.parse(facts.describe())).isEqualTo(facts);
        assertThat(FingerprintFacts.parse(facts.describe()).fingerprint()).isEqualTo(facts.fingerprint());
    }

    @Test
    void staleness_explains_what_changed() {
        List<String> stored = FingerprintFacts.of(plan, source, emptyTarget).describe();
        ClusterSnapshot now = cluster("src2", 3, topic("sfdc.cdc.account", 8, 3, Map.of()),
                topic("sfdc.cdc.case", 1, 3, Map.of()));

        List<String> changes = StalenessCheck.changes(stored, FingerprintFacts.of(plan(", configs: none"), now, emptyTarget));

        assertThat(changes).containsExactly(
                "the plan file changed",
                "source cluster id changed (src -> src2): the source address now points at another cluster",
                "sfdc.cdc.account: 6 -> 8 partitions on source",
                "topic sfdc.cdc.case now selected");
    }

    @Test
    void staleness_reports_a_topic_that_went_away_and_nothing_when_nothing_changed() {
        FingerprintFacts before = FingerprintFacts.of(plan, source, emptyTarget);
        FingerprintFacts gone = FingerprintFacts.of(plan, cluster("src", 3), emptyTarget);

        assertThat(StalenessCheck.changes(before, before)).isEmpty();
        assertThat(StalenessCheck.changes(before, gone)).containsExactly(
                "topic sfdc.cdc.account no longer selected (deleted on source, or the plan's patterns changed)");
    }
}
