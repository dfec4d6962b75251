package dev.cutover.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.engine.Planner;
import dev.cutover.engine.mirror.MirrorConnectors;
import dev.cutover.engine.mirror.MirrorJob;
import dev.cutover.engine.mirror.MirrorOwnTopics;
import dev.cutover.plans.Plan;
import dev.cutover.plans.compile.CompiledPlan;
import dev.cutover.plans.compile.GroupSnapshot;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The connectors `cutover plan` shows for {@code mirror.engine: connect}: named after the plan (a rerun
 * finds them), exactly-once copying with identity naming, checkpoints never committed to target groups,
 * and secrets only as the placeholders the plan writes.
 */
class MirrorOnConnectTest {

    private static final Plan PLAN = Planner.parse("""
            version: 1
            name: sfdc-move
            clusters:
              source:
                bootstrap: old:9092
                properties:
                  security.protocol: SASL_SSL
                  sasl.mechanism: SCRAM-SHA-512
                  sasl.jaas.config: ${env:SOURCE_JAAS}
              target: {bootstrap: "new:9092"}
            topics: {include: ["sfdc\\\\..*"]}
            mirror:
              engine: connect
              connect: {url: "http://connect:8083", headers: {Authorization: "${env:CONNECT_AUTH}"}}
              tasks: 4
              properties: {producer.compression.type: zstd}
            """, "plan.yaml");

    @Test
    void theConnectorsAreNamedAfterThePlanAndCopyExactlyOnceWithIdentityNaming() {
        MirrorConnectors shown = MirrorOnConnect.shown(compiled(List.of("sfdc.cdc.account", "sfdc.pe.order"), List.of("warehouse")));

        assertThat(shown.sourceName()).isEqualTo("cutover-sfdc-move-mirror-source");
        assertThat(shown.checkpointName()).isEqualTo("cutover-sfdc-move-mirror-checkpoint");
        assertThat(shown.source())
                .containsEntry("connector.class", "org.apache.kafka.connect.mirror.MirrorSourceConnector")
                .containsEntry("tasks.max", "4")
                .containsEntry("exactly.once.support", "required")
                .containsEntry("transaction.boundary", "interval")
                .containsEntry("source.consumer.isolation.level", "read_committed")
                .containsEntry("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy")
                .containsEntry("topics", "\\Qsfdc.cdc.account\\E,\\Qsfdc.pe.order\\E")
                .containsEntry("source.cluster.bootstrap.servers", "old:9092")
                .containsEntry("target.cluster.bootstrap.servers", "new:9092")
                .containsEntry("producer.compression.type", "zstd")
                .containsEntry("sync.topic.configs.enabled", "false")
                .containsEntry("offset-syncs.topic.replication.factor", "-1");
        assertThat(shown.checkpoint())
                .containsEntry("connector.class", "org.apache.kafka.connect.mirror.MirrorCheckpointConnector")
                .containsEntry("groups", "\\Qwarehouse\\E")
                .containsEntry("sync.group.offsets.enabled", "false");
    }

    @Test
    void aSecretIsShownOnlyAsThePlaceholderThePlanWrites() {
        MirrorConnectors shown = MirrorOnConnect.shown(compiled(List.of("sfdc.cdc.account"), List.of()));

        assertThat(shown.source()).containsEntry("source.cluster.sasl.jaas.config", "${env:SOURCE_JAAS}")
                .containsEntry("source.consumer.sasl.jaas.config", "${env:SOURCE_JAAS}");
    }

    @Test
    void theReverseConnectorCopiesTheTargetToTheSourceThroughClientOverridesWithItsOwnOffsetsThere() {
        MirrorJob reverse = new MirrorJob(MirrorOwnTopics.TARGET, MirrorOwnTopics.SOURCE, Map.of("bootstrap.servers", "new:9092"),
                Map.of("bootstrap.servers", "old:9092", "sasl.jaas.config", "secret-jaas"), List.of("sfdc.cdc.account"), List.of(), 2, Map.of());

        Map<String, String> config = MirrorConnectors.reverseConfig("sfdc-move", reverse);

        assertThat(MirrorConnectors.reverseName("sfdc-move")).isEqualTo("cutover-sfdc-move-mirror-reverse");
        assertThat(config)
                .containsEntry("source.cluster.alias", "target")
                .containsEntry("source.cluster.bootstrap.servers", "new:9092")
                .containsEntry("topics", "\\Qsfdc.cdc.account\\E")
                .containsEntry("exactly.once.support", "required")
                // Connect writes to the cluster beside it unless told: the copies, the offsets and their reader go to the source.
                .containsEntry("producer.override.bootstrap.servers", "old:9092")
                .containsEntry("producer.override.sasl.jaas.config", "secret-jaas")
                .containsEntry("consumer.override.bootstrap.servers", "old:9092")
                .containsEntry("admin.override.bootstrap.servers", "old:9092")
                .containsEntry("offsets.storage.topic", "cutover-sfdc-move-mirror-reverse-offsets");
    }

    @Test
    void offsetsAreWrittenAsTheLastCopiedOffsetAndAnEmptyPartitionIsLeftOut() {
        String body = MirrorSourceOffsets.document("target", Map.of(new TopicPartition("t", 1), 42L, new TopicPartition("t", 0), 0L));

        assertThat(body).isEqualTo("{\"offsets\":[{\"partition\":{\"cluster\":\"target\",\"topic\":\"t\",\"partition\":1},"
                + "\"offset\":{\"offset\":41}}]}");
    }

    /** The plan as compiled against clusters holding these topics and groups. */
    private static CompiledPlan compiled(List<String> topics, List<String> groups) {
        return new CompiledPlan(PLAN, topics, List.of(),
                groups.stream().map(g -> new GroupSnapshot(g, "Stable", 1, Map.of(), 0)).toList(), List.of(), "f", List.of());
    }
}
